"""Prices that hold: frozen prices after submit (PRC-2), coupons and their limits (PRC-8),
inclusive end dates, and preferences saved one field at a time (ORD-15)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import update

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.models import Product
from tests.conftest import World
from tests.integration.order_steps import assert_totals_add_up, cart, expire_promotions, paid


def _set_list_price(sc: SalesCenter, sku: str, price: str) -> None:
    with sc.engine.begin() as connection:
        connection.execute(update(Product).where(Product.sku == sku).values(list_price=Decimal(price)))


def test_prc_2_an_edit_keeps_the_promotions_the_order_was_sold_with(
    sc: SalesCenter, admin: Desk, csr: Desk, world: World
) -> None:
    admin.catalog.create_promotion("Widget week", percent_off="20", sku="WID-1")
    order = paid(csr, world, ("WID-1", 2), ("CAB-1", 1))
    widget = next(item for item in order.items if item.sku == "WID-1")
    assert widget.discount > 0
    expire_promotions(sc)
    _set_list_price(sc, "CAB-1", "12.99")

    csr.orders.begin_edit(order.id)
    edited = csr.orders.set_shipping(order.id, {**dict(order.shipping_address or {}), "line2": "Suite 4"})
    edited = csr.orders.finish_edit(order.id)

    assert edited.total == order.total
    again = next(item for item in edited.items if item.sku == "WID-1")
    assert (again.placed_price, again.discount, again.line_total) == (
        widget.placed_price, widget.discount, widget.line_total)
    assert_totals_add_up(edited)


def test_prc_2_a_quantity_change_in_an_edit_prices_with_the_frozen_promotion(
    sc: SalesCenter, admin: Desk, csr: Desk, world: World
) -> None:
    admin.catalog.create_promotion("Widget week", percent_off="20", sku="WID-1")
    order = paid(csr, world, ("WID-1", 1))
    expire_promotions(sc)
    csr.orders.begin_edit(order.id)
    item = order.items[0]
    changed = csr.orders.set_quantity(order.id, item.id, 2)
    line = changed.items[0]
    assert line.line_total == (line.placed_price * 2 * Decimal("0.80")).quantize(Decimal("0.01"))


def test_prc_2_reprice_preview_saves_nothing_and_reprice_takes_todays_prices(
    sc: SalesCenter, admin: Desk, csr: Desk, world: World
) -> None:
    admin.catalog.create_promotion("Widget week", percent_off="20", sku="WID-1")
    order = paid(csr, world, ("WID-1", 1), ("CAB-1", 1))
    expire_promotions(sc)
    _set_list_price(sc, "CAB-1", "12.99")
    csr.orders.begin_edit(order.id)
    locked = csr.orders.get(order.id)

    preview = csr.orders.reprice(order.id, preview=True)
    assert preview.total > order.total
    assert any("CAB-1: 9.99 is now 12.99" in notice for notice in preview.notices)
    assert any(f"Total before re-pricing: {order.total}" in notice for notice in preview.notices)
    assert csr.orders.get(order.id).total == order.total
    assert csr.orders.get(order.id).version == locked.version

    done = csr.orders.reprice(order.id)
    assert done.total == preview.total
    assert all(item.discount == 0 for item in done.items)
    assert csr.orders.history(order.id)[-1].activity == "Order re-priced"
    assert_totals_add_up(done)


def test_prc_2_reprice_needs_the_edit_lock(csr: Desk, csr2: Desk, world: World) -> None:
    order = paid(csr, world, ("WID-1", 1))
    with pytest.raises(errors.StateError):
        csr.orders.reprice(order.id)
    csr.orders.begin_edit(order.id)
    with pytest.raises(errors.LockedError):
        csr2.orders.reprice(order.id, preview=True)
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.reprice(order.id, preview="yes")  # type: ignore[arg-type]
    assert refused.value.field == "Preview"


def test_prc_8_a_coupon_code_is_reused_after_its_promotion_ended(
    admin: Desk, csr: Desk, world: World
) -> None:
    today = date.today()
    admin.catalog.create_promotion("Spring", percent_off="10", coupon_code="TEST",
                                   starts=today - timedelta(days=60), ends=today - timedelta(days=30))
    with pytest.raises(errors.ValidationError) as refused:
        admin.catalog.create_promotion("Overlap", percent_off="5", coupon_code="test",
                                       starts=today - timedelta(days=40))
    assert refused.value.field == "Coupon code" and "Spring" in str(refused.value)

    admin.catalog.create_promotion("Autumn", amount_off="5.00", coupon_code="TEST", starts=today)
    order = csr.orders.apply_coupon(cart(csr, world, ("WID-1", 1)).id, "test")
    assert order.discount_total == Decimal("5.00")


def test_prc_8_uses_per_customer_and_in_all(admin: Desk, csr: Desk, world: World) -> None:
    admin.catalog.create_promotion("Once each", percent_off="10", coupon_code="ONCE", uses_per_customer=1)
    admin.catalog.create_promotion("Twice", percent_off="10", coupon_code="TWICE", max_uses=1)
    first = csr.orders.apply_coupon(cart(csr, world, ("WID-1", 1)).id, "ONCE")
    csr.orders.submit(first.id)
    second = cart(csr, world, ("WID-1", 1))
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.apply_coupon(second.id, "ONCE")
    assert "per customer" in str(refused.value) and refused.value.field == "Coupon code"
    other = cart(csr, world, ("WID-1", 1), customer_id=world.b2b_customer_id)
    assert csr.orders.apply_coupon(other.id, "ONCE").discount_total > 0

    third = csr.orders.apply_coupon(cart(csr, world, ("WID-1", 1)).id, "TWICE")
    csr.orders.submit(third.id)
    fourth = cart(csr, world, ("WID-1", 1), customer_id=world.b2b_customer_id)
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.apply_coupon(fourth.id, "TWICE")
    assert "1 times" in str(refused.value)

    csr.orders.cancel(third.id, "Changed mind")  # a canceled order gives its use back
    assert csr.orders.apply_coupon(fourth.id, "TWICE").discount_total > 0


@pytest.mark.parametrize("field", ["uses_per_customer", "max_uses"])
@pytest.mark.parametrize("value", [0, -1, True, "2", 1.5])
def test_prc_8_use_limits_refuse_nonsense(admin: Desk, world: World, field: str, value: object) -> None:
    with pytest.raises(errors.ValidationError):
        admin.catalog.create_promotion("Bad", percent_off="5", **{field: value})  # type: ignore[arg-type]


def test_prc_1_a_promotion_ending_today_applies_all_day(admin: Desk, csr: Desk, world: World) -> None:
    promo = admin.catalog.create_promotion("Last day", percent_off="10", ends=date.today())
    assert promo.ends is not None and promo.ends >= datetime.now().replace(hour=23, minute=59, second=0)
    order = cart(csr, world, ("WID-1", 1))
    assert order.discount_total > 0


def test_ord_15_preferences_are_saved_one_field_at_a_time(csr: Desk, world: World) -> None:
    csr.users.set_preferences(default_store=world.store, shipping_method="express", results_per_page=100)
    after = csr.users.set_preferences(shipping_method="overnight")
    assert after == {"default_store": world.store, "shipping_method": "overnight", "results_per_page": 100}
    assert csr.users.set_preferences(default_store=None)["shipping_method"] == "overnight"
    assert csr.users.preferences()["default_store"] is None


def _quote(desk: Desk, world: World, **kwargs: object) -> int:
    return desk.orders.create(world.store, world.customer_id, quote=True, **kwargs).id  # type: ignore[arg-type]


def test_prc_1_a_quote_is_draft_then_ready_and_expires_at_the_end_of_its_day(
    sc: SalesCenter, csr: Desk, world: World
) -> None:
    quote_id = _quote(csr, world, quote_expires=date.today())
    quote = csr.orders.add_item(quote_id, "WID-1", 1)
    assert quote.quote_status == "draft" and quote.actions["mark_quote_ready"] is None
    assert quote.actions["create_from"] is None  # expiring today: still good all day
    ready = csr.orders.mark_quote_ready(quote_id)
    assert ready.quote_status == "ready" and ready.actions["mark_quote_ready"] is not None
    with pytest.raises(errors.StateError):
        csr.orders.mark_quote_ready(quote_id)

    yesterday = datetime.combine(date.today() - timedelta(days=1), datetime.max.time())
    from tests.integration.order_steps import set_order_columns

    set_order_columns(sc, quote_id, quote_expires=yesterday)  # nobody touches it: it expires
    expired = csr.orders.get(quote_id)
    assert expired.quote_status == "expired"
    assert "expired" in str(expired.actions["create_from"])
    with pytest.raises(errors.StateError) as refused:
        csr.orders.create_from(quote_id)
    assert str(refused.value) == expired.actions["create_from"]


def test_prc_1_an_expiry_before_today_is_refused(csr: Desk, world: World) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        _quote(csr, world, quote_expires=date.today() - timedelta(days=1))
    assert refused.value.field == "Quote expiry date"
    with pytest.raises(errors.ValidationError):
        csr.orders.create(world.store, world.customer_id, quote_expires=date.today())


def test_prc_1_conversion_keeps_quoted_prices_and_approvals_and_happens_once(
    sc: SalesCenter, admin: Desk, supervisor: Desk, world: World
) -> None:
    admin.catalog.create_promotion("Widget week", percent_off="20", sku="WID-1")
    quote_id = _quote(supervisor, world)
    supervisor.orders.add_item(quote_id, "WID-1", 1)
    quoted = supervisor.orders.add_item(quote_id, "CAB-1", 1, placed_price="8.00",
                                        acknowledge="price_below_list")
    cable = next(i for i in quoted.items if i.sku == "CAB-1")
    widget = next(i for i in quoted.items if i.sku == "WID-1")
    expire_promotions(sc)
    _set_list_price(sc, "WID-1", "24.99")

    order = supervisor.orders.create_from(quote_id)
    lines = {i.sku: i for i in order.items}
    assert lines["CAB-1"].placed_price == Decimal("8.00") == cable.placed_price
    kept = lines["WID-1"]
    assert (kept.placed_price, kept.line_total) == (widget.placed_price, widget.line_total)
    assert order.total == quoted.total and order.quote_status is None
    assert not any("approval" in notice.lower() for notice in order.notices)

    converted = supervisor.orders.get(quote_id)
    assert converted.quote_status == "converted"
    assert order.number in str(converted.actions["create_from"])
    with pytest.raises(errors.StateError):
        supervisor.orders.create_from(quote_id)
    assert supervisor.orders.history(quote_id)[-1].activity == "Quote converted"


def test_prc_1_a_canceled_quote_cannot_become_an_order(csr: Desk, world: World) -> None:
    quote_id = _quote(csr, world)
    csr.orders.add_item(quote_id, "WID-1", 1)
    assert csr.orders.cancel(quote_id, "Customer went elsewhere").quote_status == "canceled"
    with pytest.raises(errors.StateError):
        csr.orders.create_from(quote_id)


def test_prc_1_an_order_from_an_order_is_repriced_and_says_which_prices_changed(
    sc: SalesCenter, csr: Desk, world: World
) -> None:
    source = paid(csr, world, ("WID-1", 1), ("CAB-1", 2))
    _set_list_price(sc, "CAB-1", "11.49")
    again = csr.orders.create_from(source.id)
    assert next(i for i in again.items if i.sku == "CAB-1").placed_price == Decimal("11.49")
    assert any("CAB-1" in n and "11.49" in n and "9.99" in n for n in again.notices)
    assert not any("WID-1" in n for n in again.notices)


def test_prc_3_a_bundle_is_billed_at_its_catalog_price(
    admin: Desk, csr: Desk, world: World
) -> None:
    admin.catalog.create_bundle("KIT-2", "Value Kit", {"WID-1": 1, "CAB-1": 2}, list_price=Decimal("29.99"))
    found = next(p for p in csr.catalog.find("KIT-2"))
    order = csr.orders.add_bundle(cart(csr, world).id, "KIT-2", 3)
    parts = [i for i in order.items if i.bundle_sku == "KIT-2"]
    assert len(parts) == 2
    assert sum((i.line_total for i in parts), Decimal("0.00")) == found.list_price * 3 == Decimal("89.97")
    assert not any(i.flag for i in parts)  # a bundle cheaper than its parts is no price override
    assert order.blocks == []
    assert_totals_add_up(order)


HALIFAX = {"name": "Mercy Taylor", "line1": "1 Water St", "city": "Halifax", "region": "NS",
           "postal_code": "B3J 1S9", "country": "CA", "phone": "555-010-2000"}


def test_prc_5_tax_comes_from_the_destination_and_may_tax_shipping(
    admin: Desk, csr: Desk, world: World
) -> None:
    admin.stores.set_tax_rate(world.store, "US", "0.05")
    admin.stores.set_tax_rate(world.store, "US", "0.0825", region="IL")
    admin.stores.set_tax_rate(world.store, "CA", "0.15", region="NS", tax_shipping=True)
    order = cart(csr, world, ("CAB-1", 1))  # 9.99 + 7.95 standard shipping, to Springfield IL
    assert order.tax_total == Decimal("0.82")
    to_halifax = csr.orders.set_shipping(order.id, HALIFAX)
    assert to_halifax.tax_total == ((Decimal("9.99") + Decimal("7.95")) * Decimal("0.15")).quantize(
        Decimal("0.01"))
    to_oregon = csr.orders.set_shipping(order.id, {**HALIFAX, "country": "US", "region": "OR"})
    assert to_oregon.tax_total == Decimal("0.50")
    to_france = csr.orders.set_shipping(order.id, {**HALIFAX, "country": "FR", "region": ""})
    assert to_france.tax_total == Decimal("0.00")
    assert_totals_add_up(to_france)


def test_prc_5_a_tax_exempt_customer_pays_no_tax(admin: Desk, csr: Desk, world: World) -> None:
    admin.customers.update(world.customer_id, tax_exempt=True)
    assert admin.customers.get(world.customer_id).tax_exempt is True
    assert cart(csr, world, ("WID-1", 1)).tax_total == Decimal("0.00")


@pytest.mark.parametrize(("country", "rate"), [("XX", "0.1"), ("US", "-0.01"), ("US", "NaN"),
                                               ("US", "0.12345"), ("US", "1.5"), ("USA", "0.1")])
def test_prc_5_bad_tax_rates_are_refused_and_nothing_is_saved(
    admin: Desk, world: World, country: str, rate: str
) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        admin.stores.set_tax_rate(world.store, country, rate)
    assert refused.value.field in ("Country", "Tax rate")
    assert admin.stores.tax_rates(world.store) == []


def test_prc_5_only_store_managers_set_rates(csr: Desk, world: World) -> None:
    with pytest.raises(errors.AuthorizationError):
        csr.stores.set_tax_rate(world.store, "US", "0.05")
    with pytest.raises(errors.AuthorizationError):
        csr.stores.set_shipping_rate(world.store, "express", "12.00")
    with pytest.raises(errors.AuthorizationError):
        csr.catalog.set_price("WID-1", world.store, "18.00")


def test_prc_4_prices_shipping_and_amount_off_in_the_store_currency(admin: Desk, csr: Desk) -> None:
    admin.stores.create("CA", "Sales Center Canada", currency="CAD")
    admin.stores.create("US", "Sales Center US")
    admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=10)
    admin.catalog.set_price("WID-1", "CA", "26.49")
    admin.stores.set_shipping_rate("CA", "standard", "10.95", free_over="150.00")
    admin.catalog.create_promotion("Five off (USD)", amount_off="5.00")
    admin.catalog.create_promotion("Four off (CAD)", amount_off="4.00", currency="CAD")
    customer = admin.customers.create("Zoë", "Tremblay", address=HALIFAX)

    canada = csr.orders.add_item(csr.orders.create("CA", customer.id).id, "WID-1", 1)
    line = canada.items[0]
    assert (line.list_price, line.placed_price) == (Decimal("26.49"), Decimal("26.49"))
    assert canada.discount_total == Decimal("4.00") and canada.shipping_total == Decimal("10.95")
    assert canada.currency == "CAD"
    usa = csr.orders.add_item(csr.orders.create("US", customer.id).id, "WID-1", 1)
    assert usa.items[0].list_price == Decimal("19.99") and usa.discount_total == Decimal("5.00")
    assert [p.price for p in admin.catalog.prices("WID-1")] == [Decimal("26.49")]
    assert admin.stores.shipping_rates("CA")[0].currency == "CAD"


def test_aud_1_store_settings_change_field_by_field_and_are_audited(admin: Desk, world: World) -> None:
    store = admin.stores.update(world.store, return_days=45, review_threshold="2500")
    assert (store.return_days, store.review_threshold) == (45, Decimal("2500"))
    with pytest.raises(errors.ValidationError):
        admin.stores.update(world.store, return_days=-1)
    with pytest.raises(errors.ValidationError):
        admin.stores.update(world.store, colour="blue")
    assert admin.stores.get(world.store).return_days == 45
    assert admin.audit.search(entity="store", entity_id=world.store)[0].field in ("return_days",
                                                                                 "review_threshold")


def test_prc_4_a_customer_summary_never_adds_currencies(
    admin: Desk, csr: Desk, world: World
) -> None:
    admin.stores.create("CA", "Sales Center Canada", currency="CAD")
    admin.catalog.set_price("WID-1", "CA", "26.49")
    us = paid(csr, world, ("WID-1", 1))
    canada = csr.orders.add_item(csr.orders.create("CA", world.customer_id).id, "WID-1", 2)
    canada = csr.orders.submit(canada.id)
    summary = csr.customers.summary(world.customer_id)
    assert summary.lifetime_values == {"USD": us.subtotal - us.discount_total, "CAD": Decimal("52.98")}
    assert (summary.lifetime_currency, summary.lifetime_value) == ("CAD", Decimal("52.98"))


def test_ord_10_calls_inside_acknowledging_answer_the_warning(
    supervisor: Desk, world: World
) -> None:
    order = cart(supervisor, world, ("WID-1", 1))
    item = order.items[0].id
    with pytest.raises(errors.WarningRequired) as asked:
        supervisor.orders.set_price(order.id, item, "15.00")
    with supervisor.acknowledging([asked.value.name]):
        changed = supervisor.orders.set_price(order.id, item, "15.00")
    assert changed.items[0].placed_price == Decimal("15.00")
    with pytest.raises(errors.WarningRequired):  # the yes does not outlive the block
        supervisor.orders.set_price(order.id, item, "14.00")
