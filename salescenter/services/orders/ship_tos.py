"""Several ship-tos per order (SHP-1): add one, send an item (or part of it) there, and
override a ship-to's shipping charge with a reason (PRC-6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import inspect

from ...errors import NotFoundError, ValidationError
from ...models import Hold, Order, OrderItem, ShipTo
from ...models.order import LINE_QUANTITIES
from .. import validation as v
from ..authority import SHIPPING_OVERRIDE_LIMIT_PERCENT
from ..views import OrderView
from . import destinations, lifecycle
from .base import OrderServiceBase, OrderWork
from .pricing import SHIPPING_RATES
from .warnings import Acknowledge

# Columns a split part does not copy from its line: its own identity and its own counts.
_NOT_COPIED = frozenset({"id", "quantity", "ship_to_id", *LINE_QUANTITIES})


def find_ship_to(order: Order, key: int) -> ShipTo:
    for ship_to in order.ship_tos:
        if ship_to.id == key:
            return ship_to
    raise NotFoundError(f"Order {order.number} has no ship-to number {key}; choose one of its ship-tos.")


def movable(item: OrderItem) -> int:
    """What of a line may still go elsewhere: neither shipped, packed nor canceled."""
    return item.quantity - item.shipped_quantity - item.packed_quantity - item.canceled_quantity


def split_off(item: OrderItem, count: int) -> OrderItem:
    """A new row for ``count`` of the line's quantity. The part takes the line's allocated
    (unpacked) stock first, then its backorder, so both rows keep allocated + backordered +
    shipped + canceled == quantity and no stock moves on or off the shelf."""
    copied = {
        attr.key: getattr(item, attr.key)
        for attr in inspect(OrderItem).column_attrs if attr.key not in _NOT_COPIED
    }
    allocated = min(count, item.allocated_quantity - item.packed_quantity)
    backordered = min(count - allocated, item.backordered_quantity)
    part = OrderItem(**copied, quantity=count, allocated_quantity=allocated,
                     backordered_quantity=backordered, packed_quantity=0, shipped_quantity=0,
                     canceled_quantity=0)
    item.quantity -= count
    item.allocated_quantity -= allocated
    item.backordered_quantity -= backordered
    for row in (item, part):
        _status_from_counts(row)
    return part


def _status_from_counts(row: OrderItem) -> None:
    """After a split, a row with a backorder awaits inventory and one without has its stock.
    Set directly: a split moves no stock, so no step of the line table happens."""
    if not lifecycle.line_in(row, (lifecycle.AWAITING, lifecycle.ASSIGNED)):
        return
    row.fulfillment_status = lifecycle.AWAITING if row.backordered_quantity else lifecycle.ASSIGNED
    if not row.backordered_quantity:
        row.expected_date = None


def keep_line_holds(job: OrderWork, item: OrderItem, part: OrderItem) -> None:
    """BLK-6: a held line's split-off part is held as the line is, for the same reason, or
    moving part of it to another ship-to would release it."""
    held = [hold for hold in job.order.holds if hold.item_id == item.id and not hold.released]
    if not held:
        return
    job.session.flush()  # the part's id
    for hold in held:
        job.order.holds.append(Hold(item_id=part.id, reason=hold.reason, placed_by=hold.placed_by,
                                    placed_at=hold.placed_at))


class OrderShipTos(OrderServiceBase):
    def add_ship_to(
        self, order_id: int, address: Any, *, method: str | None = None,
        expected_version: int | None = None, acknowledge: Acknowledge = None,
    ) -> OrderView:
        """SHP-1: another destination for this order; the new one is ``ship_tos[-1]``."""
        cleaned = v.address(address)
        chosen = v.choice(method, "Shipping method", list(SHIPPING_RATES)) if method is not None else None

        def change(job: OrderWork) -> None:
            order = job.order
            first = destinations.ensure_first(order)
            ship_to = ShipTo(
                position=max(st.position for st in order.ship_tos) + 1,
                method=chosen or destinations.method_of(order, first), override_reason="",
                **cleaned.model_dump(),
            )
            order.ship_tos.append(ship_to)
            job.detail = (f"{destinations.label(order, ship_to)}: {cleaned.line1}, {cleaned.city}, "
                          f"{cleaned.country}; method {ship_to.method}")

        return self._mutate(order_id, "add_ship_to", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def assign_item(
        self, order_id: int, item_id: int, ship_to_id: int, *, quantity: int | None = None,
        expected_version: int | None = None, acknowledge: Acknowledge = None,
    ) -> OrderView:
        """SHP-1: the item goes to another ship-to; with ``quantity``, only that many of it do
        (the line splits into a second item row)."""
        key = v.identifier(ship_to_id, "Ship-to")
        count = v.quantity(quantity, "Quantity to move") if quantity is not None else None

        def change(job: OrderWork) -> None:
            order = job.order
            item = job.subject(item_id)
            target = find_ship_to(order, key)
            source = destinations.target_of(order, item)
            to, came_from = destinations.label(order, target), destinations.label(order, source or target)
            if source is target:
                raise ValidationError(f"{item.sku} already goes to {to}; choose another ship-to.", "Ship-to")
            free = movable(item)
            if count is None and free == item.quantity:
                item.ship_to_id = target.id
                job.detail = f"{item.sku} x {item.quantity}: {came_from} -> {to}"
                return
            if count is not None and count >= item.quantity:
                raise ValidationError(
                    f"To split {item.sku}, move fewer than its {item.quantity}; to move the whole line, "
                    "give no quantity.", "Quantity to move")
            moving = free if count is None else count
            if not 0 < moving <= free:
                raise ValidationError(
                    f"Only {free} of {item.sku} can still go to another ship-to; the rest has shipped, "
                    "is packed or was canceled.", "Quantity to move")
            part = split_off(item, moving)
            part.ship_to_id = target.id
            order.items.append(part)
            keep_line_holds(job, item, part)
            job.detail = (f"{item.sku}: {moving} of {item.quantity + moving} split from {came_from} "
                          f"to {to}; {item.quantity} stay")

        return self._mutate(order_id, "assign_item", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def remove_ship_to(
        self, order_id: int, ship_to_id: int, *, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        """SHP-1: a ship-to added by mistake goes; its items go to the first ship-to."""
        key = v.identifier(ship_to_id, "Ship-to")

        def change(job: OrderWork) -> None:
            order = job.order
            ship_to = find_ship_to(order, key)
            name = destinations.label(order, ship_to)
            if destinations.is_first(order, ship_to):
                raise ValidationError(f"{name} is the order's shipping address; change it on the Shipping "
                                      "page instead of removing it.", "Ship-to")
            moved = [item for item in order.items if destinations.target_of(order, item) is ship_to]
            for item in moved:
                item.ship_to_id = None
            order.ship_tos.remove(ship_to)
            for position, kept in enumerate(order.ship_tos, start=1):
                kept.position = position
            job.detail = (f"{name} removed; " + (", ".join(f"{i.sku} x {i.quantity}" for i in moved)
                                                 or "no items") + " go to Ship-to 1")

        return self._mutate(order_id, "remove_ship_to", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def override_shipping(
        self, order_id: int, ship_to_id: int, amount: Decimal | str | None, reason: str, *,
        expected_version: int | None = None, acknowledge: Acknowledge = None,
    ) -> OrderView:
        """PRC-6: a ship-to's shipping charge set by hand, with the reason, while the order is
        Pending or in Edit; beyond the rep's limit below the rate, an automatic block follows.
        ``amount`` None goes back to the method's rate."""
        key = v.identifier(ship_to_id, "Ship-to")
        charge = None if amount is None else v.money(amount, "Shipping charge")
        why = v.text(reason, "Override reason", max_length=500)

        def change(job: OrderWork) -> None:
            order = job.order
            ship_to = find_ship_to(order, key)
            name = destinations.label(order, ship_to)
            before = ship_to.shipping_total
            ship_to.override_amount = charge
            ship_to.override_reason = why if charge is not None else ""
            ship_to.override_by = f"{self.ctx.username}:{self.ctx.role}" if charge is not None else None
            if charge is None:
                job.detail = f"{name}: override removed ({before} -> its rate); {why}"
                return
            job.detail = f"{name}: {before} -> {charge} (rate {ship_to.rated_shipping}); {why}"
            if destinations.override_beyond_limit(ship_to) and lifecycle.is_cart(order):
                limit = SHIPPING_OVERRIDE_LIMIT_PERCENT.get(self.ctx.role, 0)
                job.notices.append(
                    f"The shipping of {name} is more than {limit}% below its rate "
                    f"{ship_to.rated_shipping}, beyond your limit: the order is blocked for review "
                    "once submitted.")

        return self._mutate(order_id, "override_shipping", change, expected_version=expected_version,
                            acknowledge=acknowledge)
