"""Ticklers: reminders on an order, quote, return or customer, worked and resolved (TKL-1)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class Tickler(Base):
    __tablename__ = "ticklers"
    id: Mapped[int] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    remind_at: Mapped[datetime | None] = mapped_column(default=None)
    # Exactly one of the two: a user, or everyone in a role.
    assignee: Mapped[str | None] = mapped_column(String(64), default=None)
    role: Mapped[str | None] = mapped_column(String(20), default=None)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), default=None, index=True
    )
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), default=None, index=True
    )
    # No foreign key: returns are their own aggregate and may be kept elsewhere.
    return_id: Mapped[int | None] = mapped_column(Integer, default=None)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    resolved_by: Mapped[str | None] = mapped_column(String(64), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    actions: Mapped[list[TicklerAction]] = relationship(
        lazy="raise", order_by="TicklerAction.id", cascade="all, delete-orphan"
    )


class TicklerAction(Base):
    """What someone did about a tickler: recorded, never changed."""

    __tablename__ = "tickler_actions"
    id: Mapped[int] = mapped_column(primary_key=True)
    tickler_id: Mapped[int] = mapped_column(ForeignKey("ticklers.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    user: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


# The open ones of a user or of a role, in the order they fall due.
Index("ix_ticklers_assignee_open", Tickler.status, Tickler.assignee, Tickler.remind_at)
Index("ix_ticklers_role_open", Tickler.status, Tickler.role, Tickler.remind_at)
