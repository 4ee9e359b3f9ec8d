"""Payments with a lifecycle (PAY-3): what each captured and refunded, and the gateway's
own transaction id that capture, void and refund name.

Revision ID: 0013_payment_lifecycle
Revises: 0012_line_quantities
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_payment_lifecycle"
down_revision = "0012_line_quantities"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(12, 2, asdecimal=True)


def upgrade() -> None:
    # Plain ADD COLUMN: a batch rebuild on SQLite would cascade-delete rows that reference these.
    op.add_column("payments", sa.Column("gateway_reference", sa.String(length=64), nullable=False,
                                        server_default=""))
    op.add_column("payments", sa.Column("captured_amount", MONEY, nullable=False, server_default="0"))
    op.add_column("payments", sa.Column("refunded_amount", MONEY, nullable=False, server_default="0"))
    # Orders that shipped before payments were captured on shipment: their money was taken.
    op.execute(
        "UPDATE payments SET captured_amount = authorized_amount, status = 'captured' "
        "WHERE status = 'authorized' AND order_id IN (SELECT id FROM orders WHERE status = 'shipped')"
    )


def downgrade() -> None:
    # The older code knows authorized and declined; a voided payment stays voided (it counts as neither).
    op.execute("UPDATE payments SET status = 'authorized' WHERE status IN ('captured', 'refunded')")
    for column in ("refunded_amount", "captured_amount", "gateway_reference"):
        op.drop_column("payments", column)
