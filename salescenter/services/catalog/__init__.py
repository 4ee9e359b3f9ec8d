"""The catalog aggregate: products, bundles, associations and promotions (and stock arriving)."""

from .service import ASSOCIATION_KINDS, CatalogService, clean_sku, like_pattern, product_by_sku

__all__ = ["ASSOCIATION_KINDS", "CatalogService", "clean_sku", "like_pattern", "product_by_sku"]
