"""``desk.returns``: returns (RMA), exchanges and misships of shipped goods (RET-1..RET-6).

A return names shipped quantities of an order's lines and a reason, and gets its own
number. Within the store's rules (RET-2) it is approved at once; otherwise it waits for a
Supervisor, who is reminded by a tickler. Receiving its goods puts the resaleable ones back
in stock and refunds the credit to the order's payments (RET-3). An exchange (RET-4) and a
misship (RET-5) send goods out again on a replacement order linked to the return. Every
step is written to the order's history (RET-6) in the same unit of work.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from ...errors import NotFoundError, ValidationError
from ...labels import return_kind_label
from ...models import Order, OrderItem, Product, Return, ReturnLine, Tickler, TicklerAction
from .. import validation as v
from ..context import Service
from ..orders import allocation, refunds
from ..orders.actions import ACTIONS
from ..orders.base import keep_my_lease, load_order, write_history
from ..orders.preconditions import Actor
from ..orders.store_charges import charges_of
from ..ticklers.rules import OPEN, RESOLVED
from ..uow import UnitOfWork
from ..views import Changes, ReturnView
from . import replacement, rules
from .actions import RETURN_ACTIONS
from .rules import APPROVED, CANCELED, KINDS, RECEIVED, REQUESTED, SYSTEM_USER, ZERO
from .views import return_view

MAX_LIST = 500
NUMBER_PREFIX = "RMA-"


def number_of(return_id: int) -> str:
    return f"{NUMBER_PREFIX}{return_id:06d}"


class ReturnService(Service):
    @property
    def actor(self) -> Actor:
        ctx = self.ctx
        return Actor(ctx.user_id, ctx.username, ctx.role, ctx.lock_epochs)

    def create(
        self, order_id: int, lines: Mapping[int, int], reason: str, *, kind: str = "return",
        replacements: Mapping[int, str] | None = None, comment: str = "",
    ) -> ReturnView:
        """RET-1: a return of shipped quantities ``{item_id: quantity}`` with a reason.

        ``kind``: "return", "exchange" (RET-4) or "misship" (RET-5); ``replacements``:
        ``{item_id: sku}`` for an exchange to another product or the right item of a misship
        (by default the same product).
        """
        sort = v.choice(kind, "Return kind", {k: return_kind_label(k) for k in KINDS})
        why = v.text(reason, "Return reason", max_length=500)
        note = v.text(comment, "Comment", max_length=4000, required=False, multiline=True)
        wanted = _quantities(lines)
        swaps = _replacements(replacements, wanted, sort)
        actor = self.actor

        def work(uow: UnitOfWork) -> tuple[ReturnView, set[int]]:
            order = load_order(uow, order_id, for_update=True)
            refusal = ACTIONS["create_return"].refused(order, actor, uow.now)
            if refusal is not None:
                raise refusal.exception()
            keep_my_lease(order, actor, uow.now)
            earlier = rules.returns_of(order)
            items = _named_items(order, wanted)
            for key, count in wanted.items():
                rules.check_quantity(items[key], count, earlier)
            ret = Return(
                number=f"new-{uuid.uuid4().hex}", order_id=order.id, order_number=order.number,
                customer_id=order.customer_id, kind=sort, status=REQUESTED, reason=why, comment=note,
                created_at=uow.now, created_by=actor.username, lines=[],
            )
            _rate, shipping_taxed = charges_of(uow.session, order).tax_at(order.ship_country,
                                                                         order.ship_region)
            for key, count in wanted.items():
                item = items[key]
                ret.lines.append(ReturnLine(
                    item_id=item.id, sku=item.sku, name=item.name, quantity=count,
                    credit=ZERO if sort == "misship" else rules.credit_for(order, item, count,
                                                                             shipping_taxed),
                    replacement_sku=swaps.get(key),
                ))
            ret.credit_total = sum((line.credit for line in ret.lines), ZERO)
            uow.session.add(ret)
            uow.session.flush()
            ret.number = number_of(ret.id)
            ret.approval_needed = rules.approval_needed(uow.session, order, ret.credit_total, earlier,
                                                        uow.now)
            touched = {order.id}
            new = None
            if sort != "return":
                new = replacement.build(uow, order, ret, items, actor.username)
                ret.replacement_order_id, ret.replacement_order_number = new.id, new.number
                touched.add(new.id)
            if not ret.approval_needed:
                ret.status, ret.approved_by, ret.approved_at = APPROVED, SYSTEM_USER, uow.now
            else:
                self._ask_supervisors(uow, ret)
            if new is not None and (sort == "misship" or ret.status == APPROVED):
                replacement.release_if_ready(uow, new, actor.username)  # RET-5: at once
            set_committed_value(order, "returns", [*earlier, ret])
            order.updated_at = uow.now  # the order's version moves: open editors refresh
            write_history(uow, order, actor.username, "Return created", _created_detail(ret))
            return self._commit_view(uow, ret, order), touched

        view, touched = self.ctx.write(work)
        self.ctx.announce(Changes(orders=frozenset(touched)))
        return view

    def approve(self, return_id: int, *, comment: str = "") -> ReturnView:
        """A Supervisor approves a return that was not within the store's rules (RET-2)."""
        note = v.text(comment, "Comment", max_length=4000, required=False, multiline=True)

        def change(uow: UnitOfWork, ret: Return, order: Order) -> str:
            ret.status, ret.approved_by, ret.approved_at = APPROVED, self.ctx.username, uow.now
            self._settle_tickler(uow, ret, "approved")
            if ret.replacement_order_id is not None:
                new = load_order(uow, ret.replacement_order_id, for_update=True)
                replacement.release_if_ready(uow, new, self.ctx.username)
            return f"{ret.number} approved" + (f": {note}" if note else "")

        return self._act(return_id, "approve", change)

    def receive(self, return_id: int, quantities: Mapping[int, int] | None = None, *,
                resaleable: bool = True) -> ReturnView:
        """RET-3: the goods came back; resaleable ones go back to stock and the credit is refunded.

        ``quantities``: ``{item_id: quantity}`` received now (default: everything still expected).
        """
        counts = None if quantities is None else _quantities(quantities, field="Received quantity")
        if not isinstance(resaleable, bool):
            raise ValidationError("Resaleable must be yes or no.", "Resaleable")

        def change(uow: UnitOfWork, ret: Return, order: Order) -> str:
            taken = _receipt(ret, counts)
            parts, due = [], ZERO
            for line, count in taken:
                before = line.received_quantity
                line.received_quantity += count
                if resaleable:
                    line.restocked_quantity += count
                    self._restock(uow, line, count)
                if ret.kind == "return":  # the credit follows the goods, piece by piece
                    due += (v.round_money(line.credit * line.received_quantity / line.quantity)
                            - v.round_money(line.credit * before / line.quantity))
                parts.append(f"{line.sku} x {count}" + ("" if resaleable else " (not resaleable)"))
            done = all(line.received_quantity >= line.quantity for line in ret.lines)
            if done:
                ret.status, ret.received_by, ret.received_at = RECEIVED, self.ctx.username, uow.now
                if ret.kind == "exchange" and ret.price_difference < 0:
                    due += -ret.price_difference  # RET-4: the replacement cost less
            if due > 0:
                ret.refunded_total += _refund(uow, order, due, f"{ret.number}: {ret.reason}",
                                              self.ctx.username)
            return f"{ret.number}: {', '.join(parts)}" + (f"; refunded {due}" if due > 0 else "")

        return self._act(return_id, "receive", change)

    def cancel(self, return_id: int, reason: str) -> ReturnView:
        """Nothing came back and nothing will: an exchange's or misship's replacement goes too."""
        why = v.text(reason, "Cancel reason", max_length=500)

        def change(uow: UnitOfWork, ret: Return, order: Order) -> str:
            if ret.replacement_order_id is not None:
                new = load_order(uow, ret.replacement_order_id, for_update=True)
                replacement.cancel(uow, new, self.ctx.username, f"{ret.number} canceled: {why}")
            ret.status, ret.canceled_by, ret.cancel_reason = CANCELED, self.ctx.username, why
            self._settle_tickler(uow, ret, "canceled")
            return f"{ret.number}: {why}"

        return self._act(return_id, "cancel", change)

    def get(self, return_id: int) -> ReturnView:
        def work(uow: UnitOfWork) -> ReturnView:
            ret = _load(uow, return_id)
            return return_view(ret, order=load_order(uow, ret.order_id), actor=self.actor, now=uow.now)

        return self.ctx.read(work)

    def search(
        self, *, number: str | None = None, order_id: int | None = None,
        customer_id: int | None = None, status: str | list[str] | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[ReturnView]:
        """RET-1: returns by number, order, customer and status, newest first."""
        size = _bounded(limit, "Results per page", 1, MAX_LIST)
        skip = _bounded(offset, "Offset", 0, 10_000_000)
        query = select(Return).options(selectinload(Return.lines))
        if number is not None:
            query = query.where(Return.number == _number(number))
        if order_id is not None:
            query = query.where(Return.order_id == v.identifier(order_id, "Order"))
        if customer_id is not None:
            query = query.where(Return.customer_id == v.identifier(customer_id, "Customer"))
        if status is not None:
            chosen = [status] if isinstance(status, str) else list(status)
            states = [v.choice(state, "Status", list(rules.STATUSES)) for state in chosen]
            query = query.where(Return.status.in_(states))
        query = query.order_by(Return.id.desc()).limit(size).offset(skip)

        def work(uow: UnitOfWork) -> list[ReturnView]:
            return [return_view(ret) for ret in uow.session.scalars(query)]

        return self.ctx.read(work)

    # -- helpers ---------------------------------------------------------------------
    def _act(self, return_id: int, name: str, change: Any) -> ReturnView:
        """One step of the return table over its order: refused as the table says, else
        changed, written to the order's history and committed."""
        row = RETURN_ACTIONS[name]
        self.ctx.require(row.authority, row.activity)
        actor = self.actor

        def work(uow: UnitOfWork) -> tuple[ReturnView, set[int]]:
            # The order first, as every order change locks it, then the return.
            order = load_order(uow, _load(uow, return_id).order_id, for_update=True)
            ret = _load(uow, return_id, for_update=True)
            refusal = row.refused(ret, order, actor, uow.now)
            if refusal is not None:
                raise refusal.exception()
            keep_my_lease(order, actor, uow.now)
            detail = change(uow, ret, order)
            order.updated_at = uow.now
            write_history(uow, order, actor.username, row.activity, detail)
            touched = {order.id} | ({ret.replacement_order_id} if ret.replacement_order_id else set())
            return self._commit_view(uow, ret, order), touched

        view, touched = self.ctx.write(work)
        self.ctx.announce(Changes(orders=frozenset(touched)))
        return view

    def _commit_view(self, uow: UnitOfWork, ret: Return, order: Order) -> ReturnView:
        uow.session.flush()
        view = return_view(ret, order=order, actor=self.actor, now=uow.now)
        uow.commit()
        return view

    def _restock(self, uow: UnitOfWork, line: ReturnLine, count: int) -> None:
        item = uow.session.get(OrderItem, line.item_id)
        if item is None or item.product_id is None:
            return
        product = uow.session.scalar(
            select(Product).where(Product.id == item.product_id).with_for_update())
        if product is not None:
            allocation.receive(uow.session, product, count)  # waiting lines first (EXP-2)

    def _ask_supervisors(self, uow: UnitOfWork, ret: Return) -> None:
        """TKL-1: a return waiting for approval reminds the Supervisors."""
        uow.session.add(Tickler(
            reason=f"Return {ret.number} waits for approval"[:200], comment=ret.approval_needed,
            status=OPEN, remind_at=None, assignee=None, role="supervisor", order_id=ret.order_id,
            customer_id=ret.customer_id, return_id=ret.id, created_by=SYSTEM_USER,
            created_at=uow.now, actions=[],
        ))

    def _settle_tickler(self, uow: UnitOfWork, ret: Return, outcome: str) -> None:
        for tickler in uow.session.scalars(
            select(Tickler).where(Tickler.return_id == ret.id, Tickler.status == OPEN,
                                  Tickler.created_by == SYSTEM_USER).with_for_update()
        ):
            tickler.status, tickler.resolved_by, tickler.resolved_at = RESOLVED, self.ctx.username, uow.now
            uow.session.add(TicklerAction(tickler_id=tickler.id, at=uow.now, user=self.ctx.username,
                                          text=f"Resolved: the return was {outcome}."))


def _refund(uow: UnitOfWork, order: Order, amount: Decimal, reason: str, user: str) -> Decimal:
    """RET-3: the credit back to the order's captured payments, newest first; never more than
    they took (the rest of a credit a Supervisor approved beyond it is said in history)."""
    available = rules.refundable(order)
    part = min(amount, available)
    refunded = refunds.refund_to_payments(uow, order, part, reason, user=user) if part > 0 else ZERO
    if refunded < amount:
        write_history(uow, order, user, "Refund short",
                      f"{reason}: {amount - refunded} of the {amount} credit could not go back to the "
                      "order's payments (not captured); settle it with the customer.")
    return refunded


def _quantities(lines: object, *, field: str = "Quantity") -> dict[int, int]:
    if not isinstance(lines, Mapping) or not lines:
        raise ValidationError("Name the items to return and how many of each.", "Items")
    wanted: dict[int, int] = {}
    for key, count in lines.items():
        wanted[v.identifier(key, "Item")] = v.quantity(count, field)
    return wanted


def _replacements(given: object, wanted: dict[int, int], kind: str) -> dict[int, str]:
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise ValidationError("Replacements name an item and the SKU sent in its place.", "Replacement SKU")
    if given and kind == "return":
        raise ValidationError("A return sends nothing back; choose an exchange to replace goods.",
                              "Replacement SKU")
    swaps: dict[int, str] = {}
    for key, sku in given.items():
        item = v.identifier(key, "Item")
        if item not in wanted:
            raise ValidationError(f"Item {item} is not among the items returned.", "Replacement SKU")
        swaps[item] = v.text(sku, "Replacement SKU", max_length=64).upper()
    return swaps


def _named_items(order: Order, wanted: dict[int, int]) -> dict[int, OrderItem]:
    by_id = {item.id: item for item in order.items}
    for key in wanted:
        if key not in by_id:
            raise NotFoundError(f"Order {order.number} has no item number {key}.")
    return {key: by_id[key] for key in wanted}


def _receipt(ret: Return, counts: dict[int, int] | None) -> list[tuple[ReturnLine, int]]:
    """Each line and how many of it arrive now; more than expected is refused."""
    lines = {line.item_id: line for line in ret.lines}
    if counts is None:
        return [(line, line.quantity - line.received_quantity) for line in ret.lines
                if line.quantity > line.received_quantity]
    taken = []
    for key, count in counts.items():
        line = lines.get(key)
        if line is None:
            raise ValidationError(f"Item {key} is not on return {ret.number}.", "Item")
        left = line.quantity - line.received_quantity
        if count > left:
            raise ValidationError(f"Receive at most {left} of {line.sku} on return {ret.number}.",
                                  "Received quantity")
        taken.append((line, count))
    return taken


def _created_detail(ret: Return) -> str:
    goods = ", ".join(f"{line.sku} x {line.quantity}" for line in ret.lines)
    swaps = ", ".join(f"{line.sku} -> {line.replacement_sku}" for line in ret.lines if line.replacement_sku)
    parts = [f"{ret.number} ({return_kind_label(ret.kind)}): {goods}", f"reason: {ret.reason}",
             f"credit {ret.credit_total}"]
    if swaps:
        parts.append(f"replaced by {swaps}")
    if ret.replacement_order_number:
        parts.append(f"replacement order {ret.replacement_order_number}")
    parts.append("approved automatically" if ret.status == APPROVED
                 else f"waits for approval: {ret.approval_needed}")
    return "; ".join(parts)


def _load(uow: UnitOfWork, return_id: object, *, for_update: bool = False) -> Return:
    key = v.identifier(return_id, "Return")
    query = select(Return).where(Return.id == key).options(selectinload(Return.lines))
    if for_update:
        query = query.with_for_update(of=Return)
    ret = uow.session.scalar(query)
    if ret is None:
        raise NotFoundError(f"There is no return number {key}.")
    return ret


def _number(value: object) -> str:
    typed = v.text(value, "Return number", max_length=40).upper()
    digits = typed.removeprefix(NUMBER_PREFIX)
    if digits.isdigit():
        return number_of(int(digits))
    return typed


def _bounded(value: object, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{field} must be a whole number from {low} to {high:,}.", field)
    return value


__all__ = ["RECEIVED", "ReturnService"]
