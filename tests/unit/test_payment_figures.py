"""PAY-3 figures over an order's payments: what is still due, what must go back, and what each
payment can still refund (payment_rules, without a database)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from salescenter.services.orders import payment_rules as rules


def _payment(status: str, authorized: str, captured: str = "0.00", refunded: str = "0.00",
             method: str = "credit_card") -> SimpleNamespace:
    return SimpleNamespace(status=status, method=method, amount=Decimal(authorized),
                           authorized_amount=Decimal(authorized), captured_amount=Decimal(captured),
                           refunded_amount=Decimal(refunded))


def _order(total: str, *payments: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(total=Decimal(total), payments=list(payments), number="100001")


def test_pay_3_captured_money_beyond_a_fallen_total_is_a_refund_due() -> None:
    order = _order("60.00", _payment("captured", "80.00", captured="80.00"))
    assert rules.refund_due(order) == Decimal("20.00")  # type: ignore[arg-type]
    order.payments[0].refunded_amount = Decimal("20.00")
    assert rules.refund_due(order) == 0  # type: ignore[arg-type]


def test_pay_3_an_authorization_not_yet_captured_owes_no_refund() -> None:
    order = _order("60.00", _payment("authorized", "80.00"))
    assert rules.refund_due(order) == 0 and rules.payment_due(order) == 0  # type: ignore[arg-type]


def test_pay_3_voided_and_declined_payments_cover_nothing() -> None:
    order = _order("50.00", _payment("voided", "50.00"), _payment("declined", "50.00"),
                   _payment("authorized", "20.00"))
    assert rules.payment_due(order) == Decimal("30.00")  # type: ignore[arg-type]
    assert not rules.is_paid(order)  # type: ignore[arg-type]
    assert rules.refundable(order.payments[0]) == 0  # type: ignore[arg-type]


def test_pay_2_paypal_never_covers_more_than_it_authorized() -> None:
    order = _order("108.25", _payment("authorized", "94.18", method="paypal"))
    assert rules.paypal_ceiling(order) == Decimal("108.31")  # type: ignore[arg-type]
    assert not rules.is_paid(order) and rules.payment_due(order) == Decimal("14.07")  # type: ignore[arg-type]


def test_pay_3_an_order_of_0_00_is_paid_without_any_payment() -> None:
    assert rules.is_paid(_order("0.00"))  # type: ignore[arg-type]
