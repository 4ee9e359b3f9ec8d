"""The conditions the order action table names, each with the refusal a rep reads.

A condition looks at the loaded order (and who acts, and when) and returns None
when it holds or the Refusal to show; it never changes anything, so the same
function answers both "may I?" (OrderView.actions) and "do it" (the pipeline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ...errors import (
    AuthorizationError,
    LockedError,
    NotFoundError,
    SalesCenterError,
    StateError,
    ValidationError,
)
from ...models import EditLock, Order
from .. import authority
from ..authority import Authority
from . import lifecycle as s
from . import line_counts as counts
from .destinations import MAX_SHIP_TOS
from .payment_rules import covered_total

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Actor:
    """Who takes an action: the signed-in user, and the edit lock epochs their desk holds."""

    user_id: int
    username: str
    role: str
    lock_epochs: dict[int, int] = field(default_factory=dict)

    def can(self, needed: Authority) -> bool:
        return authority.allowed(self.role, needed)

    def epoch_of(self, order_id: int) -> int | None:
        return self.lock_epochs.get(order_id)


@dataclass(frozen=True)
class Refusal:
    """Why an action cannot be taken now, as the error it raises."""

    message: str
    error: type[SalesCenterError] = StateError
    detail: str = ""  # the field, the lock holder or the authority, per error type

    def exception(self) -> SalesCenterError:
        if self.error is ValidationError:
            return ValidationError(self.message, self.detail)
        if self.error is LockedError:
            return LockedError(self.message, self.detail)
        if self.error is AuthorizationError:
            return AuthorizationError(self.message, self.detail)
        return self.error(self.message)


Condition = Callable[[Order, Actor, datetime], Refusal | None]


def needs(actor: Actor, needed: Authority, doing: str) -> Refusal | None:
    message = authority.refusal(actor.role, actor.username, needed, doing)
    return None if message is None else Refusal(message, AuthorizationError, needed.value)


def live_lock(order: Order, now: datetime) -> EditLock | None:
    lock = order.lock
    return lock if lock is not None and lock.expires_at > now else None


def not_locked_by_others(order: Order, actor: Actor, now: datetime) -> Refusal | None:
    """LCK-1: another user's live lock leaves the order read-only for everyone else."""
    live = live_lock(order, now)
    if live is not None and live.user_id != actor.user_id:
        return Refusal(f"Order locked for editing ({live.username}).", LockedError, live.username)
    return None


def my_edit(order: Order, actor: Actor, now: datetime) -> Refusal | None:
    """Changing the content of a submitted order needs the edit lock, from this desk."""
    lock = order.lock
    if lock is None or lock.user_id != actor.user_id:
        holder = lock.username if lock else "nobody"
        return Refusal(
            f"Order locked for editing ({holder}); choose Edit to take over an expired lock.",
            LockedError, holder,
        )
    if actor.epoch_of(order.id) != lock.epoch:
        return Refusal(
            f"Your edit of order {order.number} continues in another session "
            f"({lock.workstation}); choose Edit here to take it over.",
            LockedError, lock.username,
        )
    return None


def problems(order: Order) -> list[str]:
    """What stops an order from being submitted or an edit from finishing (ORD-4, LCK-2)."""
    found = []
    live = [i for i in order.items if s.line_live(i)]
    if not live:
        found.append(f"Order {order.number} has no items; add at least one item.")
    if not (order.ship_line1 and order.ship_city and order.ship_country):
        found.append("The shipping address is incomplete (street, city and country).")
    for item in live:
        if item.flag and not item.flag_accepted:
            found.append(f"Accept or change {item.sku}: {item.flag}.")
    return found


