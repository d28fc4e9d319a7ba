"""The Store: every read and write of personal data, scoped by manager, encrypted at rest."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import secrets
import threading
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, case, delete, func, or_, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.settings import Settings
from storage import db, export, exports, keys, passport
from storage.crypto import CIPHER_NAME, Cipher, KeyProblem, normalize_name
from storage.locks import TurnLocks
from storage.models import (
    NOTE_KINDS,
    ONE_ON_ONE_STATUSES,
    OWNERS,
    REMINDER_KINDS,
    ROLES,
    SKILL_COLUMNS,
    SKILL_KINDS,
    ActionItem,
    AuditEvent,
    Employee,
    FlowState,
    InviteCode,
    KeyValue,
    Manager,
    Note,
    OneOnOne,
    RateCount,
    Reminder,
    StorageModel,
    associated_data,
    kv_scope,
    manager_scope,
    utcnow,
)
from storage.views import (
    ActionItemView,
    AuditView,
    EmployeeView,
    ManagerView,
    NoteView,
    OneOnOneView,
    ReminderView,
    RotationResult,
    SkillView,
    TeamMemberView,
)

__all__ = [
    "ActionItemView",
    "AuditView",
    "EmployeeView",
    "KeyProblem",
    "ManagerView",
    "NotFound",
    "NoteView",
    "OneOnOneView",
    "ReminderView",
    "RotationResult",
    "SkillView",
    "Store",
    "TeamMemberView",
]

log = logging.getLogger(__name__)

M = TypeVar("M", bound=StorageModel)

MAX_NAME = 200
MAX_ID = 128
EXPORT_FORMATS = ("json", "md")


class NotFound(Exception):
    """No such record for this manager (also when it exists but belongs to someone else)."""


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def _display_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValueError("an employee needs a name")
    if len(cleaned) > MAX_NAME:
        raise ValueError(f"an employee name is at most {MAX_NAME} characters")
    return cleaned


SKILL_SOURCES = ("prep", "reflect", "manual")
MAX_SKILLS = 40  # items of one kind per employee; a passport, not a CV


def _labels(
    kind: str, values: list[str], old: list[SkillView], source: str, today: date
) -> list[SkillView]:
    # An item the list keeps keeps its date and origin; a new one gets `today` and `source`.
    known = {item.key: item for item in old}
    items = []
    for value in values:
        label = passport.clean_label(value)
        if not label:
            continue
        key = passport.skill_key(label)
        added = today
        items.append(known.get(key) or SkillView(kind, label, key, source=source, added=added))
    return passport.unique(items)[:MAX_SKILLS]


def _aware(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"{what} must be timezone-aware (UTC)")
    return moment.astimezone(UTC)


def _col(model: type[StorageModel], name: str) -> Any:
    # Generic helpers pick columns at runtime; SQLModel's static types cannot express that.
    return getattr(model, name)


def _mentions(value: Any, employee_id: int) -> bool:
    """True when a JSON value refers to the employee anywhere ({"employee_id": N}, nested)."""
    if isinstance(value, Mapping):
        return any(
            (key == "employee_id" and item == employee_id and not isinstance(item, bool))
            or _mentions(item, employee_id)
            for key, item in value.items()
        )
    if isinstance(value, list):
        return any(_mentions(item, employee_id) for item in value)
    return False


def _employee_ref(value: Mapping[str, Any] | None) -> int | None:
    ref = value.get("employee_id") if isinstance(value, Mapping) else None
    return ref if isinstance(ref, int) and not isinstance(ref, bool) else None


class Store:
    """Repository for managers, employees, notes, one-on-ones, agreements and bot state.

    Every method is keyword-only. Methods taking `manager_id` filter by it in SQL: another
    manager's ids raise NotFound, lists come back empty. Sessions are per call, so one Store
    is safe to share between threads and concurrent handlers.
    """

    def __init__(
        self, *, engine: Engine, cipher: Cipher, settings: Settings, key: keys.LoadedKey
    ) -> None:
        self._engine = engine
        self._writer = db.writer(engine)
        # SQLite has one writer at a time. Threads of this process queue on a lock, which hands
        # over at once, instead of on SQLite's busy handler, which sleeps in growing steps (up
        # to 100 ms) and made turns wait for nothing under load. Other processes on the same
        # file still queue on busy_timeout.
        self._write_gate: AbstractContextManager[Any] = (
            threading.RLock() if engine.dialect.name == "sqlite" else nullcontext()
        )
        self._cipher = cipher
        self._settings = settings
        self._key = key
        # One turn at a time per manager (across workers on PostgreSQL).
        self.turn_locks = TurnLocks(engine)

    # --- lifecycle ----------------------------------------------------------------------------

    @classmethod
    def open(cls, settings: Settings) -> Store:
        """Open the database, migrate it to the newest schema and load (or create) the key."""
        settings.ensure_data_dir()
        engine = db.make_engine(settings.db_url)
        try:
            db.migrate(engine)
            cipher, key = keys.load_key(settings, engine)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine=engine, cipher=cipher, settings=settings, key=key)

    def close(self) -> None:
        """Release every database connection."""
        self.turn_locks.close()
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ping(self) -> bool:
        """True when the database answers (for health checks)."""
        with self._engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return True

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for maintenance commands and tests)."""
        return self._engine

    @property
    def key_id(self) -> str:
        """Hex id of the encryption key in use."""
        return self._cipher.key_id

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        # Commits when the block ends; a method returns only after its commit succeeded, so
        # whatever the bot confirms to the user is on disk.
        with self._write_gate, Session(self._writer) as session, session.begin():
            yield session

    # --- encryption helpers -------------------------------------------------------------------

    def _seal(self, model: type[StorageModel], column: str, scope: str, value: Any) -> bytes:
        ad = associated_data(model, column, scope)
        if isinstance(value, str):
            return self._cipher.encrypt_text(value, ad)
        return self._cipher.encrypt_json(value, ad)

    def _open_text(self, row: StorageModel, column: str, scope: str) -> str | None:
        blob = getattr(row, column)
        if blob is None:
            return None
        return self._cipher.decrypt_text(blob, associated_data(type(row), column, scope))

    def _open_json(self, row: StorageModel, column: str, scope: str) -> Any:
        blob = getattr(row, column)
        if blob is None:
            return None
        return self._cipher.decrypt_json(blob, associated_data(type(row), column, scope))

    # --- views --------------------------------------------------------------------------------

    @staticmethod
    def _manager_view(row: Manager) -> ManagerView:
        assert row.id is not None
        return ManagerView(
            id=row.id,
            external_id=row.external_id,
            role=row.role,
            language=row.language,
            reminders_enabled=row.reminders_enabled,
            consent=dict(row.consent or {}),
            created_at=row.created_at,
            digest_weekday=row.digest_weekday,
        )

    @property
    def _zone(self) -> ZoneInfo:
        """The deployment's time zone: days and times are read there, as the bot says them."""
        return ZoneInfo(self._settings.timezone)

    def _today(self) -> date:
        """Today in the configured time zone: a skill noted at 00:30 in Amsterdam is dated that
        day, as the card and the notes beside it are."""
        return utcnow().astimezone(self._zone).date()

    def _passport(self, row: Employee) -> dict[str, list[SkillView]]:
        scope = manager_scope(row.manager_id)
        found: dict[str, list[SkillView]] = {}
        for kind, column in SKILL_COLUMNS.items():
            raw = self._open_json(row, column, scope) or []
            views = [passport.item_view(kind, item) for item in raw if isinstance(item, dict)]
            found[kind] = passport.unique(v for v in views if v is not None)
        return found

    def _seal_passport(self, row: Employee, kind: str, items: list[SkillView]) -> None:
        column = SKILL_COLUMNS[kind]
        value = [passport.item_json(item) for item in items]
        setattr(row, column, self._seal(Employee, column, manager_scope(row.manager_id), value))

    def _employee_view(self, row: Employee) -> EmployeeView:
        assert row.id is not None
        scope = manager_scope(row.manager_id)
        items = self._passport(row)
        return EmployeeView(
            id=row.id,
            name=self._open_text(row, "name_enc", scope) or "",
            skills=[item.label for item in items["seen"]],
            ambitions=[item.label for item in items["wanted"]],
            created_at=row.created_at,
            needs=[item.label for item in items["needed"]],
            passport=[item for kind in SKILL_KINDS for item in items[kind]],
        )

    def _note_view(self, row: Note) -> NoteView:
        assert row.id is not None
        return NoteView(
            id=row.id,
            employee_id=row.employee_id,
            kind=row.kind,
            body=self._open_text(row, "body_enc", manager_scope(row.manager_id)) or "",
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def _one_on_one_view(self, row: OneOnOne) -> OneOnOneView:
        assert row.id is not None
        scope = manager_scope(row.manager_id)
        return OneOnOneView(
            id=row.id,
            employee_id=row.employee_id,
            planned_for=row.planned_for,
            status=row.status,
            preparation=self._open_text(row, "preparation_enc", scope),
            preparation_answers=self._open_json(row, "answers_enc", scope) or {},
            reflection=self._open_text(row, "reflection_enc", scope),
            created_at=row.created_at,
        )

    def _action_item_view(self, row: ActionItem) -> ActionItemView:
        assert row.id is not None
        return ActionItemView(
            id=row.id,
            employee_id=row.employee_id,
            one_on_one_id=row.one_on_one_id,
            text=self._open_text(row, "text_enc", manager_scope(row.manager_id)) or "",
            owner=row.owner,
            due=row.due,
            done=row.done,
            created_at=row.created_at,
            on_day=row.on_day,
        )

    def _reminder_view(self, row: Reminder, external_id: str) -> ReminderView:
        assert row.id is not None
        return ReminderView(
            id=row.id,
            manager_id=row.manager_id,
            external_id=external_id,
            kind=row.kind,
            due_at=row.due_at,
            payload=self._open_json(row, "payload_enc", manager_scope(row.manager_id)) or {},
            sent_at=row.sent_at,
        )

    # --- scoped lookups -----------------------------------------------------------------------

    @staticmethod
    def _manager(session: Session, manager_id: int) -> Manager:
        row = session.exec(select(Manager).where(Manager.id == manager_id)).first()
        if row is None:
            raise NotFound(f"manager {manager_id} not found")
        return row

    @staticmethod
    def _owned(session: Session, model: type[M], row_id: int, manager_id: int) -> M:
        # The manager filter is part of the SQL: a foreign id behaves exactly like a missing one.
        row = session.exec(
            select(model).where(
                _col(model, "id") == row_id,
                _col(model, "manager_id") == manager_id,
            )
        ).first()
        if row is None:
            raise NotFound(f"{model.__tablename__} {row_id} not found")
        return row

    # --- managers -----------------------------------------------------------------------------

    def ensure_manager(
        self, *, external_id: str, role: str = "manager", language: str | None = None
    ) -> ManagerView:
        """The manager with this external id, created on first contact (role is not changed)."""
        _choice(role, ROLES, "role")
        if not external_id or len(external_id) > MAX_ID:
            raise ValueError(f"external_id must be 1 to {MAX_ID} characters")
        query = select(Manager).where(Manager.external_id == external_id)
        # Every turn calls this: a known manager costs a read, not a write transaction.
        with self._read() as session:
            known = session.exec(query).first()
            if known is not None and not (language and not known.language):
                return self._manager_view(known)
        with self._write() as session:
            row = session.exec(query).first()
            if row is None:
                try:
                    with session.begin_nested():
                        row = Manager(external_id=external_id, role=role, language=language)
                        session.add(row)
                    log.info("new %s account %s", role, row.id)
                except IntegrityError:  # a concurrent first message created it
                    row = session.exec(query).one()
            elif language and not row.language:
                row.language = language
                row.updated_at = utcnow()
                session.add(row)
            session.flush()
            return self._manager_view(row)

    def get_manager(self, *, external_id: str) -> ManagerView | None:
        """The manager with this external id, or None."""
        with self._read() as session:
            row = session.exec(select(Manager).where(Manager.external_id == external_id)).first()
            return self._manager_view(row) if row is not None else None

    def update_manager(
        self,
        *,
        manager_id: int,
        language: str | None = None,
        reminders_enabled: bool | None = None,
        role: str | None = None,
        consent: dict[str, Any] | None = None,
    ) -> ManagerView:
        """Change the given fields (consent replaces the whole dict); None leaves a field."""
        with self._write() as session:
            row = self._manager(session, manager_id)
            if language is not None:
                row.language = language
            if reminders_enabled is not None:
                row.reminders_enabled = reminders_enabled
            if role is not None:
                row.role = _choice(role, ROLES, "role")
            if consent is not None:
                row.consent = dict(consent)
            row.updated_at = utcnow()
            session.add(row)
            session.flush()
            return self._manager_view(row)

    # --- employees ----------------------------------------------------------------------------

    def add_employee(self, *, manager_id: int, name: str) -> EmployeeView:
        """Add an employee; returns the existing one when the name is known (case-insensitive)."""
        display = _display_name(name)
        name_hash = self._cipher.lookup_hash(display)
        query = select(Employee).where(
            Employee.manager_id == manager_id, Employee.name_hash == name_hash
        )
        with self._write() as session:
            self._manager(session, manager_id)
            row = session.exec(query).first()
            if row is None:
                try:
                    with session.begin_nested():
                        row = Employee(
                            manager_id=manager_id,
                            name_hash=name_hash,
                            name_enc=self._seal(
                                Employee, "name_enc", manager_scope(manager_id), display
                            ),
                        )
                        session.add(row)
                    log.info("manager %s added employee %s", manager_id, row.id)
                except IntegrityError:
                    row = session.exec(query).one()
            return self._employee_view(row)

    def find_employee(self, *, manager_id: int, name: str) -> EmployeeView | None:
        """This manager's employee with that name (case-insensitive), or None."""
        if not name.strip():
            return None
        name_hash = self._cipher.lookup_hash(name)
        with self._read() as session:
            row = session.exec(
                select(Employee).where(
                    Employee.manager_id == manager_id, Employee.name_hash == name_hash
                )
            ).first()
            return self._employee_view(row) if row is not None else None

    def get_employee(self, *, manager_id: int, employee_id: int) -> EmployeeView:
        """One of this manager's employees by id (NotFound otherwise)."""
        with self._read() as session:
            return self._employee_view(self._owned(session, Employee, employee_id, manager_id))

    def list_employees(self, *, manager_id: int) -> list[EmployeeView]:
        """This manager's employees, sorted by name."""
        with self._read() as session:
            rows = session.exec(select(Employee).where(Employee.manager_id == manager_id)).all()
            views = [self._employee_view(row) for row in rows]
        return sorted(views, key=lambda view: (normalize_name(view.name), view.id))

    def update_employee(
        self,
        *,
        manager_id: int,
        employee_id: int,
        skills: list[str] | None = None,
        ambitions: list[str] | None = None,
    ) -> EmployeeView:
        """Replace the skills seen and/or wanted (labels; kept items keep their date)."""
        with self._write() as session:
            row = self._owned(session, Employee, employee_id, manager_id)
            items = self._passport(row)
            for kind, values in (("seen", skills), ("wanted", ambitions)):
                if values is not None:
                    fresh = _labels(kind, values, items[kind], "manual", self._today())
                    self._seal_passport(row, kind, fresh)
            row.updated_at = utcnow()
            session.add(row)
            session.flush()
            return self._employee_view(row)

    # --- skills passport ----------------------------------------------------------------------

    def _owned_for_update(self, session: Session, employee_id: int, manager_id: int) -> Employee:
        # The passport is read, changed and written back: PostgreSQL locks the row meanwhile
        row = session.exec(
            select(Employee)
            .where(Employee.id == employee_id, Employee.manager_id == manager_id)
            .with_for_update()
        ).first()
        if row is None:
            raise NotFound(f"employee {employee_id} not found")
        return row

    def add_skills(
        self,
        *,
        manager_id: int,
        employee_id: int,
        items: list[tuple[str, str]],
        source: str,
    ) -> EmployeeView:
        """Add (kind, label) items dated today; a label the kind already holds is not doubled."""
        _choice(source, SKILL_SOURCES, "source")
        for kind, _ in items:
            _choice(kind, SKILL_KINDS, "kind")
        with self._write() as session:
            row = self._owned_for_update(session, employee_id, manager_id)
            now = self._passport(row)
            for kind in SKILL_KINDS:
                labels = [label for k, label in items if k == kind]
                if labels:
                    old = now[kind]
                    merged = _labels(
                        kind, [i.label for i in old] + labels, old, source, self._today()
                    )
                    self._seal_passport(row, kind, merged)
            row.updated_at = utcnow()
            session.add(row)
            session.flush()
            return self._employee_view(row)

    def remove_skills(
        self, *, manager_id: int, employee_id: int, key: str, kind: str | None = None
    ) -> list[SkillView]:
        """Remove the items with this key (of one kind, or of every kind); the ones removed."""
        if kind is not None:
            _choice(kind, SKILL_KINDS, "kind")
        with self._write() as session:
            row = self._owned_for_update(session, employee_id, manager_id)
            removed: list[SkillView] = []
            for each, items in self._passport(row).items():
                if kind not in (None, each):
                    continue
                kept = [i for i in items if i.key != key]
                if len(kept) != len(items):
                    removed += [i for i in items if i.key == key]
                    self._seal_passport(row, each, kept)
            if removed:
                row.updated_at = utcnow()
                session.add(row)
            return removed

    def merge_skills(self, *, manager_id: int, keep: str, drop: str) -> int:
        """Make every item keyed ``drop`` the item ``keep`` (its label), team-wide; how many.

        Only ever called after the manager said the two are the same skill.
        """
        if keep == drop:
            return 0
        with self._write() as session:
            rows = session.exec(
                select(Employee).where(Employee.manager_id == manager_id).with_for_update()
            ).all()
            passports = {row.id: self._passport(row) for row in rows}
            label = next(
                (
                    item
                    for items in passports.values()
                    for kind in SKILL_KINDS
                    for item in items[kind]
                    if item.key == keep
                ),
                None,
            )
            if label is None:
                return 0
            changed = 0
            for row in rows:
                for kind, items in passports[row.id].items():
                    if not any(i.key == drop for i in items):
                        continue
                    renamed = [
                        dataclasses.replace(i, label=label.label, key=keep, code=label.code)
                        if i.key == drop
                        else i
                        for i in items
                    ]
                    self._seal_passport(row, kind, passport.unique(renamed))
                    row.updated_at = utcnow()
                    session.add(row)
                    changed += 1
            return changed

    def team(self, *, manager_id: int) -> list[TeamMemberView]:
        """Every employee with their passport, talk dates and open agreements' due dates.

        Three queries whatever the team's size; the talks and agreements are not decrypted.
        """
        with self._read() as session:
            self._manager(session, manager_id)
            rows = session.exec(select(Employee).where(Employee.manager_id == manager_id)).all()
            talks: dict[int, list[tuple[date, str]]] = defaultdict(list)
            for employee_id, planned, created, status in session.exec(
                select(
                    col(OneOnOne.employee_id),
                    col(OneOnOne.planned_for),
                    col(OneOnOne.created_at),
                    col(OneOnOne.status),
                ).where(OneOnOne.manager_id == manager_id)
            ).all():
                day = planned or created.astimezone(self._zone).date()
                talks[employee_id].append((day, status))
            due: dict[int, list[date | None]] = defaultdict(list)
            for employee_id, due_day in session.exec(
                select(col(ActionItem.employee_id), col(ActionItem.due)).where(
                    ActionItem.manager_id == manager_id,
                    ActionItem.done == False,  # noqa: E712 - SQL expression
                )
            ).all():
                due[employee_id].append(due_day)
            views = [self._employee_view(row) for row in rows]
        members = [
            TeamMemberView(employee=v, talks=sorted(talks[v.id]), open_due=due[v.id])
            for v in views
        ]
        return sorted(members, key=lambda m: (normalize_name(m.employee.name), m.employee.id))

    # --- the weekly digest --------------------------------------------------------------------

    def set_digest(self, *, manager_id: int, weekday: int | None) -> ManagerView:
        """Send the weekly digest on ``weekday`` (0 = Monday), or not at all (None)."""
        if weekday is not None and not 0 <= weekday <= 6:
            raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
        with self._write() as session:
            row = self._manager(session, manager_id)
            row.digest_weekday = weekday
            row.updated_at = utcnow()
            session.add(row)
            session.flush()
            return self._manager_view(row)

    def digest_due(self, *, weekday: int, day: date) -> list[ManagerView]:
        """Managers whose digest goes out on this weekday and has not gone out on ``day``."""
        with self._read() as session:
            rows = session.exec(
                select(Manager).where(
                    Manager.digest_weekday == weekday,
                    Manager.reminders_enabled == true(),
                    or_(col(Manager.digest_sent_on).is_(None), col(Manager.digest_sent_on) < day),
                )
            ).all()
            return [self._manager_view(row) for row in rows]

    def claim_digest(self, *, manager_id: int, day: date) -> bool:
        """Mark the digest of ``day`` as this worker's to send; False when another has it."""
        with self._write() as session:
            result = session.connection().execute(
                update(Manager)
                .where(
                    col(Manager.id) == manager_id,
                    or_(col(Manager.digest_sent_on).is_(None), col(Manager.digest_sent_on) < day),
                )
                .values(digest_sent_on=day)
            )
            return bool(result.rowcount)

    # --- notes --------------------------------------------------------------------------------

    def add_note(
        self, *, manager_id: int, employee_id: int, body: str, kind: str = "free"
    ) -> NoteView:
        """Store a note about one of this manager's employees (committed when this returns)."""
        _choice(kind, NOTE_KINDS, "kind")
        if not body.strip():
            raise ValueError("a note needs text")
        with self._write() as session:
            self._owned(session, Employee, employee_id, manager_id)
            now = utcnow()
            row = Note(
                manager_id=manager_id,
                employee_id=employee_id,
                kind=kind,
                body_enc=self._seal(Note, "body_enc", manager_scope(manager_id), body),
                created_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            log.debug("manager %s stored %s note %s", manager_id, kind, row.id)
            return self._note_view(row)

    def list_notes(
        self, *, manager_id: int, employee_id: int, limit: int | None = None
    ) -> list[NoteView]:
        """Notes about one employee, newest first."""
        with self._read() as session:
            self._owned(session, Employee, employee_id, manager_id)
            query = (
                select(Note)
                .where(Note.manager_id == manager_id, Note.employee_id == employee_id)
                .order_by(col(Note.created_at).desc(), col(Note.id).desc())
            )
            if limit is not None:
                query = query.limit(limit)
            return [self._note_view(row) for row in session.exec(query).all()]

    # --- one-on-ones --------------------------------------------------------------------------

    def start_one_on_one(
        self, *, manager_id: int, employee_id: int, planned_for: date | None = None
    ) -> OneOnOneView:
        """Open a new one-on-one record (status preparing)."""
        with self._write() as session:
            self._owned(session, Employee, employee_id, manager_id)
            row = OneOnOne(manager_id=manager_id, employee_id=employee_id, planned_for=planned_for)
            session.add(row)
            session.flush()
            return self._one_on_one_view(row)

    def save_preparation(
        self,
        *,
        manager_id: int,
        one_on_one_id: int,
        card: str,
        answers: dict[str, Any],
        planned_for: date | None = None,
    ) -> OneOnOneView:
        """Store the preparation card and answers; status becomes prepared."""
        scope = manager_scope(manager_id)
        with self._write() as session:
            row = self._owned(session, OneOnOne, one_on_one_id, manager_id)
            row.preparation_enc = self._seal(OneOnOne, "preparation_enc", scope, card)
            row.answers_enc = self._seal(OneOnOne, "answers_enc", scope, dict(answers))
            if planned_for is not None:
                row.planned_for = planned_for
            if row.status in ("preparing", "prepared"):  # never move a held talk backwards
                row.status = "prepared"
            row.updated_at = utcnow()
            session.add(row)
            session.flush()
            return self._one_on_one_view(row)

    def save_reflection(
        self, *, manager_id: int, one_on_one_id: int, reflection: str, held_on: date | None = None
    ) -> OneOnOneView:
        """Store the reflection after the talk; status becomes reflected. ``held_on`` is the day
        it took place, when that is before the day it was planned for (looked back on already)."""
        with self._write() as session:
            row = self._owned(session, OneOnOne, one_on_one_id, manager_id)
            row.reflection_enc = self._seal(
                OneOnOne, "reflection_enc", manager_scope(manager_id), reflection
            )
            if held_on is not None and (row.planned_for is None or held_on < row.planned_for):
                row.planned_for = held_on
            row.status = "reflected"
            row.updated_at = utcnow()
            session.add(row)
            session.flush()
            return self._one_on_one_view(row)

    def latest_one_on_one(
        self, *, manager_id: int, employee_id: int, status: str | None = None
    ) -> OneOnOneView | None:
        """The newest one-on-one with this employee (optionally with this status)."""
        if status is not None:
            _choice(status, ONE_ON_ONE_STATUSES, "status")
        with self._read() as session:
            self._owned(session, Employee, employee_id, manager_id)
            query = select(OneOnOne).where(
                OneOnOne.manager_id == manager_id, OneOnOne.employee_id == employee_id
            )
            if status is not None:
                query = query.where(OneOnOne.status == status)
            query = query.order_by(
                col(OneOnOne.created_at).desc(),
                col(OneOnOne.id).desc(),
            )
            row = session.exec(query).first()
            return self._one_on_one_view(row) if row is not None else None

    def list_one_on_ones(
        self, *, manager_id: int, employee_id: int | None = None
    ) -> list[OneOnOneView]:
        """One-on-ones of this manager (or of one employee), newest first."""
        with self._read() as session:
            query = select(OneOnOne).where(OneOnOne.manager_id == manager_id)
            if employee_id is not None:
                self._owned(session, Employee, employee_id, manager_id)
                query = query.where(OneOnOne.employee_id == employee_id)
            query = query.order_by(
                col(OneOnOne.created_at).desc(),
                col(OneOnOne.id).desc(),
            )
            return [self._one_on_one_view(row) for row in session.exec(query).all()]

    # --- agreements ---------------------------------------------------------------------------

    def add_action_item(
        self,
        *,
        manager_id: int,
        employee_id: int,
        text: str,
        owner: str = "manager",
        due: date | None = None,
        one_on_one_id: int | None = None,
        on_day: bool = False,
    ) -> ActionItemView:
        """Record an agreement (optionally made in a given one-on-one with the same employee);
        ``on_day``: it happens on ``due`` rather than by it."""
        _choice(owner, OWNERS, "owner")
        if not text.strip():
            raise ValueError("an agreement needs text")
        with self._write() as session:
            self._owned(session, Employee, employee_id, manager_id)
            if one_on_one_id is not None:
                talk = self._owned(session, OneOnOne, one_on_one_id, manager_id)
                if talk.employee_id != employee_id:
                    raise NotFound(f"one_on_one {one_on_one_id} not found")
            row = ActionItem(
                manager_id=manager_id,
                employee_id=employee_id,
                one_on_one_id=one_on_one_id,
                text_enc=self._seal(ActionItem, "text_enc", manager_scope(manager_id), text),
                owner=owner,
                due=due,
                on_day=on_day and due is not None,
            )
            session.add(row)
            session.flush()
            return self._action_item_view(row)

    def list_action_items(
        self, *, manager_id: int, employee_id: int | None = None, open_only: bool = True
    ) -> list[ActionItemView]:
        """Agreements, open ones only by default; by due date (none last), then age."""
        with self._read() as session:
            query = select(ActionItem).where(ActionItem.manager_id == manager_id)
            if employee_id is not None:
                self._owned(session, Employee, employee_id, manager_id)
                query = query.where(ActionItem.employee_id == employee_id)
            if open_only:
                query = query.where(ActionItem.done == False)  # noqa: E712 - SQL expression
            query = query.order_by(
                col(ActionItem.due).is_(None),
                col(ActionItem.due),
                col(ActionItem.created_at),
                col(ActionItem.id),
            )
            return [self._action_item_view(row) for row in session.exec(query).all()]

    def complete_action_item(self, *, manager_id: int, item_id: int) -> ActionItemView:
        """Mark an agreement done."""
        with self._write() as session:
            row = self._owned(session, ActionItem, item_id, manager_id)
            if not row.done:
                row.done = True
                row.done_at = utcnow()
                session.add(row)
                session.flush()
            return self._action_item_view(row)

    # --- reminders ----------------------------------------------------------------------------

    def schedule_reminder(
        self, *, manager_id: int, kind: str, due_at: datetime, payload: dict[str, Any]
    ) -> ReminderView:
        """Schedule a reminder; put `employee_id` in the payload so erasing them removes it."""
        _choice(kind, REMINDER_KINDS, "kind")
        due_at = _aware(due_at, "due_at")
        with self._write() as session:
            manager = self._manager(session, manager_id)
            employee_id = _employee_ref(payload)
            if employee_id is not None:
                self._owned(session, Employee, employee_id, manager_id)
            row = Reminder(
                manager_id=manager_id,
                employee_id=employee_id,
                kind=kind,
                due_at=due_at,
                payload_enc=self._seal(
                    Reminder, "payload_enc", manager_scope(manager_id), dict(payload)
                ),
            )
            session.add(row)
            session.flush()
            return self._reminder_view(row, manager.external_id)

    def _unsent_reminders(self, *where: Any) -> list[ReminderView]:
        # Soonest first, each with its manager's external id (where the reminder goes).
        with self._read() as session:
            rows = session.exec(
                select(Reminder, Manager.external_id)
                .join(Manager, col(Manager.id) == Reminder.manager_id)
                .where(col(Reminder.sent_at).is_(None), *where)
                .order_by(col(Reminder.due_at), col(Reminder.id))
            ).all()
            return [self._reminder_view(row, external_id) for row, external_id in rows]

    def due_reminders(self, *, now: datetime) -> list[ReminderView]:
        """Unsent reminders due at `now`, of managers who have reminders on (for the scheduler)."""
        now = _aware(now, "now")
        return self._unsent_reminders(
            col(Reminder.due_at) <= now, col(Manager.reminders_enabled) == true()
        )

    def pending_reminders(self, *, manager_id: int) -> list[ReminderView]:
        """This manager's unsent reminders, soonest first."""
        return self._unsent_reminders(col(Reminder.manager_id) == manager_id)

    def claim_due_reminders(
        self,
        *,
        now: datetime,
        worker: str,
        lease: timedelta,
        limit: int = 100,
        manager_id: int | None = None,
    ) -> list[ReminderView]:
        """Claim due reminders for `worker` until now + `lease` and return them (only those of
        one manager with `manager_id`: the terminal chat shows its own manager's).

        One atomic statement: of several workers polling at once, each reminder goes to exactly
        one. A claim whose lease ran out (its worker died between claim and mark) is taken over.
        On PostgreSQL rows another worker is claiming are skipped, not waited for; SQLite takes
        its write lock at BEGIN, which serialises claimers the same way.
        """
        now = _aware(now, "now")
        claimable = (
            select(col(Reminder.id))
            .join(Manager, col(Manager.id) == Reminder.manager_id)
            .where(
                col(Reminder.sent_at).is_(None),
                col(Reminder.due_at) <= now,
                col(Manager.reminders_enabled) == true(),
                or_(col(Reminder.claimed_until).is_(None), col(Reminder.claimed_until) < now),
                true() if manager_id is None else col(Reminder.manager_id) == manager_id,
            )
            .order_by(col(Reminder.due_at), col(Reminder.id))
            .limit(limit)
            .with_for_update(skip_locked=True, of=Reminder)
        )
        with self._write() as session:
            claimed = (
                session.connection()
                .execute(
                    update(Reminder)
                    .where(col(Reminder.id).in_(claimable.scalar_subquery()))
                    .values(claimed_by=worker[:64], claimed_until=now + lease)
                    .returning(col(Reminder.id))
                )
                .scalars()
                .all()
            )
        if not claimed:
            return []
        return self._unsent_reminders(
            col(Reminder.id).in_(claimed), col(Reminder.claimed_by) == worker[:64]
        )

    def release_reminder(self, *, reminder_id: int, worker: str) -> None:
        """Give a claimed reminder back (sending failed for now): the next poll retries it."""
        with self._write() as session:
            session.connection().execute(
                update(Reminder)
                .where(col(Reminder.id) == reminder_id, col(Reminder.claimed_by) == worker[:64])
                .values(claimed_by=None, claimed_until=None)
            )

    def mark_reminder_sent(
        self,
        *,
        reminder_id: int,
        repeat_at: datetime | None = None,
        item_id: int | None = None,
    ) -> None:
        """Record that a reminder went out (no-op when it was erased meanwhile).

        With ``repeat_at`` (an agreement kept in a rhythm: "elke maandag even bellen") the
        same reminder is scheduled again for then, in the same transaction, and only by the
        call that marked it: a second mark, or an agreement ``item_id`` that is done or gone
        by now, schedules nothing.
        """
        with self._write() as session:
            marked = session.connection().execute(
                update(Reminder)
                .where(col(Reminder.id) == reminder_id, col(Reminder.sent_at).is_(None))
                .values(sent_at=utcnow(), claimed_until=None)
            )
            if repeat_at is None or not marked.rowcount:
                return
            row = session.get(Reminder, reminder_id)
            if row is None:  # pragma: no cover - just marked in this transaction
                return
            if item_id is not None:
                item = session.get(ActionItem, item_id)
                if item is None or item.done or item.manager_id != row.manager_id:
                    return
            session.add(
                Reminder(
                    manager_id=row.manager_id,
                    employee_id=row.employee_id,
                    kind=row.kind,
                    due_at=_aware(repeat_at, "repeat_at"),
                    payload_enc=row.payload_enc,  # sealed for the manager, not for the row
                )
            )

    # --- rate limits --------------------------------------------------------------------------

    def count_hit(self, *, user: str, now: datetime, window: timedelta) -> int:
        """Count one update of `user` in the current window and return the window's count.

        Every worker counts in the same row, so a limit holds across workers. Only a keyed hash
        of the user is stored, and rows of finished windows are deleted by `prune_hits`.
        """
        now = _aware(now, "now")
        key = self._cipher.lookup_hash(f"rate:{user}")[:64]
        table = _col(RateCount, "__table__")
        insert = sqlite_insert if self._engine.dialect.name == "sqlite" else pg_insert
        expired = table.c.window_start <= now - window
        upsert = insert(table).values(key=key, window_start=now, hits=1)
        statement = upsert.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "hits": case((expired, 1), else_=table.c.hits + 1),
                "window_start": case((expired, now), else_=table.c.window_start),
            },
        ).returning(table.c.hits)
        with self._write() as session:
            return int(session.connection().execute(statement).scalar_one())

    def prune_hits(self, *, now: datetime, window: timedelta) -> int:
        """Delete rate counts of windows that are over; returns how many."""
        cutoff = _aware(now, "now") - window
        with self._write() as session:
            result = session.connection().execute(
                delete(RateCount).where(col(RateCount.window_start) <= cutoff)
            )
            return result.rowcount or 0

    # --- flow state ---------------------------------------------------------------------------

    def _upsert(
        self,
        session: Session,
        model: type[StorageModel],
        keys_: list[str],
        values: dict[str, Any],
    ) -> None:
        table = _col(model, "__table__")
        insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
        statement = insert(table).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=keys_,
            set_={name: value for name, value in values.items() if name not in keys_},
        )
        session.connection().execute(statement)

    def save_state(self, *, manager_id: int, key: str, value: dict[str, Any] | None) -> None:
        """Save a flow's state (encrypted); None deletes it. Put `employee_id` in it if any."""
        with self._write() as session:
            if value is None:
                session.connection().execute(
                    delete(FlowState).where(
                        col(FlowState.manager_id) == manager_id,
                        col(FlowState.key) == key,
                    )
                )
                return
            self._manager(session, manager_id)
            employee_id = _employee_ref(value)
            if employee_id is not None:
                self._owned(session, Employee, employee_id, manager_id)
            self._upsert(
                session,
                FlowState,
                ["manager_id", "key"],
                {
                    "manager_id": manager_id,
                    "key": key,
                    "employee_id": employee_id,
                    "value_enc": self._seal(
                        FlowState, "value_enc", manager_scope(manager_id), value
                    ),
                    "updated_at": utcnow(),
                },
            )

    def open_turn(
        self, *, external_id: str, role: str, keys: tuple[str, ...]
    ) -> tuple[ManagerView, dict[str, dict[str, Any]]]:
        """The manager (created on first contact) and their saved states under ``keys``.

        What every turn reads first, in one read transaction instead of one per item.
        """
        with self._read() as session:
            row = session.exec(select(Manager).where(Manager.external_id == external_id)).first()
            if row is not None:
                manager = self._manager_view(row)
                states = session.exec(
                    select(FlowState).where(
                        FlowState.manager_id == manager.id, col(FlowState.key).in_(keys)
                    )
                ).all()
                scope = manager_scope(manager.id)
                return manager, {
                    state.key: self._open_json(state, "value_enc", scope) for state in states
                }
        return self.ensure_manager(external_id=external_id, role=role), {}

    def load_state(self, *, manager_id: int, key: str) -> dict[str, Any] | None:
        """A flow's saved state, or None."""
        with self._read() as session:
            row = session.exec(
                select(FlowState).where(FlowState.manager_id == manager_id, FlowState.key == key)
            ).first()
            if row is None:
                return None
            value: dict[str, Any] = self._open_json(row, "value_enc", manager_scope(manager_id))
            return value

    # --- key-value ----------------------------------------------------------------------------

    def kv_put(self, *, namespace: str, key: str, value: object | None) -> None:
        """Store a JSON value (encrypted) under (namespace, key); None deletes it."""
        with self._write() as session:
            if value is None:
                session.connection().execute(
                    delete(KeyValue).where(
                        col(KeyValue.namespace) == namespace,
                        col(KeyValue.key) == key,
                    )
                )
                return
            self._upsert(
                session,
                KeyValue,
                ["namespace", "key"],
                {
                    "namespace": namespace,
                    "key": key,
                    "value_enc": self._cipher.encrypt_json(
                        value, associated_data(KeyValue, "value_enc", kv_scope(namespace, key))
                    ),
                    "updated_at": utcnow(),
                },
            )

    def kv_get(self, *, namespace: str, key: str) -> object | None:
        """The value under (namespace, key), or None."""
        with self._read() as session:
            row = session.exec(
                select(KeyValue).where(KeyValue.namespace == namespace, KeyValue.key == key)
            ).first()
            if row is None:
                return None
            return self._open_json(row, "value_enc", kv_scope(namespace, key))

    def kv_all(self, *, namespace: str) -> dict[str, object]:
        """Every key and value in a namespace."""
        with self._read() as session:
            rows = session.exec(select(KeyValue).where(KeyValue.namespace == namespace)).all()
            return {
                row.key: self._open_json(row, "value_enc", kv_scope(namespace, row.key))
                for row in rows
            }

    # --- invites ------------------------------------------------------------------------------

    @staticmethod
    def _code_hash(code: str) -> str:
        # Codes are long random tokens, so a plain hash suffices (and survives key rotation).
        return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()

    def create_invite(self, *, created_by: str, role: str = "manager", ttl_days: int = 14) -> str:
        """Create a one-time invite code (only its hash is stored); returns the code."""
        _choice(role, ROLES, "role")
        if ttl_days < 1:
            raise ValueError("ttl_days must be at least 1")
        code = secrets.token_urlsafe(12)  # 16 characters, valid in a t.me deep link
        now = utcnow()
        with self._write() as session:
            row = InviteCode(
                code_hash=self._code_hash(code),
                role=role,
                created_by=created_by,
                created_at=now,
                expires_at=now + timedelta(days=ttl_days),
            )
            session.add(row)
            session.flush()
            self._audit(session, created_by, "invite.create", f"invite:{row.id}")
        return code

    def redeem_invite(self, *, code: str, external_id: str) -> ManagerView | None:
        """Use an invite: the account (created or upgraded to the invite's role), else None."""
        now = utcnow()
        with self._write() as session:
            result = (
                session.connection()
                .execute(
                    update(InviteCode)
                    .where(
                        col(InviteCode.code_hash) == self._code_hash(code),
                        col(InviteCode.redeemed_at).is_(None),
                        col(InviteCode.expires_at) > now,
                    )
                    .values(redeemed_by=external_id, redeemed_at=now)
                    .returning(col(InviteCode.id), col(InviteCode.role))
                )
                .first()
            )
            if result is None:
                return None
            invite_id, role = result
            manager = session.exec(
                select(Manager).where(Manager.external_id == external_id)
            ).first()
            if manager is None:
                manager = Manager(external_id=external_id, role=role)
            elif role == "hr" and manager.role != "hr":
                manager.role = "hr"
                manager.updated_at = now
            session.add(manager)
            session.flush()
            self._audit(session, external_id, "invite.redeem", f"invite:{invite_id}")
            return self._manager_view(manager)

    # --- privacy ------------------------------------------------------------------------------

    def _collect(self, session: Session, manager: Manager, employee_id: int | None) -> dict:
        manager_id = manager.id
        assert manager_id is not None
        scope = manager_scope(manager_id)
        employees_query = select(Employee).where(Employee.manager_id == manager_id)
        if employee_id is not None:
            employees_query = employees_query.where(Employee.id == employee_id)

        def rows(model: type[M], *where: Any) -> list[M]:
            query = select(model).where(_col(model, "manager_id") == manager_id, *where)
            return list(session.exec(query.order_by(_col(model, "id"))).all())

        def by_employee(model: type[M]) -> dict[int | None, list[M]]:
            # One query per kind of record, not one per employee and kind.
            where = [] if employee_id is None else [_col(model, "employee_id") == employee_id]
            grouped: dict[int | None, list[M]] = defaultdict(list)
            for row in rows(model, *where):
                grouped[cast(Any, row).employee_id].append(row)
            return grouped

        notes, talks = by_employee(Note), by_employee(OneOnOne)
        items, reminders = by_employee(ActionItem), by_employee(Reminder)
        employees = [
            {
                "employee": self._employee_view(person),
                "notes": [self._note_view(r) for r in notes[person.id]],
                "one_on_ones": [self._one_on_one_view(r) for r in talks[person.id]],
                "action_items": [self._action_item_view(r) for r in items[person.id]],
                "reminders": [
                    self._reminder_view(r, manager.external_id) for r in reminders[person.id]
                ],
            }
            for person in session.exec(employees_query.order_by(col(Employee.id))).all()
        ]
        data: dict[str, Any] = {
            "manager": self._manager_view(manager),
            "employees": sorted(employees, key=lambda e: normalize_name(e["employee"].name)),
        }
        if employee_id is None:
            data["reminders"] = [
                self._reminder_view(r, manager.external_id) for r in reminders[None]
            ]
            data["flow_states"] = {
                r.key: self._open_json(r, "value_enc", scope) for r in rows(FlowState)
            }
        else:
            data["flow_states"] = {
                r.key: self._open_json(r, "value_enc", scope)
                for r in rows(FlowState, FlowState.employee_id == employee_id)
            }
        return data

    def export(
        self,
        *,
        manager_id: int,
        employee_id: int | None = None,
        fmt: str = "json",
        actor: str | None = None,
        language: str | None = None,
        glossary: export.Glossary | None = None,
    ) -> str:
        """Everything about one employee, or all of a manager's data, as JSON or Markdown
        (its labels in ``language``: the one the manager writes in now, else the one kept; the
        app's own names as ``glossary`` says them)."""
        fmt = "md" if fmt == "markdown" else fmt
        _choice(fmt, EXPORT_FORMATS, "format")
        with self._read() as session:
            manager = self._manager(session, manager_id)
            if employee_id is not None:
                self._owned(session, Employee, employee_id, manager_id)
            data = self._collect(session, manager, employee_id)
            external_id = manager.external_id
        target = f"employee:{employee_id}" if employee_id is not None else f"manager:{manager_id}"
        self.audit(actor=actor or external_id, action=f"export.{fmt}", target=target)
        language = language or data["manager"].language or self._settings.default_language
        if fmt == "json":
            return export.to_json(data)
        return export.to_markdown(data, language=language, tz=self._zone, glossary=glossary)

    def privacy_summary(self, *, manager_id: int) -> dict[str, Any]:
        """What is stored for this manager, per employee, and who can see it."""
        with self._read() as session:
            manager = self._manager(session, manager_id)
            counts: dict[int, dict[str, int]] = {}
            for model, name in (
                (Note, "notes"),
                (OneOnOne, "one_on_ones"),
                (ActionItem, "action_items"),
                (Reminder, "reminders"),
            ):
                query = (
                    select(_col(model, "employee_id"), func.count())
                    .where(_col(model, "manager_id") == manager_id)
                    .group_by(_col(model, "employee_id"))
                )
                if model is Reminder:
                    query = query.where(col(Reminder.sent_at).is_(None))
                for employee_id, count in session.exec(query).all():
                    if employee_id is not None:
                        counts.setdefault(employee_id, {})[name] = count
            open_items = session.exec(
                select(col(ActionItem.employee_id), func.count())
                .where(ActionItem.manager_id == manager_id, ActionItem.done == False)  # noqa: E712
                .group_by(col(ActionItem.employee_id))
            ).all()
            for employee_id, count in open_items:
                counts.setdefault(employee_id, {})["open_action_items"] = count
            employees = [
                self._employee_view(row)
                for row in session.exec(
                    select(Employee).where(Employee.manager_id == manager_id)
                ).all()
            ]
            flows = session.exec(
                select(func.count())
                .select_from(FlowState)
                .where(FlowState.manager_id == manager_id)
            ).one()
            external_id = manager.external_id
        keys_ = ("notes", "one_on_ones", "action_items", "open_action_items", "reminders")
        per_employee: list[dict[str, Any]] = [
            {"id": view.id, "name": view.name, "skills": len(view.passport)}
            | {k: counts.get(view.id, {}).get(k, 0) for k in keys_}
            for view in sorted(employees, key=lambda v: normalize_name(v.name))
        ]
        return {
            "manager": external_id,
            "employees": per_employee,
            "totals": {k: sum(e[k] for e in per_employee) for k in (*keys_, "skills")}
            | {"employees": len(per_employee), "active_flows": flows},
            "visible_to": ["manager"],  # only the manager's own account; HR sees no notes
            "hr_can_see_notes": False,
            "encrypted_at_rest": True,
            "cipher": CIPHER_NAME,
            "retention_days": self._settings.note_retention_days,
            "llm_may_see_notes": self._settings.llm_may_see_notes,
        }

    def erase_employee(
        self, *, manager_id: int, employee_id: int, actor: str | None = None
    ) -> None:
        """Delete everything about one employee: notes, talks, agreements, reminders, flows."""
        with self._write() as session:
            manager = self._manager(session, manager_id)
            external_id = manager.external_id
            employee = self._employee_view(self._owned(session, Employee, employee_id, manager_id))
            conn = session.connection()
            for model in (Reminder, FlowState, ActionItem, Note, OneOnOne):
                conn.execute(
                    delete(model).where(
                        _col(model, "manager_id") == manager_id,
                        _col(model, "employee_id") == employee_id,
                    )
                )
            conn.execute(
                delete(Employee).where(
                    col(Employee.manager_id) == manager_id,
                    col(Employee.id) == employee_id,
                )
            )
            self._erase_mentions(session, manager_id, employee_id)
            self._audit(
                session, actor or manager.external_id, "employee.erase", f"employee:{employee_id}"
            )
        self._after_erase()
        exports.purge_exports(self._settings.data_dir, external_id, employee.name)
        log.info("manager %s erased employee %s", manager_id, employee_id)

    def erase_manager(self, *, manager_id: int, actor: str | None = None) -> None:
        """Delete a manager's whole account and everything in it."""
        with self._write() as session:
            manager = self._manager(session, manager_id)
            external_id = manager.external_id
            conn = session.connection()
            for model in (Reminder, FlowState, ActionItem, Note, OneOnOne, Employee):
                conn.execute(delete(model).where(_col(model, "manager_id") == manager_id))
            conn.execute(
                delete(InviteCode).where(
                    or_(
                        col(InviteCode.redeemed_by) == external_id,
                        col(InviteCode.created_by) == external_id,
                    )
                )
            )
            self._erase_kv_of(session, external_id)
            conn.execute(delete(Manager).where(col(Manager.id) == manager_id))
            self._audit(session, actor or external_id, "manager.erase", f"manager:{manager_id}")
        self._after_erase()
        exports.purge_exports(self._settings.data_dir, external_id)
        log.info("erased manager account %s", manager_id)

    def _after_erase(self) -> None:
        """Make erased rows leave the SQLite file now, not at some later checkpoint.

        secure_delete zeroes the freed space, but in WAL mode the zeroed pages sit in the -wal
        file and the old ciphertext stays in the main file until a checkpoint copies them over.
        TRUNCATE copies every frame and empties the WAL; it waits for readers (busy_timeout).
        """
        if self._engine.dialect.name != "sqlite" or db.is_memory_sqlite(self._engine.url):
            return
        with self._engine.connect() as conn:
            busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:
            log.warning("the checkpoint after an erase was blocked by an open read transaction")

    def _erase_mentions(self, session: Session, manager_id: int, employee_id: int) -> None:
        # Flow states and reminders that name the employee only deeper inside their JSON.
        scope = manager_scope(manager_id)
        models: tuple[tuple[type[FlowState | Reminder], str], ...] = (
            (FlowState, "value_enc"),
            (Reminder, "payload_enc"),
        )
        for model, column in models:
            rows = session.exec(select(model).where(_col(model, "manager_id") == manager_id))
            doomed = [
                cast(Any, row).id
                for row in rows.all()
                if _mentions(self._open_json(row, column, scope), employee_id)
            ]
            if doomed:
                session.connection().execute(delete(model).where(_col(model, "id").in_(doomed)))

    @staticmethod
    def _erase_kv_of(session: Session, external_id: str) -> None:
        # Telegram persistence keys hold user/chat ids: "123" or a JSON list such as "[123,123]".
        if not external_id.startswith("tg:"):
            return
        user = external_id[3:]
        doomed = []
        for row_id, key in session.exec(select(KeyValue.id, KeyValue.key)).all():
            if key == user:
                doomed.append(row_id)
                continue
            try:
                parsed = json.loads(key)
            except ValueError:
                continue
            if isinstance(parsed, list) and any(str(part) == user for part in parsed):
                doomed.append(row_id)
        if doomed:
            session.connection().execute(delete(KeyValue).where(col(KeyValue.id).in_(doomed)))

    def _audit(self, session: Session, actor: str, action: str, target: str) -> None:
        session.add(AuditEvent(actor=actor[:MAX_ID], action=action[:64], target=target[:256]))

    def audit(self, *, actor: str, action: str, target: str) -> None:
        """Record who did what to which record (ids and names of actions only, never content)."""
        with self._write() as session:
            self._audit(session, actor, action, target)

    def list_audit(self, *, limit: int = 100, actor: str | None = None) -> list[AuditView]:
        """Recent audit events, newest first."""
        with self._read() as session:
            query = select(AuditEvent)
            if actor is not None:
                query = query.where(AuditEvent.actor == actor)
            query = query.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(
                limit
            )
            return [
                AuditView(id=r.id or 0, at=r.at, actor=r.actor, action=r.action, target=r.target)
                for r in session.exec(query).all()
            ]

    def apply_retention(self, *, now: datetime | None = None, dry_run: bool = False) -> int:
        """Delete notes, one-on-ones, done agreements and sent reminders past the retention."""
        days = self._settings.note_retention_days
        if days is None:
            return 0
        cutoff = _aware(now or utcnow(), "now") - timedelta(days=days)
        targets: tuple[tuple[type[StorageModel], Any], ...] = (
            (Note, col(Note.created_at) < cutoff),
            (OneOnOne, col(OneOnOne.created_at) < cutoff),
            (ActionItem, (col(ActionItem.done) == True) & (col(ActionItem.done_at) < cutoff)),  # noqa: E712
            (Reminder, col(Reminder.sent_at).is_not(None) & (col(Reminder.sent_at) < cutoff)),
        )
        with self._write() as session:
            conn = session.connection()
            total = 0
            for model, condition in targets:
                if dry_run:
                    total += session.exec(
                        select(func.count()).select_from(model).where(condition)
                    ).one()
                else:
                    total += conn.execute(delete(model).where(condition)).rowcount or 0
            if not dry_run and total:
                self._audit(session, "system", "retention.apply", f"{total} records")
        if not dry_run:
            log.info("retention of %s days removed %s records", days, total)
        return total

    # --- keys ---------------------------------------------------------------------------------

    def rotate_key(self) -> RotationResult:
        """Re-encrypt everything under a new key in one transaction and store the new key."""
        cipher, key, result = keys.rotate(self._settings, self._engine, self._cipher, self._key)
        self._cipher, self._key = cipher, key
        self.audit(actor="system", action="keys.rotate", target=f"key:{result.new_key_id}")
        return result
