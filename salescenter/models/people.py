"""Users, stores, customers and their address books."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Code, Rate, ShortText, Timestamp


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Timestamp]


class Store(Base):
    __tablename__ = "stores"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[Code] = mapped_column(unique=True)
    name: Mapped[ShortText]
    kind: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    review_threshold: Mapped[Decimal | None] = mapped_column(default=None)
    tax_rate: Mapped[Rate] = mapped_column(default=Decimal("0"))
    payment_methods: Mapped[str] = mapped_column(String(200))
    block_reasons: Mapped[str] = mapped_column(Text, default="")
    return_days: Mapped[int] = mapped_column(Integer, default=30)  # the return window (RET-2)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(201))
    search_name: Mapped[str] = mapped_column(String(201))
    company: Mapped[str | None] = mapped_column(String(200), default=None)
    email: Mapped[str | None] = mapped_column(String(254), default=None, index=True)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    phone_digits: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    external_ref: Mapped[str | None] = mapped_column(String(100), default=None, unique=True)
    credit_limit: Mapped[Decimal | None] = mapped_column(default=None)
    tax_exempt: Mapped[bool] = mapped_column(Boolean, default=False)  # PRC-5
    # No foreign key: customers and addresses would reference each other.
    billing_address_id: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[Timestamp]
    addresses: Mapped[list[Address]] = relationship(
        back_populates="customer",
        lazy="raise",
        foreign_keys="Address.customer_id",
        order_by="Address.id",
    )


class Address(Base):
    """An address-book entry. Orders copy addresses, so edits never reach them (ADR-2)."""

    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    line1: Mapped[str] = mapped_column(String(200), default="")
    line2: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    customer: Mapped[Customer] = relationship(
        back_populates="addresses", lazy="raise", foreign_keys=[customer_id]
    )


class Preference(Base):
    """Per-user order preferences (ORD-15)."""

    __tablename__ = "preferences"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    default_store: Mapped[str | None] = mapped_column(String(40), default=None)
    shipping_method: Mapped[str | None] = mapped_column(String(40), default=None)
    results_per_page: Mapped[int] = mapped_column(Integer, default=50)


Index("ix_customers_search_name", Customer.search_name)
