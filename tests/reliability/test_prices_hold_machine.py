"""PRC-2 as a property: maintenance changes that do not touch a line never move its
placed price or discount, whatever happens to promotions, list prices and tax meanwhile;
and the order always adds up to its rounded lines, shipping and tax, per ship-to (SHP-1,
PRC-5, PRC-6: other lines sent to other ship-tos, split, their charges overridden).

(An order-level coupon applied in the edit is a change to every line, so it is not
among the steps.)"""

from __future__ import annotations

import shutil
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import update

from salescenter import SalesCenter
from salescenter.models import Product, Promotion
from salescenter.services.views import OrderView
from tests.integration.order_steps import assert_totals_add_up
from tests.reliability.machine import PASSWORD, template
from tests.reliability.support import GOOD_CARD

ADDRESSES = [
    {"name": "Mercy Taylor", "line1": "12 Elm Street", "city": "Springfield", "region": "IL",
     "postal_code": "62701", "country": "US"},
    {"name": "Mercy Taylor", "line1": "1 Water St", "city": "Halifax", "region": "NS",
     "postal_code": "B3J 1S9", "country": "CA"},
    {"name": "Mercy Taylor", "line1": "9 Rue de Rivoli", "city": "Paris", "postal_code": "75001",
     "country": "FR"},
]
PRICES = st.sampled_from(["9.99", "12.49", "24.99", "3.00"])
CENT = Decimal("0.01")


def tax_rate_at(country: str, region: str) -> tuple[Decimal, bool]:
    """The machine store's rates (set up in ``sold``): Illinois on goods, Canada on goods and shipping."""
    if country == "US" and region == "IL":
        return Decimal("0.0825"), False
    return (Decimal("0.13"), True) if country == "CA" else (Decimal("0"), False)


