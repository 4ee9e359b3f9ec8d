"""The order lifecycle: every allowed (from, to) pair, declared once."""

from __future__ import annotations

from ...errors import StateError
from ...labels import ORDER_STATE_NAMES as STATE_NAMES
from ...models import Order

PENDING = "pending"
PENDING_PAYMENT = "pending_payment_authorization"
EDIT = "edit"
ON_HOLD = "on_hold"
RELEASED = "released"
SHIPPED = "shipped"
CANCELED = "canceled"

STATES = (PENDING, PENDING_PAYMENT, EDIT, ON_HOLD, RELEASED, SHIPPED, CANCELED)

TRANSITIONS: frozenset[tuple[str, str]] = frozenset(
    {
        (PENDING, PENDING_PAYMENT),  # submit
        (PENDING, CANCELED),  # cancel a cart
        (PENDING_PAYMENT, EDIT),  # begin_edit
        (EDIT, PENDING_PAYMENT),  # finish_edit, or an administrator's unlock
        (PENDING_PAYMENT, ON_HOLD),  # hold
        (RELEASED, ON_HOLD),  # hold what is not shipped yet
        (ON_HOLD, PENDING_PAYMENT),  # release_hold
        (ON_HOLD, RELEASED),  # release_hold of a released order
        (PENDING_PAYMENT, RELEASED),  # release to fulfillment
        (RELEASED, SHIPPED),  # last item shipped
        (PENDING_PAYMENT, CANCELED),
        (RELEASED, CANCELED),  # nothing shipped yet
    }
)

# States in which the order is a submitted order still being worked.
SUBMITTED = (PENDING_PAYMENT, EDIT, ON_HOLD, RELEASED)
TERMINAL = (SHIPPED, CANCELED)


def name_of(state: str) -> str:
    return STATE_NAMES.get(state, state)


def why_not(order: Order, target: str) -> str:
    number, current = order.number, name_of(order.status)
    reasons = {
        ON_HOLD: f"Order {order.number} is on hold; release the hold first.",
        CANCELED: f"Order {number} is canceled; it can no longer change.",
        SHIPPED: f"Order {number} has shipped; it is read-only.",
        EDIT: f"Order {number} is being edited; finish the edit first.",
    }
    return reasons.get(
        order.status, f"Order {number} is {current}; it cannot become {name_of(target)}."
    )


def can_move(order: Order, target: str) -> bool:
    return (order.status, target) in TRANSITIONS


def move(order: Order, target: str) -> None:
    if (order.status, target) not in TRANSITIONS:
        raise StateError(why_not(order, target))
    order.status = target
