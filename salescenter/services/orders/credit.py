"""A customer's credit limit changed: the automatic blocks of their open orders follow (PRC-7).

Raising a limit lifts the credit block of every order it now covers, whoever raised
it; lowering it blocks the orders it no longer covers. Each order's history says so.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ...models import Order
from ..ticklers import system as system_ticklers
from ..uow import UnitOfWork
from . import block_rules
from . import lifecycle as s
from .base import LOAD_OPTIONS, write_history


def customer_limit_changed(uow: UnitOfWork, customer_id: int, now: datetime) -> list[int]:
    """Re-evaluate the credit rule on the customer's submitted orders; the ids that changed."""
    orders = uow.session.scalars(
        select(Order).where(Order.customer_id == customer_id, Order.status.in_(s.SUBMITTED),
                            Order.kind == "order")
        .options(*LOAD_OPTIONS).order_by(Order.id).with_for_update(of=Order)
    ).unique().all()
    changed = []
    for order in orders:
        placed, resolved = block_rules.settle(uow.session, order, now)
        for block in placed:
            write_history(uow, order, block_rules.SYSTEM_USER, "Block placed", block.reason)
        for block in resolved:
            write_history(uow, order, block_rules.SYSTEM_USER, "Block resolved",
                          f"{block.reason}. {block.resolve_comment}")
        system_ticklers.blocks_placed(uow.session, order, placed, now)  # TKL-1
        system_ticklers.blocks_resolved(uow.session, order, resolved, now)
        if placed or resolved:
            order.updated_at = now
            changed.append(order.id)
    return changed
