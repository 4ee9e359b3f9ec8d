"""Returns (RMA): goods coming back from a shipped order, and what goes out in their place.

A return is its own aggregate with its own number; it names the order it returns goods of
and, for an exchange or a misship, the replacement order that sends the goods out again.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

_ZERO = Decimal("0.00")


class Return(Base):
    __tablename__ = "returns"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    # Copied from the orders so that lists and finding a customer's returns need no join.
    order_number: Mapped[str] = mapped_column(String(40), default="")
    customer_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    kind: Mapped[str] = mapped_column(String(10), default="return")  # return | exchange | misship
    status: Mapped[str] = mapped_column(String(12), default="requested")
    reason: Mapped[str] = mapped_column(String(500))
    comment: Mapped[str] = mapped_column(Text, default="")
    # Why the return waits for a Supervisor (RET-2); empty when approved automatically.
    approval_needed: Mapped[str] = mapped_column(String(500), default="")
    replacement_order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), default=None
    )
    replacement_order_number: Mapped[str | None] = mapped_column(String(40), default=None)
    credit_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    # What the replacement costs beyond the credit (positive: charged on the replacement order;
    # negative: refunded with the credit on receipt).
    price_difference: Mapped[Decimal] = mapped_column(default=_ZERO)
    refunded_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    approved_by: Mapped[str | None] = mapped_column(String(64), default=None)
    approved_at: Mapped[datetime | None] = mapped_column(default=None)
    received_by: Mapped[str | None] = mapped_column(String(64), default=None)
    received_at: Mapped[datetime | None] = mapped_column(default=None)
    canceled_by: Mapped[str | None] = mapped_column(String(64), default=None)
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    lines: Mapped[list[ReturnLine]] = relationship(
        lazy="raise", order_by="ReturnLine.id", cascade="all, delete-orphan"
    )


class ReturnLine(Base):
    __tablename__ = "return_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("order_items.id", ondelete="CASCADE"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    received_quantity: Mapped[int] = mapped_column(Integer, default=0)
    # Of those received, how many went back to stock (the rest were damaged or unsellable).
    restocked_quantity: Mapped[int] = mapped_column(Integer, default=0)
    credit: Mapped[Decimal] = mapped_column(default=_ZERO)
    replacement_sku: Mapped[str | None] = mapped_column(String(64), default=None)


Index("ix_returns_status_created", Return.status, Return.created_at)
