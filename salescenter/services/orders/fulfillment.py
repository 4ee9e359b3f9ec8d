"""Warehouse side of an order: pick and ship (FUL-1, FUL-2)."""

from __future__ import annotations

from ...errors import StateError
from ...models import Order
from ..authority import Authority
from ..views import OrderView
from . import allocation, lifecycle
from .base import OrderServiceBase, OrderWork


def held_items(order: Order) -> set[int]:
    return {h.item_id for h in order.holds if not h.released and h.item_id}


def refuse_if_blocked(order: Order, doing: str) -> None:
    """A block placed after release still stops the goods from leaving (BLK-2)."""
    blocks = [b for b in order.blocks if not b.resolved]
    if blocks:
        raise StateError(
            f"Order {order.number} cannot be {doing} while it has {len(blocks)} open "
            f"block{'s' if len(blocks) > 1 else ''}: " + "; ".join(b.reason for b in blocks) + "."
        )


class FulfillmentService(OrderServiceBase):
    def pick(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """Released lines that have their stock go on a pick list: Packing."""

        def change(job: OrderWork) -> None:
            order = job.order
            if order.status != lifecycle.RELEASED:
                raise StateError(f"Only released orders are picked; order {order.number} is "
                                 f"{lifecycle.name_of(order.status)}.")
            refuse_if_blocked(order, "picked")
            held = held_items(order)
            ready = [i for i in order.items
                     if i.fulfillment_status == allocation.RELEASED and i.id not in held]
            if not ready:
                raise StateError(f"Order {order.number} has nothing ready to pick.")
            for item in ready:
                item.fulfillment_status = allocation.PACKING
            job.detail = ", ".join(f"{i.sku} x {i.quantity}" for i in ready)

        return self._mutate(order_id, "Items picked", change, authority=Authority.FULFILLMENT,
                            expected_version=expected_version)

    def ship(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """Packed lines ship; the order is Shipped when all of its lines are."""

        def change(job: OrderWork) -> None:
            order = job.order
            held = held_items(order)
            packed = [i for i in order.items
                      if i.fulfillment_status == allocation.PACKING and i.id not in held]
            if order.status != lifecycle.RELEASED or not packed:
                raise StateError(f"Order {order.number} has nothing packed to ship.")
            refuse_if_blocked(order, "shipped")
            for item in packed:
                item.fulfillment_status, item.allocated = allocation.SHIPPED, 0
            if all(i.fulfillment_status in (allocation.SHIPPED, allocation.CANCELED) for i in order.items):
                lifecycle.move(order, lifecycle.SHIPPED)
                order.shipped_at = job.now
            job.detail = ", ".join(f"{i.sku} x {i.quantity}" for i in packed)

        return self._mutate(order_id, "Items shipped", change, authority=Authority.FULFILLMENT,
                            expected_version=expected_version)


__all__ = ["FulfillmentService", "held_items", "refuse_if_blocked"]
