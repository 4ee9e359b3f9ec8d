"""The store aggregate: stores, their payment methods and block reasons."""

from .rates import StoreRates
from .service import (
    DEFAULT_BLOCK_REASONS,
    PAYMENT_METHODS,
    STORE_KINDS,
    StoreBasics,
    store_by_code,
    store_view,
)


class StoreService(StoreBasics, StoreRates):
    """Stores: create and find them, change their settings, set what they charge."""


__all__ = [
    "DEFAULT_BLOCK_REASONS", "PAYMENT_METHODS", "STORE_KINDS", "StoreService", "store_by_code",
    "store_view",
]
