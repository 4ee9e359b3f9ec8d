"""Steps the order tests share: carts, submitted, paid and released orders, and checks."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import update

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.models import Order, Promotion
from salescenter.services.views import OrderView
from tests.conftest import World

ELSEWHERE = {"name": "Mercy at work", "line1": "400 Office Park", "city": "Chicago",
             "region": "IL", "postal_code": "60601", "country": "US", "phone": "555-010-3000"}
LONG_AGO = datetime(2020, 1, 1)


def cart(desk: Desk, world: World, *lines: tuple[str, int], customer_id: int | None = None) -> OrderView:
    order = desk.orders.create(world.store, customer_id or world.customer_id)
    for sku, quantity in lines:
        order = desk.orders.add_item(order.id, sku, quantity)
    return order


def submitted(desk: Desk, world: World, *lines: tuple[str, int]) -> OrderView:
    order = cart(desk, world, *(lines or (("WID-1", 1),)))
    return desk.orders.submit(order.id)


def paid(desk: Desk, world: World, *lines: tuple[str, int], method: str = "credit_card") -> OrderView:
    order = submitted(desk, world, *lines)
    return desk.orders.add_payment(order.id, method, order.total)


def released(desk: Desk, world: World, *lines: tuple[str, int]) -> OrderView:
    order = paid(desk, world, *lines)
    return desk.orders.release(order.id)


def assert_totals_add_up(order: OrderView) -> None:
    """Order totals are sums of the rounded lines the rep sees."""
    lines = [i for i in order.items if i.fulfillment_status != "canceled"]
    line_sum = sum((i.line_total for i in lines), Decimal("0.00"))
    assert order.subtotal == sum((i.placed_price * i.quantity for i in lines), Decimal("0.00"))
    assert order.subtotal - order.discount_total == line_sum
    assert order.total == line_sum + order.shipping_total + order.tax_total
    for value in (order.subtotal, order.discount_total, order.shipping_total, order.tax_total,
                  order.total, *(i.line_total for i in order.items)):
        assert value == value.quantize(Decimal("0.01"))


def expire_promotions(sc: SalesCenter) -> None:
    """Time passes: every promotion has ended."""
    with sc.engine.begin() as connection:
        connection.execute(update(Promotion).values(ends=LONG_AGO))


def set_order_columns(sc: SalesCenter, order_id: int, **values: Any) -> None:
    """Time passes for one order (created date, quote expiry) without waiting for it."""
    with sc.engine.begin() as connection:
        connection.execute(update(Order).where(Order.id == order_id).values(**values))


def accepted(desk: Desk, world: World, *lines: tuple[str, int]) -> OrderView:
    """A submitted order whose availability exceptions the rep accepted."""
    order = desk.orders.create(world.store, world.customer_id)
    for sku, quantity in lines:
        order = desk.orders.add_item(order.id, sku, quantity)
    for item in order.items:
        if item.flag:
            order = desk.orders.accept_item(order.id, item.id)
    return desk.orders.submit(order.id)
