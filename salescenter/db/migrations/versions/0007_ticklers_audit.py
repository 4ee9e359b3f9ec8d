"""Ticklers (TKL-1) and the audit trail (AUD-1).

``ticklers`` and ``tickler_actions`` hold reminders and what was done about them;
``audit_trail`` holds one row per changed field of customers, users, stores and
the catalog. The trail is append-only: the database refuses UPDATE and DELETE
(and TRUNCATE on PostgreSQL), as it does for order history. On PostgreSQL the
grants and guards of ``salescenter.db.retired_roles`` are installed again to cover the
new tables.

Revision ID: 0007_ticklers_audit
Revises: 0005
Create Date: 2026-12-01 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from salescenter.db import append_only
from salescenter.db import retired_roles as roles

revision = "0007_ticklers_audit"
down_revision = "0005"
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.create_table(
        "ticklers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("remind_at", sa.DateTime(), nullable=True),
        sa.Column("assignee", sa.String(length=64), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("return_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_ticklers_order_id_orders"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_ticklers_customer_id_customers"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticklers")),
    )
    op.create_index(op.f("ix_ticklers_order_id"), "ticklers", ["order_id"])
    op.create_index(op.f("ix_ticklers_customer_id"), "ticklers", ["customer_id"])
    op.create_index("ix_ticklers_assignee_open", "ticklers", ["status", "assignee", "remind_at"])
    op.create_index("ix_ticklers_role_open", "ticklers", ["status", "role", "remind_at"])
    op.create_table(
        "tickler_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tickler_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["tickler_id"], ["ticklers.id"],
                                name=op.f("fk_tickler_actions_tickler_id_ticklers"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickler_actions")),
    )
    op.create_index(op.f("ix_tickler_actions_tickler_id"), "tickler_actions", ["tickler_id"])
    op.create_table(
        "audit_trail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("entity_name", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=80), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_trail")),
    )
    op.create_index("ix_audit_trail_entity", "audit_trail", ["entity", "entity_id", "id"])
    op.create_index("ix_audit_trail_user", "audit_trail", ["user", "id"])
    append_only.create_guard("audit_trail", "the audit trail is append-only", truncate=True)
    if op.get_bind().dialect.name == "postgresql":
        roles.install(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        roles.uninstall_tables(op.get_bind(), ("audit_trail", "ticklers", "tickler_actions"))
    append_only.drop_guard("audit_trail")
    op.drop_table("audit_trail")
    op.drop_table("tickler_actions")
    op.drop_table("ticklers")
