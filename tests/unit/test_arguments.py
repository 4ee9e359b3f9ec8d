"""The argument checks every public operation runs first (salescenter/services/arguments.py)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

import salescenter.services
from salescenter import errors
from salescenter.api import Desk, SalesCenter
from salescenter.services.arguments import MAX_INTEGER, checked, unresolved_hints
from salescenter.services.context import Service


@checked
def add_item(order_id: int, sku: str, quantity: int = 1, *, placed_price: Decimal | str | None = None,
             lines: list[int] | None = None, note: Any = None) -> Any:
    return lines


def _service_classes() -> Iterator[type]:
    for module in pkgutil.walk_packages(salescenter.services.__path__, "salescenter.services."):
        importlib.import_module(module.name)
    pending = list(Service.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        yield cls


def _public_methods() -> list[tuple[str, Any]]:
    found = []
    for cls in [*_service_classes(), Desk, SalesCenter]:
        for name, value in vars(cls).items():
            if not name.startswith("_") and inspect.isfunction(value):
                found.append((f"{cls.__qualname__}.{name}", value))
    return sorted(found, key=lambda pair: pair[0])


def test_every_public_method_of_every_service_checks_its_arguments_against_hints_that_resolve() -> None:
    methods = _public_methods()
    assert len(methods) > 80
    unchecked = [name for name, method in methods if not getattr(method, "__checked__", False)]
    assert unchecked == []
    unresolved = {name: unresolved_hints(inspect.unwrap(method)) for name, method in methods}
    assert {name: params for name, params in unresolved.items() if params} == {}


@pytest.mark.parametrize(("call", "field", "words"), [
    (lambda: add_item(1, "WID-1", True), "Quantity", "Quantity must be a whole number."),
    (lambda: add_item(1, "WID-1", "5"), "Quantity", "Quantity must be a whole number."),
    (lambda: add_item(1, "WID-1", 2.0), "Quantity", "Quantity must be a whole number."),
    (lambda: add_item(True, "WID-1"), "Order", "Order must be a record number."),
    (lambda: add_item(Decimal("sNaN"), "WID-1"), "Order", "Order must be a record number."),
    (lambda: add_item(MAX_INTEGER + 1, "WID-1"), "Order", "Order is too large."),
    (lambda: add_item(-MAX_INTEGER - 1, "WID-1"), "Order", "Order is too small."),
    (lambda: add_item(1, "WID-1", placed_price=Decimal("NaN")), "Placed price",
     "Placed price must be an amount such as 19.99."),
    (lambda: add_item(1, "WID-1", placed_price=float("inf")), "Placed price",
     "Placed price must be an amount such as 19.99."),
    (lambda: add_item(1, "WID\x00-1"), "SKU", "SKU contains an invalid character (NUL)."),
    (lambda: add_item(1, "WID-\udcff"), "SKU", "SKU contains an invalid character."),
    (lambda: add_item(1, "WID-1", lines=(1, 2)), "Lines", "Lines must be a list."),
    (lambda: add_item(1, "WID-1", lines=[1, True]), "Lines", "Lines must be a list."),
    (lambda: add_item(1, "WID-1", note={"city": ["\udcff"]}), "City", "City contains an invalid character."),
    (lambda: add_item(1, "WID-1", note={"x": Decimal("Infinity")}), "Note", "Note must be a number."),
    (lambda: add_item(1), "SKU", "SKU is required."),
    (lambda: add_item(1, "WID-1", colour="red"), "colour", "Add item has no field 'colour'."),
    (lambda: add_item(1, "WID-1", 1, 2), "", "Add item was given more values than it takes."),
    (lambda: add_item(1, "WID-1", order_id=1), "Order", "Order is given twice."),
])
def test_hostile_arguments_are_refused_naming_the_field_in_a_reps_words(
    call: Any, field: str, words: str
) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        call()
    assert (refused.value.field, refused.value.message) == (field, words)


def test_nesting_deeper_than_any_record_is_refused_before_it_can_exhaust_the_stack() -> None:
    value: list[Any] = []
    for _ in range(100_000):
        value = [value]
    with pytest.raises(errors.ValidationError, match="nested too deeply"):
        add_item(1, "WID-1", note=value)


def test_accepted_arguments_reach_the_method_as_given_not_converted() -> None:
    lines = [1, 2]
    assert add_item(1, "WID-1", 3, placed_price="19.99", lines=lines) is lines
