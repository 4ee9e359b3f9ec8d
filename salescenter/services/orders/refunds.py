"""Money moving on an order's payments: capture on shipment, refunds, voids, and the
PayPal raise a rep acknowledged (PAY-2, PAY-3).

Functions over a loaded order inside a unit of work, for every module that moves
money: fulfillment captures with ``capture_for_shipment``, returns refund with
``refund_to_payments``. Each records its own history entry (who, when, before and
after) in the same transaction, and asks the installed gateway (gateway.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ...errors import StateError, ValidationError
from ...models import Order, Payment
from .. import validation as v
from ..gateway import current_gateway
from ..uow import UnitOfWork
from . import lifecycle as s
from .block_rules import SYSTEM_USER
from .history import write_history
from .payment_rules import ZERO, covered_total, refundable

REFUND_FIELD = "Refund amount"


def payment_figures(payment: Payment) -> dict[str, Any]:
    """A payment as history's before/after shows it."""
    return {
        "payment": payment.id, "method": payment.method, "status": payment.status,
        "authorized": str(payment.authorized_amount), "captured": str(payment.captured_amount),
        "refunded": str(payment.refunded_amount),
    }


def _record(uow: UnitOfWork, order: Order, user: str, activity: str, detail: str,
            before: dict[str, Any], payment: Payment) -> None:
    """History of a payment move: part of the order change that caused it (one entry per
    change), or its own entry when called outside one (a return received)."""
    after = payment_figures(payment)
    if uow.payment_moves is not None:
        uow.payment_moves.append({"detail": detail, "before": before, "after": after})
        return
    write_history(uow, order, user, activity, detail, before, after)


def _key(order: Order, payment: Payment, what: str, amount: Decimal) -> str:
    """Names one gateway call; a re-run unit of work repeats the same key (gateway.py)."""
    return f"{order.number}:{payment.id}:{what}:{payment.captured_amount}:{payment.refunded_amount}:{amount}"


def _refused(result_message: str, what: str) -> StateError:
    return StateError(f"The payment service refused the {what}: {result_message or 'no reason given'}. "
                      "Try again, or add another payment.")


def shipment_share(order: Order, merchandise: Decimal, *, final: bool) -> Decimal:
    """The part of the order's total that a shipment of ``merchandise`` (line totals) stands
    for: its share of shipping and tax comes along; the last shipment takes what is left."""
    captured = sum((p.captured_amount for p in order.payments if s.payment_authorized(p)), ZERO)
    left = max(order.total - captured, ZERO)
    if final:
        return left
    goods = sum((i.line_total for i in order.items if s.line_live(i)), ZERO)
    if goods <= 0 or merchandise <= 0:
        return ZERO
    return min(v.round_money(order.total * merchandise / goods), left)


def capture_for_shipment(
    uow: UnitOfWork, order: Order, amount: Decimal, *, user: str = SYSTEM_USER,
) -> Decimal:
    """PAY-3: take ``amount`` from the order's authorizations, oldest payment first, when
    items ship. Returns what was captured (less when the authorizations do not reach)."""
    wanted = v.round_money(Decimal(amount))
    if wanted <= 0:
        return ZERO
    taken = ZERO
    gateway = current_gateway()
    for payment in sorted((p for p in order.payments if s.payment_authorized(p)), key=lambda p: p.id):
        room = payment.authorized_amount - payment.captured_amount
        part = min(room, wanted - taken)
        if part <= 0:
            continue
        result = gateway.capture(payment.gateway_reference, part, key=_key(order, payment, "capture", part))
        if not result.approved:
            raise _refused(result.message, "capture")
        before = payment_figures(payment)
        payment.captured_amount += part
        payment.status = s.payment_settled_status(payment)
        taken += part
        _record(uow, order, user, "Payment captured", f"{payment.method} {part} captured on shipment",
                before, payment)
        if taken >= wanted:
            break
    return taken


def refund_to_payments(
    uow: UnitOfWork, order: Order, amount: Decimal, reason: str, *, user: str = SYSTEM_USER,
    payment: Payment | None = None,
) -> Decimal:
    """PAY-3, RET-3: give ``amount`` back to the order's captured payments, newest first
    (or to ``payment`` alone). Returns the amount refunded; refuses more than was captured
    less what went back already (ValidationError naming the refund amount)."""
    value = v.money(amount, REFUND_FIELD, allow_zero=True)
    why = v.text(reason, "Refund reason", max_length=500)
    if value == 0:
        return ZERO
    payments = [payment] if payment is not None else sorted(
        (p for p in order.payments if refundable(p) > 0), key=lambda p: p.id, reverse=True
    )
    available = sum((refundable(p) for p in payments), ZERO)
    if value > available:
        whose = f"payment {payment.id}" if payment is not None else f"order {order.number}"
        raise ValidationError(
            f"A refund of {value} is more than the {available} captured and not yet refunded on "
            f"{whose}; refund at most {available}.", REFUND_FIELD,
        )
    gateway = current_gateway()
    left = value
    for target in payments:
        part = min(refundable(target), left)
        if part <= 0:
            continue
        result = gateway.refund(target.gateway_reference, part, key=_key(order, target, "refund", part))
        if not result.approved:
            raise _refused(result.message, "refund")
        before = payment_figures(target)
        target.refunded_amount += part
        target.status = s.payment_settled_status(target)
        left -= part
        _record(uow, order, user, "Payment refunded", f"{target.method} {part} refunded: {why}",
                before, target)
        if left <= 0:
            break
    return value


def void_payment(uow: UnitOfWork, order: Order, payment: Payment, reason: str, *, user: str) -> None:
    """PAY-3: let an authorization go before any of it was captured."""
    result = current_gateway().void(payment.gateway_reference, key=_key(order, payment, "void", ZERO))
    if not result.approved:
        raise _refused(result.message, "void")
    before = payment_figures(payment)
    payment.status = s.VOIDED
    _record(uow, order, user, "Payment voided", f"{payment.method} {payment.authorized_amount} voided: "
            f"{reason}", before, payment)


def raise_paypal(uow: UnitOfWork, order: Order, *, user: str) -> Decimal:
    """PAY-2: after the rep acknowledged a raise within PayPal's allowance, PayPal is asked
    for the difference, so the authorization covers the new total. Returns the raise."""
    need = order.total - covered_total(order)
    paypal = [p for p in order.payments if p.method == "paypal" and s.payment_authorized(p)]
    if need <= 0 or not paypal:
        return ZERO
    payment = max(paypal, key=lambda p: p.id)
    new_amount = payment.authorized_amount + need
    result = current_gateway().authorize(
        payment.method, new_amount, reference=payment.gateway_reference,
        key=_key(order, payment, "raise", new_amount),
    )
    if not result.approved:
        raise _refused(result.message, "raise of the PayPal authorization")
    before = payment_figures(payment)
    payment.authorized_amount = new_amount
    _record(uow, order, user, "Payment authorization raised",
            f"PayPal asked for {need} more: {new_amount} authorized", before, payment)
    return need
