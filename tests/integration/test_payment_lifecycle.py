"""Payments with a lifecycle: authorized -> captured when their items ship -> refunded in part
or whole; voided before capture; overpayment refused; a 0.00 order needs no payment; PayPal
never falls short of the total (PAY-2, PAY-3). Refusals leave the order as it was."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import World
from tests.integration.order_steps import cart, paid, released, submitted

CENT = Decimal("0.01")


def shipped(csr: Desk, admin: Desk, world: World, *lines: tuple[str, int]):  # type: ignore[no-untyped-def]
    order = released(csr, world, *lines)
    admin.fulfillment.pick(order.id)
    return admin.fulfillment.ship(order.id)


def history_of(desk: Desk, order_id: int, activity: str) -> list:  # type: ignore[type-arg]
    return [h for h in desk.orders.history(order_id) if h.activity == activity]


def test_pay_3_the_default_payment_service_says_it_is_simulated(csr: Desk) -> None:
    gateway = csr.orders.payment_gateway()
    assert gateway.simulated and "simulated" in gateway.name.lower()


def moved(entry, side: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    """The first payment a history entry says the change moved, before or after."""
    return json.loads(getattr(entry, side))["payments"][0]  # type: ignore[no-any-return]


# capture -----------------------------------------------------------------------------------


def test_pay_3_payments_stay_authorized_until_their_items_ship(csr: Desk, admin: Desk, world: World) -> None:
    order = released(csr, world, ("WID-1", 2))
    payment = order.payments[0]
    assert (payment.status, payment.captured_amount, payment.refunded_amount) == (
        "authorized", Decimal("0.00"), Decimal("0.00"))
    order = admin.fulfillment.pick(order.id)
    assert order.payments[0].status == "authorized"
    order = admin.fulfillment.ship(order.id)
    payment = order.payments[0]
    assert payment.status == "captured" and payment.captured_amount == order.total
    assert order.paid_total == order.total and order.refund_due == 0
    shipped_entry = history_of(csr, order.id, "Items shipped")[-1]  # one entry for the change
    assert shipped_entry.user == "admin" and "captured on shipment" in shipped_entry.detail
    assert moved(shipped_entry, "before")["captured"] == "0.00"
    assert moved(shipped_entry, "after")["captured"] == str(order.total)


def test_pay_3_a_partial_shipment_captures_the_shipped_share(csr: Desk, admin: Desk, world: World) -> None:
    # GAD-1 has 3 in stock: they ship with WID-1 and the 2 backordered wait (SHP-2).
    order = cart(csr, world, ("WID-1", 1), ("GAD-1", 5))
    csr.orders.accept_item(order.id, order.items[1].id)
    order = csr.orders.submit(order.id)
    csr.orders.add_payment(order.id, "credit_card", order.total)
    order = csr.orders.release(order.id)
    total = order.total
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    assert order.status == "released"
    share = (total * Decimal("34.99") / Decimal("44.99")).quantize(CENT, ROUND_HALF_UP)
    assert order.payments[0].captured_amount == share
    assert order.payments[0].status == "captured"
    admin.inventory.receive("GAD-1", 2)
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    assert order.status == "shipped"
    assert order.payments[0].captured_amount == total, "the last shipment takes what is left"
    assert [("captured on shipment" in h.detail) for h in history_of(csr, order.id, "Items shipped")] == [
        True, True]


def test_pay_3_captures_oldest_payment_first_and_never_beyond_an_authorization(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = submitted(csr, world, ("WID-1", 2))
    csr.orders.add_payment(order.id, "check", "10.00")
    order = csr.orders.add_payment(order.id, "credit_card", order.total - Decimal("10.00"))
    csr.orders.release(order.id)
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    check, card = order.payments
    assert check.captured_amount == Decimal("10.00") and card.captured_amount == order.total - 10
    assert check.captured_amount + card.captured_amount == order.total


# void --------------------------------------------------------------------------------------


def test_pay_3_an_authorized_payment_is_voided_and_no_longer_pays(csr: Desk, world: World) -> None:
    order = paid(csr, world, ("WID-1", 1))
    payment = order.payments[0]
    assert payment.actions["void_payment"] is None
    assert order.actions["void_payment"] is None
    order = csr.orders.void_payment(order.id, payment.id, "Customer paid by check instead")
    assert order.payments[0].status == "voided" and order.paid_total == 0
    assert order.payment_due == order.total
    with pytest.raises(errors.StateError, match="not paid"):
        csr.orders.release(order.id)
    entry = history_of(csr, order.id, "Payment voided")[-1]
    assert entry.user == "csr" and "Customer paid by check instead" in entry.detail
    assert moved(entry, "before")["status"] == "authorized"
    assert moved(entry, "after")["status"] == "voided"
    # With the card voided, a check for the whole total is no overpayment.
    order = csr.orders.add_payment(order.id, "check", order.total)
    assert csr.orders.release(order.id).status == "released"


def test_pay_3_voiding_a_captured_payment_is_refused(csr: Desk, admin: Desk, world: World) -> None:
    order = shipped(csr, admin, world, ("WID-1", 1))
    payment = order.payments[0]
    assert "refund it instead" in (payment.actions["void_payment"] or "")
    with pytest.raises(errors.StateError, match="refund it instead"):
        csr.orders.void_payment(order.id, payment.id, "Changed mind")
    assert csr.orders.get(order.id).payments == order.payments


def test_pay_3_voiding_twice_names_the_payment(csr: Desk, world: World) -> None:
    order = paid(csr, world)
    payment_id = order.payments[0].id
    csr.orders.void_payment(order.id, payment_id, "Wrong card")
    before = csr.orders.get(order.id)
    with pytest.raises(errors.StateError, match=f"Payment {payment_id} .* is voided"):
        csr.orders.void_payment(order.id, payment_id, "Again")
    assert csr.orders.get(order.id).version == before.version


def test_pay_3_a_released_order_keeps_the_payment_it_was_released_on(
    csr: Desk, world: World
) -> None:
    order = released(csr, world)
    reason = order.payments[0].actions["void_payment"]
    assert reason and "add another payment" in reason
    with pytest.raises(errors.StateError, match="add another payment"):
        csr.orders.void_payment(order.id, order.payments[0].id, "No")
    assert csr.orders.get(order.id).payments[0].status == "authorized"


# refund ------------------------------------------------------------------------------------


def test_pay_3_captured_money_is_refunded_in_part_then_in_whole(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = shipped(csr, admin, world, ("WID-1", 2))
    total = order.total
    assert order.actions["refund"] is None
    order = csr.orders.refund(order.id, "5.00", "Scratched on arrival")
    payment = order.payments[0]
    assert payment.status == "captured" and payment.refunded_amount == Decimal("5.00")
    assert order.paid_total == total - 5
    entry = history_of(csr, order.id, "Payment refunded")[-1]
    assert entry.user == "csr" and "Scratched on arrival" in entry.detail
    assert (moved(entry, "before")["refunded"], moved(entry, "after")["refunded"]) == ("0.00", "5.00")
    order = csr.orders.refund(order.id, total - 5, "Customer returned both", payment_id=payment.id)
    assert order.payments[0].status == "refunded" and order.payments[0].refunded_amount == total
    assert order.actions["refund"] is not None, "nothing is left to refund"


def test_pay_3_a_refund_never_exceeds_what_was_captured(csr: Desk, admin: Desk, world: World) -> None:
    order = shipped(csr, admin, world, ("WID-1", 1))
    csr.orders.refund(order.id, "3.00", "Goodwill")
    before = csr.orders.get(order.id)
    left = order.total - 3
    with pytest.raises(errors.ValidationError, match=f"refund at most {left}") as refused:
        csr.orders.refund(order.id, left + CENT, "Too much")
    assert refused.value.field == "Refund amount"
    after = csr.orders.get(order.id)
    assert after.payments == before.payments and after.version == before.version


def test_pay_3_nothing_captured_means_nothing_to_refund(csr: Desk, world: World) -> None:
    order = released(csr, world)
    assert "void it instead" in (order.payments[0].actions["refund"] or "")
    with pytest.raises(errors.StateError, match="captured"):
        csr.orders.refund(order.id, "1.00", "Early refund", payment_id=order.payments[0].id)
    with pytest.raises(errors.StateError):
        csr.orders.refund(order.id, "1.00", "Early refund")
    assert csr.orders.get(order.id).payments[0].refunded_amount == 0


def test_pay_3_refunds_go_to_the_newest_payment_first(csr: Desk, admin: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 2))
    csr.orders.add_payment(order.id, "check", "10.00")
    order = csr.orders.add_payment(order.id, "credit_card", order.total - Decimal("10.00"))
    csr.orders.release(order.id)
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    card_part = order.payments[1].captured_amount
    order = csr.orders.refund(order.id, card_part + 2, "Both items returned, part of it")
    check, card = order.payments
    assert card.refunded_amount == card_part and card.status == "refunded"
    assert check.refunded_amount == Decimal("2.00") and check.status == "captured"


# amounts due -------------------------------------------------------------------------------


def test_pay_3_a_payment_above_the_amount_due_is_refused(csr: Desk, world: World) -> None:
    order = submitted(csr, world)
    with pytest.raises(errors.ValidationError, match=f"more than the {order.total} still due") as refused:
        csr.orders.add_payment(order.id, "credit_card", "1000.00")
    assert refused.value.field == "Payment amount"
    csr.orders.add_payment(order.id, "check", "5.00")
    csr.orders.add_payment(order.id, "credit_card", order.total - 5)
    assert "paid in full" in (csr.orders.get(order.id).actions["add_payment"] or "")
    with pytest.raises(errors.StateError, match="paid in full"):
        csr.orders.add_payment(order.id, "check", "0.01")
    assert len(csr.orders.get(order.id).payments) == 2


def test_pay_3_an_order_of_0_00_is_released_without_a_payment(
    csr: Desk, admin: Desk, world: World
) -> None:
    admin.catalog.create_promotion("Free replacement", percent_off="100", coupon_code="FREE")
    order = cart(csr, world, ("WID-1", 1))
    csr.orders.apply_coupon(order.id, "FREE")
    csr.orders.set_shipping(order.id, method="pickup")
    order = csr.orders.submit(order.id)
    assert order.total == 0 and order.payment_due == 0
    assert order.actions["release"] is None, order.actions["release"]
    order = csr.orders.release(order.id)
    assert order.status == "released" and order.payments == []
    with pytest.raises(errors.StateError):
        csr.orders.add_payment(order.id, "check", "1.00")


def test_pay_2_a_paypal_authorization_below_the_total_is_not_paid(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 4))
    short = order.total - Decimal("10.00")
    order = csr.orders.add_payment(order.id, "paypal", short)
    assert order.paid_total == short and order.payment_due == Decimal("10.00")
    assert "10.00" in (order.actions["release"] or "")
    with pytest.raises(errors.StateError, match="not paid"):
        csr.orders.release(order.id)
    assert csr.orders.get(order.id).status == "pending_payment_authorization"


def test_pay_2_an_acknowledged_paypal_raise_is_authorized_by_paypal(
    csr: Desk, admin: Desk, world: World
) -> None:
    admin.catalog.create_product("PEN-1", "Pen", "2.00", stock=50)
    order = submitted(csr, world, ("WID-1", 1))
    first = order.total
    csr.orders.add_payment(order.id, "paypal", first)
    csr.orders.begin_edit(order.id)
    order = csr.orders.add_item(order.id, "PEN-1", 1, acknowledge="paypal_raise")
    paypal = order.payments[0]
    assert paypal.amount == first and paypal.authorized_amount == order.total
    assert order.payment_due == 0
    raised = history_of(csr, order.id, "Item added")[-1]
    assert "PayPal asked for" in raised.detail
    assert moved(raised, "before")["authorized"] == str(first)
    assert moved(raised, "after")["authorized"] == str(order.total)


def test_pay_3_a_total_raised_above_the_authorization_shows_as_payment_due(
    csr: Desk, world: World
) -> None:
    order = paid(csr, world, ("WID-1", 1))
    csr.orders.begin_edit(order.id)
    order = csr.orders.add_item(order.id, "CAB-1", 2)
    due = order.total - order.paid_total
    assert due > 0 and order.payment_due == due
    order = csr.orders.finish_edit(order.id)
    assert f"payment due: {due}" in order.status_explanation
    assert f"{due} of {order.total} still needs an authorized payment" in (order.actions["release"] or "")


# bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["-5.00", "NaN", "0", "1.001", "abc"])
def test_pay_3_a_refund_amount_must_be_money(csr: Desk, admin: Desk, world: World, amount: str) -> None:
    order = shipped(csr, admin, world)
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.refund(order.id, amount, "Bad amount")
    assert refused.value.field == "Refund amount"
    assert csr.orders.get(order.id).payments == order.payments


def test_pay_3_an_unknown_payment_is_named(csr: Desk, world: World) -> None:
    order = paid(csr, world)
    with pytest.raises(errors.NotFoundError, match="no payment number 999"):
        csr.orders.void_payment(order.id, 999, "Which one?")
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.void_payment(order.id, "x", "Which one?")  # type: ignore[arg-type]
    assert refused.value.field == "Payment"
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.void_payment(order.id, order.payments[0].id, "  ")
    assert refused.value.field == "Void reason"
    assert csr.orders.get(order.id).payments[0].status == "authorized"


def test_pay_3_an_order_locked_by_someone_else_keeps_its_payments(
    csr: Desk, csr2: Desk, world: World
) -> None:
    order = paid(csr, world)
    csr2.orders.begin_edit(order.id)
    reason = csr.orders.get(order.id).actions["void_payment"]
    assert reason and "csr2" in reason
    with pytest.raises(errors.LockedError):
        csr.orders.void_payment(order.id, order.payments[0].id, "Not now")
    assert csr.orders.get(order.id).payments[0].status == "authorized"


def test_pay_3_canceling_an_order_voids_its_authorizations(csr: Desk, world: World) -> None:
    order = paid(csr, world)
    order = csr.orders.cancel(order.id, "Customer changed mind")
    assert order.payments[0].status == "voided"
    canceled = history_of(csr, order.id, "Order canceled")[-1]  # one entry for the change
    assert "voided: Order canceled: Customer changed mind" in canceled.detail
    assert moved(canceled, "after")["status"] == "voided"
    with pytest.raises(errors.StateError, match="is voided; there is nothing to void"):
        csr.orders.void_payment(order.id, order.payments[0].id, "Tidy up")
