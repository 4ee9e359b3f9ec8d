"""The demo's store charges: a CAD price list, tax by province and state, shipping rates in CAD."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..api import Desk
from . import data

CAD_PER_USD = Decimal("1.36")
# (store, country, region, rate, shipping taxed)
TAX_RATES = (
    ("US", "US", "", "0.0600", False),
    ("US", "US", "IL", "0.0825", False),
    ("US", "US", "OH", "0.0725", False),
    ("US", "US", "CA", "0.0725", False),
    ("US", "US", "NY", "0.0888", True),
    ("US", "US", "TX", "0.0825", True),
    ("CA", "CA", "", "0.0500", True),
    ("CA", "CA", "ON", "0.1300", True),
    ("CA", "CA", "NS", "0.1500", True),
    ("CA", "CA", "QC", "0.1498", True),
    ("CA", "CA", "BC", "0.1200", False),
    ("B2B", "US", "", "0.0600", False),
)
CAD_SHIPPING = (("standard", "10.95", "135.00"), ("express", "26.95", None), ("overnight", "46.95", None),
                ("pickup", "0.00", None))


def cad_price(usd: Decimal) -> Decimal:
    """A shelf price in CAD: the USD price converted and ending in .99."""
    whole = (usd * CAD_PER_USD).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return max(whole - Decimal("0.01"), Decimal("0.99"))


def make_store_charges(admin: Desk) -> None:
    """Safe to run again: each rate and price is set, not added."""
    for store, country, region, rate, taxed in TAX_RATES:
        admin.stores.set_tax_rate(store, country, rate, region=region or None, tax_shipping=taxed)
    for method, amount, free_over in CAD_SHIPPING:
        admin.stores.set_shipping_rate("CA", method, amount, free_over=free_over)
    for sku, _name, price, _about in data.PRODUCTS:
        admin.catalog.set_price(sku, "CA", cad_price(Decimal(price)))
    for bundle in data.BUNDLES:
        listed = admin.catalog.get(bundle[0]).list_price
        admin.catalog.set_price(bundle[0], "CA", cad_price(listed))
