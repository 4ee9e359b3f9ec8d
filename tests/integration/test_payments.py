"""Payments: methods a store accepts, several per order, PayPal's limit on raising totals (PAY-1, PAY-2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import World
from tests.integration.order_steps import submitted


def test_pay_1_store_lists_the_methods_it_accepts(csr: Desk, world: World) -> None:
    assert csr.stores.get(world.store).payment_methods == ["credit_card", "paypal", "check"]
    assert "on_account" in csr.stores.get(world.b2b_store).payment_methods


def test_pay_1_several_payments_on_one_order(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 3))
    order = csr.orders.add_payment(order.id, "credit_card", "20.00", card_number="4111 1111 1111 1111")
    order = csr.orders.add_payment(order.id, "check", "15.50")
    order = csr.orders.add_payment(order.id, "paypal", order.total - Decimal("35.50"))
    assert [p.method for p in order.payments] == ["credit_card", "check", "paypal"]
    assert order.payments[0].reference == "**** 1111"
    assert order.paid_total == order.total
    assert csr.orders.release(order.id).status == "released"


def test_pay_1_method_the_store_does_not_accept_is_refused(csr: Desk, world: World) -> None:
    order = submitted(csr, world)
    with pytest.raises(errors.ValidationError, match="does not accept") as refused:
        csr.orders.add_payment(order.id, "on_account", order.total)
    assert refused.value.field == "Payment method"
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.add_payment(order.id, "bitcoin", order.total)
    assert refused.value.field == "Payment method"
    assert csr.orders.get(order.id).payments == []


def test_pay_1_on_account_in_a_b2b_store(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.b2b_store, world.b2b_customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 2)
    order = csr.orders.submit(order.id)
    order = csr.orders.add_payment(order.id, "on_account", order.total)
    assert order.payments[0].status == "authorized" and order.paid_total == order.total
    assert csr.orders.release(order.id).status == "released"


def test_pay_1_declined_card_is_kept_and_blocks_the_order(csr: Desk, world: World) -> None:
    order = submitted(csr, world)
    order = csr.orders.add_payment(order.id, "credit_card", order.total, card_number="4000000000000002")
    assert order.payments[0].status == "declined"
    assert any("declined" in n for n in order.notices)
    assert any(b.kind == "automatic" and "declined" in b.reason for b in order.blocks)


def _paypal_order(desk: Desk, world: World, quantity: int) -> int:
    order = submitted(desk, world, ("WID-1", quantity))
    desk.orders.add_payment(order.id, "paypal", order.total)
    return desk.orders.begin_edit(order.id).id


def test_pay_2_paypal_raise_within_15_percent_is_warned_acknowledged_and_released(
    csr: Desk, admin: Desk, world: World
) -> None:
    admin.catalog.create_product("PEN-1", "Pen", "2.00", stock=50)
    order_id = _paypal_order(csr, world, 1)  # 29.59 authorized; 15% = 4.44
    before = csr.orders.get(order_id)
    with pytest.raises(errors.WarningRequired, match="PayPal allows up to 34.03") as asked:
        csr.orders.add_item(order_id, "PEN-1", 1)
    assert asked.value.name == "paypal_raise"
    assert csr.orders.get(order_id).version == before.version, "the warned call changed nothing"
    order = csr.orders.add_item(order_id, "PEN-1", 1, acknowledge="paypal_raise")  # total 31.75
    assert order.total == Decimal("31.75")
    assert any("PayPal" in n for n in order.notices)
    assert "Acknowledged paypal_raise" in csr.orders.history(order_id)[-1].detail
    csr.orders.finish_edit(order_id)
    assert csr.orders.release(order_id).status == "released"


def test_pay_2_paypal_raise_beyond_15_percent_is_refused(csr: Desk, world: World) -> None:
    order_id = _paypal_order(csr, world, 1)
    before = csr.orders.get(order_id)
    with pytest.raises(errors.StateError, match="PayPal"):
        csr.orders.add_item(order_id, "CAB-1", 1)  # total 40.40 > 29.59 + 4.44
    after = csr.orders.get(order_id)
    assert after.items == before.items and after.total == before.total


def test_pay_2_paypal_raise_is_capped_at_75_dollars(csr: Desk, world: World) -> None:
    order_id = _paypal_order(csr, world, 40)  # 865.57 authorized: 15% would be 129.84
    item_id = csr.orders.get(order_id).items[0].id
    with pytest.raises(errors.StateError, match="PayPal"):
        csr.orders.set_quantity(order_id, item_id, 44)  # 952.12 > 865.57 + 75.00
    order = csr.orders.set_quantity(order_id, item_id, 43, acknowledge="paypal_raise")  # within 75.00
    assert order.total == Decimal("930.48")


def test_pay_2_paypal_lowering_the_total_is_fine(csr: Desk, world: World) -> None:
    order_id = _paypal_order(csr, world, 3)
    order = csr.orders.set_quantity(order_id, csr.orders.get(order_id).items[0].id, 1)
    assert not any("PayPal" in n for n in order.notices)
    csr.orders.finish_edit(order_id)
    assert csr.orders.release(order_id).status == "released"


def test_pay_2_other_payments_cover_a_raise(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 2))
    csr.orders.add_payment(order.id, "paypal", "29.59")
    csr.orders.add_payment(order.id, "credit_card", order.total - Decimal("29.59"))
    order = csr.orders.begin_edit(order.id)
    order = csr.orders.set_quantity(order.id, order.items[0].id, 1)  # 29.59, two payments behind it
    order = csr.orders.add_item(order.id, "CAB-1", 1)  # 40.40 within what the payments authorized
    assert order.total == Decimal("40.40") and order.payment_due == 0
    assert not any("PayPal" in n for n in order.notices)
