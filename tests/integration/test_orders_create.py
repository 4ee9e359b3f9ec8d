"""Creating orders and quotes, reorders, submitting and deleting drafts (ORD-1, 2, 4, 8, 9)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from tests.conftest import HOME, World
from tests.integration.order_steps import (
    ELSEWHERE,
    LONG_AGO,
    assert_totals_add_up,
    cart,
    expire_promotions,
    set_order_columns,
    submitted,
)


def test_ord_1_order_for_existing_customer_starts_empty(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    assert order.status == "pending" and order.items == [] and order.total == 0
    assert order.customer_id == world.customer_id and not order.is_guest
    assert order.customer_name == "Mercy Taylor"
    assert order.shipping_address is not None and order.shipping_address.line1 == HOME["line1"]
    assert [h.activity for h in csr.orders.history(order.id)] == ["Order created"]
    assert csr.orders.get(order.id).number == order.number


def test_ord_1_order_for_a_new_customer(csr: Desk, world: World) -> None:
    newcomer = csr.customers.create("Nina", "Novak", email="nina@example.com", address=ELSEWHERE)
    order = csr.orders.create(world.store, newcomer.id)
    assert order.customer_id == newcomer.id and order.items == []
    assert order.shipping_address is not None and order.shipping_address.city == "Chicago"


def test_ord_1_unknown_customer_is_not_found(csr: Desk, world: World) -> None:
    with pytest.raises(errors.NotFoundError):
        csr.orders.create(world.store, 999_999)


def test_ord_1_order_numbers_are_unique(csr: Desk, world: World) -> None:
    numbers = {csr.orders.create(world.store, world.customer_id).number for _ in range(3)}
    assert len(numbers) == 3


def test_ord_2_reorder_keeps_customer_ship_to_method_and_lines(
    csr: Desk, admin: Desk, world: World
) -> None:
    source = cart(csr, world, ("WID-1", 2), ("OLD-1", 1), ("CAB-1", 3))
    csr.orders.set_shipping(source.id, ELSEWHERE, method="express")
    source = csr.orders.submit(source.id)
    admin.catalog.set_available("OLD-1", False)

    copy = csr.orders.create_from(source.id)

    assert copy.id != source.id and copy.number != source.number
    assert copy.status == "pending" and copy.kind == "order"
    assert copy.customer_id == world.customer_id
    assert copy.shipping_address == source.shipping_address
    assert copy.shipping_method == "express"
    assert [(i.sku, i.quantity) for i in copy.items] == [("WID-1", 2), ("CAB-1", 3)]
    assert len(copy.notices) == 1 and "OLD-1" in copy.notices[0]
    assert_totals_add_up(copy)
    assert csr.orders.get(source.id).status == "pending_payment_authorization"


def test_ord_2_reorder_reapplies_an_unexpired_coupon(csr: Desk, admin: Desk, world: World) -> None:
    admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="SAVE10",
                                   ends=datetime.now() + timedelta(days=30))
    source = cart(csr, world, ("WID-1", 2))
    source = csr.orders.apply_coupon(source.id, "save10")
    assert source.discount_total > 0

    copy = csr.orders.create_from(source.id)

    assert copy.coupon_code == "SAVE10" and copy.notices == []
    assert copy.discount_total == source.discount_total and copy.total == source.total


def test_ord_2_reorder_drops_an_expired_coupon_and_says_so(
    sc: SalesCenter, csr: Desk, admin: Desk, world: World
) -> None:
    admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="SAVE10")
    source = csr.orders.apply_coupon(cart(csr, world, ("WID-1", 2)).id, "SAVE10")
    expire_promotions(sc)

    copy = csr.orders.create_from(source.id)

    assert copy.coupon_code is None and copy.discount_total == 0
    assert any("SAVE10" in notice and "expired" in notice for notice in copy.notices)
    assert [(i.sku, i.quantity) for i in copy.items] == [("WID-1", 2)]


def test_ord_2_quote_with_expiry_becomes_an_order(csr: Desk, world: World) -> None:
    expires = datetime.now() + timedelta(days=10)
    quote = csr.orders.create(world.store, world.customer_id, quote=True, quote_expires=expires)
    quote = csr.orders.add_item(quote.id, "WID-1", 3)
    assert quote.is_quote and quote.quote_expires is not None
    assert abs(quote.quote_expires - expires) < timedelta(seconds=1)

    order = csr.orders.create_from(quote.id)

    assert order.kind == "order" and not order.is_quote and order.status == "pending"
    assert [(i.sku, i.quantity) for i in order.items] == [("WID-1", 3)]
    assert order.total == quote.total
    assert csr.orders.submit(order.id).status == "pending_payment_authorization"
    assert csr.orders.get(quote.id).is_quote


def test_ord_2_quote_gets_a_default_expiry(csr: Desk, world: World) -> None:
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    assert quote.quote_expires is not None
    assert quote.quote_expires > quote.created_at + timedelta(days=7)


def test_ord_2_expired_quote_cannot_become_an_order(sc: SalesCenter, csr: Desk, world: World) -> None:
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    csr.orders.add_item(quote.id, "WID-1", 1)
    set_order_columns(sc, quote.id, quote_expires=LONG_AGO)
    before = csr.orders.search(kind=None)

    with pytest.raises(errors.StateError, match="expired"):
        csr.orders.create_from(quote.id)

    assert csr.orders.search(kind=None) == before


def test_ord_2_quote_past_its_expiry_cannot_become_an_order(
    sc: SalesCenter, csr: Desk, world: World
) -> None:
    # A new quote may not expire in the past (PRC-1): time passes for one instead.
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    set_order_columns(sc, quote.id, quote_expires=LONG_AGO)
    with pytest.raises(errors.StateError, match="expired"):
        csr.orders.create_from(quote.id)


def test_ord_2_quote_itself_cannot_be_submitted(csr: Desk, world: World) -> None:
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    quote = csr.orders.add_item(quote.id, "WID-1", 1)
    with pytest.raises(errors.StateError, match="quote"):
        csr.orders.submit(quote.id)
    assert csr.orders.get(quote.id).status == "pending"


def test_ord_4_order_without_items_cannot_be_submitted(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.ValidationError, match="no items"):
        csr.orders.submit(order.id)
    assert csr.orders.get(order.id).status == "pending"
    assert "Order submitted" not in [h.activity for h in csr.orders.history(order.id)]


def test_ord_4_order_whose_items_were_all_removed_cannot_be_submitted(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    order = csr.orders.remove_item(order.id, order.items[0].id)
    with pytest.raises(errors.ValidationError):
        csr.orders.submit(order.id)


def test_ord_9_cart_becomes_a_submitted_order_on_command(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    assert order.status == "pending" and order.submitted_at is None
    order = csr.orders.submit(order.id)
    assert order.status == "pending_payment_authorization" and order.submitted_at is not None
    assert order.bill_to is not None and order.bill_to.line1 == HOME["line1"]
    assert csr.orders.history(order.id)[-1].activity == "Order submitted"
    with pytest.raises(errors.StateError):
        csr.orders.submit(order.id)


def test_ord_8_administrator_deletes_several_drafts_and_history_remains(
    csr: Desk, admin: Desk, world: World
) -> None:
    drafts = [cart(csr, world, ("WID-1", 1)) for _ in range(3)]
    quote = csr.orders.create(world.store, world.customer_id, quote=True)

    assert admin.orders.delete([drafts[0].id, drafts[1].id, quote.id]) == 3

    for gone in (drafts[0], drafts[1], quote):
        with pytest.raises(errors.NotFoundError):
            csr.orders.get(gone.id)
        assert csr.orders.history(gone.id)[-1].activity == "Order deleted"
        assert csr.orders.history(gone.id)[-1].user == "admin"
    assert csr.orders.get(drafts[2].id).status == "pending"


def test_ord_8_deleting_is_all_or_nothing(csr: Desk, admin: Desk, world: World) -> None:
    draft = cart(csr, world, ("WID-1", 1))
    placed = submitted(csr, world)
    with pytest.raises(errors.StateError, match=placed.number):
        admin.orders.delete([draft.id, placed.id])
    assert csr.orders.get(draft.id).status == "pending"
    assert csr.orders.get(placed.id).status == "pending_payment_authorization"


@pytest.mark.parametrize("role", ["csr", "supervisor"])
def test_ord_8_only_an_administrator_deletes(
    role: str, request: pytest.FixtureRequest, csr: Desk, world: World
) -> None:
    desk: Desk = request.getfixturevalue(role)
    draft = cart(csr, world, ("WID-1", 1))
    with pytest.raises(errors.AuthorizationError) as refused:
        desk.orders.delete([draft.id])
    assert refused.value.authority == "Delete orders"
    assert "Delete orders" in str(refused.value)
    assert csr.orders.get(draft.id).status == "pending"
