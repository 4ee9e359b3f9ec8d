"""Order lines: products, bundles, associations, promotions and flagged items (ORD-10..13, ORD-16)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import World
from tests.integration.order_steps import LONG_AGO, assert_totals_add_up, cart

OVERRIDE = "Override prices below the list price"


def test_ord_10_add_by_sku_at_list_price(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "wid-1", 3)
    (item,) = order.items
    assert (item.sku, item.name, item.quantity) == ("WID-1", "Blue Widget", 3)
    assert item.list_price == item.placed_price == Decimal("19.99")
    assert item.line_total == Decimal("59.97") and order.subtotal == Decimal("59.97")
    assert_totals_add_up(order)


def test_ord_10_add_by_search_phrase_over_name_and_description(csr: Desk, world: World) -> None:
    assert [p.sku for p in csr.catalog.find("widget")] == ["WID-1"]
    assert [p.sku for p in csr.catalog.find("sturdy")] == ["WID-1"]  # description
    assert [p.sku for p in csr.catalog.find("CAB-1")] == ["CAB-1"]  # exact SKU
    found = csr.catalog.find("Shiny")
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, found[0].sku, 1)
    assert [i.sku for i in order.items] == ["GAD-1"]


@pytest.mark.parametrize("phrase", ["wi", "%%", "x"])
def test_ord_10_search_phrase_needs_three_characters(csr: Desk, world: World, phrase: str) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        csr.catalog.find(phrase)
    assert refused.value.field == "Search phrase"


def test_ord_10_unavailable_product_is_not_offered_nor_added(csr: Desk, admin: Desk, world: World) -> None:
    admin.catalog.set_available("OLD-1", False)
    assert csr.catalog.find("Old Model") == []
    order = csr.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.ValidationError, match="no longer sold") as refused:
        csr.orders.add_item(order.id, "OLD-1", 1)
    assert refused.value.field == "SKU"
    assert csr.orders.get(order.id).items == []


def test_ord_10_csr_cannot_place_a_price_below_list(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.AuthorizationError) as refused:
        csr.orders.add_item(order.id, "WID-1", 1, placed_price="15.00")
    assert refused.value.authority == OVERRIDE and OVERRIDE in str(refused.value)
    assert csr.orders.get(order.id).items == []


def test_ord_10_csr_may_place_a_price_at_or_above_list(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 2, placed_price="25.00")
    (item,) = order.items
    assert item.placed_price == Decimal("25.00") and item.list_price == Decimal("19.99")
    assert item.line_total == Decimal("50.00")


def test_ord_10_supervisor_places_a_price_below_list_once_the_warning_is_acknowledged(
    supervisor: Desk, world: World
) -> None:
    order = supervisor.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.WarningRequired) as asked:
        supervisor.orders.add_item(order.id, "WID-1", 2, placed_price="15.00")
    assert asked.value.name == "price_below_list"
    assert str(asked.value) == ("The placed price 15.00 of WID-1 is 25% below its list price 19.99, "
                                "within your limit of 30%. Keep this price?")
    assert supervisor.orders.get(order.id).items == [], "the warned call changed nothing"
    order = supervisor.orders.add_item(order.id, "WID-1", 2, placed_price="15.00",
                                       acknowledge="price_below_list")
    (item,) = order.items
    assert item.placed_price == Decimal("15.00") and item.line_total == Decimal("30.00")
    assert order.blocks == []
    (added,) = [h for h in supervisor.orders.history(order.id) if h.activity == "Item added"]
    assert "Acknowledged price_below_list: The placed price 15.00 of WID-1" in added.detail


def test_ord_10_csr_cannot_lower_a_price_after_adding(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    with pytest.raises(errors.AuthorizationError):
        csr.orders.set_price(order.id, order.items[0].id, "10.00")
    assert csr.orders.get(order.id).items[0].placed_price == Decimal("19.99")


def test_ord_11_bundle_components_are_added_as_items(csr: Desk, world: World) -> None:
    assert csr.catalog.components("KIT-1") == {"WID-1": 1, "CAB-1": 2}
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_bundle(order.id, "KIT-1", 2)
    assert sorted((i.sku, i.quantity, i.bundle_sku) for i in order.items) == [
        ("CAB-1", 4, "KIT-1"), ("WID-1", 2, "KIT-1"),
    ]
    assert order.subtotal == Decimal("19.99") * 2 + Decimal("9.99") * 4
    assert_totals_add_up(order)
    assert csr.orders.history(order.id)[-1].activity == "Bundle added"


def test_ord_11_bundle_and_plain_product_are_not_mixed_up(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.ValidationError, match="bundle"):
        csr.orders.add_item(order.id, "KIT-1", 1)
    with pytest.raises(errors.ValidationError, match="not a bundle"):
        csr.orders.add_bundle(order.id, "WID-1", 1)
    assert csr.orders.get(order.id).items == []


def test_ord_11_bundle_with_a_discontinued_component_is_refused_whole(
    csr: Desk, admin: Desk, world: World
) -> None:
    admin.catalog.set_available("CAB-1", False)
    order = csr.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.ValidationError, match="CAB-1"):
        csr.orders.add_bundle(order.id, "KIT-1", 1)
    assert csr.orders.get(order.id).items == []


def test_ord_12_associations_of_the_items_are_shown_and_added(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    shown = {(a.from_sku, a.kind, a.product.sku) for a in csr.orders.associations(order.id)}
    assert shown == {("WID-1", "accessory", "CAB-1"), ("WID-1", "cross_sell", "GAD-1")}

    csr.orders.add_item(order.id, "CAB-1", 1)

    remaining = [a.product.sku for a in csr.orders.associations(order.id)]
    assert remaining == ["GAD-1"]
    assert [i.sku for i in csr.orders.get(order.id).items] == ["WID-1", "CAB-1"]


def test_ord_12_empty_order_has_no_associations(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    assert csr.orders.associations(order.id) == []


def test_ord_13_promotions_that_apply_or_could_apply(csr: Desk, admin: Desk, world: World) -> None:
    admin.catalog.create_promotion("Spend 50 save 5%", percent_off="5", min_subtotal="50.00")
    admin.catalog.create_promotion("Coupon ten", amount_off="10.00", coupon_code="TEN")
    admin.catalog.create_promotion("Cable deal", percent_off="20", sku="CAB-1")
    admin.catalog.create_promotion("Last year", percent_off="50", ends=LONG_AGO)
    order = cart(csr, world, ("WID-1", 1))

    shown = {p.name: (p.applies, p.why) for p in csr.orders.promotions(order.id)}

    assert "Last year" not in shown
    assert shown["Spend 50 save 5%"][0] is False and "50.00" in shown["Spend 50 save 5%"][1]
    assert shown["Coupon ten"] == (False, "Needs coupon TEN.")
    assert shown["Cable deal"][0] is False and "CAB-1" in shown["Cable deal"][1]
    assert order.discount_total == 0

    order = csr.orders.set_quantity(order.id, order.items[0].id, 3)
    shown = {p.name: p.applies for p in csr.orders.promotions(order.id)}
    assert shown["Spend 50 save 5%"] is True
    assert order.discount_total == Decimal("3.00")  # 5% of 59.97, half-up
    assert_totals_add_up(order)


def test_ord_16_flagged_item_must_be_accepted_before_submit(csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "GAD-1", 5)  # 3 in stock
    (item,) = order.items
    assert item.flag and "3 in stock" in item.flag and not item.flag_accepted
    assert any("GAD-1" in n for n in order.notices)
    with pytest.raises(errors.ValidationError, match="GAD-1"):
        csr.orders.submit(order.id)

    order = csr.orders.accept_item(order.id, item.id)

    assert order.items[0].flag_accepted
    assert csr.orders.submit(order.id).status == "pending_payment_authorization"


def test_ord_16_changing_the_quantity_clears_or_renews_the_flag(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("GAD-1", 5))
    order = csr.orders.accept_item(order.id, order.items[0].id)
    order = csr.orders.set_quantity(order.id, order.items[0].id, 2)
    assert order.items[0].flag is None
    order = csr.orders.set_quantity(order.id, order.items[0].id, 4)
    assert order.items[0].flag and not order.items[0].flag_accepted


def test_ord_16_item_without_exception_has_nothing_to_accept(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    with pytest.raises(errors.StateError):
        csr.orders.accept_item(order.id, order.items[0].id)


def test_ord_16_an_accepted_exception_is_not_offered_again(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("GAD-1", 5))
    item_id = order.items[0].id
    assert order.items[0].actions["accept_item"] is None
    order = csr.orders.accept_item(order.id, item_id)
    reason = order.items[0].actions["accept_item"]
    assert reason == "GAD-1's exception was already accepted."
    with pytest.raises(errors.StateError, match="already accepted") as refused:
        csr.orders.accept_item(order.id, item_id)
    assert str(refused.value) == reason
    assert csr.orders.get(order.id).version == order.version