class PricesHoldMachine(RuleBasedStateMachine):
    @initialize(percent=st.sampled_from(["10", "15", "25"]), quantity=st.integers(1, 4))
    def sold(self, percent: str, quantity: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sc-prices-"))
        shutil.copy(template(), self.folder / "sc.db")
        self.sc = SalesCenter.open(f"sqlite:///{self.folder / 'sc.db'}", migrate=False)
        self.sc.create_user("admin", PASSWORD, role="admin")
        admin = self.sc.login("admin", PASSWORD)
        admin.stores.create("US", "Machine store")
        admin.stores.set_tax_rate("US", "US", "0.0825", region="IL")
        admin.stores.set_tax_rate("US", "CA", "0.13", tax_shipping=True)
        for sku, price in (("WID-1", "19.99"), ("CAB-1", "9.99"), ("GAD-1", "5.00")):
            admin.catalog.create_product(sku, sku, price, stock=500)
        admin.catalog.create_promotion("Widgets", percent_off=percent, sku="WID-1")
        customer = admin.customers.create("Mercy", "Taylor", address=ADDRESSES[0]).id
        self.desk = admin
        order = admin.orders.create("US", customer)
        order = admin.orders.add_item(order.id, "WID-1", quantity)
        order = admin.orders.add_item(order.id, "CAB-1", 2)
        order = admin.orders.submit(order.id)
        order = admin.orders.add_payment(order.id, "credit_card", order.total, card_number=GOOD_CARD)
        self.order_id = order.id
        self.watched = next(i for i in order.items if i.sku == "WID-1")
        self.touched = {i.id for i in order.items if i.sku != "WID-1"}
        admin.orders.begin_edit(order.id)

    def teardown(self) -> None:
        if hasattr(self, "sc"):
            self.sc.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _lines(self) -> list:  # type: ignore[type-arg]
        return [i for i in self.desk.orders.get(self.order_id).items if i.id in self.touched]

    @rule(where=st.sampled_from(ADDRESSES))
    def ship_elsewhere(self, where: dict[str, str]) -> None:
        self.desk.orders.set_shipping(self.order_id, where)

    @rule(method=st.sampled_from(["standard", "express", "overnight"]))
    def change_method(self, method: str) -> None:
        self.desk.orders.set_shipping(self.order_id, method=method)

    @rule(quantity=st.integers(1, 6))
    def change_another_line(self, quantity: int) -> None:
        for line in self._lines():
            self.desk.orders.set_quantity(self.order_id, line.id, quantity)
            return

    @rule(sku=st.sampled_from(["CAB-1", "GAD-1"]), quantity=st.integers(1, 3))
    def add_a_line(self, sku: str, quantity: int) -> None:
        order = self.desk.orders.add_item(self.order_id, sku, quantity)
        self.touched |= {i.id for i in order.items if i.id != self.watched.id}

    @rule(where=st.sampled_from(ADDRESSES), method=st.sampled_from(["standard", "express"]))
    def add_a_ship_to(self, where: dict[str, str], method: str) -> None:
        if len(self.desk.orders.get(self.order_id).ship_tos) < 4:
            self.desk.orders.add_ship_to(self.order_id, where, method=method)

    @rule(to=st.integers(0, 3), part=st.booleans())
    def send_another_line_elsewhere(self, to: int, part: bool) -> None:
        order = self.desk.orders.get(self.order_id)
        line = next(iter(self._lines()), None)
        target = order.ship_tos[to % len(order.ship_tos)]
        if line is None or line.ship_to_id == target.id:
            return
        split = 1 if part and line.quantity > 1 else None
        after = self.desk.orders.assign_item(self.order_id, line.id, target.id, quantity=split)
        self.touched |= {i.id for i in after.items if i.id != self.watched.id}

    @rule(which=st.integers(0, 3), amount=st.sampled_from([None, "0.00", "4.95", "12.00"]))
    def override_a_charge(self, which: int, amount: str | None) -> None:
        order = self.desk.orders.get(self.order_id)
        ship_to = order.ship_tos[which % len(order.ship_tos)]
        self.desk.orders.override_shipping(self.order_id, ship_to.id, amount, "Machine override")

    @rule()
    def promotions_end(self) -> None:
        with self.sc.engine.begin() as connection:
            connection.execute(update(Promotion).values(active=False))

    @rule(price=PRICES)
    def list_prices_move(self, price: str) -> None:
        with self.sc.engine.begin() as connection:
            connection.execute(update(Product).values(list_price=Decimal(price)))

    @rule()
    def note(self) -> None:
        self.desk.orders.add_note(self.order_id, "Called back")

    @invariant()
    def the_untouched_line_keeps_its_price(self) -> None:
        if not hasattr(self, "order_id"):
            return
        order = self.desk.orders.get(self.order_id)
        line = next(i for i in order.items if i.id == self.watched.id)
        assert (line.placed_price, line.list_price, line.discount) == (
            self.watched.placed_price, self.watched.list_price, self.watched.discount)

    @invariant()
    def totals_add_up(self) -> None:
        if hasattr(self, "order_id"):
            order = self.desk.orders.get(self.order_id)
            assert_totals_add_up(order)
            assert_each_ship_to_adds_up(order)


def assert_each_ship_to_adds_up(order: OrderView) -> None:
    """Every line goes to one ship-to; the order's shipping and tax are its ship-tos' sums; each
    ship-to is taxed at its own destination on its lines (and its shipping where taxed)."""
    assert sorted(i for s in order.ship_tos for i in s.item_ids) == sorted(i.id for i in order.items)
    assert order.shipping_total == sum((s.shipping_total for s in order.ship_tos), Decimal("0.00"))
    assert order.tax_total == sum((s.tax_total for s in order.ship_tos), Decimal("0.00"))
    for ship_to in order.ship_tos:
        assert ship_to.address is not None
        rate, shipping_taxed = tax_rate_at(ship_to.address.country, ship_to.address.region)
        goods = sum((i.line_total for i in order.items if i.id in ship_to.item_ids), Decimal("0.00"))
        base = goods + (ship_to.shipping_total if shipping_taxed else Decimal("0.00"))
        assert ship_to.tax_total == (base * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        if ship_to.shipping_overridden:
            assert ship_to.override_reason == "Machine override"


PricesHoldMachine.TestCase.settings = settings(
    max_examples=5, stateful_step_count=8, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_prc_2_untouched_lines_keep_their_prices_and_totals_add_up = PricesHoldMachine.TestCase
