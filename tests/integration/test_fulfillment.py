"""Stock assignment, expedite and shipment statuses (FUL-1, FUL-2, EXP-1, EXP-2)."""

from __future__ import annotations

from datetime import date

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import World
from tests.integration.order_steps import accepted, paid, released, submitted

RESTOCK = date(2027, 1, 15)


@pytest.fixture
def backordered(admin: Desk, world: World) -> str:
    """A product with 2 on the shelf and more expected on RESTOCK."""
    admin.catalog.create_product("BAK-1", "Backorder Lamp", "30.00", stock=2, restock_date=RESTOCK)
    return "BAK-1"


def _pay_and_release(desk: Desk, order_id: int) -> None:
    order = desk.orders.get(order_id)
    desk.orders.add_payment(order_id, "credit_card", order.total)
    desk.orders.release(order_id)


def _status(desk: Desk, order_id: int, sku: str) -> str | None:
    return next(i.fulfillment_status for i in desk.orders.get(order_id).items if i.sku == sku)


def test_ful_1_paid_order_gets_inventory_assigned(csr: Desk, admin: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 5))
    assert order.items[0].fulfillment_status is None  # nothing assigned before payment
    assert admin.catalog.get("WID-1").stock == 100
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    assert order.items[0].fulfillment_status == "inventory_assigned"
    assert order.items[0].expected_date is None
    assert admin.catalog.get("WID-1").stock == 95


def test_ful_1_item_beyond_stock_awaits_inventory_with_expected_date(
    csr: Desk, admin: Desk, world: World, backordered: str
) -> None:
    order_id = accepted(csr, world, ("WID-1", 1), (backordered, 3)).id
    order = csr.orders.add_payment(order_id, "credit_card", csr.orders.get(order_id).total)
    statuses = {i.sku: (i.fulfillment_status, i.expected_date) for i in order.items}
    assert statuses == {"WID-1": ("inventory_assigned", None), "BAK-1": ("awaiting_inventory", RESTOCK)}
    lamp = next(i for i in order.items if i.sku == backordered)
    # SHP-2: the 2 on the shelf are the line's; the part not in stock awaits inventory
    assert (lamp.allocated_quantity, lamp.backordered_quantity) == (2, 1)
    assert admin.catalog.get(backordered).stock == 0


def test_ful_1_partly_paid_order_is_not_assigned(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 2))
    order = csr.orders.add_payment(order.id, "credit_card", "1.00")
    assert order.items[0].fulfillment_status is None


def test_ful_2_released_to_packing_to_shipped(csr: Desk, admin: Desk, world: World) -> None:
    order = released(csr, world, ("WID-1", 1), ("CAB-1", 2))
    assert {i.fulfillment_status for i in order.items} == {"released"}
    order = admin.fulfillment.pick(order.id)
    assert {i.fulfillment_status for i in order.items} == {"packing"}
    assert order.status == "released"
    order = admin.fulfillment.ship(order.id)
    assert {i.fulfillment_status for i in order.items} == {"shipped"}
    assert order.status == "shipped"
    activities = [h.activity for h in csr.orders.history(order.id)]
    assert activities[-2:] == ["Items picked", "Items shipped"]


def test_ful_2_order_is_shipped_only_when_all_items_are(
    csr: Desk, admin: Desk, world: World, backordered: str
) -> None:
    order_id = accepted(csr, world, ("WID-1", 1), (backordered, 3)).id
    _pay_and_release(csr, order_id)
    order = admin.fulfillment.pick(order_id)
    assert {i.sku: i.fulfillment_status for i in order.items} == {
        "WID-1": "packing", "BAK-1": "awaiting_inventory"}
    order = admin.fulfillment.ship(order_id)
    assert order.status == "released" and _status(csr, order_id, "WID-1") == "shipped"
    with pytest.raises(errors.StateError):
        admin.fulfillment.pick(order_id)  # nothing ready

    admin.inventory.receive(backordered, 5)
    assert _status(csr, order_id, backordered) == "released"
    admin.fulfillment.pick(order_id)
    order = admin.fulfillment.ship(order_id)
    assert order.status == "shipped"


