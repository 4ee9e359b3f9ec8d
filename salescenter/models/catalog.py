"""Products, bundles, merchandising associations and promotions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Money, ShortText


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[ShortText]
    description: Mapped[str] = mapped_column(Text, default="")
    list_price: Mapped[Money]
    stock: Mapped[int] = mapped_column(Integer, default=0)
    restock_date: Mapped[date | None] = mapped_column(Date, default=None)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    is_bundle: Mapped[bool] = mapped_column(Boolean, default=False)
    components: Mapped[list[BundleComponent]] = relationship(
        foreign_keys="BundleComponent.bundle_id", lazy="raise", order_by="BundleComponent.id"
    )


class BundleComponent(Base):
    __tablename__ = "bundle_components"
    __table_args__ = (UniqueConstraint("bundle_id", "component_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    component_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    component: Mapped[Product] = relationship(foreign_keys=[component_id], lazy="raise")


class Association(Base):
    __tablename__ = "associations"
    __table_args__ = (UniqueConstraint("product_id", "other_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    other: Mapped[Product] = relationship(foreign_keys=[other_id], lazy="raise")


class Promotion(Base):
    __tablename__ = "promotions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[ShortText]
    percent_off: Mapped[Decimal | None] = mapped_column(default=None)
    amount_off: Mapped[Decimal | None] = mapped_column(default=None)
    # A code is reused once the promotion that had it has ended (PRC-8), so it is not unique.
    coupon_code: Mapped[str | None] = mapped_column(String(40), index=True, default=None)
    sku: Mapped[str | None] = mapped_column(String(64), default=None)
    min_subtotal: Mapped[Decimal | None] = mapped_column(default=None)
    starts: Mapped[datetime | None] = mapped_column(default=None)
    ends: Mapped[datetime | None] = mapped_column(default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    uses_per_customer: Mapped[int | None] = mapped_column(Integer, default=None)
    max_uses: Mapped[int | None] = mapped_column(Integer, default=None)
    # The currency of amount_off: it applies only to orders in that currency (PRC-4).
    currency: Mapped[str | None] = mapped_column(String(3), default=None)
