"""Line cancels (CAN-1), partial allocation and ship-complete (SHP-2, FUL-1) and expedited
lines shipping alone (EXP-1), through the public API; personalization is test_personalization.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.services.views import ItemView, OrderView
from tests.conftest import World
from tests.integration.order_steps import accepted, assert_totals_add_up, paid, released, submitted
from tests.integration.test_bad_input import dump

RESTOCK = date(2027, 3, 1)
REASON = "Customer changed their mind"


@pytest.fixture
def lamp(admin: Desk, world: World) -> str:
    """2 on the shelf, more expected on RESTOCK."""
    admin.catalog.create_product("LMP-1", "Desk Lamp", "30.00", stock=2, restock_date=RESTOCK)
    return "LMP-1"


def _released(desk: Desk, world: World, *lines: tuple[str, int]) -> OrderView:
    order = accepted(desk, world, *lines)
    desk.orders.add_payment(order.id, "credit_card", order.total)
    return desk.orders.release(order.id)


def _line(order: OrderView, sku: str) -> ItemView:
    return next(i for i in order.items if i.sku == sku)


def _counts(item: ItemView) -> tuple[int, int, int, int]:
    return (item.allocated_quantity, item.backordered_quantity, item.shipped_quantity,
            item.canceled_quantity)


def _adds_up(order: OrderView) -> None:
    """The invariant per line once the order is paid: its parts add up to its quantity."""
    for item in order.items:
        if item.fulfillment_status is not None:
            assert sum(_counts(item)) == item.quantity, item
        assert 0 <= item.packed_quantity <= item.allocated_quantity


# CAN-1 --------------------------------------------------------------------------------------


def test_can_1_csr_cancels_part_of_a_line_before_release_stock_and_totals_follow(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = paid(csr, world, ("WID-1", 5), ("CAB-1", 1))
    widget = _line(order, "WID-1")
    assert _counts(widget) == (5, 0, 0, 0)
    assert admin.catalog.get("WID-1").stock == 95

    order = csr.orders.cancel_item(order.id, widget.id, REASON, quantity=2)

    widget = _line(order, "WID-1")
    assert _counts(widget) == (3, 0, 0, 2) and widget.fulfillment_status == "inventory_assigned"
    assert admin.catalog.get("WID-1").stock == 97  # the 2 canceled went back to the shelf
    assert widget.line_total == Decimal("59.97")  # 3 x 19.99
    assert order.subtotal == Decimal("59.97") + Decimal("9.99")
    assert_line_totals(order)
    assert order.total < order.paid_total  # what was paid now exceeds what is due
    entry = csr.orders.history(order.id)[-1]
    assert (entry.activity, entry.user) == ("Item canceled", "csr")
    assert "WID-1 x 2" in entry.detail and REASON in entry.detail
    _adds_up(order)


def assert_line_totals(order: OrderView) -> None:
    """Totals add up over the units not canceled."""
    billed = [i for i in order.items if i.fulfillment_status != "canceled"]
    assert order.subtotal == sum((i.placed_price * (i.quantity - i.canceled_quantity) for i in billed),
                                 Decimal("0.00"))
    assert order.subtotal - order.discount_total == sum((i.line_total for i in billed), Decimal("0.00"))
    assert order.total == order.subtotal - order.discount_total + order.shipping_total + order.tax_total


def test_can_1_cart_line_canceled_whole_prices_follow(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 2), ("CAB-1", 3))
    cable = _line(order, "CAB-1")
    order = csr.orders.cancel_item(order.id, cable.id, REASON)  # None: all of it
    cable = _line(order, "CAB-1")
    assert cable.fulfillment_status == "canceled" and cable.canceled_quantity == 3
    assert cable.line_total == Decimal("0.00")
    assert order.subtotal == Decimal("39.98")
    assert order.status == "pending_payment_authorization"
    assert_totals_add_up(order)


def test_can_1_a_quantity_change_after_a_partial_cancel_keeps_the_canceled_units(
    csr: Desk, world: World
) -> None:
    order = accepted(csr, world, ("WID-1", 5))
    item = order.items[0]
    order = csr.orders.cancel_item(order.id, item.id, REASON, quantity=2)
    csr.orders.begin_edit(order.id)
    order = csr.orders.set_quantity(order.id, item.id, 4)  # the units still wanted
    csr.orders.finish_edit(order.id)
    item = order.items[0]
    assert (item.quantity, item.canceled_quantity, item.cancelable_quantity) == (6, 2, 4)
    assert item.line_total == Decimal("79.96")  # 4 x 19.99
    assert_line_totals(order)


def test_can_1_released_line_cancel_needs_a_supervisor(
    csr: Desk, supervisor: Desk, admin: Desk, world: World
) -> None:
    order = released(csr, world, ("WID-1", 4), ("CAB-1", 1))
    widget = _line(order, "WID-1")
    reason = order.actions["cancel_item"]
    assert reason is not None and "Supervisor" in reason
    assert widget.actions["cancel_item"] == reason
    with pytest.raises(errors.AuthorizationError, match="Supervisor"):
        csr.orders.cancel_item(order.id, widget.id, REASON, quantity=1)
    assert _counts(_line(csr.orders.get(order.id), "WID-1")) == (4, 0, 0, 0)

    assert supervisor.orders.get(order.id).actions["cancel_item"] is None
    order = supervisor.orders.cancel_item(order.id, widget.id, REASON, quantity=1)
    assert _counts(_line(order, "WID-1")) == (3, 0, 0, 1)
    assert _line(order, "WID-1").fulfillment_status == "released"
    assert admin.catalog.get("WID-1").stock == 97
    _adds_up(order)


def test_can_1_canceling_every_remaining_line_cancels_the_order(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = paid(csr, world, ("WID-1", 2), ("CAB-1", 1))
    order = csr.orders.cancel_item(order.id, _line(order, "WID-1").id, REASON)
    assert order.status == "pending_payment_authorization"
    order = csr.orders.cancel_item(order.id, _line(order, "CAB-1").id, REASON)
    assert order.status == "canceled"
    assert {i.fulfillment_status for i in order.items} == {"canceled"}
    assert {p.status for p in order.payments} == {"voided"}  # nothing will be captured
    assert admin.catalog.get("WID-1").stock == 100 and admin.catalog.get("CAB-1").stock == 500


def test_can_1_rest_of_a_partly_shipped_order_canceled_leaves_it_shipped(
    csr: Desk, supervisor: Desk, admin: Desk, world: World, lamp: str
) -> None:
    order = _released(csr, world, (lamp, 5))
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    item = _line(order, lamp)
    assert _counts(item) == (0, 3, 2, 0) and order.status == "released"

    order = supervisor.orders.cancel_item(order.id, item.id, "Customer will not wait")

    item = _line(order, lamp)
    assert _counts(item) == (0, 0, 2, 3) and item.fulfillment_status == "shipped"
    assert order.status == "shipped"
    assert order.subtotal == Decimal("60.00")  # what shipped is what is charged
    assert_line_totals(order)
    assert sum((p.captured_amount for p in order.payments), Decimal("0.00")) == order.total  # PAY-3


def test_can_1_refusals_name_the_field_and_change_nothing(
    sc: SalesCenter, csr: Desk, csr2: Desk, supervisor: Desk, admin: Desk, world: World, lamp: str
) -> None:
    order = _released(csr, world, (lamp, 5), ("WID-1", 1))
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)  # 2 lamps and the widget shipped, 3 lamps wait
    item, widget = _line(order, lamp), _line(order, "WID-1")
    before = dump(sc.engine)

    with pytest.raises(errors.ValidationError, match="Only 3 of LMP-1 can still be canceled") as over:
        supervisor.orders.cancel_item(order.id, item.id, REASON, quantity=4)
    assert over.value.field == "Cancel quantity" and "2 shipped" in over.value.message
    for bad in (0, -1):
        with pytest.raises(errors.ValidationError) as refused:
            supervisor.orders.cancel_item(order.id, item.id, REASON, quantity=bad)
        assert refused.value.field == "Cancel quantity"
    with pytest.raises(errors.ValidationError) as blank:
        supervisor.orders.cancel_item(order.id, item.id, "  ")
    assert blank.value.field == "Cancel reason"
    with pytest.raises(errors.StateError, match="WID-1 is shipped"):
        supervisor.orders.cancel_item(order.id, widget.id, REASON)
    with pytest.raises(errors.NotFoundError, match="no item number 999999"):
        supervisor.orders.cancel_item(order.id, 999999, REASON)
    assert dump(sc.engine) == before

    cart = accepted(csr, world, ("WID-1", 2))
    csr2.orders.begin_edit(cart.id)
    before = dump(sc.engine)
    with pytest.raises(errors.LockedError, match="csr2") as locked:
        csr.orders.cancel_item(cart.id, cart.items[0].id, REASON, quantity=1)
    assert locked.value.holder == "csr2"
    assert dump(sc.engine) == before
    csr2.orders.finish_edit(cart.id)

    held = csr.orders.hold(cart.id, "Customer asked to wait")
    with pytest.raises(errors.StateError, match="on hold"):
        csr.orders.cancel_item(cart.id, held.items[0].id, REASON)
    csr.orders.release_hold(cart.id)
    csr.orders.cancel(cart.id, REASON)
    before = dump(sc.engine)
    with pytest.raises(errors.StateError, match="canceled"):
        csr.orders.cancel_item(cart.id, cart.items[0].id, REASON)
    assert dump(sc.engine) == before


# SHP-2, FUL-1 -------------------------------------------------------------------------------


def test_shp_2_line_larger_than_stock_takes_what_is_there_and_backorders_the_rest(
    csr: Desk, admin: Desk, world: World, lamp: str
) -> None:
    order = accepted(csr, world, (lamp, 5))
    assert _counts(order.items[0]) == (0, 0, 0, 0)  # nothing allocated before payment
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    item = order.items[0]
    assert _counts(item) == (2, 3, 0, 0)
    assert (item.fulfillment_status, item.expected_date) == ("awaiting_inventory", RESTOCK)  # FUL-1
    assert admin.catalog.get(lamp).stock == 0
    _adds_up(order)


def test_shp_2_allocated_part_ships_alone_and_the_rest_follows(
    csr: Desk, admin: Desk, world: World, lamp: str
) -> None:
    order = _released(csr, world, (lamp, 5))
    order = admin.fulfillment.pick(order.id)
    item = order.items[0]
    assert (item.packed_quantity, item.fulfillment_status) == (2, "awaiting_inventory")
    order = admin.fulfillment.ship(order.id)
    assert _counts(order.items[0]) == (0, 3, 2, 0) and order.status == "released"
    _adds_up(order)

    admin.inventory.receive(lamp, 1)  # one more: it goes alone too
    order = csr.orders.get(order.id)
    assert _counts(order.items[0]) == (1, 2, 2, 0)
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    assert _counts(order.items[0]) == (0, 2, 3, 0)

    admin.inventory.receive(lamp, 4)
    order = csr.orders.get(order.id)
    assert _counts(order.items[0]) == (2, 0, 3, 0) and order.items[0].fulfillment_status == "released"
    assert order.items[0].expected_date is None
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    assert order.status == "shipped" and _counts(order.items[0]) == (0, 0, 5, 0)
    assert admin.catalog.get(lamp).stock == 2  # 2 + 1 + 4 received, 5 shipped


def test_shp_2_ship_complete_order_waits_until_every_line_can_leave(
    csr: Desk, admin: Desk, world: World, lamp: str
) -> None:
    order = accepted(csr, world, (lamp, 3), ("WID-1", 1))
    order = csr.orders.set_ship_complete(order.id)
    assert order.ship_complete is True
    assert csr.orders.history(order.id)[-1].activity == "Ship complete set"
    csr.orders.add_payment(order.id, "credit_card", order.total)
    order = csr.orders.release(order.id)
    with pytest.raises(errors.StateError, match="nothing ready to pick"):
        admin.fulfillment.pick(order.id)

    admin.inventory.receive(lamp, 1)
    order = admin.fulfillment.pick(order.id)
    assert {i.sku: i.packed_quantity for i in order.items} == {lamp: 3, "WID-1": 1}
    order = admin.fulfillment.ship(order.id)
    assert order.status == "shipped"


def test_shp_2_ship_complete_can_be_turned_off_and_the_allocated_part_goes(
    csr: Desk, admin: Desk, world: World, lamp: str
) -> None:
    order = _released(csr, world, (lamp, 3))
    order = csr.orders.set_ship_complete(order.id)
    with pytest.raises(errors.StateError):
        admin.fulfillment.pick(order.id)
    order = csr.orders.set_ship_complete(order.id, on=False)
    assert order.ship_complete is False
    order = admin.fulfillment.pick(order.id)
    assert order.items[0].packed_quantity == 2


def test_shp_2_stock_is_conserved_through_allocation_cancel_and_shipment(
    csr: Desk, supervisor: Desk, admin: Desk, world: World, lamp: str
) -> None:
    first = _released(csr, world, (lamp, 3))
    second = _released(csr, world, (lamp, 2))
    admin.inventory.receive(lamp, 2)
    admin.fulfillment.pick(first.id)
    admin.fulfillment.ship(first.id)
    supervisor.orders.cancel_item(second.id, second.items[0].id, REASON, quantity=1)
    orders = [csr.orders.get(first.id), csr.orders.get(second.id)]
    for order in orders:
        _adds_up(order)
    on_shelf = admin.catalog.get(lamp).stock
    allocated = sum(o.items[0].allocated_quantity for o in orders)
    shipped = sum(o.items[0].shipped_quantity for o in orders)
    assert on_shelf + allocated + shipped == 2 + 2  # on hand at the start plus received


# EXP-1 --------------------------------------------------------------------------------------


def test_exp_1_expedited_line_ships_alone_even_on_a_ship_complete_order(
    csr: Desk, admin: Desk, world: World, lamp: str
) -> None:
    order = accepted(csr, world, (lamp, 3), ("WID-1", 1))
    order = csr.orders.set_ship_complete(order.id)
    order = csr.orders.expedite(order.id, _line(order, "WID-1").id)
    csr.orders.add_payment(order.id, "credit_card", order.total)
    csr.orders.release(order.id)

    order = admin.fulfillment.pick(order.id)
    assert {i.sku: i.packed_quantity for i in order.items} == {lamp: 0, "WID-1": 1}
    order = admin.fulfillment.ship(order.id)
    assert _line(order, "WID-1").fulfillment_status == "shipped"
    assert _line(order, lamp).fulfillment_status == "awaiting_inventory"
    assert order.status == "released"


def test_exp_1_expedited_line_goes_to_the_pick_list_when_its_stock_arrives(
    csr: Desk, admin: Desk, world: World, lamp: str
) -> None:
    admin.catalog.create_product("CHR-1", "Chair", "80.00", stock=0, restock_date=RESTOCK)
    order = accepted(csr, world, (lamp, 3), ("CHR-1", 1))
    order = csr.orders.set_ship_complete(order.id)
    order = csr.orders.expedite(order.id, _line(order, lamp).id)
    csr.orders.add_payment(order.id, "credit_card", order.total)
    csr.orders.release(order.id)

    admin.inventory.receive(lamp, 1)
    order = admin.fulfillment.pick(order.id)
    assert {i.sku: i.packed_quantity for i in order.items} == {lamp: 3, "CHR-1": 0}
    assert _line(order, lamp).fulfillment_status == "packing"
    assert _line(order, "CHR-1").fulfillment_status == "awaiting_inventory"
