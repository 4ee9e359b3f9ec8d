"""Issue 17: money range and time zones the same on SQLite and PostgreSQL.

Amounts are Numeric(12,2): an order whose total would not fit is refused by
the pricing that computes it, with a ValidationError naming the total, on both
backends (SQLite used to store it, PostgreSQL to report an unrelated conflict),
and nothing of the change is kept. A date-time with a time zone is the same
instant in UTC, as an import stores it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from salescenter.api import Desk
from salescenter.errors import ValidationError
from salescenter.services import validation as v
from salescenter.services.transfer.rows import moment
from tests.conftest import World
from tests.integration.order_steps import cart

TOO_LARGE = r"Order total .* is too large: an order can total at most 9,999,999,999\.99"


@pytest.fixture
def costly(admin: Desk, world: World) -> Desk:
    admin.catalog.create_product("YACHT", "Yacht", "9999999999.99", stock=10)
    admin.catalog.create_product("HOUSE", "House", "6000000000.00", stock=10)
    return admin


def test_ord_6_an_order_total_over_the_largest_amount_is_refused_with_its_reason(
    costly: Desk, csr: Desk, world: World
) -> None:
    order = cart(csr, world, ("WID-1", 1))
    with pytest.raises(ValidationError, match=TOO_LARGE):
        csr.orders.add_item(order.id, "YACHT", 1)  # the price fits; with 8.25% tax the total does not
    with pytest.raises(ValidationError, match=TOO_LARGE):
        csr.orders.add_item(order.id, "HOUSE", 2)
    house = csr.orders.add_item(order.id, "HOUSE", 1)
    with pytest.raises(ValidationError, match=TOO_LARGE):
        csr.orders.add_item(order.id, "HOUSE", 1)  # each line fits, together they do not
    line = next(item for item in house.items if item.sku == "HOUSE")
    with pytest.raises(ValidationError, match=TOO_LARGE):
        csr.orders.set_quantity(order.id, line.id, 3)
    after = csr.orders.get(order.id)
    assert [(i.sku, i.quantity) for i in after.items] == [("WID-1", 1), ("HOUSE", 1)]
    assert (after.total, after.version) == (house.total, house.version)
    assert after.total == Decimal("6495000021.64")


def test_ord_6_the_largest_total_itself_is_kept_to_the_cent(costly: Desk, csr: Desk, world: World) -> None:
    # No tax in that store, and standard shipping is free from 100.00.
    order = csr.orders.create(world.b2b_store, world.b2b_customer_id, shipping_method="standard")
    placed = csr.orders.add_item(order.id, "YACHT", 1)
    assert placed.total == v.MAX_MONEY == csr.orders.get(order.id).total


def test_a_zoned_date_time_is_the_same_instant_in_utc_as_an_import_gives() -> None:
    eastern_kiribati = datetime(2026, 11, 21, 0, 0, tzinfo=timezone(timedelta(hours=14)))
    assert v.when(eastern_kiribati, "Start date") == datetime(2026, 11, 20, 10, 0)
    assert v.when("2026-11-21T00:00+14:00", "Start date") == datetime(2026, 11, 20, 10, 0)
    assert v.when("2026-11-21T00:00+14:00", "Start date") == moment("2026-11-21T00:00+14:00", "Created")
    assert v.when(datetime(2026, 11, 21, 9, 30, tzinfo=UTC), "x") == datetime(2026, 11, 21, 9, 30)
    assert v.when("2026-11-21T09:30", "x") == datetime(2026, 11, 21, 9, 30)  # no zone: as given
    with pytest.raises(ValidationError, match="outside the years 1 to 9999"):
        v.when("0001-01-01T00:00+14:00", "Start date")


def test_prc_1_a_quote_expiry_given_with_a_zone_is_kept_as_that_instant(
    csr: Desk, world: World
) -> None:
    expires = datetime(2030, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=14)))
    quote = csr.orders.create(world.store, world.customer_id, quote=True, quote_expires=expires)
    assert csr.orders.get(quote.id).quote_expires == datetime(2030, 2, 28, 18, 0)
