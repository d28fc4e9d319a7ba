"""Storage: private, encrypted notes and one-on-one records (SQLModel, Alembic)."""