def test_ful_2_only_released_orders_are_picked_and_only_packed_items_shipped(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = paid(csr, world, ("WID-1", 1))
    with pytest.raises(errors.StateError, match="released"):
        admin.fulfillment.pick(order.id)
    order = csr.orders.release(order.id)
    with pytest.raises(errors.StateError, match="nothing packed"):
        admin.fulfillment.ship(order.id)
    assert csr.orders.get(order.id).items[0].fulfillment_status == "released"


def test_exp_1_item_is_expedited_on_behalf_of_the_customer(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 1))
    order = csr.orders.expedite(order.id, order.items[0].id)
    assert order.items[0].expedite is True
    assert csr.orders.history(order.id)[-1].activity == "Item expedited"
    order = csr.orders.expedite(order.id, order.items[0].id, on=False)
    assert order.items[0].expedite is False


def test_exp_1_expedited_item_is_released_and_shipped_as_soon_as_available(
    csr: Desk, admin: Desk, world: World, backordered: str
) -> None:
    order_id = accepted(csr, world, (backordered, 3), ("GAD-1", 5)).id
    _pay_and_release(csr, order_id)
    lamp = next(i for i in csr.orders.get(order_id).items if i.sku == backordered)
    csr.orders.expedite(order_id, lamp.id)

    admin.inventory.receive(backordered, 3)

    assert _status(csr, order_id, backordered) == "released"
    assert _status(csr, order_id, "GAD-1") == "awaiting_inventory"
    admin.fulfillment.pick(order_id)
    order = admin.fulfillment.ship(order_id)
    assert {i.sku: i.fulfillment_status for i in order.items} == {
        backordered: "shipped", "GAD-1": "awaiting_inventory"}
    assert order.status == "released"


def test_exp_1_shipped_item_or_finished_order_cannot_be_expedited(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = released(csr, world, ("WID-1", 1))
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    with pytest.raises(errors.StateError):
        csr.orders.expedite(order.id, order.items[0].id)
    assert csr.orders.get(order.id).items[0].expedite is False


def test_exp_2_arriving_stock_goes_to_expedited_items_first(
    csr: Desk, admin: Desk, world: World, backordered: str
) -> None:
    earlier = accepted(csr, world, (backordered, 3)).id
    later = accepted(csr, world, (backordered, 3)).id
    for order_id in (earlier, later):
        _pay_and_release(csr, order_id)
    # SHP-2: the earlier order took the 2 on the shelf and waits for 1; the later waits for 3
    assert _status(csr, earlier, backordered) == "awaiting_inventory"
    assert _status(csr, later, backordered) == "awaiting_inventory"
    later_item = csr.orders.get(later).items[0]
    csr.orders.expedite(later, later_item.id)

    admin.inventory.receive(backordered, 3)  # enough for the expedited line only

    assert _status(csr, later, backordered) == "released"
    assert _status(csr, earlier, backordered) == "awaiting_inventory"
    assert admin.catalog.get(backordered).stock == 0
    assert csr.orders.history(later)[-1].activity == "Stock assigned"

    admin.inventory.receive(backordered, 1)
    assert _status(csr, earlier, backordered) == "released"


def test_exp_2_without_expedite_the_oldest_order_is_served_first(
    csr: Desk, admin: Desk, world: World, backordered: str
) -> None:
    earlier = accepted(csr, world, (backordered, 3)).id
    later = accepted(csr, world, (backordered, 3)).id
    for order_id in (earlier, later):
        _pay_and_release(csr, order_id)
    admin.inventory.receive(backordered, 1)
    assert _status(csr, earlier, backordered) == "released"
    assert _status(csr, later, backordered) == "awaiting_inventory"
