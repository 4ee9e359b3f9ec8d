"""Quantities per order line (SHP-2, CAN-1): backordered, packed, shipped and canceled
beside the allocated count, personalization text (PER-1) and an order's ship-complete flag.

Existing lines get the quantities their fulfillment status already meant, so that
allocated + backordered + shipped + canceled == quantity holds for every paid line.

Revision ID: 0012_line_quantities
Revises: 0011_returns
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_line_quantities"
down_revision = "0011_returns"
branch_labels = None
depends_on = None

_QUANTITIES = ("backordered_quantity", "packed_quantity", "shipped_quantity", "canceled_quantity")


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN on both: a batch rebuild of ``orders`` or ``order_items``
    # on SQLite would cascade-delete their items, holds and payments (as 0009 says).
    for name in _QUANTITIES:
        op.add_column("order_items", sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    op.add_column("order_items", sa.Column("personalization", sa.String(length=200), nullable=True))
    op.add_column("orders", sa.Column("ship_complete", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    items = sa.table(
        "order_items", sa.column("fulfillment_status", sa.String()), sa.column("quantity", sa.Integer()),
        *(sa.column(name, sa.Integer()) for name in _QUANTITIES),
    )
    # A whole line was in one status before: its quantity is all in that status's count.
    status = items.c.fulfillment_status
    op.execute(items.update().where(status == "awaiting_inventory")
               .values(backordered_quantity=items.c.quantity))
    op.execute(items.update().where(status == "packing")
               .values(packed_quantity=items.c.quantity))
    op.execute(items.update().where(status == "shipped")
               .values(shipped_quantity=items.c.quantity))
    op.execute(items.update().where(status == "canceled")
               .values(canceled_quantity=items.c.quantity))


def downgrade() -> None:
    # Not in batch mode either (see upgrade); SQLite drops a plain column in place since 3.35.
    op.drop_column("orders", "ship_complete")
    for name in ("personalization", *reversed(_QUANTITIES)):
        op.drop_column("order_items", name)
