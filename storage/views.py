"""Decrypted, read-only views the Store returns (frozen dataclasses, no database session)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class ManagerView:
    """A manager (or HR admin) account."""

    id: int
    external_id: str
    role: str
    language: str | None
    reminders_enabled: bool
    consent: dict[str, Any]
    created_at: datetime
    digest_weekday: int | None = None  # 0 = Monday; None: no weekly digest


@dataclass(frozen=True)
class SkillView:
    """One item of a skills passport: a skill seen, wanted, or needed by the team."""

    kind: str  # seen | wanted | needed
    label: str  # as the manager (first) wrote it
    key: str  # the normalised form: one item per key and kind
    source: str | None = None  # prep | reflect | manual; None for items from before
    added: date | None = None
    code: str | None = None  # a skills-taxonomy identifier (CompetentNL); never invented


@dataclass(frozen=True)
class EmployeeView:
    """An employee of one manager, with decrypted name and skills passport."""

    id: int
    name: str
    skills: list[str] = field(default_factory=list)  # labels of the skills seen
    ambitions: list[str] = field(default_factory=list)  # labels of the skills wanted
    created_at: datetime | None = None
    needs: list[str] = field(default_factory=list)  # labels of what the team will need
    passport: list[SkillView] = field(default_factory=list)  # every item, by kind


@dataclass(frozen=True)
class NoteView:
    """A private note about one employee."""

    id: int
    employee_id: int
    kind: str
    body: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class OneOnOneView:
    """A development conversation: preparation card, answers, reflection."""

    id: int
    employee_id: int
    planned_for: date | None
    status: str
    preparation: str | None
    preparation_answers: dict[str, Any]
    reflection: str | None
    created_at: datetime


@dataclass(frozen=True)
class ActionItemView:
    """An agreement made with an employee."""

    id: int
    employee_id: int
    one_on_one_id: int | None
    text: str
    owner: str
    due: date | None
    done: bool
    created_at: datetime
    on_day: bool = False  # it happens on ``due`` ("on Friday"), rather than by it


@dataclass(frozen=True)
class ReminderView:
    """A scheduled reminder, with the manager's external id so the bot knows whom to message."""

    id: int
    manager_id: int
    external_id: str
    kind: str
    due_at: datetime
    payload: dict[str, Any]
    sent_at: datetime | None = None  # set once it went out (or was made moot)


@dataclass(frozen=True)
class AuditView:
    """One audit event: who did what to which record, and when (never content)."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str


@dataclass(frozen=True)
class RotationResult:
    """What `keys rotate` did."""

    old_key_id: str
    new_key_id: str
    values: int
    key_file: str | None
    pending_key_file: str | None  # set when the key comes from the environment


@dataclass(frozen=True)
class TeamMemberView:
    """One employee as the team overview sees them: passport, talks, open agreements."""

    employee: EmployeeView
    talks: list[tuple[date, str]]  # (planned day, or the day it was started; status), oldest first
    open_due: list[date | None]  # due dates of the open agreements
