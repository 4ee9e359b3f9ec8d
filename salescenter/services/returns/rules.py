"""What a return may hold and when it is approved by itself (RET-1, RET-2).

Pure rules over a loaded order and its returns: how much of a line has shipped and come
back, what a returned quantity is worth, and whether a new return is within the store's
rules or waits for a Supervisor.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ...errors import ValidationError
from ...models import HistoryEntry, Order, OrderItem, Return
from ..orders import payment_rules
from ..orders.line_counts import billed
from ..validation import round_money

REQUESTED = "requested"
APPROVED = "approved"
RECEIVED = "received"
CANCELED = "canceled"
STATUSES = (REQUESTED, APPROVED, RECEIVED, CANCELED)
KINDS = ("return", "exchange", "misship")
SYSTEM_USER = "system"
ZERO = Decimal("0.00")
SHIP_ACTIVITY = "Items shipped"


def returns_of(order: Order) -> list[Return]:
    """The order's returns when they were loaded with it; a new order has none."""
    if "returns" in inspect(order).unloaded:
        return []
    return list(order.returns)


def shipped_of(item: OrderItem) -> int:
    """How much of the line has left the warehouse (a part shipment counts its part)."""
    return item.shipped_quantity


def returned_by_item(returns: list[Return], *, leave_out: int | None = None) -> dict[int, int]:
    """Quantities on returns not canceled, per order item (RET-1)."""
    found: dict[int, int] = {}
    for ret in returns:
        if ret.status == CANCELED or ret.id == leave_out:
            continue
        for line in ret.lines:
            found[line.item_id] = found.get(line.item_id, 0) + line.quantity
    return found


def returnable(item: OrderItem, returns: list[Return]) -> int:
    return max(shipped_of(item) - returned_by_item(returns).get(item.id, 0), 0)


def why_not_returnable(item: OrderItem, returns: list[Return]) -> str | None:
    """The rep's reason no more of this line can be returned, or None."""
    shipped = shipped_of(item)
    if shipped <= 0:
        return f"{item.sku} has not shipped; only shipped goods can be returned."
    if returnable(item, returns) <= 0:
        return f"All {shipped} shipped of {item.sku} are already on returns."
    return None


def check_quantity(item: OrderItem, quantity: int, returns: list[Return]) -> None:
    """More returned than shipped less already returned is refused, naming the line."""
    reason = why_not_returnable(item, returns)
    if reason is not None:
        raise ValidationError(reason, "Quantity")
    left = returnable(item, returns)
    if quantity > left:
        already = shipped_of(item) - left
        raise ValidationError(
            f"Return at most {left} of {item.sku}: {shipped_of(item)} shipped"
            + (f", {already} already on returns." if already else "."), "Quantity")


def merchandise_credit(item: OrderItem, quantity: int) -> Decimal:
    """The line's share of its total after discounts for ``quantity``, rounded half-up to cents."""
    paid_for = billed(item)  # CAN-1: the canceled units are not in the line total
    if paid_for <= 0:
        return ZERO
    return round_money(item.line_total * quantity / paid_for)


def credit_for(order: Order, item: OrderItem, quantity: int, shipping_taxed: bool) -> Decimal:
    """What the customer paid for ``quantity`` of the line (RET-2): its merchandise share and
    that share of the order's tax. Shipping is not credited: the goods did travel."""
    merchandise = merchandise_credit(item, quantity)
    base = sum((i.line_total for i in order.items if i.fulfillment_status != CANCELED), ZERO)
    if shipping_taxed:
        base += order.shipping_total
    if base <= 0 or order.tax_total <= 0:
        return merchandise
    return merchandise + round_money(order.tax_total * merchandise / base)


def refundable(order: Order) -> Decimal:
    """Money captured on the order that has not gone back yet."""
    return sum((payment_rules.refundable(p) for p in order.payments), ZERO)


def shipped_at(session: Session, order: Order) -> datetime | None:
    """When the order last shipped goods: its shipped time, else its last shipment."""
    if order.shipped_at is not None:
        return order.shipped_at
    return session.scalar(
        select(HistoryEntry.at).where(HistoryEntry.order_id == order.id,
                                      HistoryEntry.activity == SHIP_ACTIVITY)
        .order_by(HistoryEntry.id.desc()).limit(1)
    )


def approval_needed(session: Session, order: Order, credit: Decimal, returns: list[Return],
                    now: datetime) -> str:
    """RET-2: empty when the return is within the store's rules, else why a Supervisor decides."""
    window = order.store.return_days
    shipped = shipped_at(session, order)
    if shipped is not None and (now - shipped).days > window:
        return (f"Order {order.number} shipped {(now - shipped).days} days ago, beyond the "
                f"store's {window}-day return window.")
    owed = sum((r.credit_total for r in returns if r.status in (REQUESTED, APPROVED)), ZERO)
    paid = refundable(order) - owed
    if credit > paid:
        return (f"The credit {credit} is more than the {max(paid, ZERO)} paid on order "
                f"{order.number} and not yet refunded.")
    return ""
