"""ORM models, one module per aggregate; importing this registers every table."""

from .audit import AuditRecord
from .base import Base
from .catalog import Association, BundleComponent, Product, Promotion
from .order import (
    Block,
    EditLock,
    HistoryEntry,
    Hold,
    Note,
    Order,
    OrderItem,
    OrderPromotion,
    Payment,
    ShipTo,
)
from .people import Address, Customer, Preference, Store, User
from .rates import ProductPrice, ShippingRate, TaxRate
from .returns import Return, ReturnLine
from .sessions import DeskSession, SignInFailures
from .tickler import Tickler, TicklerAction

__all__ = [
    "Address", "Association", "AuditRecord", "Base", "Block", "BundleComponent", "Customer",
    "DeskSession", "EditLock", "HistoryEntry", "Hold", "Note", "Order", "OrderItem", "OrderPromotion",
    "Payment", "Preference", "Product", "ProductPrice", "Promotion", "Return", "ReturnLine",
    "ShipTo", "ShippingRate", "SignInFailures", "Store", "TaxRate", "Tickler", "TicklerAction", "User"
]
