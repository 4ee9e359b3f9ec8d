"""History is append-only: the database itself refuses to change or remove it (ORD-6, ORD-8)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from salescenter import SalesCenter
from salescenter.api import Desk
from tests.conftest import World
from tests.reliability.support import cart, fingerprint


@pytest.mark.parametrize("statement", [
    "UPDATE history SET detail = 'rewritten'",
    "UPDATE history SET \"user\" = 'someone else' WHERE id = 1",
    "DELETE FROM history",
    "DELETE FROM history WHERE id = 1",
])
def test_ord_6_history_update_and_delete_refused_by_the_database(
    statement: str, csr: Desk, sc: SalesCenter, world: World
) -> None:
    cart(csr, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(DBAPIError, match="history is append-only"), sc.engine.begin() as connection:
        connection.execute(text(statement))
    assert fingerprint(sc.engine) == before


def test_ord_6_history_truncate_refused_on_postgresql(csr: Desk, sc: SalesCenter, world: World) -> None:
    if sc.dialect != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE is refused above")
    cart(csr, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(DBAPIError, match="history is append-only"), sc.engine.begin() as connection:
        connection.execute(text("TRUNCATE history"))
    assert fingerprint(sc.engine) == before


def test_ord_6_history_insert_still_allowed_and_kept(csr: Desk, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    activities = [h.activity for h in csr.orders.history(order.id)]
    assert activities == ["Order created", "Item added"]


def test_ord_8_deleted_order_keeps_its_history(admin: Desk, csr: Desk, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    assert admin.orders.delete([order.id]) == 1
    activities = [(h.activity, h.user) for h in admin.orders.history(order.id)]
    assert activities == [("Order created", "csr"), ("Item added", "csr"), ("Order deleted", "admin")]
