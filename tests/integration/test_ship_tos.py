"""Several ship-tos per order (SHP-1), tax by each ship-to's destination (PRC-5) and the
shipping charge overridden per ship-to with a block beyond the rep's limit (PRC-6)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.services.views import OrderView
from tests.conftest import HOME, World
from tests.integration.order_steps import ELSEWHERE, assert_totals_add_up, cart, paid
from tests.integration.test_bad_input import dump

TORONTO = {"name": "Mercy's sister", "line1": "1 King Street W", "city": "Toronto", "region": "ON",
           "postal_code": "M5H 1A1", "country": "CA", "phone": "555-010-4000"}


def _line(order: OrderView, sku: str) -> Any:
    return next(item for item in order.items if item.sku == sku)


def _activities(desk: Desk, order_id: int) -> list[str]:
    return [entry.activity for entry in desk.orders.history(order_id)]


def _stock(desk: Desk, sku: str) -> int:
    return next(p.stock for p in desk.catalog.find(sku) if p.sku == sku)


def test_shp_1_an_order_starts_with_one_ship_to_its_shipping_address(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 2))
    assert len(order.ship_tos) == 1
    first = order.ship_tos[0]
    assert first.address == order.shipping_address
    assert first.address is not None and first.address.line1 == HOME["line1"]
    assert first.method == order.shipping_method == "standard"
    assert first.shipping_total == order.shipping_total == Decimal("7.95")
    assert not first.shipping_overridden
    assert order.items[0].ship_to_id == first.id
    assert first.item_ids == [order.items[0].id]


def test_shp_1_an_item_goes_to_a_second_ship_to_with_its_own_method_and_charge(
    csr: Desk, world: World
) -> None:
    order = cart(csr, world, ("WID-1", 2), ("CAB-1", 1))
    order = csr.orders.add_ship_to(order.id, ELSEWHERE, method="express")
    second = order.ship_tos[-1]
    assert (second.position, second.method) == (2, "express")
    assert second.address is not None and second.address.city == "Chicago"
    assert second.item_ids == [] and second.shipping_total == 0  # nothing goes there yet

    cable = _line(order, "CAB-1")
    order = csr.orders.assign_item(order.id, cable.id, second.id)

    first, second = order.ship_tos
    assert _line(order, "CAB-1").ship_to_id == second.id
    assert _line(order, "WID-1").ship_to_id == first.id
    assert (first.shipping_total, second.shipping_total) == (Decimal("7.95"), Decimal("19.95"))
    assert order.shipping_total == Decimal("27.90")
    assert order.shipping_address is not None and order.shipping_address.line1 == HOME["line1"]
    assert first.item_ids == [_line(order, "WID-1").id] and second.item_ids == [cable.id]
    assert_totals_add_up(order)
    assert _activities(csr, order.id)[-2:] == ["Ship-to added", "Item assigned"]
    assert "CAB-1 x 1: Ship-to 1 (Mercy Taylor, Springfield) -> Ship-to 2 (Mercy at work, Chicago)" in (
        csr.orders.history(order.id)[-1].detail)


def test_shp_1_part_of_a_line_splits_into_a_second_row_for_the_other_ship_to(
    csr: Desk, world: World
) -> None:
    order = cart(csr, world, ("WID-1", 5))
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)
    widget, second = order.items[0], order.ship_tos[-1]

    split = csr.orders.assign_item(order.id, widget.id, second.id, quantity=2)

    rows = sorted(split.items, key=lambda item: item.id)
    assert [(row.sku, row.quantity) for row in rows] == [("WID-1", 3), ("WID-1", 2)]
    assert rows[0].ship_to_id == split.ship_tos[0].id and rows[1].ship_to_id == second.id
    assert {row.placed_price for row in rows} == {widget.placed_price}
    assert split.subtotal == order.subtotal  # the same five widgets, at the same price
    assert_totals_add_up(split)
    assert "WID-1: 2 of 5 split from Ship-to 1" in csr.orders.history(order.id)[-1].detail


def test_shp_1_splitting_an_allocated_line_in_an_edit_keeps_its_stock(csr: Desk, world: World) -> None:
    order = paid(csr, world, ("WID-1", 4))
    assert order.items[0].fulfillment_status == "inventory_assigned"
    stock = _stock(csr, "WID-1")
    csr.orders.begin_edit(order.id)
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)

    split = csr.orders.assign_item(order.id, order.items[0].id, order.ship_tos[-1].id, quantity=1)

    assert sorted((row.quantity, row.allocated_quantity) for row in split.items) == [(1, 1), (3, 3)]
    assert {row.fulfillment_status for row in split.items} == {"inventory_assigned"}
    assert _stock(csr, "WID-1") == stock  # the stock moved with the part, none taken or given back
    done = csr.orders.finish_edit(order.id)
    assert done.status == "pending_payment_authorization"
    assert_totals_add_up(done)


def test_shp_1_a_split_takes_the_allocated_part_first_and_both_rows_add_up(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("GAD-1", 5))  # 3 in stock: 3 allocated, 2 backordered (SHP-2)
    order = csr.orders.accept_item(order.id, order.items[0].id)
    order = csr.orders.submit(order.id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    csr.orders.begin_edit(order.id)
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)

    split = csr.orders.assign_item(order.id, order.items[0].id, order.ship_tos[-1].id, quantity=2)

    rows = sorted(split.items, key=lambda item: item.id)
    for row in rows:
        assert (row.allocated_quantity + row.backordered_quantity + row.shipped_quantity
                + row.canceled_quantity) == row.quantity
    assert [(row.allocated_quantity, row.backordered_quantity) for row in rows] == [(1, 2), (2, 0)]
    assert [row.fulfillment_status for row in rows] == ["awaiting_inventory", "inventory_assigned"]
    assert _stock(csr, "GAD-1") == 0  # a split moves no stock


def test_shp_1_a_copy_keeps_the_ship_tos_and_where_each_line_goes(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1), ("CAB-1", 2))
    order = csr.orders.add_ship_to(order.id, ELSEWHERE, method="express")
    order = csr.orders.assign_item(order.id, _line(order, "CAB-1").id, order.ship_tos[-1].id)
    order = csr.orders.override_shipping(order.id, order.ship_tos[0].id, "5.00", "Regular customer")

    copy = csr.orders.create_from(order.id)

    first, second = copy.ship_tos
    assert second.address is not None and second.address.line1 == ELSEWHERE["line1"]
    assert second.method == "express" and second.id != order.ship_tos[-1].id
    assert _line(copy, "CAB-1").ship_to_id == second.id and _line(copy, "WID-1").ship_to_id == first.id
    assert not first.shipping_overridden and first.shipping_total == Decimal("7.95")  # ORD-2: today's rate
    assert any("set by hand" in notice and "not copied" in notice for notice in copy.notices)
    assert_totals_add_up(copy)


def test_shp_1_a_quote_becomes_an_order_with_its_ship_tos_and_charges(csr: Desk, world: World) -> None:
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    quote = csr.orders.add_item(quote.id, "WID-1", 2)
    quote = csr.orders.add_ship_to(quote.id, TORONTO)
    quote = csr.orders.assign_item(quote.id, quote.items[0].id, quote.ship_tos[-1].id, quantity=1)
    quote = csr.orders.override_shipping(quote.id, quote.ship_tos[-1].id, "7.00", "Quoted shipping")

    order = csr.orders.create_from(quote.id)

    assert [s.shipping_total for s in order.ship_tos] == [s.shipping_total for s in quote.ship_tos]
    assert order.ship_tos[-1].shipping_overridden and order.ship_tos[-1].override_reason == "Quoted shipping"
    assert sorted((i.quantity, i.ship_to_id == order.ship_tos[-1].id) for i in order.items) == [
        (1, False), (1, True)]
    assert order.total == quote.total


def test_shp_1_a_held_lines_split_off_part_stays_held(csr: Desk, world: World) -> None:
    order = paid(csr, world, ("WID-1", 3), ("CAB-1", 1))
    widget = _line(order, "WID-1")
    csr.orders.hold(order.id, "Colour to be confirmed", item_id=widget.id)
    csr.orders.begin_edit(order.id)
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)

    split = csr.orders.assign_item(order.id, widget.id, order.ship_tos[-1].id, quantity=1)

    part = next(i for i in split.items if i.sku == "WID-1" and i.id != widget.id)
    held = {h.item_id: h.reason for h in split.active_holds}
    assert held == {widget.id: "Colour to be confirmed", part.id: "Colour to be confirmed"}


def test_shp_1_a_ship_to_added_by_mistake_is_removed_and_its_items_go_to_the_first(
    csr: Desk, world: World
) -> None:
    order = cart(csr, world, ("WID-1", 2))
    assert "only its first ship-to" in (order.actions["remove_ship_to"] or "")
    order = csr.orders.add_ship_to(order.id, ELSEWHERE, method="express")
    order = csr.orders.add_ship_to(order.id, TORONTO)
    wrong = order.ship_tos[1]
    order = csr.orders.assign_item(order.id, order.items[0].id, wrong.id, quantity=1)
    order = csr.orders.override_shipping(order.id, wrong.id, "0.00", "Free for a friend")

    order = csr.orders.remove_ship_to(order.id, wrong.id)

    assert [(s.position, s.label) for s in order.ship_tos] == [
        (1, "Ship-to 1 (Mercy Taylor, Springfield)"), (2, "Ship-to 2 (Mercy's sister, Toronto)")]
    assert {item.ship_to_id for item in order.items} == {order.ship_tos[0].id}
    assert order.shipping_total == Decimal("7.95")
    assert_totals_add_up(order)
    assert "Ship-to 2 (Mercy at work, Chicago) removed; WID-1 x 1 go to Ship-to 1" in (
        csr.orders.history(order.id)[-1].detail)
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.remove_ship_to(order.id, order.ship_tos[0].id)
    assert refused.value.field == "Ship-to"


def test_prc_5_each_ship_to_is_taxed_at_its_own_destination(admin: Desk, csr: Desk, world: World) -> None:
    admin.stores.set_tax_rate(world.store, "US", "0.0625", region="IL")
    admin.stores.set_tax_rate(world.store, "CA", "0.13", region="ON", tax_shipping=True)
    order = cart(csr, world, ("WID-1", 1), ("CAB-1", 1))
    order = csr.orders.add_ship_to(order.id, TORONTO)
    order = csr.orders.assign_item(order.id, _line(order, "CAB-1").id, order.ship_tos[-1].id)

    home, toronto = order.ship_tos
    # Illinois: merchandise only; Ontario: the cable and its shipping.
    assert home.tax_total == (Decimal("19.99") * Decimal("0.0625")).quantize(Decimal("0.01"))
    assert toronto.tax_total == ((Decimal("9.99") + Decimal("7.95")) * Decimal("0.13")).quantize(
        Decimal("0.01"))
    assert order.tax_total == home.tax_total + toronto.tax_total
    assert_totals_add_up(order)


def test_prc_6_an_override_within_the_limit_places_no_block(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    first = order.ship_tos[0]
    order = csr.orders.override_shipping(order.id, first.id, "6.50", "Loyal customer")

    ship_to = order.ship_tos[0]
    assert ship_to.shipping_overridden and ship_to.shipping_total == Decimal("6.50")
    assert (ship_to.rated_shipping, ship_to.override_reason, ship_to.overridden_by) == (
        Decimal("7.95"), "Loyal customer", csr.user.username)
    assert order.shipping_total == Decimal("6.50")
    assert_totals_add_up(order)
    # a later change to the lines keeps the charge the rep set
    order = csr.orders.add_item(order.id, "CAB-1", 1)
    assert order.ship_tos[0].shipping_total == Decimal("6.50")
    submitted = csr.orders.submit(order.id)
    assert submitted.open_blocks == []
    history = csr.orders.history(order.id)
    entry = next(h for h in history if h.activity == "Shipping overridden")
    assert "7.95 -> 6.50" in entry.detail and "Loyal customer" in entry.detail


def test_prc_6_an_override_beyond_the_limit_blocks_and_going_back_lifts_the_block(
    csr: Desk, world: World
) -> None:
    order = cart(csr, world, ("WID-1", 1))
    ship_to_id = order.ship_tos[0].id
    order = csr.orders.override_shipping(order.id, ship_to_id, "0.00", "Promised free shipping")
    assert any("beyond your limit" in notice for notice in order.notices)
    order = csr.orders.submit(order.id)
    blocks = [b for b in order.open_blocks if b.rule == "shipping_override"]
    assert len(blocks) == 1 and blocks[0].kind == "automatic"
    assert "100% below its rate 7.95" in blocks[0].reason

    csr.orders.begin_edit(order.id)
    order = csr.orders.override_shipping(order.id, ship_to_id, None, "Customer agreed to pay it")
    assert not order.ship_tos[0].shipping_overridden
    assert order.ship_tos[0].shipping_total == Decimal("7.95")
    assert [b for b in order.open_blocks if b.rule == "shipping_override"] == []
    assert any("Resolved by the system" in b.resolve_comment for b in order.blocks)


def test_prc_6_the_limit_is_the_overriding_users_role(supervisor: Desk, admin: Desk, world: World) -> None:
    half = cart(supervisor, world, ("WID-1", 1))
    half = supervisor.orders.override_shipping(half.id, half.ship_tos[0].id, "4.00", "Half off")
    assert supervisor.orders.submit(half.id).open_blocks == []  # 50% is a Supervisor's limit
    free = cart(admin, world, ("WID-1", 1))
    free = admin.orders.override_shipping(free.id, free.ship_tos[0].id, "0", "Goodwill")
    assert admin.orders.submit(free.id).open_blocks == []  # an administrator's is 100%
    raised = cart(supervisor, world, ("WID-1", 1))
    raised = supervisor.orders.override_shipping(raised.id, raised.ship_tos[0].id, "25.00", "Oversize")
    assert raised.shipping_total == Decimal("25.00")
    assert supervisor.orders.submit(raised.id).open_blocks == []  # charging more is never beyond


def test_prc_6_the_charge_can_be_overridden_only_while_pending_or_in_edit(
    csr: Desk, world: World
) -> None:
    order = paid(csr, world, ("WID-1", 1))
    with pytest.raises(errors.StateError, match="choose Edit"):
        csr.orders.override_shipping(order.id, order.ship_tos[0].id, "1.00", "Late request")
    released = csr.orders.release(order.id)
    assert released.actions["override_shipping"] is not None
    with pytest.raises(errors.StateError):
        csr.orders.override_shipping(order.id, order.ship_tos[0].id, "1.00", "Late request")
    with pytest.raises(errors.StateError):
        csr.orders.assign_item(order.id, order.items[0].id, order.ship_tos[0].id)


def test_shp_1_actions_explain_why_an_item_cannot_move_yet(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    assert order.actions["add_ship_to"] is None and order.actions["override_shipping"] is None
    assert "add another ship-to first" in (order.actions["assign_item"] or "")
    assert "add another ship-to first" in (order.items[0].actions["assign_item"] or "")
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)
    assert order.actions["assign_item"] is None and order.items[0].actions["assign_item"] is None


def test_shp_1_an_order_locked_by_someone_else_refuses_ship_to_changes(
    csr: Desk, csr2: Desk, world: World
) -> None:
    order = csr.orders.submit(cart(csr, world, ("WID-1", 2)).id)
    csr.orders.begin_edit(order.id)
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)
    for call in (lambda: csr2.orders.add_ship_to(order.id, ELSEWHERE),
                 lambda: csr2.orders.assign_item(order.id, order.items[0].id, order.ship_tos[-1].id),
                 lambda: csr2.orders.override_shipping(order.id, order.ship_tos[0].id, "1", "Why")):
        with pytest.raises(errors.LockedError) as refused:
            call()
        assert refused.value.holder == csr.user.username


Call = Callable[[Desk, OrderView], Any]
BAD_CALLS: list[tuple[str, Call, type[errors.SalesCenterError], str]] = [
    ("split of 0", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, o.ship_tos[-1].id, quantity=0),
     errors.ValidationError, "Quantity to move"),
    ("split negative", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, o.ship_tos[-1].id,
                                                         quantity=-1), errors.ValidationError,
     "Quantity to move"),
    ("split of the whole line", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, o.ship_tos[-1].id,
                                                                  quantity=3),
     errors.ValidationError, "Quantity to move"),
    ("split of more", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, o.ship_tos[-1].id,
                                                        quantity=4), errors.ValidationError,
     "Quantity to move"),
    ("split of a fraction", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, o.ship_tos[-1].id,
                                                              quantity="1.5"),
     errors.ValidationError, "Quantity to move"),
    ("unknown ship-to", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, 999_999),
     errors.NotFoundError, ""),
    ("ship-to not a number", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, "2"),
     errors.ValidationError, "Ship-to"),
    ("the ship-to it goes to", lambda d, o: d.orders.assign_item(o.id, o.items[0].id, o.ship_tos[0].id),
     errors.ValidationError, "Ship-to"),
    ("unknown item", lambda d, o: d.orders.assign_item(o.id, 999_999, o.ship_tos[-1].id),
     errors.NotFoundError, ""),
    ("override negative", lambda d, o: d.orders.override_shipping(o.id, o.ship_tos[0].id, "-1", "Why"),
     errors.ValidationError, "Shipping charge"),
    ("override NaN", lambda d, o: d.orders.override_shipping(o.id, o.ship_tos[0].id, float("nan"), "Why"),
     errors.ValidationError, "Shipping charge"),
    ("override over the money range", lambda d, o: d.orders.override_shipping(
        o.id, o.ship_tos[0].id, "99999999999.00", "Why"), errors.ValidationError, "Shipping charge"),
    ("override over-precise", lambda d, o: d.orders.override_shipping(o.id, o.ship_tos[0].id, "1.005",
                                                                      "Why"),
     errors.ValidationError, "Shipping charge"),
    ("override without a reason", lambda d, o: d.orders.override_shipping(o.id, o.ship_tos[0].id, "1", " "),
     errors.ValidationError, "Override reason"),
    ("override of an unknown ship-to", lambda d, o: d.orders.override_shipping(o.id, 999_999, "1", "Why"),
     errors.NotFoundError, ""),
    ("ship-to without a city", lambda d, o: d.orders.add_ship_to(o.id, {**ELSEWHERE, "city": ""}),
     errors.ValidationError, "City"),
    ("ship-to by an unknown method", lambda d, o: d.orders.add_ship_to(o.id, ELSEWHERE, method="teleport"),
     errors.ValidationError, "Shipping method"),
    ("ship-to not an address", lambda d, o: d.orders.add_ship_to(o.id, "12 Elm Street"),
     errors.ValidationError, "Address"),
]


@pytest.mark.parametrize(("case", "call", "error", "field"), BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_shp_1_bad_input_is_refused_naming_the_field_and_changes_nothing(
    sc: SalesCenter, csr: Desk, world: World, case: str, call: Call,
    error: type[errors.SalesCenterError], field: str,
) -> None:
    order = cart(csr, world, ("WID-1", 3))
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)
    before = dump(sc.engine)
    with pytest.raises(error) as refused:
        call(csr, order)
    if field:
        assert getattr(refused.value, "field", None) == field, case
    assert dump(sc.engine) == before, case
