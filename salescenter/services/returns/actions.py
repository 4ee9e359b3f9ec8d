"""The return lifecycle as one action table, declared as the order's is (orders/actions.py).

Each row names a ``desk.returns`` method, the return states it starts from, the state it
leads to, the authority it needs and the refusal a rep reads otherwise. The service refuses
with the first reason that applies; ``ReturnView.actions`` shows the same reasons, so the
desktop enables and explains its commands from that map alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ...models import Order, Return
from ..authority import Authority
from ..orders import preconditions as p
from ..orders.preconditions import Actor, Refusal
from .rules import APPROVED, CANCELED, RECEIVED, REQUESTED


def _settled(ret: Return) -> str | None:
    return {
        CANCELED: f"Return {ret.number} was canceled; it can no longer change.",
        RECEIVED: f"Return {ret.number} was received; it can no longer change.",
    }.get(ret.status)


def _nothing_received(ret: Return) -> Refusal | None:
    if any(line.received_quantity for line in ret.lines):
        return Refusal(f"Goods of return {ret.number} were already received; it can no longer be "
                       "canceled.")
    return None


@dataclass(frozen=True)
class ReturnAction:
    name: str
    activity: str  # the order history entry's activity
    starts: tuple[str, ...]
    leads_to: tuple[str, ...]
    authority: Authority
    refusal: Callable[[Return], str]
    requires: tuple[Callable[[Return], Refusal | None], ...] = ()

    def refused(self, ret: Return, order: Order, actor: Actor, now: datetime) -> Refusal | None:
        refusal = p.needs(actor, self.authority, self.activity)
        if refusal is None:
            refusal = p.not_locked_by_others(order, actor, now)
        if refusal is None and ret.status not in self.starts:
            refusal = Refusal(_settled(ret) or self.refusal(ret))
        for condition in self.requires:
            if refusal is not None:
                break
            refusal = condition(ret)
        return refusal


RETURN_ACTIONS_IN_ORDER = (
    ReturnAction("approve", "Return approved", (REQUESTED,), (APPROVED,), Authority.APPROVE_RETURNS,
                 lambda r: f"Return {r.number} is already approved."),
    ReturnAction("receive", "Return received", (APPROVED,), (APPROVED, RECEIVED), Authority.FULFILLMENT,
                 lambda r: f"Return {r.number} waits for a Supervisor's approval before its goods "
                 "are received."),
    ReturnAction("cancel", "Return canceled", (REQUESTED, APPROVED), (CANCELED,),
                 Authority.MAINTAIN_ORDERS, lambda r: f"Return {r.number} cannot be canceled now.",
                 requires=(_nothing_received,)),
)
RETURN_ACTIONS = {action.name: action for action in RETURN_ACTIONS_IN_ORDER}


def reasons(ret: Return, order: Order, actor: Actor, now: datetime) -> dict[str, str | None]:
    """ReturnView.actions: each action mapped to None (allowed now) or why not."""
    found = {}
    for action in RETURN_ACTIONS_IN_ORDER:
        refusal = action.refused(ret, order, actor, now)
        found[action.name] = None if refusal is None else refusal.message
    return found
