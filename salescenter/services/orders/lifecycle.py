"""Every status code of the order aggregate and what each means, declared once.

Order states, line fulfillment states and payment states. What may happen in
each state is the action tables' business (actions.py for the order,
line_actions.py for a line); every other module asks the predicates below
instead of comparing codes.
"""

from __future__ import annotations

from typing import Any

from ...labels import fulfillment_label, state_label

PENDING = "pending"
PENDING_PAYMENT = "pending_payment_authorization"
EDIT = "edit"
ON_HOLD = "on_hold"
RELEASED = "released"
SHIPPED = "shipped"
CANCELED = "canceled"

STATES = (PENDING, PENDING_PAYMENT, EDIT, ON_HOLD, RELEASED, SHIPPED, CANCELED)
# A submitted order still being worked, and the states nothing leaves.
SUBMITTED = (PENDING_PAYMENT, EDIT, ON_HOLD, RELEASED)
TERMINAL = (SHIPPED, CANCELED)
# Prices are worked out again only while an order is still being put together;
# a submitted order keeps the discounts it was sold with.
REPRICED = (PENDING, EDIT)

# A line's fulfillment status; None while the order is not paid (nothing allocated).
UNALLOCATED: str | None = None
AWAITING = "awaiting_inventory"
ASSIGNED = "inventory_assigned"
LINE_RELEASED = "released"
PACKING = "packing"
LINE_SHIPPED = "shipped"
LINE_CANCELED = "canceled"
LINE_STATES = (UNALLOCATED, AWAITING, ASSIGNED, LINE_RELEASED, PACKING, LINE_SHIPPED, LINE_CANCELED)
ALLOCATED = (ASSIGNED, LINE_RELEASED, PACKING)
# Lines a rep may still change: the goods have not started to leave.
OPEN_LINES = (UNALLOCATED, AWAITING, ASSIGNED, LINE_RELEASED)
FINISHED_LINES = (LINE_SHIPPED, LINE_CANCELED)

# A payment: authorized -> captured (when its items ship) -> refunded in part or whole;
# voided before capture; declined by the gateway. Captured stays the status while part
# of the captured money is refunded; refunded means all of it went back.
AUTHORIZED = "authorized"
CAPTURED = "captured"
DECLINED = "declined"
VOIDED = "voided"
REFUNDED = "refunded"
PAYMENT_STATES = (AUTHORIZED, CAPTURED, DECLINED, VOIDED, REFUNDED)
# Payments that stand behind the order: their authorization counts toward its total.
PAYMENT_LIVE = (AUTHORIZED, CAPTURED, REFUNDED)


def name_of(state: str | None) -> str:
    return state_label(state)


def line_name(status: str | None) -> str:
    """How a sentence names a line's status ("WID-1 is packing")."""
    return fulfillment_label(status).lower() if status else "not allocated"


def is_state(code: object) -> bool:
    return code in STATES


# the order ---------------------------------------------------------------------------------


def is_cart(order: Any) -> bool:
    """Pending: not submitted yet (a cart, a draft or a quote)."""
    return order.status == PENDING


def is_submitted(order: Any) -> bool:
    return order.status in SUBMITTED


def is_terminal(order: Any) -> bool:
    return order.status in TERMINAL


def is_editing(order: Any) -> bool:
    return order.status == EDIT


def is_on_hold(order: Any) -> bool:
    return order.status == ON_HOLD


def is_released(order: Any) -> bool:
    return order.status == RELEASED


def reprices(order: Any) -> bool:
    return order.status in REPRICED


def was_submitted(state: str) -> bool:
    """A state code (imported rows) that means the order was submitted."""
    return state != PENDING


# a line ------------------------------------------------------------------------------------


def line_canceled(item: Any) -> bool:
    return item.fulfillment_status == LINE_CANCELED


def line_shipped(item: Any) -> bool:
    return item.fulfillment_status == LINE_SHIPPED


def line_live(item: Any) -> bool:
    """Counted in the order's totals: every line that is not canceled."""
    return item.fulfillment_status != LINE_CANCELED


def line_open(item: Any) -> bool:
    return item.fulfillment_status in OPEN_LINES


def line_finished(item: Any) -> bool:
    return item.fulfillment_status in FINISHED_LINES


def line_allocated(item: Any) -> bool:
    return item.fulfillment_status in ALLOCATED


def line_unallocated(item: Any) -> bool:
    return item.fulfillment_status is UNALLOCATED


def line_in(item: Any, statuses: tuple[str | None, ...]) -> bool:
    return item.fulfillment_status in statuses


# a payment ---------------------------------------------------------------------------------


def payment_authorized(payment: Any) -> bool:
    """The payment stands behind the order (authorized, captured or refunded after capture)."""
    return payment.status in PAYMENT_LIVE


def payment_declined(payment: Any) -> bool:
    return payment.status == DECLINED


def payment_voidable(payment: Any) -> bool:
    """Nothing of it was captured yet."""
    return payment.status == AUTHORIZED and not payment.captured_amount


def payment_settled_status(payment: Any) -> str:
    """The status a live payment's figures say: captured once money was taken, refunded
    when all the captured money went back."""
    if not payment.captured_amount:
        return AUTHORIZED
    return REFUNDED if payment.refunded_amount >= payment.captured_amount else CAPTURED
