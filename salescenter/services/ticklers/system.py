"""Ticklers the system creates (TKL-1): a declined payment, an automatic block.

Called from the order pipeline inside the change's own unit of work, so the tickler
commits (or rolls back) with the change that caused it. Each goes to whoever can
clear the cause: the rep who took the order re-takes a declined payment; the
Supervisors, who work the blocked-orders queue, take an automatically blocked order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Block, Order, Tickler, TicklerAction, User
from .rules import OPEN, RESOLVED

SYSTEM_USER = "system"
# Covered by the declined-payment tickler to the rep: one cause, one reminder.
_COVERED_RULES = {"payment_declined"}


def payment_declined(session: Session, order: Order, what: str, now: datetime) -> None:
    """``what`` names the payment in the rep's words ("Credit card 25.00")."""
    taker = order.created_by or None
    if taker and session.scalar(select(User.id).where(User.username == taker, User.active.is_(True))) is None:
        taker = None
    _add(session, order, now, reason=f"Payment declined: {what}",
         comment="Take another payment from the customer.", assignee=taker, role=None if taker else "csr")


def blocks_placed(session: Session, order: Order, blocks: Iterable[Block], now: datetime) -> None:
    for block in blocks:
        if block.rule in _COVERED_RULES:
            continue
        _add(session, order, now, reason=_block_reason(block), comment="",
             assignee=None, role="supervisor")


def blocks_resolved(session: Session, order: Order, blocks: Iterable[Block], now: datetime,
                    by: str = SYSTEM_USER) -> None:
    """A block was lifted (by the system, its cause gone, or by an administrator): the
    Supervisors' tickler about it is resolved with it, saying so."""
    for block in blocks:
        if block.kind != "automatic" or block.rule in _COVERED_RULES:
            continue
        tickler = session.scalar(
            select(Tickler).where(Tickler.order_id == order.id, Tickler.status == OPEN,
                                  Tickler.created_by == SYSTEM_USER, Tickler.reason == _block_reason(block))
            .order_by(Tickler.id).limit(1).with_for_update()
        )
        if tickler is None:
            continue
        tickler.status, tickler.resolved_by, tickler.resolved_at = RESOLVED, by, now
        session.add(TicklerAction(tickler_id=tickler.id, at=now, user=by,
                                  text=f"Resolved: the block was lifted by {by}."))


def _block_reason(block: Block) -> str:
    return f"Automatic block: {block.reason}"[:200]


def _add(session: Session, order: Order, now: datetime, *, reason: str, comment: str,
         assignee: str | None, role: str | None) -> None:
    session.add(Tickler(
        reason=reason[:200], comment=comment, status=OPEN, remind_at=None, assignee=assignee, role=role,
        order_id=order.id, customer_id=order.customer_id, created_by=SYSTEM_USER, created_at=now,
        actions=[],
    ))
