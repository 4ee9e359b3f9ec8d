"""Server sessions and sign-in throttling; the per-user PostgreSQL login roles retired.

Desks reach only the Sales Center server (SRV-1), the one holder of database
credentials. Its sessions and the count of wrong passwords live here, so several
server processes share them (SRV-3, SRV-7). On PostgreSQL the login roles, group
grants and guard triggers of 0003 and 0007 go: they guarded tables against reps who could
reach the database, and no rep can now. The append-only history triggers and the
constraints stay: they guard invariants against application bugs.

Revision ID: 0006_sessions
Revises: 0008_prices
Create Date: 2026-12-01 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from salescenter.db import retired_roles

revision = "0006_sessions"
down_revision = "0008_prices"
branch_labels = None
depends_on = None

# A login role is dropped only when the migrating role may; otherwise it is left, unable to do harm:
# it lost every grant and its database's CONNECT.
_DROP_LOGINS = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT rolname FROM pg_roles WHERE starts_with(rolname, 'PREFIX') LOOP
    BEGIN
      EXECUTE format('REVOKE CONNECT ON DATABASE %%I FROM %%I', current_database(), r.rolname);
      EXECUTE format('DROP ROLE %%I', r.rolname);
    EXCEPTION WHEN insufficient_privilege OR dependent_objects_still_exist THEN
      RAISE NOTICE 'login role %% left in place: %%', r.rolname, SQLERRM;
    END;
  END LOOP;
END $$
"""


def upgrade() -> None:
    op.create_table(
        "desk_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("lock_epochs", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_desk_sessions_user_id_users",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_desk_sessions"),
        sa.UniqueConstraint("token_hash", name="uq_desk_sessions_token_hash"),
    )
    op.create_index("ix_desk_sessions_user_id", "desk_sessions", ["user_id"])
    op.create_table(
        "sign_in_failures",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_sign_in_failures_user_id_users",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_sign_in_failures"),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        retired_roles.uninstall_tables(bind, ("audit_trail", "ticklers", "tickler_actions"))
        retired_roles.uninstall(bind)
        database = bind.exec_driver_sql("SELECT current_database()").scalar_one()
        # The prefix is "sc_" and hex digits: safe inline (a DO block takes no parameters).
        bind.exec_driver_sql(_DROP_LOGINS.replace("PREFIX", retired_roles.login_prefix(database)))
    op.drop_index("ix_users_login_role", table_name="users")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("login_role")


def downgrade() -> None:
    op.add_column("users", sa.Column("login_role", sa.String(length=63), nullable=True))
    op.create_index("ix_users_login_role", "users", ["login_role"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        retired_roles.install(op.get_bind())
    op.drop_table("sign_in_failures")
    op.drop_index("ix_desk_sessions_user_id", table_name="desk_sessions")
    op.drop_table("desk_sessions")
