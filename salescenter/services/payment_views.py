"""Read models of payments and of the payment service they go through (PAY-3)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import computed_field

from ..labels import payment_status_label
from .view_base import View


class PaymentView(View):
    id: int
    method: str
    amount: Decimal  # what was first authorized
    authorized_amount: Decimal  # what it may capture (more after an acknowledged PayPal raise)
    status: str  # authorized | captured | declined | voided | refunded (PAY-3)
    captured_amount: Decimal = Decimal("0.00")
    refunded_amount: Decimal = Decimal("0.00")
    reference: str = ""
    created_at: datetime
    actions: dict[str, str | None] = {}  # void_payment, refund

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_label(self) -> str:
        return payment_status_label(self.status)


class GatewayView(View):
    """The payment service a desk's payments go through (gateway.py)."""

    name: str
    simulated: bool
