"""Line fulfillment as an action table: the second state machine of an order.

A line starts unallocated; once the order is paid it awaits inventory or has it
assigned; release sends it to fulfillment, a pick list makes it Packing and the
shipment Shipped; until it starts to leave it may be canceled. The rep's changes
to a line (quantity, price, removal, hold, ...) are rows of the same table with
no target: they keep the line's state and only say from which states they are
allowed and, otherwise, what the rep reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...errors import StateError
from ...models import OrderItem
from . import lifecycle as s
from .line_counts import least_advanced

KEEP = "keep"  # the step leaves the line's status as it is


def _no_longer_changes(item: OrderItem) -> str:
    return f"{item.sku} is {s.line_name(item.fulfillment_status)}; it can no longer change."


def _cannot_be_held(item: OrderItem) -> str:
    return f"{item.sku} is {item.fulfillment_status}; it cannot be held."


def _text_fixed(item: OrderItem) -> str:
    return f"{item.sku} is {s.line_name(item.fulfillment_status)}; its personalization can no longer change."


def _not_in_step(item: OrderItem) -> str:
    return f"{item.sku} is {s.line_name(item.fulfillment_status)}."


@dataclass(frozen=True)
class LineStep:
    name: str
    starts: tuple[str | None, ...]
    leads_to: tuple[str | None, ...] | str = KEEP
    refusal: Callable[[OrderItem], str] = _not_in_step

    def why_not(self, item: OrderItem) -> str | None:
        if s.line_in(item, self.starts):
            return None
        return self.refusal(item)


# A line's status is that of its least advanced part (line_counts.least_advanced), so a
# step that moves some units may leave the line where it was: a partly picked line still
# Awaiting inventory for the rest stays Awaiting inventory.
STEPS = (
    # the system's steps
    LineStep("allocate", (s.UNALLOCATED,), (s.AWAITING, s.ASSIGNED, s.LINE_RELEASED)),  # SHP-2
    LineStep("receive", (s.AWAITING,), (s.AWAITING, s.ASSIGNED, s.LINE_RELEASED)),  # EXP-2
    LineStep("release", (s.ASSIGNED,), (s.LINE_RELEASED,)),
    LineStep("pick", (s.LINE_RELEASED, s.AWAITING), (s.PACKING, s.AWAITING)),
    LineStep("ship", (s.PACKING, s.LINE_RELEASED, s.AWAITING),
             (s.LINE_SHIPPED, s.LINE_RELEASED, s.AWAITING)),
    # what has not started to leave is canceled; a packed or shipped part stays what it is
    LineStep("cancel", s.OPEN_LINES, (s.LINE_CANCELED, s.LINE_SHIPPED, s.PACKING),
             _no_longer_changes),
    # stock given back (a changed quantity, a removed or canceled line)
    LineStep("unallocate", (s.AWAITING, *s.ALLOCATED), (s.UNALLOCATED,)),
    # a rep's changes to one line: they keep its state
    LineStep("set_quantity", s.OPEN_LINES, refusal=_no_longer_changes),
    LineStep("set_price", s.OPEN_LINES, refusal=_no_longer_changes),
    LineStep("remove_item", s.OPEN_LINES, refusal=_no_longer_changes),
    LineStep("accept_item", s.OPEN_LINES, refusal=_no_longer_changes),
    LineStep("expedite", s.OPEN_LINES, refusal=_no_longer_changes),
    LineStep("hold_item", (*s.OPEN_LINES, s.PACKING), refusal=_cannot_be_held),
    # to another ship-to, whole or split (SHP-1): until the goods start to leave
    LineStep("assign_item", s.OPEN_LINES, refusal=_no_longer_changes),
    # CAN-1: part of a line, or all of it not shipped; the rest is where it was
    LineStep("cancel_item", s.OPEN_LINES, s.LINE_STATES, _no_longer_changes),
    # PER-1: until the item is packed (line_changes also refuses a partly packed line)
    LineStep("personalize", s.OPEN_LINES, refusal=_text_fixed),
)
LINE_TABLE: dict[str, LineStep] = {step.name: step for step in STEPS}


def why_not(step: str, item: OrderItem) -> str | None:
    """The rep's reason this step cannot happen to the line now, or None."""
    return LINE_TABLE[step].why_not(item)


def allows(step: str, item: OrderItem) -> bool:
    return LINE_TABLE[step].why_not(item) is None


def move(item: OrderItem, step: str, target: str | None) -> None:
    """Take a step of the table; a step the table does not allow is refused."""
    row = LINE_TABLE[step]
    reason = row.why_not(item)
    if reason is not None:
        raise StateError(reason)
    if row.leads_to == KEEP or target not in row.leads_to:
        raise StateError(f"{item.sku} cannot become {s.line_name(target)} by {step}.")
    item.fulfillment_status = target


def settle(item: OrderItem, step: str, order_status: str) -> None:
    """After ``step`` moved some of the line's units: its status becomes that of its least
    advanced part, as the step's row allows."""
    target = least_advanced(item, order_status)
    if target != item.fulfillment_status:
        move(item, step, target)
        return
    reason = LINE_TABLE[step].why_not(item)
    if reason is not None:
        raise StateError(reason)


def allocated_status(order_status: str) -> str:
    """A line given its stock on a released order goes to fulfillment at once."""
    return s.LINE_RELEASED if order_status == s.RELEASED else s.ASSIGNED


def awaiting_stock() -> Any:
    """The lines waiting for stock, as a query condition."""
    return OrderItem.fulfillment_status == s.AWAITING
