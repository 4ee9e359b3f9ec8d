"""The one way an order changes: load, check the action table, change, reprice, block,
history, commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...errors import ConflictError, NotFoundError, StateError, WarningRequired
from ...models import HistoryEntry, Order, Return
from .. import validation as v
from ..context import Service
from ..ticklers import system as system_ticklers
from ..uow import UnitOfWork
from ..views import Changes, OrderView
from . import allocation, block_rules, destinations, lifecycle, store_charges
from . import promotions as promotion_rules
from .actions import ACTIONS, Action
from .history import write_history
from .payment_rules import guard_paypal
from .preconditions import Actor
from .pricing import reprice
from .refunds import raise_paypal
from .view_builder import order_view
from .warnings import PAYPAL_RAISE, WARNINGS, Acknowledge, acknowledged

LOCK_LEASE = timedelta(minutes=15)
RECENT_HISTORY = 10

LOAD_OPTIONS = (
    selectinload(Order.items),
    selectinload(Order.payments),
    selectinload(Order.blocks),
    selectinload(Order.holds),
    selectinload(Order.notes),
    selectinload(Order.lock),
    selectinload(Order.returns).selectinload(Return.lines),
    selectinload(Order.ship_tos),
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
        "items": sum(1 for i in order.items if lifecycle.line_live(i)),
        "version": order.version,
    }


@dataclass
class OrderWork:
    """One change in progress: the order, the action table row it runs under, what it says."""

    uow: UnitOfWork
    order: Order
    action: Action | None  # None for a new order: no row of the table created it
    actor: Actor
    detail: str = ""
    notices: list[str] = field(default_factory=list)
    reprice: bool = True
    record: bool = True
    total_before: Decimal = Decimal("0.00")
    # The lock epoch this desk takes (begin_edit) or None when it lets the lock go.
    epoch: int | None = None
    epoch_changed: bool = False
    # True only for a deliberate re-price: today's promotions replace the frozen ones (PRC-2).
    todays_prices: bool = False
    # The warnings the caller acknowledged, and those this change met (for its history).
    acknowledged: frozenset[str] = frozenset()
    warnings_met: list[str] = field(default_factory=list)

    @property
    def session(self) -> Any:
        return self.uow.session

    @property
    def now(self) -> datetime:
        return self.uow.now

    def move(self, target: str) -> None:
        """Enter a state the action's row leads to; any other would be a bug, not a rep's doing."""
        if self.action is None or target not in self.action.leads_to:
            raise StateError(
                f"Order {self.order.number} cannot become {lifecycle.name_of(target)} by "
                f"{self.action.activity.lower() if self.action else 'creating it'}."
            )
        self.order.status = target

    def warn(self, name: str, message: str) -> None:
        """An overridable condition: refused until the caller acknowledges ``name``."""
        if name not in self.acknowledged:
            raise WarningRequired(message, name)
        self.warnings_met.append(f"{name}: {message}")

    def subject(self, key: object) -> Any:
        """The line, block or hold the call names, as the action's row allows it."""
        assert self.action is not None and self.action.subject is not None
        kind = self.action.subject.kind
        return self.action.find(self.order, v.identifier(key, kind.capitalize()), self.actor)

    def subjects(self) -> list[Any]:
        """Every line, block or hold the action may work on; refused when there is none."""
        assert self.action is not None
        found = self.action.usable(self.order, self.actor)
        if not found:
            refusal = self.action.first_subject_refusal(self.order, self.actor)
            if refusal is not None:
                raise refusal.exception()
        return found


ActionName = str | Callable[[Order], str]


