"""Initial schema: managers, employees, notes, one-on-ones, agreements, reminders, flow state,
key-value store, invite codes, audit events and the key check.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Migrations are frozen in time: plain SQLAlchemy types only, never the application's models.
UTC = sa.DateTime(timezone=True)


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _fk(owner: str, column: str, target: str, ondelete: str, *, nullable: bool = False) -> list:
    return [
        sa.Column(column, sa.Integer(), nullable=nullable),
        sa.ForeignKeyConstraint(
            [column], [f"{target}.id"], name=f"fk_{owner}_{column}_{target}", ondelete=ondelete
        ),
    ]


def upgrade() -> None:
    """Create every table."""
    op.create_table(
        "manager",
        _id(),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("reminders_enabled", sa.Boolean(), nullable=False),
        sa.Column("consent", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint("role IN ('manager', 'hr')", name=op.f("ck_manager_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manager")),
        sa.UniqueConstraint("external_id", name=op.f("uq_manager_external_id")),
    )
    op.create_table(
        "employee",
        _id(),
        *_fk("employee", "manager_id", "manager", "CASCADE"),
        sa.Column("name_hash", sa.String(64), nullable=False),
        sa.Column("name_enc", sa.LargeBinary(), nullable=False),
        sa.Column("skills_enc", sa.LargeBinary(), nullable=True),
        sa.Column("ambitions_enc", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employee")),
        sa.UniqueConstraint(
            "manager_id", "name_hash", name=op.f("uq_employee_manager_id_name_hash")
        ),
    )
    op.create_index(op.f("ix_employee_manager_id"), "employee", ["manager_id"])
    op.create_table(
        "one_on_one",
        _id(),
        *_fk("one_on_one", "manager_id", "manager", "CASCADE"),
        *_fk("one_on_one", "employee_id", "employee", "CASCADE"),
        sa.Column("planned_for", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("preparation_enc", sa.LargeBinary(), nullable=True),
        sa.Column("answers_enc", sa.LargeBinary(), nullable=True),
        sa.Column("reflection_enc", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint(
            "status IN ('preparing', 'prepared', 'held', 'reflected')",
            name=op.f("ck_one_on_one_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_on_one")),
    )
    op.create_index(op.f("ix_one_on_one_employee_id"), "one_on_one", ["employee_id"])
    op.create_index(
        op.f("ix_one_on_one_manager_id_employee_id_created_at"),
        "one_on_one",
        ["manager_id", "employee_id", "created_at"],
    )
    op.create_table(
        "note",
        _id(),
        *_fk("note", "manager_id", "manager", "CASCADE"),
        *_fk("note", "employee_id", "employee", "CASCADE"),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("body_enc", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.CheckConstraint("kind IN ('free', 'prep', 'reflection')", name=op.f("ck_note_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    op.create_index(op.f("ix_note_created_at"), "note", ["created_at"])
    op.create_index(op.f("ix_note_employee_id"), "note", ["employee_id"])
    op.create_index(
        op.f("ix_note_manager_id_employee_id_created_at"),
        "note",
        ["manager_id", "employee_id", "created_at"],
    )
    op.create_table(
        "action_item",
        _id(),
        *_fk("action_item", "manager_id", "manager", "CASCADE"),
        *_fk("action_item", "employee_id", "employee", "CASCADE"),
        *_fk("action_item", "one_on_one_id", "one_on_one", "SET NULL", nullable=True),
        sa.Column("text_enc", sa.LargeBinary(), nullable=False),
        sa.Column("owner", sa.String(16), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("done_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.CheckConstraint("owner IN ('manager', 'employee')", name=op.f("ck_action_item_owner")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
    )
    op.create_index(op.f("ix_action_item_employee_id"), "action_item", ["employee_id"])
    op.create_index(op.f("ix_action_item_one_on_one_id"), "action_item", ["one_on_one_id"])
    op.create_index(
        op.f("ix_action_item_manager_id_employee_id_done"),
        "action_item",
        ["manager_id", "employee_id", "done"],
    )
    op.create_table(
        "audit_event",
        _id(),
        sa.Column("at", UTC, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(256), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"])
    op.create_table(
        "reminder",
        _id(),
        *_fk("reminder", "manager_id", "manager", "CASCADE"),
        *_fk("reminder", "employee_id", "employee", "CASCADE", nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("due_at", UTC, nullable=False),
        sa.Column("payload_enc", sa.LargeBinary(), nullable=False),
        sa.Column("sent_at", UTC, nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.CheckConstraint("kind IN ('reflect', 'agreement')", name=op.f("ck_reminder_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    op.create_index(op.f("ix_reminder_manager_id"), "reminder", ["manager_id"])
    op.create_index(op.f("ix_reminder_employee_id"), "reminder", ["employee_id"])
    op.create_index(op.f("ix_reminder_sent_at_due_at"), "reminder", ["sent_at", "due_at"])
    op.create_table(
        "flow_state",
        _id(),
        *_fk("flow_state", "manager_id", "manager", "CASCADE"),
        *_fk("flow_state", "employee_id", "employee", "CASCADE", nullable=True),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("value_enc", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow_state")),
        sa.UniqueConstraint("manager_id", "key", name=op.f("uq_flow_state_manager_id_key")),
    )
    op.create_index(op.f("ix_flow_state_employee_id"), "flow_state", ["employee_id"])
    op.create_table(
        "kv",
        _id(),
        sa.Column("namespace", sa.String(128), nullable=False),
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("value_enc", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kv")),
        sa.UniqueConstraint("namespace", "key", name=op.f("uq_kv_namespace_key")),
    )
    op.create_table(
        "invite_code",
        _id(),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("redeemed_by", sa.String(128), nullable=True),
        sa.Column("redeemed_at", UTC, nullable=True),
        sa.CheckConstraint("role IN ('manager', 'hr')", name=op.f("ck_invite_code_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invite_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_invite_code_code_hash")),
    )
    op.create_table(
        "meta",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_meta")),
    )


def downgrade() -> None:
    """Drop every table (and with it all data)."""
    for table in (
        "meta",
        "invite_code",
        "kv",
        "flow_state",
        "reminder",
        "audit_event",
        "action_item",
        "note",
        "one_on_one",
        "employee",
        "manager",
    ):
        op.drop_table(table)
