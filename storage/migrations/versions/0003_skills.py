"""Skills the team will need, per employee (encrypted), and the manager's weekly digest.

Revision ID: 0003_skills
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_skills"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add employee.needs_enc and the digest columns of manager (all nullable: no backfill)."""
    with op.batch_alter_table("employee") as batch:
        batch.add_column(sa.Column("needs_enc", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("manager") as batch:
        batch.add_column(sa.Column("digest_weekday", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("digest_sent_on", sa.Date(), nullable=True))


def downgrade() -> None:
    """Drop them again (the team's needs and the digest choice are lost)."""
    with op.batch_alter_table("manager") as batch:
        batch.drop_column("digest_sent_on")
        batch.drop_column("digest_weekday")
    with op.batch_alter_table("employee") as batch:
        batch.drop_column("needs_enc")
