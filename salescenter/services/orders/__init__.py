"""The order aggregate: its lifecycle, lines, payments, blocks, pricing and fulfillment."""

from .service import OrderService

__all__ = ["OrderService"]
