"""Server authority: each user's PostgreSQL login role, group roles, grants and guards.

``users.login_role`` maps the role a desktop connects with (``current_user``) to
its Sales Center user. On PostgreSQL the group roles, grants and guard triggers
of ``salescenter.db.roles`` are installed; SQLite (one workstation) gets only
the column.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 23:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from salescenter.db import retired_roles as roles

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("login_role", sa.String(length=63), nullable=True))
    op.create_index("ix_users_login_role", "users", ["login_role"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        roles.install(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        roles.uninstall(op.get_bind())
    op.drop_index("ix_users_login_role", table_name="users")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("login_role")
