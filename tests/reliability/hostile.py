"""Hostile input for every API operation, shared by the suite and scripts/hostile.py.

Strategies: NUL bytes, huge strings, RTL and emoji text, SQL metacharacters, NaN,
infinities, negative and huge numbers, wrong types. Every call either succeeds or
raises an errors.SalesCenterError subclass, and a refused call leaves the database
exactly as it was.
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

from salescenter import SalesCenter, errors

from .machine import template
from .support import fingerprint

PASSWORD = "hostile-pw-1"
SPECIAL_TEXT = [
    "\x00", "a\x00b", "'; DROP TABLE orders; --", '" OR 1=1 --', "%", "_%\\", "\\'", "\u202eevil\u202c",
    "😀" * 10, "👩‍👩‍👧‍👦", "ﷺ", "שלום עולם", "\r\n", "Robert'); DROP TABLE history;--", "", "   ",
    "\ufeff", "𝕏" * 300, "\udcff", "NaN", "-1", "1e999", "WID-1", "US", "credit_card",
]
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPECIAL_TEXT),
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "é", "😀", "\u202e", "%"]),
              st.integers(300, 120_000)),
)
NUMBER = st.one_of(
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(["NaN", "inf", "-inf", "1e999", "-0", "0x10", "1_000", "", "12.345", "5",
                     Decimal("sNaN"), 2**63, -(2**63), 0, 1]),
    st.none(),
    st.booleans(),
)
ANY = st.one_of(TEXT, NUMBER, st.lists(st.integers(), max_size=3),
                st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3))
IDENT = st.one_of(NUMBER, ANY)
ADDRESS = st.one_of(
    st.fixed_dictionaries({"line1": TEXT, "city": TEXT, "country": TEXT},
                          optional={"name": TEXT, "postal_code": TEXT, "phone": TEXT, "region": ANY}),
    ANY,
)

Op = Callable[["HostileWorld", st.DataObject], object]


class HostileWorld:
    def __init__(self, url: str | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sc-hostile-"))
        if url is None:
            shutil.copy(template(), self.folder / "sc.db")
            url = f"sqlite:///{self.folder / 'sc.db'}"
        self.sc = SalesCenter.open(url)
        self.sc.create_user("admin", PASSWORD, role="admin")
        d = self.desk = self.sc.login("admin", PASSWORD)
        d.stores.create("US", "Hostile store")
        d.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100)
        d.catalog.create_promotion("Ten off", percent_off="10", coupon_code="SAVE10")
        self.customer = d.customers.create("Mercy", "Taylor", address={
            "line1": "12 Elm Street", "city": "Springfield", "country": "US"}).id
        cart = d.orders.add_item(d.orders.create("US", self.customer).id, "WID-1", 1)
        self.cart, self.item = cart.id, cart.items[0].id
        submitted = d.orders.submit(d.orders.add_item(d.orders.create("US", self.customer).id, "WID-1", 1).id)
        submitted = d.orders.place_block(submitted.id, "Suspected fraud")
        self.submitted, self.block = submitted.id, submitted.blocks[-1].id
        self.tickler = d.ticklers.create("Call back", customer_id=self.customer).id
        self.outcomes: Counter[str] = Counter()

    def close(self) -> None:
        self.sc.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def order_id(self, data: st.DataObject) -> Any:
        return data.draw(st.one_of(st.sampled_from([self.cart, self.submitted]), IDENT))

    def attempt(self, name: str, data: st.DataObject) -> None:
        before = fingerprint(self.sc.engine)
        try:
            OPERATIONS[name](self, data)
        except errors.SalesCenterError:
            self.outcomes[f"refused {name}"] += 1
            assert fingerprint(self.sc.engine) == before, f"refused {name} changed the database"
            return
        self.outcomes[f"done {name}"] += 1


def _d(w: HostileWorld) -> Any:
    return w.desk


OPERATIONS: dict[str, Op] = {
    "customers.create": lambda w, d: _d(w).customers.create(
        d.draw(TEXT), d.draw(TEXT), company=d.draw(ANY), email=d.draw(ANY), phone=d.draw(ANY),
        address=d.draw(st.none() | ADDRESS), credit_limit=d.draw(st.none() | NUMBER)),
    "customers.update": lambda w, d: _d(w).customers.update(
        d.draw(st.just(w.customer) | IDENT), phone=d.draw(ANY), email=d.draw(ANY),
        credit_limit=d.draw(NUMBER)),
    "customers.find": lambda w, d: _d(w).customers.find(d.draw(ANY)),
    "customers.get": lambda w, d: _d(w).customers.get(d.draw(IDENT)),
    "customers.add_address": lambda w, d: _d(w).customers.add_address(
        d.draw(st.just(w.customer) | IDENT), d.draw(ADDRESS)),
    "stores.create": lambda w, d: _d(w).stores.create(
        d.draw(TEXT), d.draw(TEXT), d.draw(st.just("consumer_direct") | ANY), d.draw(st.just("USD") | ANY),
        review_threshold=d.draw(NUMBER), tax_rate=d.draw(st.just("0") | NUMBER)),
    "users.create": lambda w, d: _d(w).users.create(d.draw(TEXT), d.draw(TEXT), d.draw(st.just("csr") | ANY)),
    "catalog.create_product": lambda w, d: _d(w).catalog.create_product(
        d.draw(TEXT), d.draw(TEXT), d.draw(NUMBER), description=d.draw(TEXT), stock=d.draw(NUMBER),
        restock_date=d.draw(st.none() | ANY)),
    "catalog.create_promotion": lambda w, d: _d(w).catalog.create_promotion(
        d.draw(TEXT), percent_off=d.draw(NUMBER), coupon_code=d.draw(st.none() | TEXT),
        starts=d.draw(st.none() | ANY)),
    "catalog.find": lambda w, d: _d(w).catalog.find(d.draw(ANY)),
    "catalog.set_available": lambda w, d: _d(w).catalog.set_available(d.draw(TEXT), d.draw(ANY)),
    "inventory.receive": lambda w, d: _d(w).inventory.receive(
        d.draw(st.just("WID-1") | TEXT), d.draw(NUMBER)),
    "orders.create": lambda w, d: _d(w).orders.create(
        d.draw(st.just("US") | TEXT), d.draw(st.just(w.customer) | IDENT), name=d.draw(TEXT)),
    "orders.create guest": lambda w, d: _d(w).orders.create(
        "US", guest=d.draw(st.dictionaries(st.sampled_from(["first_name", "last_name", "email", "phone"]),
                                           ANY) | ANY)),
    "orders.add_item": lambda w, d: _d(w).orders.add_item(
        w.order_id(d), d.draw(st.just("WID-1") | TEXT), d.draw(NUMBER), placed_price=d.draw(NUMBER)),
    "orders.set_quantity": lambda w, d: _d(w).orders.set_quantity(
        w.order_id(d), d.draw(st.just(w.item) | IDENT), d.draw(NUMBER)),
    "orders.set_price": lambda w, d: _d(w).orders.set_price(
        w.order_id(d), d.draw(st.just(w.item) | IDENT), d.draw(NUMBER)),
    "orders.set_shipping": lambda w, d: _d(w).orders.set_shipping(
        w.order_id(d), d.draw(ADDRESS), method=d.draw(st.none() | ANY)),
    "orders.apply_coupon": lambda w, d: _d(w).orders.apply_coupon(w.order_id(d), d.draw(TEXT)),
    "orders.add_payment": lambda w, d: _d(w).orders.add_payment(
        w.order_id(d), d.draw(st.just("credit_card") | ANY), d.draw(NUMBER), card_number=d.draw(ANY)),
    "orders.place_block": lambda w, d: _d(w).orders.place_block(w.order_id(d), d.draw(TEXT), d.draw(ANY)),
    "orders.modify_block": lambda w, d: _d(w).orders.modify_block(
        w.order_id(d), d.draw(st.just(w.block) | IDENT), reason=d.draw(ANY), comment=d.draw(ANY)),
    "orders.resolve_block": lambda w, d: _d(w).orders.resolve_block(
        w.order_id(d), d.draw(IDENT), d.draw(ANY)),
    "orders.hold": lambda w, d: _d(w).orders.hold(
        w.order_id(d), d.draw(TEXT), item_id=d.draw(st.none() | IDENT)),
    "orders.cancel": lambda w, d: _d(w).orders.cancel(d.draw(IDENT), d.draw(TEXT)),
    "orders.add_note": lambda w, d: _d(w).orders.add_note(
        w.order_id(d), d.draw(TEXT), expected_version=d.draw(st.none() | IDENT)),
    "orders.search": lambda w, d: _d(w).orders.search(
        number=d.draw(st.none() | ANY), customer_name=d.draw(st.none() | ANY),
        email=d.draw(st.none() | ANY), status=d.draw(st.none() | ANY),
        created_from=d.draw(st.none() | ANY), limit=d.draw(st.just(50) | ANY)),
    "orders.get": lambda w, d: _d(w).orders.get(d.draw(IDENT)),
    "orders.history": lambda w, d: _d(w).orders.history(d.draw(IDENT)),
    "orders.delete": lambda w, d: _d(w).orders.delete(d.draw(st.lists(IDENT, max_size=3) | IDENT)),
    "orders.begin_edit": lambda w, d: _d(w).orders.begin_edit(d.draw(IDENT), expected_version=d.draw(IDENT)),
    "admin.unlock_order": lambda w, d: _d(w).admin.unlock_order(d.draw(IDENT)),
    "login": lambda w, d: w.sc.login(d.draw(ANY), d.draw(ANY)),
    "ticklers.create": lambda w, d: _d(w).ticklers.create(
        d.draw(TEXT), order_id=d.draw(st.none() | st.just(w.cart) | IDENT),
        customer_id=d.draw(st.just(w.customer) | IDENT), return_id=d.draw(st.none() | IDENT),
        comment=d.draw(ANY), remind_at=d.draw(st.none() | ANY | st.datetimes()),
        assignee=d.draw(st.none() | ANY), role=d.draw(st.none() | ANY)),
    "ticklers.mine": lambda w, d: _d(w).ticklers.mine(due_only=d.draw(ANY), limit=d.draw(st.just(50) | ANY)),
    "ticklers.search": lambda w, d: _d(w).ticklers.search(
        order_id=d.draw(st.none() | IDENT), customer_id=d.draw(st.none() | IDENT),
        status=d.draw(st.none() | ANY), assignee=d.draw(st.none() | ANY), role=d.draw(st.none() | ANY)),
    "ticklers.record": lambda w, d: _d(w).ticklers.record(d.draw(st.just(w.tickler) | IDENT), d.draw(ANY)),
    "ticklers.resolve": lambda w, d: _d(w).ticklers.resolve(d.draw(IDENT), d.draw(ANY)),
    "ticklers.reassign": lambda w, d: _d(w).ticklers.reassign(
        d.draw(st.just(w.tickler) | IDENT), assignee=d.draw(st.none() | ANY), role=d.draw(st.none() | ANY)),
    "audit.search": lambda w, d: _d(w).audit.search(
        entity=d.draw(st.none() | ANY), entity_id=d.draw(st.none() | ANY), user=d.draw(st.none() | ANY),
        limit=d.draw(st.just(50) | ANY), offset=d.draw(st.just(0) | ANY)),
    "users.set_role": lambda w, d: _d(w).users.set_role(d.draw(st.just("admin") | TEXT), d.draw(ANY)),
}
