"""ORM models, one module per aggregate; importing this registers every table."""

from .base import Base
from .catalog import Association, BundleComponent, Product, Promotion
from .order import Block, EditLock, HistoryEntry, Hold, Note, Order, OrderItem, Payment
from .people import Address, Customer, Preference, Store, User

__all__ = [
    "Address", "Association", "Base", "Block", "BundleComponent", "Customer", "EditLock",
    "HistoryEntry", "Hold", "Note", "Order", "OrderItem", "Payment", "Preference", "Product",
    "Promotion", "Store", "User",
]
