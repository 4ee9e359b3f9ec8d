"""The order aggregate: order, items, payments, blocks, holds, notes and the edit lock."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .people import Customer, Store

if TYPE_CHECKING:
    from .returns import Return

_ZERO = Decimal("0.00")


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    external_number: Mapped[str | None] = mapped_column(String(100), unique=True, default=None)
    kind: Mapped[str] = mapped_column(String(10), default="order")
    quote_expires: Mapped[datetime | None] = mapped_column(default=None)
    # draft | ready | canceled | converted for a quote (expired is read off quote_expires), None for orders
    quote_status: Mapped[str | None] = mapped_column(String(20), default=None)
    converted_to: Mapped[str | None] = mapped_column(String(40), default=None)
    # Set at submit, or when a quote becomes the order: its lines keep their prices (PRC-1, PRC-2).
    prices_frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str] = mapped_column(String(200), default="")
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), default=None)
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    # Copied from the customer so that finding orders needs no join.
    customer_name: Mapped[str] = mapped_column(String(201), default="")
    customer_search: Mapped[str] = mapped_column(String(201), default="")
    customer_email: Mapped[str | None] = mapped_column(String(254), default=None)
    status: Mapped[str] = mapped_column(String(40), default="pending")
    held_from_status: Mapped[str | None] = mapped_column(String(40), default=None)
    ship_name: Mapped[str] = mapped_column(String(200), default="")
    ship_line1: Mapped[str] = mapped_column(String(200), default="")
    ship_line2: Mapped[str] = mapped_column(String(200), default="")
    ship_city: Mapped[str] = mapped_column(String(100), default="")
    ship_region: Mapped[str] = mapped_column(String(100), default="")
    ship_postal_code: Mapped[str] = mapped_column(String(20), default="")
    ship_country: Mapped[str] = mapped_column(String(60), default="")
    ship_phone: Mapped[str] = mapped_column(String(40), default="")
    shipping_method: Mapped[str] = mapped_column(String(40), default="standard")
    bill_to: Mapped[str] = mapped_column(Text, default="")
    coupon_code: Mapped[str | None] = mapped_column(String(40), default=None)
    subtotal: Mapped[Decimal] = mapped_column(default=_ZERO)
    discount_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    shipping_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    tax_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    total: Mapped[Decimal] = mapped_column(default=_ZERO)
    fixed_shipping: Mapped[bool] = mapped_column(Boolean, default=False)
    # SHP-2: the order's lines leave together; only expedited lines go alone (EXP-1).
    ship_complete: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    lock_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)
    shipped_at: Mapped[datetime | None] = mapped_column(default=None)
    required_at: Mapped[datetime | None] = mapped_column(default=None)

    store: Mapped[Store] = relationship(lazy="raise")
    customer: Mapped[Customer | None] = relationship(lazy="raise")
    items: Mapped[list[OrderItem]] = relationship(
        back_populates="order", lazy="raise", order_by="OrderItem.id",
        cascade="all, delete-orphan",
    )
    payments: Mapped[list[Payment]] = relationship(
        lazy="raise", order_by="Payment.id", cascade="all, delete-orphan"
    )
    blocks: Mapped[list[Block]] = relationship(
        lazy="raise", order_by="Block.id", cascade="all, delete-orphan"
    )
    holds: Mapped[list[Hold]] = relationship(
        lazy="raise", order_by="Hold.id", cascade="all, delete-orphan"
    )
    notes: Mapped[list[Note]] = relationship(
        lazy="raise", order_by="Note.id", cascade="all, delete-orphan"
    )
    lock: Mapped[EditLock | None] = relationship(lazy="raise", cascade="all, delete-orphan")
    # The returns of this order's goods (RET-6); a return is its own aggregate, so read only.
    returns: Mapped[list[Return]] = relationship(
        primaryjoin="Order.id == Return.order_id", lazy="raise", order_by="Return.id", viewonly=True
    )
    ship_tos: Mapped[list[ShipTo]] = relationship(
        lazy="raise", order_by="ShipTo.position", cascade="all, delete-orphan"
    )

    # SQLAlchemy refuses a flush whose UPDATE matches no row at the version it
    # read: the second of two concurrent saves fails instead of overwriting (LCK-4).
    __mapper_args__ = {"version_id_col": version}


class OrderItem(Base):
    __tablename__ = "order_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), default=None)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    list_price: Mapped[Decimal]
    placed_price: Mapped[Decimal]
    discount_percent: Mapped[Decimal] = mapped_column(default=_ZERO)
    discount: Mapped[Decimal] = mapped_column(default=_ZERO)
    line_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    expedite: Mapped[bool] = mapped_column(Boolean, default=False)
    fulfillment_status: Mapped[str | None] = mapped_column(String(30), default=None)
    # Per item row, once the order is paid: allocated + backordered + shipped + canceled
    # == quantity (SHP-2, CAN-1). Allocated stock is off the shelf (Product.stock) until it
    # ships or goes back; packed is the part of it on a pick list. The column keeps its
    # first name, "allocated".
    allocated_quantity: Mapped[int] = mapped_column("allocated", Integer, default=0)
    backordered_quantity: Mapped[int] = mapped_column(Integer, default=0)
    packed_quantity: Mapped[int] = mapped_column(Integer, default=0)
    shipped_quantity: Mapped[int] = mapped_column(Integer, default=0)
    canceled_quantity: Mapped[int] = mapped_column(Integer, default=0)
    personalization: Mapped[str | None] = mapped_column(String(200), default=None)  # PER-1
    expected_date: Mapped[date | None] = mapped_column(Date, default=None)
    bundle_sku: Mapped[str | None] = mapped_column(String(64), default=None)
    flag: Mapped[str | None] = mapped_column(String(200), default=None)
    flag_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    price_approved_by: Mapped[str | None] = mapped_column(String(64), default=None)
    # The ship-to this row goes to (SHP-1); None: the order's first ship-to. No foreign key:
    # the service only names ship-tos of the same order, and the column is then a plain
    # ADD COLUMN on SQLite (a table rebuild would cascade-delete the holds on these rows).
    ship_to_id: Mapped[int | None] = mapped_column(Integer, default=None)
    order: Mapped[Order] = relationship(back_populates="items", lazy="raise")


LINE_QUANTITIES = ("allocated_quantity", "backordered_quantity", "packed_quantity",
                   "shipped_quantity", "canceled_quantity")


@event.listens_for(OrderItem, "init")
def _zero_quantities(target: OrderItem, _args: Any, kwargs: dict[str, Any]) -> None:
    """A new line's counts are 0 at once, not only after the INSERT fills the defaults:
    allocation and pricing add to them in the same change that creates the line."""
    for name in LINE_QUANTITIES:
        kwargs.setdefault(name, 0)


class ShipTo(Base):
    """One destination of an order (SHP-1) with its own method and shipping charge.

    The first ship-to's address and method stay on the order row (``orders.ship_*`` and
    ``shipping_method``), where finding, export and import have always read them; its
    row here carries its charges. Later ship-tos keep their address and method here.
    """

    __tablename__ = "ship_tos"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200), default="")
    line1: Mapped[str] = mapped_column(String(200), default="")
    line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    method: Mapped[str] = mapped_column(String(40), default="standard")
    shipping_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    tax_total: Mapped[Decimal] = mapped_column(default=_ZERO)
    # What the method's rate charges: the measure of an override against the rep's limit (PRC-6).
    rated_shipping: Mapped[Decimal] = mapped_column(default=_ZERO)
    override_amount: Mapped[Decimal | None] = mapped_column(default=None)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # "username:role" of who overrode it: the limit is that role's (as price_approved_by).
    override_by: Mapped[str | None] = mapped_column(String(64), default=None)


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    # What the customer first authorized; PayPal's allowance is counted from it (PAY-2).
    amount: Mapped[Decimal]
    # What the payment may capture: the amount, or more after an acknowledged PayPal raise.
    authorized_amount: Mapped[Decimal] = mapped_column(default=_ZERO)
    # authorized | captured | declined | voided | refunded (services/orders/lifecycle.py)
    status: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(64), default="")
    # The gateway's own transaction id: what capture, void and refund name.
    gateway_reference: Mapped[str] = mapped_column(String(64), default="")
    captured_amount: Mapped[Decimal] = mapped_column(default=_ZERO)
    refunded_amount: Mapped[Decimal] = mapped_column(default=_ZERO)
    created_at: Mapped[datetime]


class Block(Base):
    __tablename__ = "blocks"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    rule: Mapped[str | None] = mapped_column(String(40), default=None)
    rule_key: Mapped[str | None] = mapped_column(String(100), default=None)
    reason: Mapped[str] = mapped_column(String(500))
    comment: Mapped[str] = mapped_column(Text, default="")
    placed_by: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime]
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by: Mapped[str | None] = mapped_column(String(64), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolve_comment: Mapped[str] = mapped_column(Text, default="")


class Hold(Base):
    __tablename__ = "holds"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("order_items.id", ondelete="CASCADE"), default=None
    )
    reason: Mapped[str] = mapped_column(String(500))
    placed_by: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime]
    released: Mapped[bool] = mapped_column(Boolean, default=False)
    released_by: Mapped[str | None] = mapped_column(String(64), default=None)
    released_at: Mapped[datetime | None] = mapped_column(default=None)


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class HistoryEntry(Base):
    """Append-only: the database refuses UPDATE and DELETE (see the migration).

    ``order_id`` carries no foreign key so that a deleted order keeps its history (ORD-8).
    """

    __tablename__ = "history"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int | None] = mapped_column(Integer, default=None)
    customer_id: Mapped[int | None] = mapped_column(Integer, default=None)
    order_number: Mapped[str] = mapped_column(String(40), default="")
    at: Mapped[datetime]
    user: Mapped[str] = mapped_column(String(64))
    activity: Mapped[str] = mapped_column(String(80))
    detail: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


class EditLock(Base):
    __tablename__ = "edit_locks"
    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(64))
    workstation: Mapped[str] = mapped_column(String(200), default="")
    acquired_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    epoch: Mapped[int] = mapped_column(Integer)


Index("ix_orders_status_created", Order.status, Order.created_at)
# customer_search too: the name search walks this index testing the name without reading rows.
Index("ix_orders_created", Order.created_at, Order.customer_search)
Index("ix_orders_customer", Order.customer_id, Order.created_at)
Index("ix_orders_email", Order.customer_email)
Index("ix_orders_store_created", Order.store_id, Order.created_at)
Index("ix_history_order", HistoryEntry.order_id, HistoryEntry.id)
Index("ix_items_waiting", OrderItem.product_id, OrderItem.fulfillment_status)


class OrderPromotion(Base):
    """A promotion an order was priced with: frozen from submit on (PRC-2), counted as a use (PRC-8)."""

    __tablename__ = "order_promotions"
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    promotion_id: Mapped[int] = mapped_column(
        ForeignKey("promotions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
