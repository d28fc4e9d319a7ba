"""Database tables (SQLModel). Columns ending in `_enc` hold AES-GCM ciphertexts (see crypto)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Index,
    LargeBinary,
    MetaData,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

ROLES = ("manager", "hr")
NOTE_KINDS = ("free", "prep", "reflection")
ONE_ON_ONE_STATUSES = ("preparing", "prepared", "held", "reflected")
OWNERS = ("manager", "employee", "joint")
REMINDER_KINDS = ("reflect", "agreement")
# the kinds of skills item, each in its own encrypted column of the employee: skills seen,
# skills or directions wanted, skills the team will need (raised in this person's talks)
SKILL_KINDS = ("seen", "wanted", "needed")
SKILL_COLUMNS = {"seen": "skills_enc", "wanted": "ambitions_enc", "needed": "needs_enc"}


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes; store UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use a timezone-aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return aware UTC datetimes."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Our own metadata (not SQLModel's global one) so Alembic sees exactly the storage tables, with
# stable constraint names for later batch migrations on SQLite.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
storage_registry = registry(metadata=MetaData(naming_convention=NAMING))


class StorageModel(SQLModel, registry=storage_registry):
    """Base of every storage table."""


metadata = StorageModel.metadata


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Manager(StorageModel, table=True):
    """A person using the bot: a Telegram user ("tg:123") or a terminal user ("local:alice")."""

    __tablename__ = "manager"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: int | None = Field(default=None, primary_key=True)
    external_id: str = Field(max_length=128, unique=True)
    role: str = Field(default="manager", max_length=16)
    language: str | None = Field(default=None, max_length=8)
    reminders_enabled: bool = Field(default=True)
    consent: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    # the weekly digest: weekday 0 (Monday) to 6, None when off; the day it last went out
    # is the claim that keeps two workers from sending it twice
    digest_weekday: int | None = Field(default=None)
    digest_sent_on: date | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Employee(StorageModel, table=True):
    """Someone a manager coaches; the name is stored encrypted plus a keyed hash for lookups."""

    __tablename__ = "employee"
    __table_args__ = (UniqueConstraint("manager_id", "name_hash"),)

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", ondelete="CASCADE", index=True)
    name_hash: str = Field(max_length=64)
    name_enc: bytes = Field(sa_type=LargeBinary)
    # JSON lists of {"label", "key", "source", "added", "code"}, one list per SKILL_KINDS;
    # "code" is a skills-taxonomy identifier (CompetentNL), only ever set from a real source.
    skills_enc: bytes | None = Field(default=None, sa_type=LargeBinary)
    ambitions_enc: bytes | None = Field(default=None, sa_type=LargeBinary)
    needs_enc: bytes | None = Field(default=None, sa_type=LargeBinary)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class OneOnOne(StorageModel, table=True):
    """A development conversation with one employee."""

    __tablename__ = "one_on_one"
    __table_args__ = (
        CheckConstraint(_in("status", ONE_ON_ONE_STATUSES), name="status"),
        Index(None, "manager_id", "employee_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", ondelete="CASCADE")
    employee_id: int = Field(foreign_key="employee.id", ondelete="CASCADE", index=True)
    planned_for: date | None = Field(default=None)
    status: str = Field(default="preparing", max_length=16)
    preparation_enc: bytes | None = Field(default=None, sa_type=LargeBinary)
    answers_enc: bytes | None = Field(default=None, sa_type=LargeBinary)
    reflection_enc: bytes | None = Field(default=None, sa_type=LargeBinary)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Note(StorageModel, table=True):
    """A free, preparation or reflection note about one employee."""

    __tablename__ = "note"
    __table_args__ = (
        CheckConstraint(_in("kind", NOTE_KINDS), name="kind"),
        Index(None, "manager_id", "employee_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", ondelete="CASCADE")
    employee_id: int = Field(foreign_key="employee.id", ondelete="CASCADE", index=True)
    kind: str = Field(default="free", max_length=16)
    body_enc: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ActionItem(StorageModel, table=True):
    """An agreement; open ones carry over to the next one-on-one."""

    __tablename__ = "action_item"
    __table_args__ = (
        CheckConstraint(_in("owner", OWNERS), name="owner"),
        Index(None, "manager_id", "employee_id", "done"),
    )

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", ondelete="CASCADE")
    employee_id: int = Field(foreign_key="employee.id", ondelete="CASCADE", index=True)
    one_on_one_id: int | None = Field(
        default=None, foreign_key="one_on_one.id", ondelete="SET NULL", index=True
    )
    text_enc: bytes = Field(sa_type=LargeBinary)
    owner: str = Field(default="manager", max_length=16)
    due: date | None = Field(default=None)
    # the agreement happens on its date ("op vrijdag", "on 10 January"), not by it
    on_day: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    done: bool = Field(default=False)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditEvent(StorageModel, table=True):
    """Who exported, erased, uploaded or removed what and when; never content."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=128)
    action: str = Field(max_length=64)
    target: str = Field(max_length=256)


