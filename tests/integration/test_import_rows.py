"""The per-row checks of the import, without a database."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salescenter.services.transfer.rows import LineRow, RowError, line_row, line_total, order_row

NOW = datetime(2026, 11, 21, 12, 0)
ORDER = {
    "order_ref": "R-1", "store": "US", "customer_ref": "C-1", "created_at": "2026-11-21T08:00:00+02:00",
    "status": "shipped", "ship_name": "", "ship_line1": "", "ship_line2": "", "ship_city": "",
    "ship_region": "", "ship_postal_code": "", "ship_country": "", "shipping_method": "",
    "shipping_total": "", "shipped_at": "", "required_at": "2027-01-01",
}


@given(
    quantity=st.integers(1, 10_000),
    cents=st.integers(0, 10_000_000),
    discount_cents=st.integers(0, 10_000),
)
def test_import_line_total_is_quantity_price_discount_rounded_half_up(
    quantity: int, cents: int, discount_cents: int
) -> None:
    price, discount = Decimal(cents) / 100, Decimal(discount_cents) / 100
    row = LineRow(line=2, sku="S", quantity=quantity, placed_price=price, discount_percent=discount)
    exact = Decimal(quantity) * price * (Decimal(100) - discount) / Decimal(100)
    assert line_total(row) == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_import_dates_with_a_zone_are_stored_as_utc_and_empty_means_none() -> None:
    row = order_row(2, ORDER, NOW)
    assert row.created_at == datetime(2026, 11, 21, 6, 0)
    assert (row.shipping_method, row.shipping_total, row.shipped_at) == ("standard", Decimal("0.00"), None)
    assert row.required_at == datetime(2027, 1, 1)  # a required-by date may lie ahead


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("created_at", "2026-11-21T12:00:01", "in the future"),
    ("created_at", "21/11/2026", "not a date"),
    ("created_at", "", "is required"),
    ("shipped_at", "2026-11-20", "before the order was created"),
    ("shipping_total", "-7.95", "more than zero"),
    ("shipping_method", "teleport", "must be one of"),
    ("ship_city", "x" * 101, "too long"),
    ("ship_name", "tab\x07bell", "control character"),
])
def test_import_order_row_names_the_refused_column(column: str, value: str, reason: str) -> None:
    with pytest.raises(RowError) as refused:
        order_row(2, {**ORDER, column: value}, NOW)
    assert refused.value.column == column
    assert reason in refused.value.reason


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("quantity", "-2", "at least 1"),
    ("quantity", "1.5", "whole number"),
    ("quantity", "", "whole number"),
    ("placed_price", "1,99", "amount such as"),
    ("placed_price", "1.999", "at most 2 decimals"),
    ("discount_percent", "100.01", "at most 100"),
    ("sku", "A B", "cannot contain spaces"),
])
def test_import_line_row_names_the_refused_column(column: str, value: str, reason: str) -> None:
    values = {"order_ref": "R-1", "sku": "wid-1", "quantity": "2", "placed_price": "1.00",
              "discount_percent": ""}
    ref, line = line_row(3, values)
    assert (ref, line.sku, line.discount_percent) == ("R-1", "WID-1", Decimal("0.00"))
    with pytest.raises(RowError) as refused:
        line_row(3, {**values, column: value})
    assert refused.value.column == column
    assert reason in refused.value.reason
