"""Administrator's order work: remove a stranded edit lock (LCK-3)."""

from __future__ import annotations

from ..views import OrderView
from . import lifecycle as s
from .base import OrderServiceBase, OrderWork


class AdminService(OrderServiceBase):
    def unlock_order(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """LCK-3: remove a stranded lock; the order returns to Pending payment authorization."""

        def change(job: OrderWork) -> None:
            order = job.order
            assert order.lock is not None  # the table's precondition
            job.detail = f"Lock of {order.lock.username} ({order.lock.workstation}) removed"
            order.lock = None
            order.lock_epoch += 1  # fences the stranded client's late save
            if s.is_editing(order):
                job.move(s.PENDING_PAYMENT)

        return self._mutate(order_id, "unlock_order", change, expected_version=expected_version)
