"""Warehouse side: receive stock, pick and ship (EXP-2, FUL-1, FUL-2)."""

from __future__ import annotations

from sqlalchemy import select

from ..errors import StateError, ValidationError
from ..models import Order, Product
from . import allocation, lifecycle
from . import validation as v
from .authority import Authority
from .catalog import product_by_sku
from .context import Service
from .order_base import OrderServiceBase, OrderWork, load_order, snapshot, write_history
from .uow import UnitOfWork
from .views import Changes, OrderView, ProductView


class InventoryService(Service):
    def receive(self, sku: str, quantity: int) -> ProductView:
        """New stock goes to waiting lines, expedited first, then to the shelf."""
        self.ctx.require(Authority.FULFILLMENT, "Receiving stock")
        count = v.quantity(quantity)
        touched: list[int] = []

        def work(uow: UnitOfWork) -> ProductView:
            product = product_by_sku(uow, sku)
            uow.session.scalar(select(Product.id).where(Product.id == product.id).with_for_update())
            orders = allocation.receive(uow.session, product, count)
            for order_id in sorted(set(orders)):
                order = load_order(uow, order_id, for_update=True)
                order.updated_at = uow.now
                assigned = [i.sku for i in order.items if i.product_id == product.id
                            and i.fulfillment_status in allocation.ALLOCATED]
                write_history(uow, order, self.ctx.username, "Stock assigned",
                              f"{product.sku} received: {', '.join(assigned)}")
            touched.extend(orders)
            view = ProductView.model_validate(product)
            uow.commit()
            return view

        view = self.ctx.write(work)
        self.ctx.announce(Changes(orders=frozenset(touched), products=frozenset({view.sku})))
        return view


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


class AdminService(OrderServiceBase):
    def unlock_order(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """LCK-3: remove a stranded lock; the order returns to Pending payment authorization."""
        self.ctx.require(Authority.UNLOCK_ORDERS, "Unlocking an order")

        def change(job: OrderWork) -> None:
            order = job.order
            if order.lock is None:
                raise ValidationError(f"Order {order.number} is not locked.", "Order")
            job.detail = f"Lock of {order.lock.username} ({order.lock.workstation}) removed"
            order.lock = None
            order.lock_epoch += 1  # fences the stranded client's late save
            if order.status == lifecycle.EDIT:
                lifecycle.move(order, lifecycle.PENDING_PAYMENT)

        view = self._mutate(order_id, "Order unlocked", change, authority=Authority.UNLOCK_ORDERS,
                            access="admin", expected_version=expected_version)
        return view


__all__ = ["AdminService", "FulfillmentService", "InventoryService", "snapshot"]
