"""What an order's payments cover: authorized, captured and refunded figures, what is
still due, what must go back, and PayPal's allowance (PAY-2, PAY-3).

Rules over a loaded order, used by the change pipeline (reprice), release and
allocation; the payment use cases live in payments.py, capture and refunds in refunds.py.
"""

from __future__ import annotations

from decimal import Decimal

from ...errors import StateError
from ...models import Order, Payment
from .. import validation as v
from . import lifecycle as s

PAYPAL_TOLERANCE_RATE = Decimal("0.15")
PAYPAL_TOLERANCE_CAP = Decimal("75.00")
ZERO = Decimal("0.00")


def _live(order: Order) -> list[Payment]:
    return [p for p in order.payments if s.payment_authorized(p)]


def authorized_total(order: Order) -> Decimal:
    """What the live payments authorized: what the order may capture in all."""
    return sum((p.authorized_amount for p in _live(order)), ZERO)


def captured_total(order: Order) -> Decimal:
    return sum((p.captured_amount for p in _live(order)), ZERO)


def refunded_total(order: Order) -> Decimal:
    return sum((p.refunded_amount for p in _live(order)), ZERO)


def paid_total(order: Order) -> Decimal:
    """OrderView.paid_total: what the customer's payments stand for, less what went back."""
    return authorized_total(order) - refunded_total(order)


def covered_total(order: Order) -> Decimal:
    """What the payments let the order release. PayPal's allowance lets a raise be asked
    for (guard_paypal), but only an authorization covers a total: never falls short (PAY-2)."""
    return authorized_total(order)


def payment_due(order: Order) -> Decimal:
    """What of the total no payment covers yet (a total that rose above the authorizations)."""
    return max(order.total - covered_total(order), ZERO)


def refund_due(order: Order) -> Decimal:
    """PAY-3: captured money beyond the total (the total fell after the money was taken)."""
    return max(captured_total(order) - refunded_total(order) - order.total, ZERO)


def refundable(payment: Payment) -> Decimal:
    """What of one payment's captured money has not gone back yet."""
    if not s.payment_authorized(payment):
        return ZERO
    return payment.captured_amount - payment.refunded_amount


def is_paid(order: Order) -> bool:
    """ORD-5, PAY-3: the payments cover the whole total; a 0.00 order needs none."""
    return covered_total(order) >= order.total


def paypal_ceiling(order: Order) -> Decimal | None:
    """The most PayPal lets the order release: the original authorization +15% or +$75,
    whichever is less (PAY-2), plus what the other payments authorized."""
    original = sum((p.amount for p in _live(order) if p.method == "paypal"), ZERO)
    if original <= 0:
        return None
    others = sum((p.authorized_amount for p in _live(order) if p.method != "paypal"), ZERO)
    slack = min(v.round_money(original * PAYPAL_TOLERANCE_RATE), PAYPAL_TOLERANCE_CAP)
    return original + slack + others


def guard_paypal(order: Order, total_before: Decimal, notices: list[str]) -> str | None:
    """PAY-2: a raise beyond PayPal's allowance is refused; one within it is a warning.

    Returns the warning's text (the rep must acknowledge it) and adds a notice, or None.
    """
    ceiling = paypal_ceiling(order)
    if ceiling is None or order.total <= total_before or order.total <= covered_total(order):
        return None
    if order.total > ceiling:
        raise StateError(
            f"This change raises order {order.number} to {order.total}, more than PayPal allows "
            f"over its authorization (at most {ceiling}); add another payment or keep the total."
        )
    notices.append(
        f"The total rose to {order.total}; PayPal will be asked for more than it authorized "
        f"(allowed up to {ceiling})."
    )
    return (
        f"This change raises order {order.number} to {order.total}, more than the "
        f"{covered_total(order)} its payments authorized; PayPal allows up to {ceiling}. "
        "Go ahead and ask PayPal for the difference?"
    )
