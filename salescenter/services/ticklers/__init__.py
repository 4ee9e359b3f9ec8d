"""Ticklers (TKL-1): reminders on an order, quote, return or customer.

Anyone creates one, for themselves (the default), a colleague or everyone in a role.
The assignee (or anyone in the role) records what they did and resolves it; a
Supervisor reassigns it. ``mine`` lists the open ones in the order they fall due:
those due now first, the longest overdue at the top.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from ...errors import NotFoundError, ValidationError
from ...models import Customer, Order, Tickler, TicklerAction
from .. import validation as v
from ..authority import ROLES
from ..context import Service
from ..uow import UnitOfWork
from . import rules
from .rules import OPEN, RESOLVED
from .views import TicklerActionView, TicklerView

__all__ = ["TicklerActionView", "TicklerService", "TicklerView"]
MAX_LIST = 500


def _due_order(query: Select[Any]) -> Select[Any]:
    # Due ones first: a reminder without a time is due from the moment it was made.
    return query.order_by(func.coalesce(Tickler.remind_at, Tickler.created_at), Tickler.id)


class TicklerService(Service):
    def create(
        self, reason: str, *, order_id: int | None = None, customer_id: int | None = None,
        return_id: int | None = None, comment: str = "", remind_at: Any = None,
        assignee: str | None = None, role: str | None = None,
    ) -> TicklerView:
        """A tickler on an order, a customer or a return; assigned to me unless told."""
        why = v.text(reason, "Reason", max_length=200)
        note = v.text(comment, "Comment", max_length=4000, required=False, multiline=True)
        when = rules.remind_time(remind_at)
        subjects = {
            "order": None if order_id is None else v.identifier(order_id, "Order"),
            "customer": None if customer_id is None else v.identifier(customer_id, "Customer"),
            "return": None if return_id is None else v.identifier(return_id, "Return"),
        }
        if all(key is None for key in subjects.values()):
            raise ValidationError("A tickler is about an order, a customer or a return: name one.", "Order")

        def work(uow: UnitOfWork) -> TicklerView:
            who, group = rules.assignment(uow, self.ctx.username if assignee is None and role is None
                                          else assignee, role)
            customer = subjects["customer"]
            if subjects["order"] is not None:
                order = uow.session.get(Order, subjects["order"])
                if order is None:
                    raise NotFoundError(f"There is no order with id {subjects['order']}.")
                customer = customer if customer is not None else order.customer_id
            if customer is not None and uow.session.get(Customer, customer) is None:
                raise NotFoundError(f"There is no customer number {customer}.")
            tickler = Tickler(
                reason=why, comment=note, status=OPEN, remind_at=when, assignee=who, role=group,
                order_id=subjects["order"], customer_id=customer, return_id=subjects["return"],
                created_by=self.ctx.username, created_at=uow.now, actions=[],
            )
            uow.session.add(tickler)
            return self._commit_view(uow, tickler)

        return self.ctx.write(work)

    def mine(self, *, due_only: bool = False, limit: int = 200) -> list[TicklerView]:
        """Open ones assigned to me or to my role, due ones first."""
        size = _limit(limit)

        def work(uow: UnitOfWork) -> list[TicklerView]:
            query = select(Tickler).where(
                Tickler.status == OPEN,
                or_(Tickler.assignee == self.ctx.username, Tickler.role == self.ctx.role),
            )
            if due_only:
                query = query.where(or_(Tickler.remind_at.is_(None), Tickler.remind_at <= uow.now))
            return self._views(uow, _due_order(query).limit(size))

        return self.ctx.read(work)

    def search(
        self, *, order_id: int | None = None, customer_id: int | None = None,
        status: str | None = OPEN, assignee: str | None = None, role: str | None = None,
        limit: int = 200,
    ) -> list[TicklerView]:
        """Ticklers of an order or a customer, or everyone's (a Supervisor's queue)."""
        size = _limit(limit)
        state = None if status is None else v.choice(status, "Status", [OPEN, RESOLVED])

        def work(uow: UnitOfWork) -> list[TicklerView]:
            query = select(Tickler)
            if order_id is not None:
                query = query.where(Tickler.order_id == v.identifier(order_id, "Order"))
            if customer_id is not None:
                query = query.where(Tickler.customer_id == v.identifier(customer_id, "Customer"))
            if state is not None:
                query = query.where(Tickler.status == state)
            if assignee is not None:
                query = query.where(Tickler.assignee == v.text(assignee, "Assignee", max_length=64).lower())
            if role is not None:
                query = query.where(Tickler.role == v.choice(role, "Role", list(ROLES)))
            return self._views(uow, _due_order(query).limit(size))

        return self.ctx.read(work)

    def get(self, tickler_id: int) -> TicklerView:
        return self.ctx.read(lambda uow: self._view(uow, _load(uow, tickler_id)))

    def record(self, tickler_id: int, action: str) -> TicklerView:
        """What was done about it (a call made, a message left), with who and when."""
        said = v.text(action, "Action", max_length=4000, multiline=True)

        def work(uow: UnitOfWork) -> TicklerView:
            tickler = _load(uow, tickler_id, for_update=True)
            rules.require_work(self.ctx, tickler)
            self._act(uow, tickler, said)
            return self._commit_view(uow, tickler)

        return self.ctx.write(work)

    def resolve(self, tickler_id: int, comment: str = "") -> TicklerView:
        note = v.text(comment, "Comment", max_length=4000, required=False, multiline=True)

        def work(uow: UnitOfWork) -> TicklerView:
            tickler = _load(uow, tickler_id, for_update=True)
            rules.require_work(self.ctx, tickler)
            tickler.status, tickler.resolved_by, tickler.resolved_at = RESOLVED, self.ctx.username, uow.now
            self._act(uow, tickler, f"Resolved: {note}" if note else "Resolved")
            return self._commit_view(uow, tickler)

        return self.ctx.write(work)

    def reassign(self, tickler_id: int, *, assignee: str | None = None,
                 role: str | None = None) -> TicklerView:
        """A Supervisor gives the tickler to another user or to a role."""
        if assignee is None and role is None:
            raise ValidationError("Name the user or the role to give the tickler to.", "Assignee")

        def work(uow: UnitOfWork) -> TicklerView:
            tickler = _load(uow, tickler_id, for_update=True)
            rules.require_reassign(self.ctx, tickler)
            before = rules.assigned_to(tickler)
            tickler.assignee, tickler.role = rules.assignment(uow, assignee, role)
            self._act(uow, tickler, f"Reassigned from {before} to {rules.assigned_to(tickler)}")
            return self._commit_view(uow, tickler)

        return self.ctx.write(work)

    # -- helpers ---------------------------------------------------------------------
    def _act(self, uow: UnitOfWork, tickler: Tickler, text: str) -> None:
        tickler.actions.append(TicklerAction(at=uow.now, user=self.ctx.username, text=text))

    def _commit_view(self, uow: UnitOfWork, tickler: Tickler) -> TicklerView:
        uow.session.flush()
        view = self._view(uow, tickler)
        uow.commit()
        return view

    def _view(self, uow: UnitOfWork, tickler: Tickler) -> TicklerView:
        return self._views_of(uow, [tickler])[0]

    def _views(self, uow: UnitOfWork, query: Select[Any]) -> list[TicklerView]:
        found = list(uow.session.scalars(query.options(selectinload(Tickler.actions))))
        return self._views_of(uow, found)

    def _views_of(self, uow: UnitOfWork, ticklers: list[Tickler]) -> list[TicklerView]:
        orders = {t.order_id for t in ticklers if t.order_id is not None}
        customers = {t.customer_id for t in ticklers if t.customer_id is not None}
        numbers: dict[int, str] = {}
        names: dict[int, str] = {}
        if orders:
            numbers = {key: number for key, number in uow.session.execute(
                select(Order.id, Order.number).where(Order.id.in_(orders)))}
        if customers:
            names = {key: name for key, name in uow.session.execute(
                select(Customer.id, Customer.full_name).where(Customer.id.in_(customers)))}
        now = uow.now
        return [
            TicklerView(
                id=t.id, reason=t.reason, comment=t.comment, status=t.status, remind_at=t.remind_at,
                assignee=t.assignee, role=t.role, order_id=t.order_id, customer_id=t.customer_id,
                return_id=t.return_id, created_by=t.created_by, created_at=t.created_at,
                resolved_by=t.resolved_by, resolved_at=t.resolved_at,
                actions=[TicklerActionView.model_validate(a) for a in t.actions],
                due=t.status == OPEN and (t.remind_at is None or t.remind_at <= now),
                order_number=numbers.get(t.order_id) if t.order_id else None,
                customer_name=names.get(t.customer_id) if t.customer_id else None,
                assigned_to=rules.assigned_to(t), commands=rules.commands(self.ctx, t),
            )
            for t in ticklers
        ]


def _load(uow: UnitOfWork, tickler_id: object, *, for_update: bool = False) -> Tickler:
    key = v.identifier(tickler_id, "Tickler")
    query = select(Tickler).where(Tickler.id == key).options(selectinload(Tickler.actions))
    if for_update:
        query = query.with_for_update(of=Tickler)
    tickler = uow.session.scalar(query)
    if tickler is None:
        raise NotFoundError(f"There is no tickler number {key}.")
    return tickler


def _limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIST:
        raise ValidationError(f"Show from 1 to {MAX_LIST} ticklers at a time.", "Results per page")
    return limit
