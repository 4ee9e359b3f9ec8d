"""The order lifecycle as a hypothesis state machine, shared by the suite and scripts/lifecycle.py.

Rules: create, add item, submit, edit (begin/change/finish), manual and automatic
blocks, resolve as CSR or administrator, hold and release the hold, pay, release,
receive stock, pick and ship, cancel. Checked after every step: nothing is
released or shipped past an open block or hold, automatic blocks are removed only
by an administrator, totals are the sum of rounded lines, a successful change
writes exactly one history entry and a refused one none, and a canceled order
never leaves Canceled.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import text

from salescenter import SalesCenter, errors
from salescenter.db.engine import make_engine
from salescenter.db.migrate import upgrade

from .support import DECLINED_CARD, GOOD_CARD

PASSWORD = "machine-pw-1"
SKUS = ("WID-1", "GAD-1", "CAB-1")
MAX_ORDERS = 5
CENT = Decimal("0.01")
_TEMPLATE: dict[str, Path] = {}
STATS: Counter[str] = Counter()


def template() -> Path:
    if "path" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="sc-machine-"))
        path = folder / "template.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        engine.dispose()
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


class LifecycleMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="sc-machine-run-"))
        shutil.copy(template(), self.folder / "sc.db")
        self.sc = SalesCenter.open(f"sqlite:///{self.folder / 'sc.db'}", migrate=False)
        self.sc.create_user("admin", PASSWORD, role="admin")
        self.admin = self.sc.login("admin", PASSWORD)
        self.admin.users.create("csr", PASSWORD, "csr")
        self.csr = self.sc.login("csr", PASSWORD)
        self.admin.stores.create("US", "Machine store", review_threshold="500")
        self.admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=20)
        self.admin.catalog.create_product("GAD-1", "Red Gadget", "5.00", stock=2)
        self.admin.catalog.create_product("CAB-1", "USB Cable", "9.99", stock=50)
        self.customer = self.admin.customers.create("Mercy", "Taylor", address={
            "line1": "12 Elm Street", "city": "Springfield", "country": "US"}).id
        self.orders: list[int] = []
        self.canceled: set[int] = set()

    def teardown(self) -> None:
        self.sc.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # reading the database directly -------------------------------------------------------

    def _facts(self, order_id: int) -> dict[str, Any]:
        with self.sc.engine.connect() as c:
            status = c.execute(text("SELECT status FROM orders WHERE id = :i"), {"i": order_id}).scalar()
            # A shipment's capture and a cancel's void are the payments' own entries (PAY-3),
            # written beside the change's one.
            history = c.execute(text("SELECT count(*) FROM history WHERE order_id = :i AND activity "
                                     "NOT IN ('Payment captured', 'Payment voided', "
                                     "'Payment authorization raised')"),
                                {"i": order_id}).scalar_one()
            blocks = c.execute(text("SELECT count(*) FROM blocks WHERE order_id = :i AND NOT resolved"),
                               {"i": order_id}).scalar_one()
            holds = c.execute(text("SELECT item_id FROM holds WHERE order_id = :i AND NOT released"),
                              {"i": order_id}).scalars().all()
            shipped = c.execute(text("SELECT id FROM order_items WHERE order_id = :i AND "
                                     "fulfillment_status = 'shipped'"), {"i": order_id}).scalars().all()
            c.rollback()
        return {"status": status, "history": history, "blocks": blocks, "holds": list(holds),
                "shipped": set(shipped)}

    def _do(self, order_id: int, name: str, call: Callable[[], object]) -> bool:
        before = self._facts(order_id)
        try:
            call()
        except errors.SalesCenterError:
            STATS[f"refused {name}"] += 1
            after = self._facts(order_id)
            assert after == before, f"refused {name} changed order {order_id}: {before} -> {after}"
            return False
        STATS[f"done {name}"] += 1
        after = self._facts(order_id)
        assert after["history"] == before["history"] + 1, f"{name}: one history entry per change"
        if before["status"] == "canceled":
            assert after["status"] == "canceled", f"{name} moved order {order_id} out of Canceled"
        if after["status"] == "released" and before["status"] == "pending_payment_authorization":
            assert before["blocks"] == 0 and not before["holds"], f"{name} released past a block or hold"
        if after["status"] == "released":
            # Leaving On hold resumes an order released earlier; only an order-level hold stops it.
            assert None not in after["holds"], f"{name} left a released order under an order hold"
        newly_shipped = after["shipped"] - before["shipped"]
        if newly_shipped:
            assert before["blocks"] == 0, f"{name} shipped past an open block"
            assert not newly_shipped & set(before["holds"]), f"{name} shipped a held line"
            assert None not in before["holds"], f"{name} shipped an order on hold"
        return True

    def _pick(self, index: int) -> int:
        return self.orders[index % len(self.orders)]

    # rules --------------------------------------------------------------------------------

    @precondition(lambda self: len(self.orders) < MAX_ORDERS)
    @rule(sku=st.sampled_from(SKUS), quantity=st.integers(1, 4))
    def create(self, sku: str, quantity: int) -> None:
        order_id = self.csr.orders.create("US", self.customer).id
        self.orders.append(order_id)
        STATS["done create"] += 1
        self._do(order_id, "add_item", lambda: self.csr.orders.add_item(order_id, sku, quantity))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9), sku=st.sampled_from(SKUS), quantity=st.integers(1, 4))
    def add_item(self, index: int, sku: str, quantity: int) -> None:
        order_id = self._pick(index)
        self._do(order_id, "add_item", lambda: self.csr.orders.add_item(order_id, sku, quantity))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9), further=st.integers(0, 3))
    def accept_and_submit(self, index: int, further: int) -> None:
        """Submit, then as far as ``further`` says: pay, release, pick and ship."""
        order_id = self._pick(index)
        for item in self.csr.orders.get(order_id).items:
            if item.flag and not item.flag_accepted:
                self._do(order_id, "accept_item", lambda i=item.id: self.csr.orders.accept_item(order_id, i))
        if not self._do(order_id, "submit", lambda: self.csr.orders.submit(order_id)) or not further:
            return
        order = self.csr.orders.get(order_id)
        self._do(order_id, "add_payment", lambda: self.csr.orders.add_payment(
            order_id, "credit_card", order.total, card_number=GOOD_CARD))
        released = further >= 2 and self._do(order_id, "release", lambda: self.csr.orders.release(order_id))
        if released and further >= 3:
            self._do(order_id, "pick", lambda: self.admin.fulfillment.pick(order_id))
            self._do(order_id, "ship", lambda: self.admin.fulfillment.ship(order_id))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9), quantity=st.integers(1, 6))
    def edit(self, index: int, quantity: int) -> None:
        order_id = self._pick(index)
        if not self._do(order_id, "begin_edit", lambda: self.csr.orders.begin_edit(order_id)):
            return
        items = self.csr.orders.get(order_id).items
        if items:
            self._do(order_id, "set_quantity",
                     lambda: self.csr.orders.set_quantity(order_id, items[0].id, quantity))
        self._do(order_id, "finish_edit", lambda: self.csr.orders.finish_edit(order_id))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9))
    def block_manual(self, index: int) -> None:
        order_id = self._pick(index)
        self._do(order_id, "place_block", lambda: self.csr.orders.place_block(order_id, "Suspected fraud"))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9))
    def block_automatic(self, index: int) -> None:
        order_id = self._pick(index)
        self._do(order_id, "declined payment", lambda: self.csr.orders.add_payment(
            order_id, "credit_card", "1.00", card_number=DECLINED_CARD))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9), as_admin=st.booleans())
    def resolve(self, index: int, as_admin: bool) -> None:
        order_id = self._pick(index)
        desk = self.admin if as_admin else self.csr
        for block in self.csr.orders.get(order_id).open_blocks[:1]:
            done = self._do(order_id, "resolve_block",
                            lambda b=block.id: desk.orders.resolve_block(order_id, b))
            if block.kind == "automatic" and not as_admin:
                assert not done, "a CSR removed an automatic block"

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9), line=st.booleans())
    def hold(self, index: int, line: bool) -> None:
        order_id = self._pick(index)
        items = self.csr.orders.get(order_id).items
        item = items[0].id if line and items else None
        self._do(order_id, "hold", lambda: self.csr.orders.hold(order_id, "Wait", item_id=item))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9))
    def release_hold(self, index: int) -> None:
        order_id = self._pick(index)
        for held in self.csr.orders.get(order_id).active_holds[:1]:
            self._do(order_id, "release_hold", lambda h=held.id: self.csr.orders.release_hold(order_id, h))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9))
    def pay(self, index: int) -> None:
        order_id = self._pick(index)
        order = self.csr.orders.get(order_id)
        due = order.total - order.paid_total
        if due > 0:
            self._do(order_id, "add_payment", lambda: self.csr.orders.add_payment(
                order_id, "credit_card", due, card_number=GOOD_CARD))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9))
    def release(self, index: int) -> None:
        order_id = self._pick(index)
        self._do(order_id, "release", lambda: self.csr.orders.release(order_id))

    @precondition(lambda self: len(self.orders) >= 2)
    @rule(sku=st.sampled_from(SKUS), quantity=st.integers(1, 10))
    def receive(self, sku: str, quantity: int) -> None:
        self.admin.inventory.receive(sku, quantity)
        STATS["done receive"] += 1

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9))
    def pick_and_ship(self, index: int) -> None:
        order_id = self._pick(index)
        self._do(order_id, "pick", lambda: self.admin.fulfillment.pick(order_id))
        self._do(order_id, "ship", lambda: self.admin.fulfillment.ship(order_id))

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 9))
    def cancel(self, index: int) -> None:
        order_id = self._pick(index)
        if self._do(order_id, "cancel", lambda: self.csr.orders.cancel(order_id, "Changed mind")):
            self.canceled.add(order_id)

    # invariants ---------------------------------------------------------------------------

    @invariant()
    def canceled_stays_canceled(self) -> None:
        for order_id in self.canceled:
            assert self._facts(order_id)["status"] == "canceled"

    @invariant()
    def automatic_blocks_removed_only_by_admin(self) -> None:
        with self.sc.engine.connect() as c:
            who = c.execute(text("SELECT DISTINCT resolved_by FROM blocks WHERE kind = 'automatic' "
                                 "AND resolved")).scalars().all()
            c.rollback()
        assert set(who) <= {"admin"}, who

    @invariant()
    def totals_are_sums_of_rounded_lines(self) -> None:
        for order_id in self.orders:
            order = self.admin.orders.get(order_id)
            if order.status == "canceled":
                continue
            live = [i for i in order.items if i.fulfillment_status != "canceled"]
            for item in live:
                assert item.line_total == item.line_total.quantize(CENT)
            assert order.subtotal == sum(((i.placed_price * i.quantity).quantize(CENT)
                                          for i in live), Decimal("0.00"))
            merchandise = sum((i.line_total for i in live), Decimal("0.00"))
            assert order.discount_total == order.subtotal - merchandise
            assert order.total == merchandise + order.shipping_total + order.tax_total
