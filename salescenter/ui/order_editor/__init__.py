"""The order editor (issue 3): Summary, Items, Shipping, Payments, Blocks and holds, Notes, History."""

from .editor import OrderEditor

__all__ = ["OrderEditor"]
