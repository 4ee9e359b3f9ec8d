"""History refuses TRUNCATE too on PostgreSQL.

The append-only trigger of 0001 fires per row, and TRUNCATE touches no rows:
a statement-level trigger closes that gap. SQLite has no TRUNCATE (its
``DELETE FROM history`` already fires the row trigger).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 00:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history "
        "FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS history_no_truncate ON history")