class Reminder(StorageModel, table=True):
    """A scheduled reminder; lives in the database so a restart loses none."""

    __tablename__ = "reminder"
    __table_args__ = (
        CheckConstraint(_in("kind", REMINDER_KINDS), name="kind"),
        Index(None, "sent_at", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", ondelete="CASCADE", index=True)
    # Set from payload["employee_id"] so erasing an employee also removes their reminders.
    employee_id: int | None = Field(
        default=None, foreign_key="employee.id", ondelete="CASCADE", index=True
    )
    kind: str = Field(max_length=16)
    due_at: datetime = Field(sa_type=UTCDateTime)
    payload_enc: bytes = Field(sa_type=LargeBinary)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # The worker sending it and until when that claim holds; an expired claim is taken over.
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RateCount(StorageModel, table=True):
    """Updates of one user in the current minute, shared by all workers (a keyed hash, no id)."""

    __tablename__ = "rate_count"

    key: str = Field(primary_key=True, max_length=64)
    window_start: datetime = Field(sa_type=UTCDateTime)
    hits: int = Field(default=0)


class FlowState(StorageModel, table=True):
    """State of one coaching flow of one manager (encrypted JSON)."""

    __tablename__ = "flow_state"
    __table_args__ = (UniqueConstraint("manager_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    manager_id: int = Field(foreign_key="manager.id", ondelete="CASCADE")
    # Set from value["employee_id"] so erasing an employee also removes flows about them.
    employee_id: int | None = Field(
        default=None, foreign_key="employee.id", ondelete="CASCADE", index=True
    )
    key: str = Field(max_length=128)
    value_enc: bytes = Field(sa_type=LargeBinary)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class KeyValue(StorageModel, table=True):
    """Generic encrypted JSON by (namespace, key), for the Telegram persistence."""

    __tablename__ = "kv"
    __table_args__ = (UniqueConstraint("namespace", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    namespace: str = Field(max_length=128)
    key: str = Field(max_length=512)
    value_enc: bytes = Field(sa_type=LargeBinary)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class InviteCode(StorageModel, table=True):
    """A one-time invite; only the SHA-256 of the code is stored."""

    __tablename__ = "invite_code"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    role: str = Field(default="manager", max_length=16)
    created_by: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    redeemed_by: str | None = Field(default=None, max_length=128)
    redeemed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Meta(StorageModel, table=True):
    """Small facts about the database itself, such as the encrypted key-check value."""

    __tablename__ = "meta"

    name: str = Field(primary_key=True, max_length=64)
    value: bytes = Field(sa_type=LargeBinary)


# Every encrypted column, for key rotation; the associated data below binds each ciphertext to
# its table, column and owner so a value copied to another row or manager fails to decrypt.
ENCRYPTED: dict[type[StorageModel], tuple[str, ...]] = {
    Employee: ("name_enc", "skills_enc", "ambitions_enc", "needs_enc"),
    OneOnOne: ("preparation_enc", "answers_enc", "reflection_enc"),
    Note: ("body_enc",),
    ActionItem: ("text_enc",),
    Reminder: ("payload_enc",),
    FlowState: ("value_enc",),
    KeyValue: ("value_enc",),
    Meta: ("value",),
}
KEY_CHECK_NAME = "key_check"


def manager_scope(manager_id: int) -> str:
    """The associated-data scope of a manager-owned row."""
    return f"manager={manager_id}"


def kv_scope(namespace: str, key: str) -> str:
    """The associated-data scope of a key-value row."""
    return json.dumps([namespace, key], ensure_ascii=False)


def scope_of(row: StorageModel) -> str:
    """The associated-data scope of any stored row."""
    if isinstance(row, KeyValue):
        return kv_scope(row.namespace, row.key)
    if isinstance(row, Meta):
        return f"meta={row.name}"
    return manager_scope(row.manager_id)  # type: ignore[attr-defined]


def associated_data(model: type[StorageModel], column: str, scope: str) -> bytes:
    """Associated data for one encrypted column value."""
    return f"skillscoach|{model.__tablename__}.{column}|{scope}".encode()
