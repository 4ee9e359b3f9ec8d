"""The catalog aggregate: products, bundles, associations and promotions (and stock arriving)."""

from .promotion_changes import CatalogPromotions
from .service import ASSOCIATION_KINDS, CatalogBasics, clean_sku, like_pattern, product_by_sku
from .store_prices import CatalogPrices


class CatalogService(CatalogBasics, CatalogPrices, CatalogPromotions):
    """Products, bundles, associations, promotions, and prices per store."""


__all__ = ["ASSOCIATION_KINDS", "CatalogService", "clean_sku", "like_pattern", "product_by_sku"]
