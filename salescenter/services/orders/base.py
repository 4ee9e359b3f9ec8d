"""The one way an order changes: load, check, change, reprice, block, history, commit."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...errors import ConflictError, LockedError, NotFoundError, StateError
from ...models import HistoryEntry, Order, Promotion
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..ticklers import system as system_ticklers
from ..uow import UnitOfWork
from ..views import Changes, OrderView
from . import allocation, block_rules, lifecycle
from .payment_rules import guard_paypal
from .pricing import reprice
from .view_builder import live_lock, order_view

LOCK_LEASE = timedelta(minutes=15)
RECENT_HISTORY = 10

Access = Literal["content", "any", "admin"]

LOAD_OPTIONS = (
    selectinload(Order.items),
    selectinload(Order.payments),
    selectinload(Order.blocks),
    selectinload(Order.holds),
    selectinload(Order.notes),
    selectinload(Order.lock),
    joinedload(Order.store),
    joinedload(Order.customer),
)


def load_order(uow: UnitOfWork, order_id: object, *, for_update: bool = False) -> Order:
    key = v.identifier(order_id, "Order")
    query = select(Order).where(Order.id == key).options(*LOAD_OPTIONS)
    if for_update:
        query = query.with_for_update(of=Order)
    order = uow.session.scalars(query).unique().one_or_none()
    if order is None:
        raise NotFoundError(f"There is no order with id {key}.")
    return order


def recent_history(uow: UnitOfWork, order_id: int, limit: int = RECENT_HISTORY) -> list[HistoryEntry]:
    return list(
        uow.session.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.order_id == order_id)
            .order_by(HistoryEntry.id.desc())
            .limit(limit)
        )
    )


def snapshot(order: Order) -> dict[str, Any]:
    return {
        "status": order.status,
        "total": str(order.total),
        "items": sum(1 for i in order.items if i.fulfillment_status != "canceled"),
        "version": order.version,
    }


def write_history(
    uow: UnitOfWork, order: Order, user: str, activity: str, detail: str = "",
    before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
) -> None:
    uow.session.add(
        HistoryEntry(
            order_id=order.id, customer_id=order.customer_id, order_number=order.number,
            at=uow.now, user=user, activity=activity, detail=detail[:4000],
            before=json.dumps(before or {}), after=json.dumps(after or {}),
        )
    )


@dataclass
class OrderWork:
    uow: UnitOfWork
    order: Order
    detail: str = ""
    notices: list[str] = field(default_factory=list)
    reprice: bool = True
    record: bool = True
    total_before: Decimal = Decimal("0.00")

    @property
    def session(self) -> Any:
        return self.uow.session

    @property
    def now(self) -> datetime:
        return self.uow.now


class OrderServiceBase(Service):
    """Shared by the order services: every change goes through ``_mutate``."""

    def _mutate(
        self,
        order_id: int,
        activity: str,
        change: Callable[[OrderWork], None],
        *,
        expected_version: int | None = None,
        access: Access = "any",
        authority: Authority = Authority.MAINTAIN_ORDERS,
    ) -> OrderView:
        self.ctx.require(authority, activity)
        if expected_version is not None:
            v.identifier(expected_version, "Expected version")

        def work(uow: UnitOfWork) -> OrderView:
            order = load_order(uow, order_id, for_update=True)
            self._check_version(uow, order, expected_version)
            self._check_lock(order, uow.now, access)
            job = OrderWork(uow, order, total_before=order.total)
            before = snapshot(order)
            change(job)
            self.after_change(job)
            # Flushing first lets the "after" snapshot carry the version this change produced.
            uow.session.flush()
            if job.record:
                write_history(
                    uow, order, self.ctx.username, activity, job.detail, before, snapshot(order)
                )
            uow.session.flush()
            view = order_view(
                order, uow.now, notices=job.notices, history=recent_history(uow, order.id)
            )
            uow.commit()
            return view

        view = self.ctx.write(work)
        self.ctx.announce(Changes(orders=frozenset({view.id})))
        return view

    def after_change(self, job: OrderWork) -> None:
        """ORD-6: recalculate, re-evaluate automatic blocks, allocate once paid."""
        order, now = job.order, job.now
        if order.status in lifecycle.TERMINAL:
            return
        if job.reprice:
            promotions = list(job.session.scalars(select(Promotion).where(Promotion.active.is_(True))))
            reprice(order, promotions, now)
            guard_paypal(order, job.total_before, job.notices)
        placed = block_rules.evaluate(job.session, order, now)
        for block in placed:
            job.notices.append(f"Automatic block placed: {block.reason}.")
        system_ticklers.blocks_placed(job.session, order, placed, now)  # TKL-1
        allocation.allocate(job.session, order)
        order.updated_at = now
        lock = order.lock
        if lock is not None and lock.user_id == self.ctx.user_id and lock.expires_at > now:
            lock.expires_at = now + LOCK_LEASE

    def _check_version(self, uow: UnitOfWork, order: Order, expected: int | None) -> None:
        if expected is None or order.version == expected:
            return
        last = uow.session.scalar(
            select(HistoryEntry.user)
            .where(HistoryEntry.order_id == order.id)
            .order_by(HistoryEntry.id.desc())
            .limit(1)
        )
        raise ConflictError(
            f"Order {order.number} was changed by {last or 'someone else'} after you opened it "
            f"(version {order.version}, you have {expected}); reload it and try again."
        )

    def _check_lock(self, order: Order, now: datetime, access: Access) -> None:
        if access == "admin":
            return
        lock = order.lock
        live = live_lock(order, now)
        if live is not None and live.user_id != self.ctx.user_id:
            raise LockedError(f"Order locked for editing ({live.username}).", live.username)
        if access != "content":
            return
        if order.status == lifecycle.PENDING:
            return
        if order.status == lifecycle.PENDING_PAYMENT:
            raise StateError(
                f"Order {order.number} was submitted; choose Edit to change it."
            )
        if order.status != lifecycle.EDIT:
            raise StateError(
                f"Order {order.number} is {lifecycle.name_of(order.status)}; it can no longer be "
                "changed."
            )
        if lock is None or lock.user_id != self.ctx.user_id:
            holder = lock.username if lock else "nobody"
            raise LockedError(
                f"Order locked for editing ({holder}); choose Edit to take over an expired lock.",
                holder,
            )
        if self.ctx.lock_epochs.get(order.id) != lock.epoch:
            raise LockedError(
                f"Your edit of order {order.number} continues in another session "
                f"({lock.workstation}); choose Edit here to take it over.",
                lock.username,
            )
        if lock.expires_at <= now:
            lock.expires_at = now + LOCK_LEASE  # still ours: nobody took it over
