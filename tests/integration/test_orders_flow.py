"""A submitted order's life: editing, payment before release, recalculation, cancel, notes,
preferences (ORD-3, ORD-5, ORD-6, ORD-7, ORD-14, ORD-15)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import World
from tests.integration.order_steps import (
    ELSEWHERE,
    assert_totals_add_up,
    cart,
    paid,
    released,
    submitted,
)


def _shipped(csr: Desk, admin: Desk, world: World) -> int:
    order = released(csr, world, ("WID-1", 1))
    admin.fulfillment.pick(order.id)
    return admin.fulfillment.ship(order.id).id


def test_ord_3_submitted_order_is_changed_through_edit(csr: Desk, admin: Desk, world: World) -> None:
    admin.catalog.create_promotion("Coupon five", amount_off="5.00", coupon_code="FIVE")
    order = submitted(csr, world, ("WID-1", 1))
    with pytest.raises(errors.StateError, match="Edit"):
        csr.orders.add_item(order.id, "CAB-1", 1)

    order = csr.orders.begin_edit(order.id)
    assert order.status == "edit" and order.locked_by == "csr"
    order = csr.orders.set_quantity(order.id, order.items[0].id, 2)
    order = csr.orders.add_item(order.id, "CAB-1", 1)
    order = csr.orders.set_shipping(order.id, ELSEWHERE, method="express")
    order = csr.orders.apply_coupon(order.id, "FIVE")
    order = csr.orders.add_payment(order.id, "check", "10.00")
    order = csr.orders.finish_edit(order.id)

    assert order.status == "pending_payment_authorization" and order.locked_by is None
    assert [(i.sku, i.quantity) for i in order.items] == [("WID-1", 2), ("CAB-1", 1)]
    assert order.shipping_address is not None and order.shipping_address.city == "Chicago"
    assert order.shipping_method == "express" and order.shipping_total == Decimal("19.95")
    assert order.discount_total == Decimal("5.00") and len(order.payments) == 1
    assert_totals_add_up(order)


def test_ord_3_shipped_order_is_read_only(csr: Desk, admin: Desk, world: World) -> None:
    order_id = _shipped(csr, admin, world)
    before = csr.orders.get(order_id)
    assert before.status == "shipped"
    for attempt in (
        lambda: csr.orders.begin_edit(order_id),
        lambda: csr.orders.add_item(order_id, "CAB-1", 1),
        lambda: csr.orders.set_quantity(order_id, before.items[0].id, 5),
        lambda: csr.orders.set_shipping(order_id, ELSEWHERE),
        lambda: csr.orders.add_payment(order_id, "check", "1.00"),
        lambda: csr.orders.apply_coupon(order_id, "NONE"),
        lambda: csr.orders.cancel(order_id, "Too late"),
    ):
        with pytest.raises((errors.StateError, errors.ValidationError)):
            attempt()
    after = csr.orders.get(order_id)
    assert after.version == before.version and after.total == before.total


def test_ord_5_order_must_be_paid_before_release(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 2))
    with pytest.raises(errors.StateError, match="not paid"):
        csr.orders.release(order.id)
    order = csr.orders.add_payment(order.id, "credit_card", "10.00")
    with pytest.raises(errors.StateError, match="not paid"):
        csr.orders.release(order.id)
    order = csr.orders.add_payment(order.id, "check", order.total - Decimal("10.00"))
    order = csr.orders.release(order.id)
    assert order.status == "released"
    assert [i.fulfillment_status for i in order.items] == ["released"]


def test_ord_5_declined_payment_does_not_count(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 1))
    order = csr.orders.add_payment(order.id, "credit_card", order.total, card_number="4000000000000002")
    assert order.payments[0].status == "declined" and order.paid_total == 0
    with pytest.raises(errors.StateError):
        csr.orders.release(order.id)


def test_ord_5_cart_cannot_be_released(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    with pytest.raises(errors.StateError):
        csr.orders.release(order.id)
    assert csr.orders.get(order.id).status == "pending"


def test_ord_6_every_change_recalculates_and_writes_history(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    order = csr.orders.add_item(order.id, "CAB-1", 2)
    assert order.subtotal == Decimal("39.97") and order.shipping_total == Decimal("7.95")
    assert order.tax_total == Decimal("3.30")  # 39.97 x 8.25% = 3.2975
    assert order.total == Decimal("51.22")
    order = csr.orders.set_quantity(order.id, order.items[1].id, 10)
    assert order.subtotal == Decimal("119.89") and order.shipping_total == 0  # free from 100
    assert_totals_add_up(order)

    history = csr.orders.history(order.id)
    assert [h.activity for h in history] == ["Order created", "Item added", "Item added",
                                             "Quantity changed"]
    assert all(h.user == "csr" and h.at is not None for h in history)
    assert [h.at for h in history] == sorted(h.at for h in history)
    last = history[-1]
    assert "CAB-1" in last.detail and "2 -> 10" in last.detail
    assert json.loads(last.before)["total"] == "51.22"
    assert json.loads(last.after)["total"] == str(order.total)


def test_ord_6_a_change_re_evaluates_automatic_blocks(csr: Desk, admin: Desk, world: World) -> None:
    admin.inventory.receive("WID-1", 500)
    order = submitted(csr, world, ("WID-1", 1))
    assert order.blocks == []
    order = csr.orders.begin_edit(order.id)
    order = csr.orders.set_quantity(order.id, order.items[0].id, 260)  # 5,197.40 + tax > 5,000

    automatic = [b for b in order.blocks if b.kind == "automatic"]
    assert len(automatic) == 1 and "review threshold" in automatic[0].reason
    assert any("Automatic block" in n for n in order.notices)
    assert automatic[0].placed_by == "system"


def test_ord_6_failed_change_writes_nothing(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    with pytest.raises(errors.ValidationError):
        csr.orders.add_item(order.id, "NOPE-1", 1)
    assert len(csr.orders.history(order.id)) == 2
    assert csr.orders.get(order.id).version == order.version


def test_ord_7_cancel_cancels_order_and_lines_and_returns_stock(
    csr: Desk, admin: Desk, world: World
) -> None:
    stock = admin.catalog.get("WID-1").stock
    order = paid(csr, world, ("WID-1", 4))
    authorized = order.total
    assert order.items[0].fulfillment_status == "inventory_assigned"
    assert admin.catalog.get("WID-1").stock == stock - 4

    order = csr.orders.cancel(order.id, "Customer changed their mind")

    assert order.status == "canceled"
    assert [i.fulfillment_status for i in order.items] == ["canceled"]
    assert admin.catalog.get("WID-1").stock == stock
    # The cancel's entry gives the reason and what became of the authorization (PAY-3: voided).
    assert csr.orders.history(order.id)[-1].detail == (
        f"Customer changed their mind | credit_card {authorized} voided: "
        "Order canceled: Customer changed their mind")
    assert [p.status for p in order.payments] == ["voided"]
    with pytest.raises(errors.StateError):
        csr.orders.cancel(order.id, "again")


def test_ord_7_cancel_a_released_order_before_anything_ships(csr: Desk, world: World) -> None:
    order = released(csr, world, ("WID-1", 1))
    assert csr.orders.cancel(order.id, "Duplicate").status == "canceled"


def test_ord_7_order_on_hold_cannot_be_canceled(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 1))
    csr.orders.hold(order.id, "Customer will call back")
    with pytest.raises(errors.StateError, match="hold"):
        csr.orders.cancel(order.id, "No longer wanted")
    assert csr.orders.get(order.id).status == "on_hold"
    csr.orders.release_hold(order.id)
    assert csr.orders.cancel(order.id, "No longer wanted").status == "canceled"


def test_ord_7_shipped_or_packed_items_cannot_be_canceled(csr: Desk, admin: Desk, world: World) -> None:
    order = released(csr, world, ("WID-1", 1))
    admin.fulfillment.pick(order.id)
    with pytest.raises(errors.StateError, match="packed or shipped"):
        csr.orders.cancel(order.id, "Too late")
    admin.fulfillment.ship(order.id)
    with pytest.raises(errors.StateError):
        csr.orders.cancel(order.id, "Too late")
    assert csr.orders.get(order.id).items[0].fulfillment_status == "shipped"


def test_ord_7_cancel_needs_a_reason(csr: Desk, world: World) -> None:
    order = submitted(csr, world)
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.cancel(order.id, "  ")
    assert refused.value.field == "Cancel reason"


def test_ord_14_notes_keep_text_author_and_time(csr: Desk, csr2: Desk, world: World) -> None:
    order = submitted(csr, world)
    csr.orders.add_note(order.id, "Customer prefers a morning delivery.\nGate code 1234.")
    order = csr2.orders.add_note(order.id, "Called back; confirmed.")
    assert [(n.text, n.author) for n in order.notes] == [
        ("Customer prefers a morning delivery.\nGate code 1234.", "csr"),
        ("Called back; confirmed.", "csr2"),
    ]
    assert all(n.created_at is not None for n in order.notes)
    assert order.notes[0].created_at <= order.notes[1].created_at
    assert csr.orders.history(order.id)[-1].activity == "Note added"


def test_ord_14_notes_on_a_shipped_order(csr: Desk, admin: Desk, world: World) -> None:
    order_id = _shipped(csr, admin, world)
    order = csr.orders.add_note(order_id, "Customer confirmed delivery.")
    assert order.status == "shipped" and order.notes[-1].author == "csr"


def test_ord_15_preferences_set_default_store_and_shipping_method(
    csr: Desk, csr2: Desk, world: World
) -> None:
    prefs = csr.users.set_preferences(default_store=world.store, shipping_method="express")
    assert csr.users.preferences() == prefs
    assert prefs["default_store"] == world.store and prefs["shipping_method"] == "express"

    order = csr.orders.create(customer_id=world.customer_id)

    assert order.store == world.store and order.shipping_method == "express"
    other = csr2.orders.create(world.store, world.customer_id)
    assert other.shipping_method == "standard"
    with pytest.raises(errors.ValidationError) as refused:
        csr2.orders.create(customer_id=world.customer_id)
    assert refused.value.field == "Store"


def test_ord_15_preferences_refuse_unknown_store_and_method(csr: Desk, world: World) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        csr.users.set_preferences(default_store="NOPE")
    assert refused.value.field == "Store"
    with pytest.raises(errors.ValidationError) as refused:
        csr.users.set_preferences(shipping_method="teleport")
    assert refused.value.field == "Shipping method"
    assert csr.users.preferences()["default_store"] is None