def several_ship_tos(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    """SHP-1: an item moves between ship-tos only once there is a second one."""
    if len(order.ship_tos) < 2:
        return Refusal(f"Order {order.number} has one ship-to; add another ship-to first.")
    return None


def a_later_ship_to(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    """SHP-1: only a ship-to added after the first can be removed."""
    if len(order.ship_tos) < 2:
        return Refusal(f"Order {order.number} has only its first ship-to; change its address instead.")
    return None


def room_for_ship_to(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if len(order.ship_tos) >= MAX_SHIP_TOS:
        return Refusal(f"Order {order.number} already has {MAX_SHIP_TOS} ship-tos; an order can "
                       f"have at most {MAX_SHIP_TOS}. Take another order for more.")
    return None


def not_a_quote(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if order.kind == "quote":
        return Refusal(f"{order.number} is a quote; create an order from it to submit.")
    return None


def ready_to_submit(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    found = problems(order)
    return Refusal(" ".join(found), ValidationError, "Order") if found else None


def ready_to_finish(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    found = problems(order)
    if not found:
        return None
    return Refusal("The order stays locked for your edit: " + " ".join(found), ValidationError, "Order")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def open_blocks(order: Order) -> list[str]:
    return [b.reason for b in sorted(order.blocks, key=lambda b: b.id or 0) if not b.resolved]


def unblocked_to_release(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    """BLK-2: an open block stops the release."""
    reasons = open_blocks(order)
    if not reasons:
        return None
    return Refusal(
        f"To release order {order.number}, resolve its {_plural(len(reasons), 'open block')} "
        "first: " + "; ".join(reasons) + "."
    )


def unblocked_to(doing: str) -> Condition:
    """A block placed after release still stops the goods from leaving (BLK-2)."""

    def check(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
        reasons = open_blocks(order)
        if not reasons:
            return None
        return Refusal(
            f"Order {order.number} cannot be {doing} while it has "
            f"{_plural(len(reasons), 'open block')}: " + "; ".join(reasons) + "."
        )

    return check


def no_holds(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if any(not h.released for h in order.holds):
        return Refusal(f"To release order {order.number}, release its holds first.")
    return None


def paid(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    """ORD-5, PAY-2, PAY-3: authorized payments cover the total; a 0.00 order needs none."""
    due = max(order.total - covered_total(order), ZERO)
    if due > 0:
        return Refusal(
            f"Order {order.number} is not paid: {due} of {order.total} still needs an "
            "authorized payment."
        )
    return None


def payment_owed(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    """PAY-3: a payment above the amount due is refused; with nothing due, none is taken."""
    if order.total - covered_total(order) > 0:
        return None
    if order.total <= 0:
        return Refusal(f"Order {order.number} totals 0.00; it needs no payment.")
    return Refusal(f"Order {order.number} is paid in full ({order.total}); it needs no further payment.")


def nothing_left_the_shelf(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    """ORD-7: a packed or shipped item cannot be canceled."""
    gone = [i for i in order.items if i.packed_quantity or i.shipped_quantity]
    if gone:
        return Refusal(
            f"Order {order.number} has {len(gone)} item(s) packed or shipped, which cannot be "
            "canceled; cancel the remaining lines instead (Supervisor)."
        )
    return None


def has_unshipped_lines(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if any(s.line_open(i) and counts.cancelable(i) > 0 for i in order.items):
        return None
    return Refusal(f"Order {order.number} has no unshipped lines to cancel.")


def released_lines_by_supervisor(order: Order, actor: Actor, _now: datetime) -> Refusal | None:
    """CAN-1: a CSR cancels lines before the order is released, a Supervisor after."""
    if not s.is_released(order):
        return None
    return needs(actor, Authority.CANCEL_RELEASED_LINES, "Canceling a line of a released order")


def ready_to_pick(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if pickable(order):
        return None
    return Refusal(f"Order {order.number} has nothing ready to pick.")


def packed_to_ship(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if shippable(order):
        return None
    return Refusal(f"Order {order.number} has nothing packed to ship.")


def held_items(order: Order) -> set[int]:
    return {h.item_id for h in order.holds if not h.released and h.item_id}


def waits_to_ship_complete(order: Order) -> bool:
    """SHP-2: a ship-complete order's lines leave together, once none waits for stock;
    expedited lines do not wait for them, nor are they waited for (EXP-1)."""
    return order.ship_complete and any(
        i.backordered_quantity > 0 for i in order.items if not i.expedite)


def pickable(order: Order) -> list:  # type: ignore[type-arg]
    """Lines with allocated units not yet on a pick list: the allocated part of a line
    ships alone (SHP-2) unless the order is ship-complete; expedited lines always do."""
    held = held_items(order)
    waiting = waits_to_ship_complete(order)
    return [i for i in order.items
            if s.line_in(i, (s.LINE_RELEASED, s.AWAITING)) and counts.ready_to_pick(i) > 0
            and i.id not in held and (i.expedite or not waiting)]


def shippable(order: Order) -> list:  # type: ignore[type-arg]
    held = held_items(order)
    return [i for i in order.items if i.packed_quantity > 0 and i.id not in held]


def a_guest_order(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if order.is_guest:
        return None
    return Refusal(f"Order {order.number} is not a guest order.")


def on_hold_by_order(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if any(not h.released and h.item_id is None for h in order.holds):
        return None
    return Refusal(f"Order {order.number} is not on hold.")


def locked(order: Order, _actor: Actor, _now: datetime) -> Refusal | None:
    if order.lock is None:
        return Refusal(f"Order {order.number} is not locked.", ValidationError, "Order")
    return None


def quote_unexpired(order: Order, _actor: Actor, now: datetime) -> Refusal | None:
    """PRC-1: only a live quote becomes an order, and only once."""
    from .quotes import CANCELED, CONVERTED, EXPIRED, quote_status

    state = quote_status(order, now)
    if state == EXPIRED and order.quote_expires is not None:
        return Refusal(
            f"Quote {order.number} expired on {order.quote_expires:%Y-%m-%d}; "
            "it can no longer become an order."
        )
    if state == CANCELED:
        return Refusal(f"Quote {order.number} was canceled; it can no longer become an order.")
    if state == CONVERTED:
        return Refusal(f"Quote {order.number} already became order {order.converted_to}.")
    return None


def a_draft_quote(order: Order, actor: Actor, now: datetime) -> Refusal | None:
    from .quotes import DRAFT, quote_status

    if order.kind != "quote":
        return Refusal(f"Order {order.number} is not a quote.")
    state = quote_status(order, now)
    if state != DRAFT:
        return quote_unexpired(order, actor, now) or Refusal(f"Quote {order.number} is already ready.")
    return None


def not_found(message: str) -> Refusal:
    return Refusal(message, NotFoundError)
