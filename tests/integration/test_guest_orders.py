"""Guest orders (GST-1..GST-4)."""

from __future__ import annotations

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import HOME, World
from tests.integration.order_steps import ELSEWHERE

GINA = {"first_name": "Gina", "last_name": "Guest", "email": "Gina@Example.com", "phone": "555-010-4000"}


def _guest_order(desk: Desk, world: World, guest: dict[str, str] = GINA) -> int:
    order = desk.orders.create(world.store, guest=guest)
    desk.orders.add_item(order.id, "WID-1", 1)
    return order.id


def test_gst_1_guest_order_in_a_consumer_direct_store(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, guest=GINA)
    assert order.is_guest and order.customer_name == "Gina Guest"
    assert order.customer_email == "gina@example.com" and order.status == "pending"


def test_gst_1_guest_order_in_a_b2b_store_fails_clearly(csr: Desk, world: World) -> None:
    with pytest.raises(errors.ValidationError, match="consumer-direct") as refused:
        csr.orders.create(world.b2b_store, guest=GINA)
    assert refused.value.field == "Store"
    assert csr.customers.find("Gina") == []  # the guest record was not kept either
    assert csr.orders.search(customer_name="Gina") == []


def test_gst_1_guest_needs_a_name(csr: Desk, world: World) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.create(world.store, guest={"first_name": "", "last_name": "Guest"})
    assert refused.value.field == "First name"


def test_gst_2_guest_order_is_associated_with_an_existing_customer(csr: Desk, world: World) -> None:
    order_id = _guest_order(csr, world)
    order = csr.orders.associate_customer(order_id, world.customer_id)
    assert order.customer_id == world.customer_id and not order.is_guest
    assert order.customer_name == "Mercy Taylor" and order.customer_email == "mercy@example.com"
    assert order.shipping_address is not None and order.shipping_address.line1 == HOME["line1"]
    assert [i.sku for i in order.items] == ["WID-1"]
    assert "Customer associated" in [h.activity for h in csr.orders.history(order_id)]
    assert [o.id for o in csr.orders.search(customer_id=world.customer_id)] == [order_id]


def test_gst_2_guest_order_is_associated_with_a_new_customer(csr: Desk, world: World) -> None:
    order_id = _guest_order(csr, world)
    newcomer = csr.customers.create("Gina", "Guest", email="gina.registered@example.com",
                                    address=ELSEWHERE)
    order = csr.orders.associate_customer(order_id, newcomer.id)
    assert order.customer_id == newcomer.id and not order.is_guest
    assert order.shipping_address is not None and order.shipping_address.city == "Chicago"


def test_gst_2_guest_order_keeps_the_ship_to_already_given(csr: Desk, world: World) -> None:
    order_id = _guest_order(csr, world)
    csr.orders.set_shipping(order_id, ELSEWHERE)
    order = csr.orders.associate_customer(order_id, world.customer_id)
    assert order.shipping_address is not None and order.shipping_address.city == "Chicago"


def test_gst_2_only_a_registered_customer_can_be_associated(csr: Desk, world: World) -> None:
    first = csr.orders.create(world.store, guest=GINA)
    other = csr.orders.create(world.store, guest={"first_name": "Otto", "last_name": "Other",
                                                  "email": "otto@example.com"})
    with pytest.raises(errors.ValidationError):
        csr.orders.associate_customer(first.id, other.customer_id)
    registered = csr.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.StateError, match="not a guest order"):
        csr.orders.associate_customer(registered.id, world.customer_id)
    assert csr.orders.get(first.id).is_guest


def test_gst_3_submitted_guest_order_cannot_be_associated(csr: Desk, world: World) -> None:
    order_id = _guest_order(csr, world)
    csr.orders.set_shipping(order_id, ELSEWHERE)
    submitted = csr.orders.submit(order_id)
    assert submitted.is_guest and submitted.status == "pending_payment_authorization"

    with pytest.raises(errors.StateError, match="submitted"):
        csr.orders.associate_customer(order_id, world.customer_id)

    after = csr.orders.get(order_id)
    assert after.is_guest and after.customer_id == submitted.customer_id
    assert after.version == submitted.version


def test_gst_4_a_guest_can_have_several_guest_orders(csr: Desk, world: World) -> None:
    first = csr.orders.create(world.store, guest=GINA)
    second = csr.orders.create(world.store, guest={**GINA, "email": "gina@example.com"})
    assert first.id != second.id
    assert first.is_guest and second.is_guest
    assert first.customer_id == second.customer_id
    found = csr.orders.search(email="gina@example.com")
    assert sorted(o.id for o in found) == sorted([first.id, second.id])


def test_gst_4_guests_without_email_each_take_orders(csr: Desk, world: World) -> None:
    walk_in = {"first_name": "Walter", "last_name": "Walkin"}
    first = csr.orders.create(world.store, guest=walk_in)
    second = csr.orders.create(world.store, guest=walk_in)
    assert first.is_guest and second.is_guest and first.id != second.id
    assert len(csr.orders.search(customer_name="walkin")) == 2
