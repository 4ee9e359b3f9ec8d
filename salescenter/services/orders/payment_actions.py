"""The payment a void or refund works on, and what each needs of it (PAY-3): the
subjects of the ``void_payment`` and ``refund`` rows of the action table (actions.py)."""

from __future__ import annotations

from typing import Any

from ...labels import payment_method_label, payment_status_label
from ...models import Order
from . import lifecycle as s
from .payment_rules import covered_total, refundable
from .preconditions import Actor, Refusal


def named(payment: Any, *, first: bool = False) -> str:
    """How a sentence names a payment: "payment 7 (Credit card 20.00)"; ``first``: opening it."""
    return (f"{'Payment' if first else 'payment'} {payment.id} "
            f"({payment_method_label(payment.method)} {payment.authorized_amount})")


def voidable(order: Order, payment: Any, _actor: Actor) -> Refusal | None:
    if s.payment_voidable(payment):
        if s.is_released(order) and covered_total(order) - payment.authorized_amount < order.total:
            return Refusal(f"Order {order.number} was released to fulfillment on {named(payment)}; "
                           "add another payment before voiding it.")
        return None
    if payment.captured_amount:
        return Refusal(f"The money of {named(payment)} was captured; refund it instead of voiding.")
    return Refusal(f"{named(payment, first=True)} is {payment_status_label(payment.status).lower()}; "
                   "there is nothing to void.")


def refundable_now(_order: Order, payment: Any, _actor: Actor) -> Refusal | None:
    if refundable(payment) > 0:
        return None
    if s.payment_voidable(payment):
        return Refusal(f"Nothing of {named(payment)} was captured yet (it is captured when its items "
                       "ship); void it instead.")
    return Refusal(f"{named(payment, first=True)} has no captured money left to refund.")
