"""The quantities of one order line and the status they add up to (SHP-2, CAN-1, FUL-1).

Once an order is paid each line row splits its quantity into allocated (off the shelf,
waiting to ship; ``packed`` of it is on a pick list), backordered (waiting for stock),
shipped and canceled, and these always add up to the quantity. A line's status is the
status of its least advanced part: a line with 3 shipped and 2 backordered is Awaiting
inventory. Before payment nothing is allocated or backordered and the status is None.
"""

from __future__ import annotations

from decimal import Decimal

from ...models import OrderItem
from ..validation import round_money
from . import lifecycle as s


def billed(item: OrderItem) -> int:
    """What the customer pays for: every unit not canceled."""
    return item.quantity - item.canceled_quantity


def still_to_ship(item: OrderItem) -> int:
    return item.quantity - item.shipped_quantity - item.canceled_quantity


def cancelable(item: OrderItem) -> int:
    """CAN-1: what has not started to leave (ORD-7: neither packed nor shipped)."""
    return still_to_ship(item) - item.packed_quantity


def ready_to_pick(item: OrderItem) -> int:
    """Allocated units not yet on a pick list."""
    return item.allocated_quantity - item.packed_quantity


def share_of_total(item: OrderItem, count: int) -> Decimal:
    """What ``count`` of the line's billed units stand for of its line total (a partial
    shipment's value, PAY-3), rounded half-up to cents."""
    paid_for = billed(item)
    if paid_for <= 0:
        return Decimal("0.00")
    return round_money(item.line_total * count / paid_for)


def least_advanced(item: OrderItem, order_status: str) -> str | None:
    """The status the line's quantities add up to (for a split line, its least advanced part)."""
    if billed(item) <= 0:
        return s.LINE_CANCELED
    if still_to_ship(item) <= 0:
        return s.LINE_SHIPPED
    if item.backordered_quantity > 0:
        return s.AWAITING
    if item.allocated_quantity <= 0:
        return s.UNALLOCATED
    if ready_to_pick(item) <= 0:
        return s.PACKING
    return s.LINE_RELEASED if order_status == s.RELEASED else s.ASSIGNED


def consistent(item: OrderItem) -> bool:
    """The invariant per line: once allocated, its parts add up to its quantity."""
    parts = (item.allocated_quantity, item.backordered_quantity, item.shipped_quantity,
             item.canceled_quantity, item.packed_quantity)
    if min(parts) < 0 or item.packed_quantity > item.allocated_quantity:
        return False
    counted = (item.allocated_quantity + item.backordered_quantity + item.shipped_quantity
               + item.canceled_quantity)
    if s.line_unallocated(item):
        return item.allocated_quantity == item.backordered_quantity == 0
    return counted == item.quantity


def describe(item: OrderItem) -> str:
    """The line's counts in a rep's words, for history ("WID-1: 3 allocated, 2 backordered")."""
    parts = [(item.allocated_quantity, "allocated"), (item.backordered_quantity, "backordered"),
             (item.shipped_quantity, "shipped"), (item.canceled_quantity, "canceled")]
    said = ", ".join(f"{count} {word}" for count, word in parts if count)
    return f"{item.sku}: {said or f'{item.quantity} not yet allocated'}"
