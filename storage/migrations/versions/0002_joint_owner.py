"""Agreements may belong to manager and employee together (owner "joint").

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Allow the owner "joint" on agreements."""
    # SQLite cannot alter a check constraint in place: batch mode copies the table
    with op.batch_alter_table("action_item") as batch:
        batch.drop_constraint(op.f("ck_action_item_owner"), type_="check")
        batch.create_check_constraint("owner", "owner IN ('manager', 'employee', 'joint')")


def downgrade() -> None:
    """Joint agreements become the manager's again, then the old constraint returns."""
    op.execute("UPDATE action_item SET owner = 'manager' WHERE owner = 'joint'")
    with op.batch_alter_table("action_item") as batch:
        batch.drop_constraint(op.f("ck_action_item_owner"), type_="check")
        batch.create_check_constraint("owner", "owner IN ('manager', 'employee')")