class OrderServiceBase(Service):
    """Shared by the order services: every change goes through ``_mutate``."""

    @property
    def actor(self) -> Actor:
        ctx = self.ctx
        return Actor(ctx.user_id, ctx.username, ctx.role, ctx.lock_epochs)

    def _mutate(
        self,
        order_id: int,
        action: ActionName,
        change: Callable[[OrderWork], None],
        *,
        expected_version: int | None = None,
        activity: str | None = None,
        preview: bool = False,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        """Run ``change`` as the table row ``action`` (or the row it picks from the order).

        ``preview``: the result is shown and nothing is saved (the unit of work rolls back).
        """
        if isinstance(action, str):
            row = ACTIONS[action]
            self.ctx.require(row.authority, row.doing or row.activity)
        if expected_version is not None:
            v.identifier(expected_version, "Expected version")
        # A preview saves nothing, so it asks nothing: it shows what the change would do.
        taken = frozenset(WARNINGS) if preview else acknowledged(acknowledge)
        actor = self.actor

        def work(uow: UnitOfWork) -> tuple[OrderView, OrderWork]:
            order = load_order(uow, order_id, for_update=True)
            self._check_version(uow, order, expected_version)
            row = ACTIONS[action if isinstance(action, str) else action(order)]
            refusal = row.refused(order, actor, uow.now)
            if refusal is not None:
                raise refusal.exception()
            keep_my_lease(order, actor, uow.now)
            job = OrderWork(uow, order, row, actor, total_before=order.total, acknowledged=taken)
            before = snapshot(order)
            moves: list[dict[str, Any]] = []
            uow.payment_moves = moves
            change(job)
            self.after_change(job)
            # Flushing first lets the "after" snapshot carry the version this change produced.
            uow.session.flush()
            if preview:  # the unit of work rolls back: nothing is saved
                return order_view(order, uow.now, actor=actor, notices=job.notices), job
            uow.payment_moves = None
            if job.record:
                parts = [job.detail, *(m["detail"] for m in moves),
                         *(f"Acknowledged {w}" for w in job.warnings_met)]
                detail = " | ".join(part for part in parts if part)
                after = snapshot(order)
                if moves:  # PAY-3: the payments this change moved, before and after
                    before["payments"] = [m["before"] for m in moves]
                    after["payments"] = [m["after"] for m in moves]
                write_history(uow, order, actor.username, activity or row.activity, detail,
                              before, after)
            uow.session.flush()
            seen_by = actor
            if job.epoch_changed:
                epochs = dict(actor.lock_epochs)
                epochs.pop(order.id, None)
                if job.epoch is not None:
                    epochs[order.id] = job.epoch
                seen_by = Actor(actor.user_id, actor.username, actor.role, epochs)
            view = order_view(order, uow.now, actor=seen_by, notices=job.notices,
                              history=recent_history(uow, order.id))
            uow.commit()
            return view, job

        view, job = self.ctx.write(work)
        if job.epoch_changed:
            if job.epoch is None:
                self.ctx.lock_epochs.pop(view.id, None)
            else:
                self.ctx.lock_epochs[view.id] = job.epoch
        if not preview:
            self.ctx.announce(Changes(orders=frozenset({view.id})))
        return view

    def after_change(self, job: OrderWork) -> None:
        """ORD-6: recalculate, re-evaluate automatic blocks, allocate once paid."""
        order, now = job.order, job.now
        if lifecycle.is_terminal(order):
            return
        destinations.ensure_first(order)  # SHP-1: an order saved before ship-tos existed
        if job.reprice:
            self.reprice_now(job)
        placed, resolved = block_rules.settle(job.session, order, now)
        for block in placed:
            job.notices.append(f"Automatic block placed: {block.reason}.")
        for block in resolved:  # PRC-7: history says the system lifted it, and why
            job.notices.append(f"Automatic block resolved: {block.reason}. {block.resolve_comment}")
            write_history(job.uow, order, block_rules.SYSTEM_USER, "Block resolved",
                          f"{block.reason}. {block.resolve_comment}")
        system_ticklers.blocks_placed(job.session, order, placed, now)  # TKL-1
        system_ticklers.blocks_resolved(job.session, order, resolved, now)
        allocation.allocate(job.session, order)
        order.updated_at = now
        lock = order.lock
        if lock is not None and lock.user_id == self.ctx.user_id and lock.expires_at > now:
            lock.expires_at = now + LOCK_LEASE

    def reprice_now(self, job: OrderWork) -> None:
        """The totals after the change; a change that finishes the order (a partly shipped
        order whose remaining lines are canceled) calls it before the order leaves its state."""
        order, now = job.order, job.now
        promotions, was_frozen = promotion_rules.pricing_set(
            job.session, order, now, todays=job.todays_prices
        )
        reprice(order, promotions, now, frozen=was_frozen,
                charges=store_charges.charges_of(job.session, order))
        promotion_rules.keep(job.session, order, promotions, now, was_frozen=was_frozen)
        warning = guard_paypal(order, job.total_before, job.notices)
        if warning is not None:
            job.warn(PAYPAL_RAISE, warning)
            raise_paypal(job.uow, order, user=job.actor.username)

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


def keep_my_lease(order: Order, actor: Actor, now: datetime) -> None:
    """My own lock that lapsed while nobody took it over is still mine: renew it."""
    lock = order.lock
    if (lock is not None and lock.user_id == actor.user_id and lock.expires_at <= now
            and actor.epoch_of(order.id) == lock.epoch):
        lock.expires_at = now + LOCK_LEASE
