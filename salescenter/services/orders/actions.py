"""The order lifecycle as one action table (the way tryton's sale declares
``_transitions`` and ``_buttons`` together).

Each row names an action (a ``desk.orders`` method, or a part of one such as a
line hold), the states it starts from, the states it may lead to, the authority
it needs, how it treats the edit lock, its preconditions, and the refusal a rep
reads when the order is in another state. The change pipeline (base.py) refuses
with the first reason that applies before it runs a change; the view builder
shows the same reasons in ``OrderView.actions``. Actions on one line, block or
hold name that subject; its own refusals come from the subject's check (for a
line, the line fulfillment table in line_actions.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from ...errors import AuthorizationError
from ...models import Order
from ..authority import Authority
from ..returns import rules as return_rules
from . import lifecycle as s
from . import line_actions, payment_actions
from . import line_counts as counts
from . import preconditions as p
from .preconditions import Actor, Condition, Refusal

# How an action treats the edit lock: "shared" refuses while someone else holds it;
# "content" also needs my own lock from this desk while the order is in Edit;
# "ignore" is for administrators' and read-only work.
LockRule = Literal["shared", "content", "ignore"]


def settled(order: Order) -> str | None:
    """The reasons every state shares where an order cannot move on its own."""
    number = order.number
    return {
        s.ON_HOLD: f"Order {number} is on hold; release the hold first.",
        s.CANCELED: f"Order {number} is canceled; it can no longer change.",
        s.SHIPPED: f"Order {number} has shipped; it is read-only.",
        s.EDIT: f"Order {number} is being edited; finish the edit first.",
    }.get(order.status)


def _else(text: Callable[[Order], str]) -> Callable[[Order], str]:
    return lambda order: settled(order) or text(order)


def _content_refusal(order: Order) -> str:
    if order.status == s.PENDING_PAYMENT:
        return f"Order {order.number} was submitted; choose Edit to change it."
    return settled(order) or (
        f"Order {order.number} is {s.name_of(order.status)}; it can no longer be changed."
    )


@dataclass(frozen=True)
class Subject:
    """The line, block or hold an action works on, and what the action needs of it."""

    kind: str
    candidates: Callable[[Order], list[Any]]
    check: Callable[[Order, Any, Actor], Refusal | None]
    none_left: Callable[[Order], Refusal]
    missing: Callable[[Order, int], Refusal]


@dataclass(frozen=True)
class Action:
    name: str
    activity: str  # the history entry's activity
    starts: tuple[str, ...]
    leads_to: tuple[str, ...] = ()
    authority: Authority = Authority.MAINTAIN_ORDERS
    lock: LockRule = "shared"
    requires: tuple[Condition, ...] = ()
    refusal: Callable[[Order], str] = _else(
        lambda o: f"Order {o.number} is {s.name_of(o.status)}; this cannot be done now."
    )
    subject: Subject | None = None
    doing: str = ""  # how an authority refusal names the action; the activity by default

    def refused(self, order: Order, actor: Actor, now: datetime) -> Refusal | None:
        """The first reason this actor may not take the action on the order now, or None."""
        refusal = p.needs(actor, self.authority, self.doing or self.activity)
        if refusal is None and self.lock != "ignore":
            refusal = p.not_locked_by_others(order, actor, now)
        if refusal is None and order.status not in self.starts:
            refusal = Refusal(self.refusal(order))
        if refusal is None and self.lock == "content" and s.is_editing(order):
            refusal = p.my_edit(order, actor, now)
        for condition in self.requires:
            if refusal is not None:
                break
            refusal = condition(order, actor, now)
        return refusal

    def reason(self, order: Order, actor: Actor, now: datetime) -> str | None:
        """For OrderView.actions: None when the action can be taken on some subject now."""
        refusal = self.refused(order, actor, now)
        if refusal is None and self.subject is not None:
            refusal = self.first_subject_refusal(order, actor)
        return None if refusal is None else refusal.message

    def first_subject_refusal(self, order: Order, actor: Actor) -> Refusal | None:
        assert self.subject is not None
        candidates = self.subject.candidates(order)
        if not candidates:
            return self.subject.none_left(order)
        refusals = [self.subject.check(order, c, actor) for c in candidates]
        if any(r is None for r in refusals):
            return None
        return refusals[0]

    def find(self, order: Order, key: int, actor: Actor) -> Any:
        """The subject the caller named, refused as the table says when it may not be used."""
        assert self.subject is not None
        candidates = self.subject.candidates(order)
        if not candidates:
            raise self.subject.none_left(order).exception()
        for candidate in candidates:
            if candidate.id == key:
                refusal = self.subject.check(order, candidate, actor)
                if refusal is not None:
                    raise refusal.exception()
                return candidate
        raise self.subject.missing(order, key).exception()

    def usable(self, order: Order, actor: Actor) -> list[Any]:
        """Every subject the action may work on now (release every order hold at once)."""
        assert self.subject is not None
        return [c for c in self.subject.candidates(order) if self.subject.check(order, c, actor) is None]


# subjects --------------------------------------------------------------------------------


def _by_id(rows: Any) -> list[Any]:
    return sorted(rows, key=lambda row: row.id or 0)


def line(step: str, *extra: Callable[[Any], Refusal | None]) -> Subject:
    """An action on one line: the line fulfillment table says from which line states."""

    def check(_order: Order, item: Any, _actor: Actor) -> Refusal | None:
        reason = line_actions.why_not(step, item)
        if reason is not None:
            return Refusal(reason)
        for condition in extra:
            refusal = condition(item)
            if refusal is not None:
                return refusal
        return None

    return Subject(
        "item", lambda o: _by_id(o.items), check,
        lambda o: p.not_found(f"Order {o.number} has no items."),
        lambda o, key: p.not_found(f"Order {o.number} has no item number {key}."),
    )


def _returnable() -> Subject:
    """RET-1: a line with shipped goods not yet on a return."""

    def check(order: Order, item: Any, _actor: Actor) -> Refusal | None:
        reason = return_rules.why_not_returnable(item, return_rules.returns_of(order))
        return None if reason is None else Refusal(reason)

    return Subject(
        "item", lambda o: _by_id(o.items), check,
        lambda o: p.not_found(f"Order {o.number} has no items."),
        lambda o, key: p.not_found(f"Order {o.number} has no item number {key}."),
    )


def _flagged(item: Any) -> Refusal | None:
    if not item.flag:
        return Refusal(f"{item.sku} has no exception to accept.")
    return Refusal(f"{item.sku}'s exception was already accepted.") if item.flag_accepted else None


def _cancelable(item: Any) -> Refusal | None:
    """CAN-1: some of the line has not started to leave."""
    if counts.cancelable(item) > 0:
        return None
    return Refusal(f"All of {item.sku} not canceled is packed or shipped; nothing is left to cancel.")


def _not_packed(item: Any) -> Refusal | None:
    """PER-1: the text can change until the item is packed."""
    if item.packed_quantity or item.shipped_quantity:
        return Refusal(f"{item.sku} is packed; its personalization can no longer change.")
    return None


def _resolvable(_order: Order, block: Any, actor: Actor) -> Refusal | None:
    if block.resolved:
        return Refusal(f"Block {block.id} was already resolved by {block.resolved_by}.")
    if block.kind == "automatic":  # BLK-4
        return p.needs(actor, Authority.REMOVE_AUTOMATIC_BLOCKS, "Removing an automatic block")
    return None


def _changeable(_order: Order, block: Any, actor: Actor) -> Refusal | None:
    if block.kind == "automatic" and not actor.can(Authority.REMOVE_AUTOMATIC_BLOCKS):
        return Refusal(
            "Changing an automatic block needs the authority 'Remove automatic blocks' "
            "(Administrator); add a note instead.", AuthorizationError,
            Authority.REMOVE_AUTOMATIC_BLOCKS.value,
        )
    return None


def _blocks(check: Callable[[Order, Any, Actor], Refusal | None], open_first: bool) -> Subject:
    def candidates(order: Order) -> list[Any]:
        found = _by_id(order.blocks)
        return sorted(found, key=lambda b: bool(b.resolved)) if open_first else found

    return Subject(
        "block", candidates, check,
        lambda o: p.not_found(f"Order {o.number} has no blocks."),
        lambda o, key: p.not_found(f"Order {o.number} has no block number {key}."),
    )


def _holds(of_lines: bool, none_left: Callable[[Order], Refusal]) -> Subject:
    def candidates(order: Order) -> list[Any]:
        return _by_id(h for h in order.holds if not h.released and (h.item_id is not None) == of_lines)

    return Subject(
        "hold", candidates, lambda _o, _h, _a: None, none_left,
        lambda o, key: p.not_found(f"Order {o.number} has no active hold number {key}."),
    )


def _payments(check: Callable[[Order, Any, Actor], Refusal | None], what: str) -> Subject:
    return Subject(
        "payment", lambda o: _by_id(o.payments), check,
        lambda o: Refusal(f"Order {o.number} has no payments to {what}."),
        lambda o, key: p.not_found(f"Order {o.number} has no payment number {key}."),
    )


# the table -------------------------------------------------------------------------------

CART = (s.PENDING,)
CONTENT = (s.PENDING, s.EDIT)
HOLDABLE = (s.PENDING_PAYMENT, s.RELEASED)
LIVE = (s.PENDING, s.PENDING_PAYMENT, s.EDIT, s.ON_HOLD, s.RELEASED)


def _content(name: str, activity: str, subject: Subject | None = None, *requires: Condition) -> Action:
    return Action(name, activity, CONTENT, lock="content", refusal=_content_refusal, subject=subject,
                  requires=requires)


ACTIONS_IN_ORDER = (
    Action("submit", "Order submitted", CART, (s.PENDING_PAYMENT,),
           requires=(p.not_a_quote, p.ready_to_submit),
           refusal=_else(lambda o: f"Order {o.number} was already submitted.")),
    Action("begin_edit", "Edit started", (s.PENDING_PAYMENT, s.EDIT), (s.EDIT,),
           refusal=lambda o: (
               f"Order {o.number} is not submitted yet; change it without choosing Edit."
               if s.is_cart(o) else settled(o)
               or f"Order {o.number} was released to fulfillment; it can no longer be edited.")),
    Action("renew_lock", "Lock renewed", (s.EDIT,), lock="content",
           refusal=lambda o: f"Order {o.number} is not being edited."),
    Action("finish_edit", "Edit finished", (s.EDIT,), (s.PENDING_PAYMENT,), lock="content",
           requires=(p.ready_to_finish,), refusal=lambda o: f"Order {o.number} is not being edited."),
    Action("release", "Order released", (s.PENDING_PAYMENT,), (s.RELEASED,),
           requires=(p.unblocked_to_release, p.no_holds, p.paid),
           refusal=_else(lambda o: f"Order {o.number} is not submitted yet; submit it first."
                         if s.is_cart(o) else f"Order {o.number} was already released.")),
    Action("cancel", "Order canceled", (s.PENDING, s.PENDING_PAYMENT, s.RELEASED), (s.CANCELED,),
           requires=(p.nothing_left_the_shelf,),
           refusal=lambda o: (f"Order {o.number} is on hold; release the hold before canceling."
                              if s.is_on_hold(o) else settled(o) or "")),
    Action("cancel_remainder", "Remaining lines canceled", (s.RELEASED,), (s.SHIPPED, s.CANCELED),
           Authority.CANCEL_REMAINDER, requires=(p.has_unshipped_lines,),
           refusal=lambda o: (f"Only a released order's remaining lines can be canceled; "
                              f"{o.number} is {s.name_of(o.status)}.")),
    Action("cancel_item", "Item canceled", (*CART, *HOLDABLE, s.EDIT), (s.CANCELED, s.SHIPPED),
           lock="content", requires=(p.released_lines_by_supervisor,),
           subject=line("cancel_item", _cancelable), doing="Canceling a line",
           refusal=lambda o: (f"Order {o.number} is on hold; release the hold before canceling."
                              if s.is_on_hold(o) else settled(o) or "")),
    Action("personalize", "Personalization changed", LIVE, lock="content",
           refusal=lambda o: settled(o) or "", subject=line("personalize", _not_packed)),
    Action("set_ship_complete", "Ship complete set", LIVE, lock="content",
           refusal=lambda o: settled(o) or ""),
    _content("add_item", "Item added"),
    _content("add_bundle", "Bundle added"),
    _content("set_quantity", "Quantity changed", line("set_quantity")),
    _content("set_price", "Price changed", line("set_price")),
    _content("remove_item", "Item removed", line("remove_item")),
    _content("accept_item", "Item accepted", line("accept_item", _flagged)),
    _content("set_shipping", "Shipping changed"),
    _content("add_ship_to", "Ship-to added", None, p.room_for_ship_to),
    _content("assign_item", "Item assigned", line("assign_item"), p.several_ship_tos),
    _content("remove_ship_to", "Ship-to removed", None, p.a_later_ship_to),
    _content("override_shipping", "Shipping overridden"),
    _content("apply_coupon", "Coupon applied"),
    _content("reprice", "Order re-priced"),
    Action("mark_quote_ready", "Quote ready", CART, requires=(p.a_draft_quote,),
           refusal=lambda o: f"Order {o.number} is not a quote."),
    Action("expedite", "Item expedited", LIVE, refusal=lambda o: settled(o) or "",
           subject=line("expedite")),
    Action("add_payment", "Payment added", (s.PENDING, s.EDIT, s.PENDING_PAYMENT),
           requires=(p.payment_owed,), refusal=lambda o: f"Order {o.number} no longer takes payments."),
    # PAY-3: an authorization goes before capture; captured money comes back, never more.
    # Every state: the payment says why not (captured: refund it; voided already).
    Action("void_payment", "Payment voided", s.STATES, subject=_payments(payment_actions.voidable, "void")),
    Action("refund", "Payment refunded", s.STATES,
           subject=_payments(payment_actions.refundable_now, "refund")),
    Action("associate_customer", "Customer associated", CART, requires=(p.a_guest_order,),
           refusal=lambda o: (
               f"Guest order {o.number} was submitted; it can no longer be associated with a "
               "registered customer." if o.is_guest else f"Order {o.number} is not a guest order.")),
    Action("place_block", "Block placed", s.SUBMITTED, authority=Authority.MANUAL_BLOCKS,
           refusal=lambda o: (f"Only submitted orders can be blocked; order {o.number} is "
                              f"{s.name_of(o.status)}.")),
    Action("resolve_block", "Block resolved", s.STATES, authority=Authority.MANUAL_BLOCKS,
           subject=_blocks(_resolvable, open_first=True)),
    Action("modify_block", "Block changed", s.STATES, authority=Authority.MANUAL_BLOCKS,
           subject=_blocks(_changeable, open_first=False)),
    Action("hold", "Hold placed", HOLDABLE, (s.ON_HOLD,),
           refusal=lambda o: (f"Order {o.number} is already on hold." if s.is_on_hold(o) else
                              settled(o) or f"Only submitted orders can be held; order {o.number} "
                              f"is {s.name_of(o.status)}.")),
    Action("hold_item", "Hold placed", (*HOLDABLE, s.ON_HOLD), subject=line("hold_item"),
           refusal=_else(lambda o: f"Only submitted orders can be held; order {o.number} is "
                         f"{s.name_of(o.status)}.")),
    Action("release_hold", "Hold released", (s.ON_HOLD,), (s.PENDING_PAYMENT, s.RELEASED),
           requires=(p.on_hold_by_order,), refusal=lambda o: f"Order {o.number} is not on hold.",
           subject=_holds(False, lambda o: Refusal(f"Order {o.number} is not on hold."))),
    Action("release_item_hold", "Hold released", s.SUBMITTED,
           refusal=_else(lambda o: f"Order {o.number} has no held lines."),
           subject=_holds(True, lambda o: p.not_found(f"Order {o.number} has no held lines."))),
    Action("add_note", "Note added", s.STATES),
    Action("create_from", "Order created", s.STATES, lock="ignore", requires=(p.quote_unexpired,),
           doing="Creating an order from another"),
    Action("delete", "Order deleted", CART, authority=Authority.DELETE_ORDERS, lock="ignore",
           doing="Deleting orders",
           refusal=lambda o: (f"Only draft orders, carts and quotes can be deleted; {o.number} was "
                              "submitted. Cancel it instead.")),
    Action("pick", "Items picked", (s.RELEASED,), authority=Authority.FULFILLMENT,
           requires=(p.unblocked_to("picked"), p.ready_to_pick),
           refusal=lambda o: f"Only released orders are picked; order {o.number} is "
           f"{s.name_of(o.status)}."),
    Action("ship", "Items shipped", (s.RELEASED,), (s.SHIPPED,), Authority.FULFILLMENT,
           requires=(p.packed_to_ship, p.unblocked_to("shipped")),
           refusal=lambda o: f"Order {o.number} has nothing packed to ship."),
    Action("create_return", "Return created", (s.RELEASED, s.SHIPPED), subject=_returnable(),
           doing="Creating a return",
           refusal=lambda o: settled(o) or f"Order {o.number} has shipped nothing yet; only shipped "
           "goods can be returned."),
    Action("unlock_order", "Order unlocked", s.STATES, (s.PENDING_PAYMENT,), Authority.UNLOCK_ORDERS,
           lock="ignore", requires=(p.locked,), doing="Unlocking an order"),
)
ACTIONS: dict[str, Action] = {action.name: action for action in ACTIONS_IN_ORDER}
# Actions on one line, block or hold: the views of those carry their own maps.
LINE_ACTIONS = tuple(a.name for a in ACTIONS_IN_ORDER if a.subject is not None and a.subject.kind == "item")
BLOCK_ACTIONS = ("resolve_block", "modify_block")
PAYMENT_ACTIONS = ("void_payment", "refund")


def reasons(order: Order, actor: Actor, now: datetime) -> dict[str, str | None]:
    """OrderView.actions: every action mapped to None (allowed now) or the reason it is not."""
    return {action.name: action.reason(order, actor, now) for action in ACTIONS_IN_ORDER}


def subject_reasons(
    order: Order, actor: Actor, now: datetime, kind: str, subject: Any, names: tuple[str, ...],
) -> dict[str, str | None]:
    """The map a line, block or hold shows: the order's reason first, then the subject's."""
    found: dict[str, str | None] = {}
    for name in names:
        action = ACTIONS[name]
        assert action.subject is not None and action.subject.kind == kind
        refusal = action.refused(order, actor, now) or action.subject.check(order, subject, actor)
        found[name] = None if refusal is None else refusal.message
    return found


def hold_action(order: Order, hold_id: int | None) -> str:
    """release_hold names an order hold or a line hold; each kind is its own row."""
    if hold_id is None:
        return "release_hold"
    for hold in order.holds:
        if hold.id == hold_id and hold.item_id is None:
            return "release_hold"
    return "release_item_hold"


def refusal_for(name: str, order: Order, actor: Actor, now: datetime) -> Refusal | None:
    return ACTIONS[name].refused(order, actor, now)
