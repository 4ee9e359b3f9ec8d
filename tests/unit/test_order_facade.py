"""desk.orders is a thin facade: every use case's operation, under its own name and signature."""

from __future__ import annotations

import inspect

from salescenter.services.orders.service import USE_CASES, OrderService


def _public(cls: type) -> set[str]:
    return {name for name, value in vars(cls).items()
            if not name.startswith("_") and inspect.isfunction(value)}


def test_every_use_case_operation_is_on_desk_orders_with_its_signature() -> None:
    routed = _public(OrderService)
    for use_case in USE_CASES:
        for name in _public(use_case):
            assert name in routed, f"{use_case.__name__}.{name} is not on desk.orders"
            assert inspect.signature(getattr(OrderService, name)) == inspect.signature(
                getattr(use_case, name)), name
    offered = set().union(*(_public(u) for u in USE_CASES))
    assert routed == offered, "desk.orders offers only what a use case does"
