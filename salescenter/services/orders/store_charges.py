"""A store's charges as the pricing pipeline reads them: tax by destination (PRC-5),
shipping by method (PRC-4) and list prices per store.

A store with no tax rates of its own keeps its one flat rate on merchandise (as
stores were set up before rates by destination existed); once it has rates, an
order is taxed at the rate of its ship-to's region, else its country, else not at
all (the store does not collect tax there). A tax-exempt customer pays none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Order, Product, ProductPrice, ShippingRate, TaxRate
from ..validation import round_money

ZERO = Decimal("0.00")
# Names a rep may have typed for the countries most orders go to.
_COUNTRY_NAMES = {"USA": "US", "UNITED STATES": "US", "UNITED STATES OF AMERICA": "US", "CANADA": "CA",
                  "UNITED KINGDOM": "GB", "UK": "GB", "GERMANY": "DE", "FRANCE": "FR", "MEXICO": "MX"}


@dataclass(frozen=True)
class StoreCharges:
    flat_rate: Decimal
    tax: dict[tuple[str, str], tuple[Decimal, bool]] = field(default_factory=dict)
    shipping: dict[str, tuple[Decimal, Decimal | None]] = field(default_factory=dict)

    def tax_at(self, country: str, region: str) -> tuple[Decimal, bool]:
        """The rate for a destination and whether shipping is taxed there."""
        if not self.tax:
            return self.flat_rate, False
        where = country_of(country)
        area = " ".join(region.split()).upper()
        return self.tax.get((where, area)) or self.tax.get((where, "")) or (Decimal("0"), False)


def country_of(text: str) -> str:
    cleaned = " ".join((text or "").split()).upper()
    return _COUNTRY_NAMES.get(cleaned, cleaned)


def charges_of(session: Session, order: Order) -> StoreCharges:
    store = order.store
    tax = {
        (row.country, " ".join(row.region.split()).upper()): (row.rate, row.tax_shipping)
        for row in session.scalars(select(TaxRate).where(TaxRate.store_id == store.id))
    }
    shipping = {
        row.method: (row.amount, row.free_over)
        for row in session.scalars(select(ShippingRate).where(ShippingRate.store_id == store.id))
    }
    return StoreCharges(store.tax_rate, tax, shipping)


def tax_for(order: Order, merchandise: Decimal, shipping: Decimal, charges: StoreCharges, *,
            destination: tuple[str, str] | None = None) -> Decimal:
    """Tax on what goes to one destination (country, region); the order's ship-to by default."""
    if order.customer is not None and order.customer.tax_exempt:
        return ZERO
    country, region = destination or (order.ship_country, order.ship_region)
    rate, shipping_taxed = charges.tax_at(country, region)
    base = merchandise + (shipping if shipping_taxed else ZERO)
    return round_money(base * rate)


def list_price_in(session: Session, product: Product, store_id: int) -> Decimal:
    """PRC-4: the product's price in this store (its currency), else its catalog list price."""
    price = session.scalar(select(ProductPrice.price).where(
        ProductPrice.product_id == product.id, ProductPrice.store_id == store_id))
    return price if price is not None else product.list_price
