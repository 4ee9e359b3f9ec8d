"""The order service of a desk: every order operation of API.md in one namespace."""

from __future__ import annotations

from .orders_blocks import OrderBlocks
from .orders_create import OrderCreation
from .orders_flow import OrderFlow
from .orders_lines import OrderLines
from .orders_query import OrderQueries


class OrderService(OrderCreation, OrderLines, OrderFlow, OrderBlocks, OrderQueries):
    """Create, change, move and find orders; each change is one committed unit."""
