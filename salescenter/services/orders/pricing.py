"""The one pricing pipeline, re-run after every change to an order.

list price -> placed price -> item promotions and line discount percent ->
order promotions prorated onto lines -> shipping by method -> tax by store rate.
Every line total is rounded half-up to cents and every order total is a sum of
rounded lines, so the order always adds up to what the rep sees line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from ...errors import ValidationError
from ...labels import SHIPPING_NAMES as SHIPPING_NAMES
from ...models import Order, OrderItem, Promotion
from ..validation import MAX_MONEY, round_money
from . import destinations, lifecycle
from .line_counts import billed
from .store_charges import StoreCharges, tax_for

ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
SHIPPING_RATES = {
    "standard": Decimal("7.95"),
    "express": Decimal("19.95"),
    "overnight": Decimal("34.95"),
    "pickup": ZERO,
}
FREE_STANDARD_SHIPPING_FROM = Decimal("100.00")


def promotion_live(promo: Promotion, now: datetime) -> bool:
    return bool(promo.active) and (promo.starts is None or promo.starts <= now) and (
        promo.ends is None or now <= promo.ends
    )


def applicable(promo: Promotion, order: Order, now: datetime, *, frozen: bool = False) -> tuple[bool, str]:
    """Whether a promotion applies to the order now, and why not when it does not (ORD-13).

    ``frozen``: the promotion is one the order was sold with, so its dates no longer matter.
    """
    if not frozen and not promotion_live(promo, now):
        return False, "Not running now."
    money_in = promo.currency or "USD"
    if promo.amount_off is not None and money_in != order.store.currency:  # PRC-4
        return False, f"Its amount off is in {money_in}; this order is in {order.store.currency}."
    if promo.coupon_code and (order.coupon_code or "").upper() != promo.coupon_code:
        return False, f"Needs coupon {promo.coupon_code}."
    lines = live_items(order)
    if promo.sku and not any(item.sku == promo.sku for item in lines):
        return False, f"Add {promo.sku} to the order."
    gross = sum((gross_of(item) for item in lines), ZERO)
    if promo.min_subtotal is not None and gross < promo.min_subtotal:
        return False, f"Order subtotal must reach {promo.min_subtotal}."
    return True, "Applies to this order."


def live_items(order: Order) -> list[OrderItem]:
    return [item for item in order.items if lifecycle.line_live(item)]


def gross_of(item: OrderItem) -> Decimal:
    """The line at its placed price for the units not canceled (CAN-1)."""
    return round_money(item.placed_price * billed(item))


def reprice(order: Order, promotions: Sequence[Promotion], now: datetime, *, frozen: bool = False,
            charges: StoreCharges | None = None) -> None:
    charges = charges or StoreCharges(order.store.tax_rate)
    lines = live_items(order)
    for item in order.items:
        if lifecycle.line_canceled(item):
            item.discount, item.line_total = ZERO, ZERO
    if lifecycle.reprices(order):
        _price_lines(order, lines, [p for p in promotions if applicable(p, order, now, frozen=frozen)[0]])
        order.shipping_total = shipping_for(order, lines, charges)
    else:
        for item in lines:
            item.line_total = gross_of(item) - item.discount
    merchandise = sum((item.line_total for item in lines), ZERO)
    order.subtotal = sum((gross_of(item) for item in lines), ZERO)
    order.discount_total = sum((item.discount for item in lines), ZERO)
    if order.ship_tos:  # SHP-1: shipping and tax per ship-to, each to its own destination
        _charge_ship_tos(order, lines, charges, rerate=lifecycle.reprices(order))
        order.shipping_total = sum((ship_to.shipping_total for ship_to in order.ship_tos), ZERO)
        order.tax_total = sum((ship_to.tax_total for ship_to in order.ship_tos), ZERO)
    else:
        order.tax_total = tax_for(order, merchandise, order.shipping_total, charges)  # PRC-5
    order.total = merchandise + order.shipping_total + order.tax_total
    check_money_range(order)


def check_money_range(order: Order) -> None:
    """Refuse, before anything is written, an order whose amounts its columns cannot hold.

    SQLite would store 12,345,678,901.00 in a Numeric(12,2) column (no payment could ever
    cover it) and PostgreSQL would refuse it at commit: both refuse it here, the same way.
    """
    largest = max((order.subtotal, order.total, *(gross_of(item) for item in live_items(order))))
    if largest > MAX_MONEY:
        raise ValidationError(
            f"Order total {order.total:,} (subtotal {order.subtotal:,}) is too large: an order can "
            f"total at most {MAX_MONEY:,}. Lower a quantity or split the order.", "Total",
        )


def _price_lines(order: Order, lines: list[OrderItem], promos: list[Promotion]) -> None:
    for item in lines:
        count = billed(item)
        exact = item.placed_price * count * (1 - item.discount_percent / HUNDRED)
        for promo in promos:
            if promo.sku == item.sku:
                if promo.percent_off is not None:
                    exact -= exact * promo.percent_off / HUNDRED
                elif promo.amount_off is not None:
                    exact -= promo.amount_off * count
        item.line_total = max(round_money(exact), ZERO)
        item.discount = gross_of(item) - item.line_total
    for promo in promos:
        if promo.sku is None:
            _prorate(lines, _order_discount(promo, lines))


def _order_discount(promo: Promotion, lines: list[OrderItem]) -> Decimal:
    base = sum((item.line_total for item in lines), ZERO)
    if promo.percent_off is not None:
        return min(round_money(base * promo.percent_off / HUNDRED), base)
    return min(promo.amount_off or ZERO, base)


def _prorate(lines: list[OrderItem], discount: Decimal) -> None:
    """Spread an order-level discount over the lines, the rounding rest on the largest."""
    base = sum((item.line_total for item in lines), ZERO)
    if discount <= 0 or base <= 0:
        return
    shares = [round_money(discount * item.line_total / base) for item in lines]
    largest = max(range(len(lines)), key=lambda i: lines[i].line_total)
    shares[largest] += discount - sum(shares, ZERO)
    for item, share in zip(lines, shares, strict=True):
        share = min(share, item.line_total)
        item.line_total -= share
        item.discount += share


def _charge_ship_tos(order: Order, lines: list[OrderItem], charges: StoreCharges, *, rerate: bool) -> None:
    """Each ship-to's shipping (its rate, its override, or an imported fixed charge) and the tax
    of its destination on its lines and, where the region taxes it, its shipping (PRC-5, PRC-6).

    ``rerate``: the order is still being put together; otherwise the charges stand as sold.
    """
    for ship_to in order.ship_tos:
        mine = destinations.lines_of(order, ship_to, lines)
        if rerate:
            ship_to.rated_shipping = shipping_by_method(destinations.method_of(order, ship_to), mine, charges)
            if ship_to.override_amount is not None:
                ship_to.shipping_total = ship_to.override_amount
            elif not (order.fixed_shipping and destinations.is_first(order, ship_to)):
                ship_to.shipping_total = ship_to.rated_shipping
        where = destinations.address_of(order, ship_to)
        merchandise = sum((item.line_total for item in mine), ZERO)
        ship_to.tax_total = tax_for(order, merchandise, ship_to.shipping_total, charges,
                                    destination=(where["country"], where["region"]))


def shipping_for(order: Order, lines: list[OrderItem], charges: StoreCharges | None = None) -> Decimal:
    if order.fixed_shipping:
        return order.shipping_total
    return shipping_by_method(order.shipping_method, lines, charges)


def shipping_by_method(method: str, lines: list[OrderItem], charges: StoreCharges | None = None) -> Decimal:
    """What a method charges to ship these lines: the store's own rate, else the house rate."""
    if not lines:
        return ZERO
    merchandise = sum((item.line_total for item in lines), ZERO)
    if charges is not None and method in charges.shipping:  # PRC-4: the store's own rate
        amount, free_over = charges.shipping[method]
        return ZERO if free_over is not None and merchandise >= free_over else amount
    rate = SHIPPING_RATES.get(method, SHIPPING_RATES["standard"])
    if method == "standard" and merchandise >= FREE_STANDARD_SHIPPING_FROM:
        return ZERO
    return rate
