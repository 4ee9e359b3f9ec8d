"""RET-1..RET-5 with the order lines and payments as a property: orders sold, shipped and
brought back (returns, exchanges and misships approved, received in parts, resaleable or not,
and canceled) keep, after every step:

- per payment: captured - refunded >= 0 (never more back than was taken);
- per line: returned <= shipped, and once the order is paid allocated + backordered + shipped +
  canceled == quantity;
- stock conserved: what is on the shelves plus what lines hold allocated equals what the machine
  stocked and received, plus what came back resaleable, less what shipped;
- a return's refunds never exceed its credit, and a refused step changes no return.
"""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import func, select

from salescenter import SalesCenter, errors
from salescenter.models import OrderItem, Product, ReturnLine
from tests.reliability.machine import PASSWORD, template
from tests.reliability.support import GOOD_CARD

STOCK = {"WID-1": 30, "CAB-1": 30, "GAD-1": 4}
KINDS = st.sampled_from(["return", "return", "exchange", "misship"])


class AfterTheSaleMachine(RuleBasedStateMachine):
    @initialize()
    def open_shop(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sc-after-sale-"))
        shutil.copy(template(), self.folder / "sc.db")
        self.sc = SalesCenter.open(f"sqlite:///{self.folder / 'sc.db'}", migrate=False)
        self.sc.create_user("admin", PASSWORD, role="admin")
        admin = self.sc.login("admin", PASSWORD)
        admin.users.create("csr", PASSWORD, "csr")
        admin.users.create("boss", PASSWORD, "supervisor")
        self.csr, self.boss = self.sc.login("csr", PASSWORD), self.sc.login("boss", PASSWORD)
        admin.stores.create("US", "Machine store", tax_rate="0.0825")
        for sku, count in STOCK.items():
            admin.catalog.create_product(sku, sku, {"WID-1": "19.99", "CAB-1": "9.99"}.get(sku, "5.00"),
                                         stock=count)
        self.customer = admin.customers.create("Mercy", "Taylor", address={
            "line1": "12 Elm Street", "city": "Springfield", "country": "US"}).id
        self.stocked = sum(STOCK.values())
        self.orders: list[int] = []
        self.returns: list[int] = []
        self.sell(2, 1, True)  # goods out from the start, so every run can bring some back

    def teardown(self) -> None:
        if hasattr(self, "sc"):
            self.sc.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _pick(self, found: list[int], index: int) -> int:
        return found[index % len(found)]

    def _refused_changes_nothing(self, call) -> bool:  # type: ignore[no-untyped-def]
        before = [r.model_dump() for r in self.csr.returns.search(limit=500)]
        try:
            call()
        except errors.SalesCenterError:
            assert [r.model_dump() for r in self.csr.returns.search(limit=500)] == before
            return False
        return True

    # rules --------------------------------------------------------------------------------

    @precondition(lambda self: hasattr(self, "csr") and len(self.orders) < 4)
    @rule(widgets=st.integers(1, 3), cables=st.integers(0, 2), ship=st.sampled_from([True, True, False]))
    def sell(self, widgets: int, cables: int, ship: bool) -> None:
        order = self.csr.orders.create("US", self.customer)
        self.csr.orders.add_item(order.id, "WID-1", widgets)
        if cables:
            self.csr.orders.add_item(order.id, "CAB-1", cables)
        order = self.csr.orders.submit(order.id)
        order = self.csr.orders.add_payment(order.id, "credit_card", order.total, card_number=GOOD_CARD)
        self.csr.orders.release(order.id)
        self.orders.append(order.id)
        if ship:
            self.ship(len(self.orders) - 1)

    @precondition(lambda self: bool(getattr(self, "orders", None)))
    @rule(index=st.integers(0, 9))
    def ship(self, index: int) -> None:
        order_id = self._pick(self.orders, index)
        for step in (self.boss.fulfillment.pick, self.boss.fulfillment.ship):
            try:
                step(order_id)
            except errors.SalesCenterError:
                return

    @precondition(lambda self: bool(getattr(self, "orders", None)))
    @rule(index=st.integers(0, 9), cents=st.integers(1, 20_000), which=st.integers(0, 2))
    def refund(self, index: int, cents: int, which: int) -> None:
        """PAY-3: a rep refunds any amount, to one payment or newest first; too much is refused."""
        order = self.csr.orders.get(self._pick(self.orders, index))
        chosen = order.payments[which].id if which < len(order.payments) else None
        try:
            self.csr.orders.refund(order.id, Decimal(cents) / 100, "Goodwill", payment_id=chosen)
        except errors.SalesCenterError:
            assert self.csr.orders.get(order.id).payments == order.payments
            return
        def back(view):  # type: ignore[no-untyped-def]
            return sum((p.refunded_amount for p in view.payments), Decimal("0.00"))

        assert back(self.csr.orders.get(order.id)) == back(order) + Decimal(cents) / 100

    @precondition(lambda self: bool(getattr(self, "orders", None)))
    @rule(index=st.integers(0, 9))
    def void(self, index: int) -> None:
        """PAY-3: voiding works only before capture; a refusal leaves the payments as they were."""
        order = self.csr.orders.get(self._pick(self.orders, index))
        for payment in order.payments:
            try:
                self.csr.orders.void_payment(order.id, payment.id, "Customer pays another way")
            except errors.SalesCenterError:
                assert self.csr.orders.get(order.id).payments == order.payments
                assert payment.actions["void_payment"] is not None
            else:
                assert payment.actions["void_payment"] is None and payment.captured_amount == 0

    @precondition(lambda self: bool(getattr(self, "orders", None)))
    @rule(index=st.integers(0, 9), line=st.integers(0, 1), quantity=st.integers(1, 3), kind=KINDS,
          other=st.booleans())
    def bring_back(self, index: int, line: int, quantity: int, kind: str, other: bool) -> None:
        order = self.csr.orders.get(self._pick(self.orders, index))
        # Mostly goods that can come back; sometimes a line that cannot (refused, nothing changes).
        lines = [i for i in order.items if i.returnable_quantity] if line else order.items
        item = (lines or order.items)[index % len(lines or order.items)]
        swaps = {item.id: "GAD-1"} if kind != "return" and other else None
        made: list[int] = []
        if self._refused_changes_nothing(lambda: made.append(self.csr.returns.create(
                order.id, {item.id: quantity}, "Machine says so", kind=kind, replacements=swaps).id)):
            self.returns.extend(made)

    @precondition(lambda self: bool(getattr(self, "returns", None)))
    @rule(index=st.integers(0, 9))
    def approve(self, index: int) -> None:
        key = self._pick(self.returns, index)
        self._refused_changes_nothing(lambda: self.boss.returns.approve(key))

    @precondition(lambda self: bool(getattr(self, "returns", None)))
    @rule(index=st.integers(0, 9), part=st.integers(0, 2), resaleable=st.booleans())
    def receive(self, index: int, part: int, resaleable: bool) -> None:
        ret = self.csr.returns.get(self._pick(self.returns, index))
        line = ret.lines[0]
        quantities = None if part == 0 else {line.item_id: part}
        self._refused_changes_nothing(
            lambda: self.boss.returns.receive(ret.id, quantities, resaleable=resaleable))

    @precondition(lambda self: bool(getattr(self, "returns", None)))
    @rule(index=st.integers(0, 9))
    def cancel(self, index: int) -> None:
        key = self._pick(self.returns, index)
        self._refused_changes_nothing(lambda: self.csr.returns.cancel(key, "Kept them after all"))

    @precondition(lambda self: hasattr(self, "csr"))
    @rule(sku=st.sampled_from(sorted(STOCK)), quantity=st.integers(1, 3))
    def stock_arrives(self, sku: str, quantity: int) -> None:
        self.boss.inventory.receive(sku, quantity)
        self.stocked += quantity

    # invariants ---------------------------------------------------------------------------

    @invariant()
    def payments_never_give_back_more_than_they_took(self) -> None:
        for order_id in getattr(self, "orders", []):
            for payment in self.csr.orders.get(order_id).payments:
                captured = getattr(payment, "captured_amount", None)
                refunded = getattr(payment, "refunded_amount", None)
                if captured is not None and refunded is not None:
                    assert captured - refunded >= 0, payment

    @invariant()
    def lines_add_up(self) -> None:
        for order_id in getattr(self, "orders", []):
            order = self.csr.orders.get(order_id)
            for item in order.items:
                assert item.returned_quantity <= item.shipped_quantity, item
                if item.fulfillment_status is not None:
                    assert (item.allocated_quantity + item.backordered_quantity + item.shipped_quantity
                            + item.canceled_quantity) == item.quantity, item

    @invariant()
    def stock_is_conserved(self) -> None:
        if not hasattr(self, "sc"):
            return
        def total(column):  # type: ignore[no-untyped-def]
            return c.execute(select(func.coalesce(func.sum(column), 0))).scalar_one()

        with self.sc.engine.connect() as c:
            shelves, allocated = total(Product.stock), total(OrderItem.allocated_quantity)
            shipped, back = total(OrderItem.shipped_quantity), total(ReturnLine.restocked_quantity)
            c.rollback()
        assert shelves + allocated == self.stocked + back - shipped

    @invariant()
    def refunds_stay_within_the_credit(self) -> None:
        for ret in self.csr.returns.search(limit=500) if hasattr(self, "csr") else []:
            assert Decimal("0.00") <= ret.refunded_total <= max(ret.credit_total, -ret.price_difference)
            for line in ret.lines:
                assert line.restocked_quantity <= line.received_quantity <= line.quantity


AfterTheSaleMachine.TestCase.settings = settings(
    max_examples=6, stateful_step_count=14, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_ret_1_to_ret_5_after_the_sale_keeps_payments_lines_and_stock_whole = AfterTheSaleMachine.TestCase
