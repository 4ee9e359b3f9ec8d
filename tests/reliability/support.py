"""Shared by the block, lock, authority and reliability tests: worlds, orders, fingerprints."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from sqlalchemy import Engine, MetaData, select, text

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.services.views import OrderView

# A card number that payment services publish as "always declined".
DECLINED_CARD = "4000000000000002"
GOOD_CARD = "4111111111111111"
_REFLECTED: dict[str, MetaData] = {}


def fingerprint(engine: Engine) -> str:
    """A digest of every row of every table: equal digests mean an unchanged database.

    A server's sessions are left out: each request may note its session's last-seen time and
    lock epochs, which is the server's bookkeeping, not data a refused request changed."""
    key = str(engine.url)
    if key not in _REFLECTED:
        _REFLECTED[key] = MetaData()
        _REFLECTED[key].reflect(bind=engine)
    meta = _REFLECTED[key]
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in sorted(meta.sorted_tables, key=lambda t: t.name):
            if table.name in ("alembic_version", "desk_sessions"):
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            digest.update(table.name.encode())
            for row in connection.execute(select(table).order_by(*order)):
                digest.update(repr(tuple(row)).encode())
        connection.rollback()
    return digest.hexdigest()


def table_counts(engine: Engine, *tables: str) -> dict[str, int]:
    with engine.connect() as connection:
        return {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def cart(desk: Desk, store: str, customer_id: int, sku: str = "WID-1", quantity: int = 2) -> OrderView:
    order = desk.orders.create(store, customer_id)
    return desk.orders.add_item(order.id, sku, quantity)


def submitted(desk: Desk, store: str, customer_id: int, sku: str = "WID-1", quantity: int = 2) -> OrderView:
    """A submitted order (Pending payment authorization), not paid yet."""
    return desk.orders.submit(cart(desk, store, customer_id, sku, quantity).id)


def paid(desk: Desk, store: str, customer_id: int, sku: str = "WID-1", quantity: int = 2) -> OrderView:
    """A submitted order whose payment covers its total: ready to release."""
    order = submitted(desk, store, customer_id, sku, quantity)
    return desk.orders.add_payment(order.id, "credit_card", order.total, card_number=GOOD_CARD)


def open_blocks(order: OrderView) -> list[str]:
    return [b.reason for b in order.blocks if not b.resolved]


def money(value: str) -> Decimal:
    return Decimal(value)


def center_engine(sc: SalesCenter) -> Engine:
    return sc.engine
