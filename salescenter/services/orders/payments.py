"""Payments and coupons on an order: add (PAY-1, PAY-2), void and refund (PAY-3)."""

from __future__ import annotations

from decimal import Decimal

from ...errors import ValidationError
from ...models import Payment
from .. import validation as v
from ..gateway import current_gateway
from ..payment_views import GatewayView
from ..stores import PAYMENT_METHODS
from ..ticklers import system as system_ticklers
from ..views import OrderView
from . import promotions as promotion_rules
from . import refunds
from .base import OrderServiceBase, OrderWork
from .payment_rules import payment_due
from .pricing import promotion_live
from .warnings import Acknowledge

ZERO = Decimal("0.00")


class OrderPayments(OrderServiceBase):
    """Payments (PAY-1, PAY-2, PAY-3) and coupons on an order."""

    def add_payment(
        self, order_id: int, method: str, amount: Decimal | str, *, card_number: str | None = None,
        expected_version: int | None = None,
    ) -> OrderView:
        """PAY-1: add one of the store's payment methods; an order may have several."""
        kind = v.choice(method, "Payment method", PAYMENT_METHODS)
        value = v.money(amount, "Payment amount", allow_zero=False)
        typed = v.text(card_number, "Card number", max_length=30, required=False)
        if typed and not set(typed) <= set("0123456789 -"):
            raise ValidationError("Card number may contain only digits, spaces and dashes.", "Card number")
        card = v.digits_of(typed)
        if kind == "credit_card" and card and not 12 <= len(card) <= 19:
            raise ValidationError("Card number must have 12 to 19 digits.", "Card number")

        def change(job: OrderWork) -> None:
            order = job.order
            accepted = order.store.payment_methods.split(",")
            if kind not in accepted:
                names = ", ".join(PAYMENT_METHODS[m] for m in accepted)
                raise ValidationError(
                    f"{order.store.code} does not accept {PAYMENT_METHODS[kind]}; it accepts {names}.",
                    "Payment method",
                )
            if kind == "on_account" and (order.customer is None or order.customer.credit_limit is None):
                raise ValidationError("This customer has no account with a credit limit.", "Payment method")
            due = payment_due(order)  # more than zero: the table's payment_owed says so
            if value > due:  # PAY-3
                raise ValidationError(
                    f"Payment amount {value} is more than the {due} still due on order {order.number}; "
                    f"enter at most {due}.", "Payment amount",
                )
            key = f"{order.number}:{len(order.payments) + 1}:{job.now.isoformat()}"
            result = current_gateway().authorize(kind, value, card_number=card, key=key)
            declined = not result.approved
            order.payments.append(Payment(
                method=kind, amount=value, authorized_amount=ZERO if declined else value,
                status="declined" if declined else "authorized", gateway_reference=result.reference,
                reference=f"**** {card[-4:]}" if card else "", created_at=job.now,
            ))
            job.detail = f"{PAYMENT_METHODS[kind]} {value}" + (" declined" if declined else " authorized")
            if declined:
                job.notices.append(f"The {PAYMENT_METHODS[kind]} payment of {value} was declined.")
                system_ticklers.payment_declined(job.session, order, f"{PAYMENT_METHODS[kind]} {value}",
                                                 job.now)  # TKL-1

        return self._mutate(order_id, "add_payment", change, expected_version=expected_version)

    def payment_gateway(self) -> GatewayView:
        """The payment service this desk's payments go through; "simulated" takes no money."""
        gateway = current_gateway()
        return GatewayView(name=gateway.name, simulated=gateway.simulated)

    def void_payment(
        self, order_id: int, payment_id: int, reason: str, *, expected_version: int | None = None,
    ) -> OrderView:
        """PAY-3: let an authorization go before any of it was captured."""
        why = v.text(reason, "Void reason", max_length=500)

        def change(job: OrderWork) -> None:
            payment = job.subject(payment_id)
            refunds.void_payment(job.uow, job.order, payment, why, user=job.actor.username)
            job.detail = ""  # the payment's move says what and why

        return self._mutate(order_id, "void_payment", change, expected_version=expected_version)

    def refund(
        self, order_id: int, amount: Decimal | str, reason: str, *, payment_id: int | None = None,
        expected_version: int | None = None,
    ) -> OrderView:
        """PAY-3: give captured money back, never more than was captured less what went back;
        without ``payment_id`` the newest captured payments first."""
        value = v.money(amount, refunds.REFUND_FIELD, allow_zero=False)
        why = v.text(reason, "Refund reason", max_length=500)

        def change(job: OrderWork) -> None:
            target = job.subject(payment_id) if payment_id is not None else None
            if target is None:
                job.subjects()  # refused as the table says when nothing was captured
            refunds.refund_to_payments(job.uow, job.order, value, why, user=job.actor.username,
                                       payment=target)
            job.detail = ""  # each payment's move says how much and why

        return self._mutate(order_id, "refund", change, expected_version=expected_version)

    def apply_coupon(
        self, order_id: int, code: str, *, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        coupon = v.text(code, "Coupon code", max_length=40).upper()

        def change(job: OrderWork) -> None:
            promo = promotion_rules.promotion_for_code(job.session, coupon, job.now)
            if promo is None or not promo.active:
                raise ValidationError(f"Coupon code '{coupon}' is not known.", "Coupon code")
            if not promotion_live(promo, job.now):
                raise ValidationError(f"Coupon code '{coupon}' is not valid now (expired or not "
                                      "started).", "Coupon code")
            promotion_rules.require_usable(job.session, promo, job.order, coupon)  # PRC-8
            job.order.coupon_code = coupon
            promotion_rules.add_to_frozen(job.session, job.order, promo)
            job.detail = f"{coupon}: {promo.name}"

        return self._mutate(order_id, "apply_coupon", change, expected_version=expected_version,
                            acknowledge=acknowledge)
