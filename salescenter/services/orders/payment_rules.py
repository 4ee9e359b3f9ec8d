"""What an order's payments cover: authorized totals and PayPal's allowance (PAY-2).

Rules over a loaded order, used by the change pipeline (reprice), release and
allocation; the payment use cases (add_payment, apply_coupon) live in payments.py.
"""

from __future__ import annotations

from decimal import Decimal

from ...errors import StateError
from ...models import Order
from .. import validation as v
from . import lifecycle as s


def paid_total(order: Order) -> Decimal:
    return sum((p.authorized_amount for p in order.payments if s.payment_authorized(p)), ZERO)


PAYPAL_TOLERANCE_RATE = Decimal("0.15")
PAYPAL_TOLERANCE_CAP = Decimal("75.00")
ZERO = Decimal("0.00")


def paypal_ceiling(order: Order) -> Decimal | None:
    """The most PayPal lets the order release: +15% or +$75, whichever is less (PAY-2)."""
    authorized = sum(
        (p.authorized_amount for p in order.payments if p.method == "paypal" and s.payment_authorized(p)),
        ZERO,
    )
    if authorized <= 0:
        return None
    others = sum(
        (p.authorized_amount for p in order.payments if p.method != "paypal" and s.payment_authorized(p)),
        ZERO,
    )
    slack = min(v.round_money(authorized * PAYPAL_TOLERANCE_RATE), PAYPAL_TOLERANCE_CAP)
    return authorized + slack + others


def covered_total(order: Order) -> Decimal:
    """What the payments let the order release: PayPal captures up to its ceiling (PAY-2)."""
    return max(paid_total(order), paypal_ceiling(order) or ZERO)


def is_paid(order: Order) -> bool:
    """ORD-5: the payments cover the whole (positive) total."""
    return order.total > 0 and covered_total(order) >= order.total


def guard_paypal(order: Order, total_before: Decimal, notices: list[str]) -> str | None:
    """PAY-2: a raise beyond PayPal's allowance is refused; one within it is a warning.

    Returns the warning's text (the rep must acknowledge it) and adds a notice, or None.
    """
    ceiling = paypal_ceiling(order)
    if ceiling is None or order.total <= total_before or order.total <= paid_total(order):
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
        f"{paid_total(order)} its payments authorized; PayPal allows up to {ceiling}. "
        "Go ahead and ask PayPal for the difference?"
    )
