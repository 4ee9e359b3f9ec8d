"""ORD-16 for an order made from another: a line whose price is not the one paid last time,
or short of stock, is flagged, and the copy goes on only once the rep accepts it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import World
from tests.reliability.support import paid


def test_ord_16_a_reordered_line_whose_price_changed_is_flagged_until_accepted(
        admin: Desk, csr: Desk, world: World) -> None:
    source = paid(csr, world.store, world.customer_id, "CAB-1", 2)
    admin.catalog.update_product("CAB-1", list_price="11.49")
    copy = csr.orders.create_from(source.id)
    (line,) = copy.items
    assert line.flag and "11.49" in line.flag and "9.99" in line.flag and source.number in line.flag
    assert not line.flag_accepted and line.actions["accept_item"] is None
    with pytest.raises(errors.ValidationError, match="CAB-1"):
        csr.orders.submit(copy.id)
    assert csr.orders.get(copy.id).version == copy.version  # the refusal changed nothing
    copy = csr.orders.accept_item(copy.id, line.id)
    assert copy.items[0].flag_accepted and copy.items[0].placed_price == Decimal("11.49")
    assert csr.orders.submit(copy.id).status == "pending_payment_authorization"


def test_ord_16_a_reorder_at_the_same_price_with_stock_has_nothing_to_accept(
        csr: Desk, world: World) -> None:
    source = paid(csr, world.store, world.customer_id, "WID-1", 1)
    copy = csr.orders.create_from(source.id)
    assert [item.flag for item in copy.items] == [None]
    assert csr.orders.submit(copy.id).status == "pending_payment_authorization"


def test_ord_16_a_reordered_line_short_of_stock_is_flagged_as_an_availability_exception(
        admin: Desk, csr: Desk, world: World) -> None:
    source = paid(csr, world.store, world.customer_id, "GAD-1", 3)  # all 3 in stock
    admin.catalog.update_product("GAD-1", list_price="6.00")
    copy = csr.orders.create_from(source.id)
    (line,) = copy.items
    assert line.flag is not None and line.flag.startswith("Price changed: 6.00 today, 5.00 on order")
    assert admin.catalog.get("GAD-1").stock == 0  # the first order took all three
    assert "Only 0 in stock; 3 backordered" in line.flag  # both exceptions, one acceptance
    copy = csr.orders.accept_item(copy.id, line.id)
    assert csr.orders.submit(copy.id).status == "pending_payment_authorization"
