"""An order's ship-tos as pricing, the rules and the views read them (SHP-1, PRC-5, PRC-6).

The first ship-to's address and method are the order's own columns (where finding,
export and import read them); later ship-tos keep theirs on their row. An item with
no ship-to, or one naming a ship-to the order no longer has, goes to the first.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ...models import Order, OrderItem, ShipTo
from ..authority import SHIPPING_OVERRIDE_LIMIT_PERCENT

ZERO = Decimal("0.00")
ADDRESS_KEYS = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")
# Enough for a family's holiday order; a bound on what one order's pages and prints show.
MAX_SHIP_TOS = 20


def ensure_first(order: Order) -> ShipTo:
    """The first ship-to; an order saved before ship-tos existed gets it from its own charges."""
    if order.ship_tos:
        return order.ship_tos[0]
    first = ShipTo(
        position=1, method=order.shipping_method, shipping_total=order.shipping_total,
        tax_total=order.tax_total, rated_shipping=order.shipping_total, override_reason="",
        **dict.fromkeys(ADDRESS_KEYS, ""),
    )
    order.ship_tos.append(first)
    return first


def copy_ship_tos(session: Session, source: Order, order: Order, *, keep_overrides: bool) -> list[str]:
    """ORD-2 with SHP-1: a copy keeps the source's later ship-tos (address and method) and sends
    each copied line where its source line went; its items arrive naming the source's ship-tos.

    ``keep_overrides``: a quote becoming its order keeps its charges set by hand (PRC-1); a
    reorder does not (a charge set by hand was a decision about that order), and says so."""
    first = ensure_first(order)
    copies = {source.ship_tos[0].id: first} if source.ship_tos else {}
    for ship_to in source.ship_tos[1:]:
        copies[ship_to.id] = ShipTo(position=ship_to.position, method=ship_to.method, override_reason="",
                                    **{key: getattr(ship_to, key) for key in ADDRESS_KEYS})
        order.ship_tos.append(copies[ship_to.id])
    notices = []
    for ship_to in source.ship_tos:
        if ship_to.override_amount is None:
            continue
        if keep_overrides:
            copy = copies[ship_to.id]
            copy.override_amount, copy.override_reason = ship_to.override_amount, ship_to.override_reason
            copy.override_by = ship_to.override_by
        else:
            notices.append(f"The shipping charge of {label(source, ship_to)} was set by hand on order "
                           f"{source.number} and was not copied; it ships at its rate.")
    if len(copies) > 1:
        session.flush()
    for item in order.items:
        target = copies.get(item.ship_to_id or 0)
        item.ship_to_id = target.id if target is not None and target is not first else None
    return notices


def is_first(order: Order, ship_to: ShipTo) -> bool:
    return bool(order.ship_tos) and order.ship_tos[0] is ship_to


def address_of(order: Order, ship_to: ShipTo) -> dict[str, str]:
    source: Any = order if is_first(order, ship_to) else ship_to
    prefix = "ship_" if source is order else ""
    return {key: getattr(source, prefix + key) or "" for key in ADDRESS_KEYS}


def method_of(order: Order, ship_to: ShipTo) -> str:
    return order.shipping_method if is_first(order, ship_to) else ship_to.method


def target_of(order: Order, item: OrderItem) -> ShipTo | None:
    """The ship-to an item goes to (None only for an order without ship-to rows)."""
    if not order.ship_tos:
        return None
    for ship_to in order.ship_tos:
        if item.ship_to_id is not None and ship_to.id == item.ship_to_id:
            return ship_to
    return order.ship_tos[0]


def lines_of(order: Order, ship_to: ShipTo, lines: list[OrderItem]) -> list[OrderItem]:
    return [item for item in lines if target_of(order, item) is ship_to]


def label(order: Order, ship_to: ShipTo) -> str:
    """How a rep names a ship-to: its number on the order and where it goes."""
    where = address_of(order, ship_to)
    place = ", ".join(part for part in (where["name"], where["city"]) if part)
    return f"Ship-to {ship_to.position}" + (f" ({place})" if place else "")


def override_below_percent(ship_to: ShipTo) -> Decimal:
    """How far an overridden charge lies below what the method's rate charges."""
    if ship_to.override_amount is None or ship_to.rated_shipping <= 0:
        return Decimal("0")
    below = (ship_to.rated_shipping - ship_to.override_amount) / ship_to.rated_shipping * 100
    return max(below, Decimal("0"))


def override_beyond_limit(ship_to: ShipTo) -> bool:
    """PRC-6: an override lower than the overriding user's role may go places a block."""
    if ship_to.override_amount is None or ship_to.override_by is None:
        return False
    role = ship_to.override_by.partition(":")[2] or "csr"
    return override_below_percent(ship_to) > SHIPPING_OVERRIDE_LIMIT_PERCENT.get(role, 0)
