"""The pricing pipeline: half-up line totals, totals that are sums of rounded lines."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from salescenter.models import Order, OrderItem, Promotion, Store
from salescenter.services.orders.pricing import reprice

NOW = datetime(2026, 11, 21, 12, 0)
CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def _item(sku: str, price: str | Decimal, quantity: int, percent: str = "0") -> OrderItem:
    return OrderItem(sku=sku, name=sku, quantity=quantity, list_price=Decimal(price),
                     placed_price=Decimal(price), discount_percent=Decimal(percent), discount=ZERO,
                     line_total=ZERO, fulfillment_status=None)


def _order(*items: OrderItem, tax: str = "0", method: str = "standard", coupon: str | None = None,
           status: str = "pending") -> Order:
    return Order(status=status, store=Store(tax_rate=Decimal(tax), currency="USD"), items=list(items),
                 shipping_method=method, fixed_shipping=False, shipping_total=ZERO, coupon_code=coupon)


def _promo(**fields: object) -> Promotion:
    base: dict[str, object] = {"active": True, "starts": None, "ends": None, "coupon_code": None,
                               "sku": None, "min_subtotal": None, "percent_off": None, "amount_off": None}
    base.update(fields)
    return Promotion(name="promo", **base)


def _assert_adds_up(order: Order) -> None:
    lines = [i for i in order.items if i.fulfillment_status != "canceled"]
    line_sum = sum((i.line_total for i in lines), ZERO)
    assert order.subtotal - order.discount_total == line_sum
    assert order.total == line_sum + order.shipping_total + order.tax_total
    for amount in (order.subtotal, order.discount_total, order.tax_total, order.total,
                   *(i.line_total for i in lines), *(i.discount for i in lines)):
        assert amount == amount.quantize(CENT)
    assert all(i.line_total >= 0 and i.discount >= 0 for i in lines)


def test_pricing_line_total_rounds_half_up() -> None:
    order = _order(_item("A", "3.35", 3))  # 10.05 less 10% = 9.045
    reprice(order, [_promo(percent_off=Decimal("10"), sku="A")], NOW)
    assert order.items[0].line_total == Decimal("9.05")  # half-even would give 9.04
    assert order.items[0].discount == Decimal("1.00")
    _assert_adds_up(order)


def test_pricing_line_discount_percent_rounds_half_up() -> None:
    order = _order(_item("A", "0.05", 1, percent="10"))  # 0.045
    reprice(order, [], NOW)
    assert order.items[0].line_total == Decimal("0.05")


def test_pricing_tax_rounds_half_up_on_the_rounded_lines() -> None:
    order = _order(_item("A", "10.00", 1), tax="0.0825", method="pickup")  # 0.825
    reprice(order, [], NOW)
    assert order.tax_total == Decimal("0.83") and order.total == Decimal("10.83")


def test_pricing_order_discount_is_spread_over_lines_exactly() -> None:
    order = _order(_item("A", "10.00", 1), _item("B", "10.00", 1), _item("C", "10.00", 1))
    reprice(order, [_promo(amount_off=Decimal("10.00"))], NOW)
    assert order.discount_total == Decimal("10.00")
    assert sorted(i.line_total for i in order.items) == [Decimal("6.66"), Decimal("6.67"), Decimal("6.67")]
    _assert_adds_up(order)


def test_pricing_amount_off_never_goes_below_zero() -> None:
    order = _order(_item("A", "3.00", 1))
    reprice(order, [_promo(amount_off=Decimal("50.00"))], NOW)
    assert order.items[0].line_total == ZERO and order.discount_total == Decimal("3.00")
    _assert_adds_up(order)


def test_pricing_coupon_promotion_needs_its_code() -> None:
    promo = _promo(percent_off=Decimal("10"), coupon_code="SAVE10")
    without = _order(_item("A", "20.00", 1))
    reprice(without, [promo], NOW)
    with_code = _order(_item("A", "20.00", 1), coupon="save10")
    reprice(with_code, [promo], NOW)
    assert without.discount_total == ZERO and with_code.discount_total == Decimal("2.00")


def test_pricing_expired_promotion_does_not_apply() -> None:
    order = _order(_item("A", "20.00", 1))
    reprice(order, [_promo(percent_off=Decimal("10"), ends=datetime(2020, 1, 1))], NOW)
    assert order.discount_total == ZERO


def test_pricing_shipping_by_method_and_free_standard_from_100() -> None:
    small, large, express = (_order(_item("A", "20.00", 1)), _order(_item("A", "50.00", 2)),
                             _order(_item("A", "50.00", 2), method="express"))
    for order in (small, large, express):
        reprice(order, [], NOW)
    assert small.shipping_total == Decimal("7.95")
    assert large.shipping_total == ZERO
    assert express.shipping_total == Decimal("19.95")
    empty = _order()
    reprice(empty, [], NOW)
    assert empty.total == ZERO and empty.shipping_total == ZERO


def test_pricing_canceled_lines_count_for_nothing() -> None:
    keep, gone = _item("A", "20.00", 1), _item("B", "30.00", 1)
    gone.fulfillment_status = "canceled"
    order = _order(keep, gone, method="pickup")
    reprice(order, [], NOW)
    assert order.subtotal == Decimal("20.00") and gone.line_total == ZERO
    _assert_adds_up(order)


def test_pricing_submitted_order_keeps_its_discounts() -> None:
    item = _item("A", "20.00", 1)
    order = _order(item)
    reprice(order, [_promo(percent_off=Decimal("10"))], NOW)
    order.status = "pending_payment_authorization"
    reprice(order, [], NOW)  # the promotion ended since; the sale stands
    assert item.line_total == Decimal("18.00") and order.discount_total == Decimal("2.00")


prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)
percents = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100"), places=2)
lines = st.lists(st.tuples(prices, st.integers(1, 10_000), st.sampled_from(["0", "5", "12.5", "33.33"])),
                 min_size=1, max_size=8)
promotions = st.lists(st.one_of(
    st.builds(lambda p: _promo(percent_off=p), percents),
    st.builds(lambda a: _promo(amount_off=a), prices),
    st.builds(lambda p, i: _promo(percent_off=p, sku=f"S{i}"), percents, st.integers(0, 7)),
    st.builds(lambda a, i: _promo(amount_off=a, sku=f"S{i}"), prices, st.integers(0, 7)),
), max_size=3)


@settings(max_examples=300, deadline=None)
@given(lines, promotions, st.sampled_from(["0", "0.0825", "0.2", "0.0001"]),
       st.sampled_from(["standard", "express", "pickup"]))
def test_pricing_totals_are_sums_of_rounded_lines(
    rows: list[tuple[Decimal, int, str]], promos: list[Promotion], tax: str, method: str
) -> None:
    items = [_item(f"S{n}", price, quantity, percent) for n, (price, quantity, percent) in enumerate(rows)]
    order = _order(*items, tax=tax, method=method)
    reprice(order, promos, NOW)
    _assert_adds_up(order)
    assert order.subtotal == sum((i.placed_price * i.quantity for i in items), ZERO)
    exact_tax = sum((i.line_total for i in items), ZERO) * Decimal(tax)
    assert order.tax_total == exact_tax.quantize(CENT, rounding=ROUND_HALF_UP)
