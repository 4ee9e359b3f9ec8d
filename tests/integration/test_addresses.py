"""Shipping addresses and the address book (ADR-1, ADR-2)."""

from __future__ import annotations

from salescenter.api import Desk
from tests.conftest import HOME, World
from tests.integration.order_steps import ELSEWHERE, cart, submitted


def _book(desk: Desk, customer_id: int) -> list[tuple[str, str]]:
    return [(a.line1, a.city) for a in desk.customers.get(customer_id).addresses]


def test_adr_1_new_ship_to_leaves_the_address_book_alone(csr: Desk, world: World) -> None:
    before = csr.customers.get(world.customer_id)
    order = cart(csr, world, ("WID-1", 1))
    order = csr.orders.set_shipping(order.id, ELSEWHERE)
    assert order.shipping_address is not None
    assert order.shipping_address.model_dump() == {**ELSEWHERE, "line2": ""}
    assert csr.customers.get(world.customer_id) == before


def test_adr_1_new_ship_to_optionally_saved_to_the_address_book(csr: Desk, world: World) -> None:
    billing = csr.customers.get(world.customer_id).billing_address_id
    order = cart(csr, world, ("WID-1", 1))
    csr.orders.set_shipping(order.id, ELSEWHERE, save_to_address_book=True)
    assert _book(csr, world.customer_id) == [(HOME["line1"], "Springfield"), (ELSEWHERE["line1"], "Chicago")]
    assert csr.customers.get(world.customer_id).billing_address_id == billing
    assert "saved to the address book" in csr.orders.history(order.id)[-1].detail


def test_adr_1_address_book_entry_is_a_copy(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    csr.orders.set_shipping(order.id, ELSEWHERE, save_to_address_book=True)
    saved = csr.customers.get(world.customer_id).addresses[-1]
    csr.customers.update_address(world.customer_id, saved.id, {**ELSEWHERE, "line1": "1 New Road"})
    assert csr.orders.get(order.id).shipping_address.line1 == ELSEWHERE["line1"]  # type: ignore[union-attr]


def test_adr_2_changing_the_customer_address_leaves_orders_alone(csr: Desk, world: World) -> None:
    draft = cart(csr, world, ("WID-1", 1))
    placed = submitted(csr, world, ("CAB-1", 1))
    home = csr.customers.get(world.customer_id).addresses[0]

    moved = csr.customers.update_address(world.customer_id, home.id, ELSEWHERE)

    assert moved.city == "Chicago" and moved.id == home.id
    for order_id in (draft.id, placed.id):
        ship = csr.orders.get(order_id).shipping_address
        assert ship is not None and (ship.line1, ship.city) == (HOME["line1"], "Springfield")
    assert csr.orders.get(placed.id).bill_to.city == "Springfield"  # type: ignore[union-attr]
    new_order = csr.orders.create(world.store, world.customer_id)
    assert new_order.shipping_address is not None and new_order.shipping_address.city == "Chicago"


def test_adr_2_adding_an_address_leaves_orders_alone(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    csr.customers.add_address(world.customer_id, ELSEWHERE, billing=True)
    ship = csr.orders.get(order.id).shipping_address
    assert ship is not None and ship.city == "Springfield"
