"""The returns of an order or a customer as a table (RET-6): the Returns pages of the order and
customer editors show the same columns and open a return in its own editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .table_model import Column, RowsModel

if TYPE_CHECKING:
    from ..services.views import ReturnView


def goods(ret: ReturnView) -> str:
    """"WID-1 x 2, CAB-1 x 1 (-> WID-2)": what comes back, and what goes out instead."""
    parts = []
    for line in ret.lines:
        swap = f" (-> {line.replacement_sku})" if line.replacement_sku else ""
        parts.append(f"{line.sku} x {line.quantity}{swap}")
    return ", ".join(parts)


class ReturnsModel(RowsModel):
    columns = (
        Column("Return", lambda r: r.number),
        Column("Order", lambda r: r.order_number),
        Column("Kind", lambda r: r.kind_label),
        Column("Status", lambda r: r.status_label),
        Column("Goods", goods),
        Column("Reason", lambda r: r.reason),
        Column("Credit", lambda r: r.credit_total, money=True),
        Column("Refunded", lambda r: r.refunded_total, money=True),
        Column("Replacement order", lambda r: r.replacement_order_number or ""),
        Column("Created", lambda r: r.created_at),
    )

    def tooltip(self, row: ReturnView) -> str | None:
        return row.approval_needed or None  # why it waited for a Supervisor (RET-2)
