"""Quote states (PRC-1) and prices frozen from submit or from the quote (PRC-2).

A quote is draft, ready, canceled or converted (the order it became is kept in
``converted_to``); "expired" is read off the expiry date, so a quote expires
without anyone touching it. ``prices_frozen`` marks an order whose lines keep
their prices: set at submit, and at once for an order converted from a quote.

Revision ID: 0009_quote_states
Revises: 0006_sessions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_quote_states"
down_revision = "0006_sessions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN on both: a batch rebuild of ``orders`` on SQLite would
    # cascade-delete every item, payment and block of every order.
    op.add_column("orders", sa.Column("quote_status", sa.String(length=20), nullable=True))
    op.add_column("orders", sa.Column("converted_to", sa.String(length=40), nullable=True))
    op.add_column("orders", sa.Column("prices_frozen", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute("UPDATE orders SET quote_status = CASE WHEN status = 'canceled' THEN 'canceled' "
               "ELSE 'draft' END WHERE kind = 'quote'")
    op.execute("UPDATE orders SET prices_frozen = true WHERE submitted_at IS NOT NULL")


def downgrade() -> None:
    # Not in batch mode either (see upgrade); SQLite drops a plain column in place since 3.35.
    for column in ("prices_frozen", "converted_to", "quote_status"):
        op.drop_column("orders", column)
