"""Holds on an order or one line, what they stop, and the one-sentence answer to "why?" (BLK-6, BLK-7)."""

from __future__ import annotations

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from tests.conftest import World
from tests.reliability.support import DECLINED_CARD, cart, fingerprint, paid, submitted


def test_blk_6_order_hold_stops_release_and_cancel_until_released(
    csr: Desk, sc: SalesCenter, world: World
) -> None:
    order = paid(csr, world.store, world.customer_id)
    order = csr.orders.hold(order.id, "Customer asked to wait for payday")
    assert order.status == "on_hold" and order.active_holds[0].placed_by == "csr"
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError, match="on hold"):
        csr.orders.release(order.id)
    with pytest.raises(errors.StateError, match="on hold"):
        csr.orders.cancel(order.id, "Changed mind")
    assert fingerprint(sc.engine) == before
    order = csr.orders.release_hold(order.id)
    assert order.status == "pending_payment_authorization" and not order.active_holds
    assert order.holds[0].released_by == "csr"
    assert csr.orders.release(order.id).status == "released"


def test_blk_6_hold_on_a_released_order_returns_it_to_released(csr: Desk, world: World) -> None:
    order = csr.orders.release(paid(csr, world.store, world.customer_id).id)
    order = csr.orders.hold(order.id, "Warehouse recount")
    assert order.status == "on_hold"
    assert csr.orders.release_hold(order.id).status == "released"


def test_blk_6_a_cart_cannot_be_held(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError):
        csr.orders.hold(order.id, "Too early")
    assert fingerprint(sc.engine) == before


def test_blk_6_line_hold_stops_release_and_picking_of_that_line(
    csr: Desk, admin: Desk, sc: SalesCenter, world: World
) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 1)
    order = csr.orders.add_item(order.id, "CAB-1", 1)
    order = csr.orders.submit(order.id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    cable = next(i for i in order.items if i.sku == "CAB-1")
    order = csr.orders.hold(order.id, "Colour to be confirmed", item_id=cable.id)
    assert order.status == "pending_payment_authorization", "a line hold leaves the order's state"
    assert [h.item_id for h in order.active_holds] == [cable.id]
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError, match="release its holds first"):
        csr.orders.release(order.id)
    assert fingerprint(sc.engine) == before
    hold_id = order.active_holds[0].id
    order = csr.orders.release(csr.orders.release_hold(order.id, hold_id).id)
    order = csr.orders.hold(order.id, "Colour to be confirmed again", item_id=cable.id)
    order = admin.fulfillment.pick(order.id)
    statuses = {i.sku: i.fulfillment_status for i in order.items}
    assert statuses == {"WID-1": "packing", "CAB-1": "released"}


def test_blk_6_line_held_after_packing_does_not_ship(csr: Desk, admin: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 1)
    order = csr.orders.add_item(order.id, "CAB-1", 1)
    order = csr.orders.submit(order.id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    order = admin.fulfillment.pick(csr.orders.release(order.id).id)
    cable = next(i for i in order.items if i.sku == "CAB-1")
    order = csr.orders.hold(order.id, "Damaged box", item_id=cable.id)
    order = admin.fulfillment.ship(order.id)
    statuses = {i.sku: i.fulfillment_status for i in order.items}
    assert statuses == {"WID-1": "shipped", "CAB-1": "packing"} and order.status == "released"


def test_blk_2_block_placed_after_release_stops_pick_and_ship(
    csr: Desk, admin: Desk, sc: SalesCenter, world: World
) -> None:
    order = csr.orders.release(paid(csr, world.store, world.customer_id).id)
    order = csr.orders.place_block(order.id, "Suspected fraud", "Bank called")
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError, match="open block"):
        admin.fulfillment.pick(order.id)
    assert fingerprint(sc.engine) == before
    order = admin.fulfillment.pick(csr.orders.resolve_block(order.id, order.blocks[-1].id).id)
    order = csr.orders.place_block(order.id, "Suspected fraud", "Bank called again")
    with pytest.raises(errors.StateError, match="open block"):
        admin.fulfillment.ship(order.id)


def test_ord_7_canceling_a_held_line_order_is_allowed_but_not_a_held_order(
    csr: Desk, world: World
) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.hold(order.id, "Check stock", item_id=order.items[0].id)
    assert csr.orders.cancel(order.id, "Customer no longer needs it").status == "canceled"


def test_blk_6_hold_and_release_are_recorded(csr: Desk, csr2: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.hold(order.id, "Awaiting signature")
    csr2.orders.release_hold(order.id)
    tail = [(h.activity, h.user, h.detail) for h in csr.orders.history(order.id)[-2:]]
    assert tail == [("Hold placed", "csr", "Awaiting signature"),
                    ("Hold released", "csr2", "Awaiting signature")]


# BLK-7: why is this order on hold / blocked? ------------------------------------------------


def _one_sentence(text: str) -> bool:
    body = text.rstrip(".")
    return text.endswith(".") and ". " not in body and "\n" not in text


def test_blk_7_status_explanation_names_hold_and_blocks_in_one_sentence(
    csr: Desk, world: World
) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total, card_number=DECLINED_CARD)
    order = csr.orders.place_block(order.id, "Suspected fraud")
    order = csr.orders.hold(order.id, "Customer asked to wait")
    why = csr.orders.get(order.id).status_explanation
    assert _one_sentence(why), why
    assert why.startswith(f"Order {order.number} is on hold: Customer asked to wait (by csr)")
    assert "2 open blocks" in why and "Suspected fraud (manual)" in why and "declined" in why


def test_blk_7_line_hold_is_explained_with_its_sku(csr: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.hold(order.id, "Colour to be confirmed", item_id=order.items[0].id)
    why = order.status_explanation
    assert _one_sentence(why) and "1 line hold (WID-1: Colour to be confirmed)" in why


def test_blk_7_nothing_to_explain_when_nothing_holds_the_order(csr: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    assert order.status_explanation == ""
    order = csr.orders.place_block(order.id, "Suspected fraud")
    order = csr.orders.resolve_block(order.id, order.blocks[-1].id)
    assert order.status_explanation == ""
