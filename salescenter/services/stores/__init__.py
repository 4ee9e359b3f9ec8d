"""The store aggregate: stores, their payment methods and block reasons."""

from .service import (
    DEFAULT_BLOCK_REASONS,
    PAYMENT_METHODS,
    STORE_KINDS,
    StoreService,
    store_by_code,
    store_view,
)

__all__ = [
    "DEFAULT_BLOCK_REASONS", "PAYMENT_METHODS", "STORE_KINDS", "StoreService", "store_by_code",
    "store_view",
]
