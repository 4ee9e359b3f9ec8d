"""What a store charges (PRC-4, PRC-5): a price per product per store, tax rates by
destination with taxable shipping, shipping rates per method, tax-exempt customers,
the currency of an amount-off promotion, and each store's return window (RET-2).

Revision ID: 0010_store_rates
Revises: 0009_quote_states
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_store_rates"
down_revision = "0009_quote_states"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "product_prices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("price", sa.Numeric(12, 2, asdecimal=True), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_product_prices_product_id_products"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], name=op.f("fk_product_prices_store_id_stores"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_prices")),
        sa.UniqueConstraint("product_id", "store_id", name=op.f("uq_product_prices_product_id")),
    )
    op.create_index(op.f("ix_product_prices_store_id"), "product_prices", ["store_id"])
    op.create_table(
        "tax_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("rate", sa.Numeric(7, 4, asdecimal=True), nullable=False),
        sa.Column("tax_shipping", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], name=op.f("fk_tax_rates_store_id_stores"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_rates")),
        sa.UniqueConstraint("store_id", "country", "region", name=op.f("uq_tax_rates_store_id")),
    )
    op.create_index(op.f("ix_tax_rates_store_id"), "tax_rates", ["store_id"])
    op.create_table(
        "shipping_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2, asdecimal=True), nullable=False),
        sa.Column("free_over", sa.Numeric(12, 2, asdecimal=True), nullable=True),
        sa.ForeignKeyConstraint(["store_id"], ["stores.id"], name=op.f("fk_shipping_rates_store_id_stores"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipping_rates")),
        sa.UniqueConstraint("store_id", "method", name=op.f("uq_shipping_rates_store_id")),
    )
    op.create_index(op.f("ix_shipping_rates_store_id"), "shipping_rates", ["store_id"])
    # Plain ADD COLUMN: a batch rebuild on SQLite would cascade-delete rows that reference these.
    op.add_column("customers", sa.Column("tax_exempt", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))
    op.add_column("stores", sa.Column("return_days", sa.Integer(), nullable=False, server_default="30"))
    op.add_column("promotions", sa.Column("currency", sa.String(length=3), nullable=True))


def downgrade() -> None:
    op.drop_column("promotions", "currency")
    op.drop_column("stores", "return_days")
    op.drop_column("customers", "tax_exempt")
    for table in ("shipping_rates", "tax_rates", "product_prices"):
        op.drop_index(op.f(f"ix_{table}_store_id"), table_name=table)
        op.drop_table(table)
