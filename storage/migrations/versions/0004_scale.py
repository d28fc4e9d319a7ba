"""Several workers on one database: reminder claims with a lease, a shared rate-limit counter.

Also drops the Telegram conversation states the bot stored before the engine became the one
source of truth for flows.

Revision ID: 0004_scale
Revises: 0003_skills
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_scale"
down_revision: str | Sequence[str] | None = "0003_skills"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Add the claim columns and the rate-limit table; forget the old conversation mirror."""
    with op.batch_alter_table("reminder") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("claimed_until", UTC, nullable=True))
    postgres = op.get_bind().dialect.name == "postgresql"
    # Counts expire within a minute: on PostgreSQL they skip the write-ahead log.
    op.create_table(
        "rate_count",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("window_start", UTC, nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_count")),
        prefixes=["UNLOGGED"] if postgres else [],
    )
    op.execute("DELETE FROM kv WHERE namespace LIKE 'telegram.conversation.%'")


def downgrade() -> None:
    """Drop the rate-limit table and the claim columns."""
    op.drop_table("rate_count")
    with op.batch_alter_table("reminder") as batch:
        batch.drop_column("claimed_until")
        batch.drop_column("claimed_by")
