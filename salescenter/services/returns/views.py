"""Builds ``ReturnView`` from a loaded return, with what the user may do to it now."""

from __future__ import annotations

from datetime import datetime

from ...models import Order, Return
from ..orders.preconditions import Actor
from ..views import ReturnLineView, ReturnView
from . import actions


def return_view(ret: Return, *, order: Order | None = None, actor: Actor | None = None,
                now: datetime | None = None) -> ReturnView:
    """``order``, ``actor`` and ``now`` fill ``actions``; a list leaves them out."""
    found = (actions.reasons(ret, order, actor, now)
             if order is not None and actor is not None and now is not None else {})
    return ReturnView(
        id=ret.id, number=ret.number, order_id=ret.order_id, order_number=ret.order_number,
        customer_id=ret.customer_id, kind=ret.kind, status=ret.status, reason=ret.reason,
        comment=ret.comment, lines=[ReturnLineView.model_validate(line) for line in ret.lines],
        credit_total=ret.credit_total, refunded_total=ret.refunded_total,
        price_difference=ret.price_difference, replacement_order_id=ret.replacement_order_id,
        replacement_order_number=ret.replacement_order_number, approval_needed=ret.approval_needed,
        created_at=ret.created_at, created_by=ret.created_by, approved_by=ret.approved_by,
        approved_at=ret.approved_at, received_by=ret.received_by, received_at=ret.received_at,
        canceled_by=ret.canceled_by, cancel_reason=ret.cancel_reason, actions=found,
    )
