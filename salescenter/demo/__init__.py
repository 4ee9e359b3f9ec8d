"""A realistic, repeatable demo data set, loaded through the public API only."""

from .loader import DEFAULT_CUSTOMERS, DEFAULT_ORDERS, DEFAULT_SEED, DemoReport, has_orders, load_demo
from .setup import DEMO_FIRST_SIGN_IN, DEMO_PASSWORDS, DEMO_ROLES

__all__ = [
    "DEFAULT_CUSTOMERS", "DEFAULT_ORDERS", "DEFAULT_SEED", "DEMO_FIRST_SIGN_IN", "DEMO_PASSWORDS",
    "DEMO_ROLES",
    "DemoReport", "has_orders", "load_demo",
]
