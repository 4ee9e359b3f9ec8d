"""The order service of a desk: every order operation of API.md in one namespace."""

from __future__ import annotations

from .blocks import OrderBlocks
from .create import OrderCreation
from .flow import OrderFlow
from .lines import OrderLines
from .query import OrderQueries
from .repricing import OrderRepricing


class OrderService(OrderCreation, OrderLines, OrderFlow, OrderBlocks, OrderQueries, OrderRepricing):
    """Create, change, move and find orders; each change is one committed unit."""
