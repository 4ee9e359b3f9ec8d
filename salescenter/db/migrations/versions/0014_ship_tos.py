"""Several ship-tos per order (SHP-1) with their own charges and overrides (PRC-6).

Every existing order gets its first ship-to, carrying the shipping and tax it was
charged; its address and method stay on the order row. Items point at a ship-to
(none: the first).

Revision ID: 0014_ship_tos
Revises: 0013_payment_lifecycle
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_ship_tos"
down_revision = "0013_payment_lifecycle"
branch_labels = None
depends_on = None

_MONEY = sa.Numeric(12, 2, asdecimal=True)


def upgrade() -> None:
    op.create_table(
        "ship_tos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("line1", sa.String(length=200), nullable=False),
        sa.Column("line2", sa.String(length=200), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=20), nullable=False),
        sa.Column("country", sa.String(length=60), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("shipping_total", _MONEY, nullable=False),
        sa.Column("tax_total", _MONEY, nullable=False),
        sa.Column("rated_shipping", _MONEY, nullable=False),
        sa.Column("override_amount", _MONEY, nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("override_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_ship_tos_order_id_orders"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ship_tos")),
    )
    op.create_index(op.f("ix_ship_tos_order_id"), "ship_tos", ["order_id"])
    op.execute(
        "INSERT INTO ship_tos (order_id, position, name, line1, line2, city, region, postal_code, "
        "country, phone, method, shipping_total, tax_total, rated_shipping, override_reason) "
        "SELECT id, 1, '', '', '', '', '', '', '', '', shipping_method, shipping_total, tax_total, "
        "shipping_total, '' FROM orders"
    )
    # Plain ADD COLUMN: a batch rebuild of order_items on SQLite would cascade-delete the
    # holds that reference its rows.
    op.add_column("order_items", sa.Column("ship_to_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("order_items", "ship_to_id")
    op.drop_index(op.f("ix_ship_tos_order_id"), table_name="ship_tos")
    op.drop_table("ship_tos")
