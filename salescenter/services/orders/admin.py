"""Administrator's order work: stranded edit locks (LCK-3) and carts to delete (ORD-8),
listed for the desktop's administrator screens (ADM-1) and acted on."""

from __future__ import annotations

from sqlalchemy import select

from ...models import EditLock, Order
from ..authority import Authority
from ..uow import UnitOfWork
from ..views import OrderLockView, OrderSummaryView, OrderView
from . import lifecycle as s
from .actions import ACTIONS
from .base import OrderServiceBase, OrderWork
from .query import OrderQueries

MAX_LISTED = 500


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

    def locked_orders(self) -> list[OrderLockView]:
        """Every order someone holds the edit lock of, oldest lock first, for unlocking."""
        self.ctx.require(Authority.UNLOCK_ORDERS, "Listing locked orders")

        def work(uow: UnitOfWork) -> list[OrderLockView]:
            rows = uow.session.execute(
                select(Order.id, Order.number, Order.status, Order.customer_name, EditLock.username,
                       EditLock.workstation, EditLock.acquired_at, EditLock.expires_at)
                .join(EditLock, EditLock.order_id == Order.id)
                .order_by(EditLock.acquired_at, Order.id).limit(MAX_LISTED)
            ).all()
            return [
                OrderLockView(order_id=row.id, number=row.number, status=row.status,
                              customer_name=row.customer_name or "", locked_by=row.username,
                              workstation=row.workstation, acquired_at=row.acquired_at,
                              expires_at=row.expires_at, lease_expired=row.expires_at <= uow.now)
                for row in rows
            ]

        return self.ctx.read(work)

    def carts(self, *, limit: int = 200) -> list[OrderSummaryView]:
        """ORD-8: the draft orders, carts and quotes an administrator may delete, newest first."""
        self.ctx.require(Authority.DELETE_ORDERS, "Listing carts to delete")
        deletable = list(ACTIONS["delete"].starts)  # the action table decides what may go
        queries = OrderQueries(self.ctx)
        orders = queries.search(status=deletable, kind="order", limit=limit)
        quotes = queries.search(status=deletable, kind="quote", limit=limit)
        return sorted(orders + quotes, key=lambda o: (o.created_at, o.id), reverse=True)[:limit]
