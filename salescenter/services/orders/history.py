"""Order history rows: append-only, written in the same transaction as the change."""

from __future__ import annotations

import json
from typing import Any

from ...models import HistoryEntry, Order
from ..uow import UnitOfWork


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


__all__ = ["write_history"]
