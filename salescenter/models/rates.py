"""What a store charges: prices per product, tax by destination, shipping by method (PRC-4, PRC-5)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Money, Rate


class ProductPrice(Base):
    """A product's list price in one store, in that store's currency."""

    __tablename__ = "product_prices"
    __table_args__ = (UniqueConstraint("product_id", "store_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    price: Mapped[Money]


class TaxRate(Base):
    """Tax on what a store ships to a country, or to one region of it ("" for the whole country)."""

    __tablename__ = "tax_rates"
    __table_args__ = (UniqueConstraint("store_id", "country", "region"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    country: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(100), default="")
    rate: Mapped[Rate]
    tax_shipping: Mapped[bool] = mapped_column(Boolean, default=False)


class ShippingRate(Base):
    """A store's charge for a shipping method, in its currency, free from an amount on."""

    __tablename__ = "shipping_rates"
    __table_args__ = (UniqueConstraint("store_id", "method"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(40))
    amount: Mapped[Money]
    free_over: Mapped[Decimal | None] = mapped_column(default=None)
