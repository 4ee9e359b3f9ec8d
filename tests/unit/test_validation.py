"""Input checks: each refusal is a ValidationError naming the field in a rep's words."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescenter import errors
from salescenter.services import validation as v


@pytest.mark.parametrize("value", ["", "   ", None, "\t"])
def test_validation_required_text_refuses_empty(value: object) -> None:
    with pytest.raises(errors.ValidationError, match="First name is required") as refused:
        v.text(value, "First name")
    assert refused.value.field == "First name"


@pytest.mark.parametrize(("value", "why"), [
    ("Ann\x00", "invalid character"), ("a\nb", "one line"), ("a\x07b", "control character"),
    ("x" * 201, "too long"), (42, "must be text"),
])
def test_validation_text_refusals(value: object, why: str) -> None:
    with pytest.raises(errors.ValidationError, match=why):
        v.text(value, "Company")


def test_validation_text_is_trimmed_and_multiline_where_allowed() -> None:
    assert v.text("  Mercy ", "First name") == "Mercy"
    assert v.text("line one\nline two", "Note", multiline=True, max_length=4000) == "line one\nline two"
    assert v.optional_text("  ", "Company") is None


def test_validation_huge_text_is_not_echoed() -> None:
    with pytest.raises(errors.ValidationError) as refused:
        v.text("x" * 100_000, "Note", max_length=4000)
    assert "100,000" in refused.value.message and len(refused.value.message) < 120


@pytest.mark.parametrize("value", ["plain", "a@b", "a b@c.com", "@example.com", "a@@b.com", "a@b.c om"])
def test_validation_malformed_email(value: str) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        v.email(value)
    assert refused.value.field == "Email"


def test_validation_email_is_lowercased_and_optional() -> None:
    assert v.email(" Mercy@Example.COM ") == "mercy@example.com"
    assert v.email("") is None
    with pytest.raises(errors.ValidationError):
        v.email("", required=True)


@pytest.mark.parametrize("value", [0, -1, 10_001, 1.5, "2.5", "ten", None, True, float("nan"), "1e9"])
def test_validation_quantity_refusals(value: object) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        v.quantity(value)
    assert refused.value.field == "Quantity"


@pytest.mark.parametrize(("value", "expected"), [(1, 1), ("7", 7), (Decimal("3"), 3), (10_000, 10_000),
                                                 (2.0, 2)])
def test_validation_quantity_accepts_whole_numbers(value: object, expected: int) -> None:
    assert v.quantity(value) == expected


@pytest.mark.parametrize("value", ["19.999", "0.001", Decimal("1.005"), 0.125, "-1", "abc", None, True,
                                   float("inf"), "NaN", "1e30",
                                   # more digits than rounding to cents can hold
                                   Decimal("21958971428571428571428571357596.286"),
                                   "-21958971428571428571428571357596.286"])
def test_validation_money_refusals(value: object) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        v.money(value, "Placed price")
    assert refused.value.field == "Placed price"


@pytest.mark.parametrize(("value", "expected"), [
    ("19.99", Decimal("19.99")), (5, Decimal("5.00")), (0.1, Decimal("0.10")), ("19.990", Decimal("19.99")),
    (Decimal("7.5"), Decimal("7.50")), ("0", Decimal("0.00")),
])
def test_validation_money_accepts_cents(value: object, expected: Decimal) -> None:
    amount = v.money(value, "Amount")
    assert amount == expected and amount.as_tuple().exponent == -2


def test_validation_money_zero_where_not_allowed() -> None:
    with pytest.raises(errors.ValidationError, match="more than zero"):
        v.money("0", "Payment amount", allow_zero=False)


def test_validation_round_money_is_half_up() -> None:
    assert v.round_money(Decimal("0.125")) == Decimal("0.13")
    assert v.round_money(Decimal("0.135")) == Decimal("0.14")
    assert v.round_money(Decimal("2.675")) == Decimal("2.68")
    assert v.round_money(Decimal("0.124999")) == Decimal("0.12")


@pytest.mark.parametrize("value", ["", "1", "0.08251", "-0.1", "x"])
def test_validation_rate_refusals(value: str) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        v.rate(value, "Tax rate")
    assert refused.value.field == "Tax rate"


def test_validation_identifier_and_choice() -> None:
    assert v.identifier(5, "Order") == 5
    for bad in (0, -1, "5", True, 2**63, None):
        with pytest.raises(errors.ValidationError, match="Order"):
            v.identifier(bad, "Order")
    with pytest.raises(errors.ValidationError, match="credit_card"):
        v.choice("gold", "Payment method", ["credit_card", "check"])


def test_validation_dates() -> None:
    assert v.when(date(2026, 11, 21), "Start date") == datetime(2026, 11, 21)
    assert v.when("2026-11-21T10:30:00+00:00", "Start date") == datetime(2026, 11, 21, 10, 30)
    assert v.when(None, "Start date") is None
    with pytest.raises(errors.ValidationError, match="Start date"):
        v.when("next tuesday", "Start date")


def test_validation_address_names_the_part() -> None:
    good = {"line1": "1 Main St", "city": "Austin", "country": "US"}
    assert v.address(good).city == "Austin"
    for key, label in (("line1", "Street address"), ("city", "City"), ("country", "Country")):
        with pytest.raises(errors.ValidationError) as refused:
            v.address({**good, key: ""})
        assert refused.value.field == label
    with pytest.raises(errors.ValidationError) as refused:
        v.address({**good, "phone": "call me"})
    assert refused.value.field == "Address phone"
    with pytest.raises(errors.ValidationError):
        v.address(["1 Main St"])


def test_validation_search_key_folds_case_and_accents() -> None:
    assert v.search_key("Zoë MÜLLER") == "zoe muller"
    assert v.phone_key("+1 (555) 010-2000") == v.phone_key("5550102000") == "5550102000"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.integers(), st.floats(), st.none(), st.booleans(),
                 st.decimals(allow_nan=True, allow_infinity=True)))
def test_validation_any_input_is_accepted_or_refused_cleanly(value: object) -> None:
    """Nothing but ValidationError escapes the checks, whatever arrives."""
    for check in (lambda x: v.text(x, "Name"), lambda x: v.email(x), lambda x: v.quantity(x),
                  lambda x: v.money(x, "Amount"), lambda x: v.rate(x, "Tax rate"),
                  lambda x: v.phone(x), lambda x: v.when(x, "Date")):
        try:
            check(value)
        except errors.ValidationError as refused:
            assert refused.field
