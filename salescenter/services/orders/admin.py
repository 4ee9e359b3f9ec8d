"""Administrator's order work: remove a stranded edit lock (LCK-3)."""

from __future__ import annotations

from ...errors import ValidationError
from ..authority import Authority
from ..views import OrderView
from . import lifecycle
from .base import OrderServiceBase, OrderWork


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
