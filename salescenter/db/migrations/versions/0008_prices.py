"""Prices that hold: the promotions an order was priced with, coupon codes reused, use limits.

``order_promotions`` records which promotions priced an order: while it is a cart
that set follows today's promotions; from submit on it is frozen (PRC-2) and each
row is one use of the promotion (PRC-8). A coupon code may be reused once the
promotion that had it has ended, so its unique constraint becomes a plain index.

Revision ID: 0008_prices
Revises: 0007_ticklers_audit
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from salescenter.db import retired_roles as roles

revision = "0008_prices"
down_revision = "0007_ticklers_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("promotions") as batch:
        batch.drop_constraint("uq_promotions_coupon_code", type_="unique")
        batch.add_column(sa.Column("uses_per_customer", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("max_uses", sa.Integer(), nullable=True))
        batch.create_index("ix_promotions_coupon_code", ["coupon_code"])
    op.create_table(
        "order_promotions",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("promotion_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_order_promotions_order_id_orders"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["promotion_id"], ["promotions.id"],
                                name=op.f("fk_order_promotions_promotion_id_promotions"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("order_id", "promotion_id", name=op.f("pk_order_promotions")),
    )
    op.create_index("ix_order_promotions_promotion_id", "order_promotions", ["promotion_id"])
    if op.get_bind().dialect.name == "postgresql":
        roles.install(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_order_promotions_promotion_id", table_name="order_promotions")
    op.drop_table("order_promotions")
    with op.batch_alter_table("promotions") as batch:
        batch.drop_index("ix_promotions_coupon_code")
        batch.drop_column("max_uses")
        batch.drop_column("uses_per_customer")
        batch.create_unique_constraint("uq_promotions_coupon_code", ["coupon_code"])
