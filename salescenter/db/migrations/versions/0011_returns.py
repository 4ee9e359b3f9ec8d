"""Returns (RET-1..RET-6): a return with its own number, its lines, and the replacement order
an exchange or a misship sends.

Revision ID: 0011_returns
Revises: 0010_store_rates
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_returns"
down_revision = "0010_store_rates"
branch_labels = None
depends_on = None

_MONEY = sa.Numeric(12, 2, asdecimal=True)


def upgrade() -> None:
    op.create_table(
        "returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("approval_needed", sa.String(length=500), nullable=False),
        sa.Column("replacement_order_id", sa.Integer(), nullable=True),
        sa.Column("replacement_order_number", sa.String(length=40), nullable=True),
        sa.Column("credit_total", _MONEY, nullable=False),
        sa.Column("price_difference", _MONEY, nullable=False),
        sa.Column("refunded_total", _MONEY, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("received_by", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("canceled_by", sa.String(length=64), nullable=True),
        sa.Column("cancel_reason", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_returns_order_id_orders"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["replacement_order_id"], ["orders.id"],
                                name=op.f("fk_returns_replacement_order_id_orders"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returns")),
        sa.UniqueConstraint("number", name=op.f("uq_returns_number")),
    )
    op.create_index(op.f("ix_returns_order_id"), "returns", ["order_id"])
    op.create_index(op.f("ix_returns_customer_id"), "returns", ["customer_id"])
    op.create_index("ix_returns_status_created", "returns", ["status", "created_at"])
    op.create_table(
        "return_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("received_quantity", sa.Integer(), nullable=False),
        sa.Column("restocked_quantity", sa.Integer(), nullable=False),
        sa.Column("credit", _MONEY, nullable=False),
        sa.Column("replacement_sku", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["return_id"], ["returns.id"], name=op.f("fk_return_lines_return_id_returns"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["order_items.id"],
                                name=op.f("fk_return_lines_item_id_order_items"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_lines")),
    )
    op.create_index(op.f("ix_return_lines_return_id"), "return_lines", ["return_id"])
    op.create_index(op.f("ix_return_lines_item_id"), "return_lines", ["item_id"])


def downgrade() -> None:
    op.drop_table("return_lines")
    op.drop_table("returns")
