"""An agreement remembers whether it happens on its date ("op vrijdag") or is due by it.

Before, /agreements found this out by reading the reflection summary the agreement was made
in. Agreements stored before this revision read "by" (their summaries still say "on").

Revision ID: 0005_on_day
Revises: 0004_scale
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_on_day"
down_revision: str | Sequence[str] | None = "0004_scale"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the flag, false for every agreement stored so far."""
    with op.batch_alter_table("action_item") as batch:
        batch.add_column(
            sa.Column("on_day", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    """Drop the flag."""
    with op.batch_alter_table("action_item") as batch:
        batch.drop_column("on_day")
