"""Authority matrix: every changing operation as every role (SPEC "Users and roles", BLK-3/4, LCK-3).

Each row names an operation and the lowest role allowed to do it. The test prepares
fresh preconditions as the administrator, then tries the operation as each role:
an allowed role succeeds, any other gets AuthorizationError naming the missing
authority, and the database is byte-for-byte unchanged after the refusal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.services.authority import ROLES
from tests.conftest import HOME, PASSWORDS
from tests.reliability.support import DECLINED_CARD, cart, fingerprint, paid, submitted

Call = Callable[[Desk], object]
Prepare = Callable[["Matrix"], Call]


class Matrix:
    """A small world on SQLite: the rules are the same on every backend."""

    def __init__(self, sc: SalesCenter) -> None:
        self.sc = sc
        sc.create_user("admin", PASSWORDS["admin"], role="admin")
        self.admin = sc.login("admin", PASSWORDS["admin"])
        self.admin.users.create("csr", PASSWORDS["csr"], "csr")
        self.admin.users.create("supervisor", PASSWORDS["supervisor"], "supervisor")
        self.desks = {"admin": self.admin, "csr": sc.login("csr", PASSWORDS["csr"]),
                      "supervisor": sc.login("supervisor", PASSWORDS["supervisor"])}
        self.admin.stores.create("US", "Sales Center US")
        self.admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=10_000)
        self.admin.catalog.create_product("CAB-1", "USB Cable", "9.99", stock=10_000)
        self.admin.catalog.create_product("GAD-1", "Red Gadget", "5.00", stock=0)
        self.admin.catalog.create_bundle("KIT-1", "Starter Kit", {"WID-1": 1, "CAB-1": 2})
        self.admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="SAVE10")
        self.customer = self.admin.customers.create("Mercy", "Taylor", address=HOME).id
        self.serial = itertools.count(1)

    def unique(self, prefix: str) -> str:
        return f"{prefix}{next(self.serial)}"

    def cart(self) -> int:
        return cart(self.admin, "US", self.customer).id

    def submitted(self) -> int:
        return submitted(self.admin, "US", self.customer).id

    def released(self) -> int:
        return self.admin.orders.release(paid(self.admin, "US", self.customer).id).id


def _edit_by(m: Matrix, role: str) -> int:
    """An order the role itself is editing (the lock is per user)."""
    order_id = m.submitted()
    m.desks[role].orders.begin_edit(order_id)
    return order_id


def _editing_call(action: Callable[[Desk, int], object]) -> Prepare:
    """Operations that need the caller's own edit lock on a submitted order."""

    def prepare(m: Matrix) -> Call:
        def call(desk: Desk) -> object:
            return action(desk, _edit_by(m, desk.user.username))

        return call

    return prepare


def _blocked(m: Matrix) -> tuple[int, int]:
    order = m.admin.orders.place_block(m.submitted(), "Suspected fraud")
    return order.id, order.blocks[-1].id


def _auto_blocked(m: Matrix) -> tuple[int, int]:
    order_id = m.submitted()
    order = m.admin.orders.add_payment(order_id, "credit_card", "1.00", card_number=DECLINED_CARD)
    return order.id, next(b.id for b in order.blocks if b.kind == "automatic")


def _on_order(fn: Callable[[Desk, int], object], make: Callable[[Matrix], int]) -> Prepare:
    return lambda m: (lambda order_id: (lambda desk: fn(desk, order_id)))(make(m))


def _on_block(fn: Callable[[Desk, int, int], object], make: Callable[[Matrix], tuple[int, int]]) -> Prepare:
    return lambda m: (lambda ids: (lambda desk: fn(desk, *ids)))(make(m))


def _on_item(fn: Callable[[Desk, int, int], object]) -> Prepare:
    def prepare(m: Matrix) -> Call:
        order = m.admin.orders.get(m.cart())
        return lambda desk: fn(desk, order.id, order.items[0].id)

    return prepare


def _flagged(m: Matrix) -> Call:
    order = m.admin.orders.add_item(m.admin.orders.create("US", m.customer).id, "GAD-1", 2)
    return lambda desk: desk.orders.accept_item(order.id, order.items[0].id)


def _guest(m: Matrix) -> Call:
    order = m.admin.orders.create("US", guest={"first_name": "Gus", "last_name": "Guest"})
    return lambda desk: desk.orders.associate_customer(order.id, m.customer)


def _held(m: Matrix) -> Call:
    order_id = m.admin.orders.hold(m.submitted(), "Wait").id
    return lambda desk: desk.orders.release_hold(order_id)


def _packed(m: Matrix) -> Call:
    order_id = m.admin.fulfillment.pick(m.released()).id
    return lambda desk: desk.fulfillment.ship(order_id)


def _released_line(m: Matrix) -> Call:
    """CAN-1: a line of a released order is canceled by a Supervisor."""
    order = m.admin.orders.get(m.released())
    return lambda desk: desk.orders.cancel_item(order.id, order.items[0].id, "No stock", quantity=1)


def _stranded(m: Matrix) -> Call:
    order_id = _edit_by(m, "csr")
    return lambda desk: desk.admin.unlock_order(order_id)


def _other_user(m: Matrix) -> Call:
    name = m.unique("rep")
    m.admin.users.create(name, "rep-password-1", "csr")
    return lambda desk: desk.users.set_active(name, False)


def _other_password(m: Matrix) -> Call:
    name = m.unique("rep")
    m.admin.users.create(name, "rep-password-1", "csr")
    return lambda desk: desk.users.set_password(name, "rep-password-2")


def _address(m: Matrix) -> Call:
    address = m.admin.customers.get(m.customer).addresses[0]
    return lambda desk: desk.customers.update_address(m.customer, address.id, {**HOME, "line2": "Apt 2"})


def _product(m: Matrix) -> str:
    sku = m.unique("SKU-")
    m.admin.catalog.create_product(sku, "Spare part", "3.00", stock=5)
    return sku


# (operation, lowest role allowed, prepare)
MATRIX: list[tuple[str, str, Prepare]] = [
    ("customers.create", "csr", lambda m: lambda d: d.customers.create("Ann", "Lee")),
    ("customers.update", "csr", lambda m: lambda d: d.customers.update(m.customer, phone="555-0100")),
    ("customers.add_address", "csr", lambda m: lambda d: d.customers.add_address(m.customer, HOME)),
    ("customers.update_address", "csr", _address),
    ("orders.create", "csr", lambda m: lambda d: d.orders.create("US", m.customer)),
    ("orders.create_from", "csr", lambda m: (lambda oid: lambda d: d.orders.create_from(oid))(m.cart())),
    ("orders.add_item", "csr", _on_order(lambda d, o: d.orders.add_item(o, "WID-1", 1), Matrix.cart)),
    ("orders.add_item below list", "supervisor",
     _on_order(lambda d, o: d.orders.add_item(o, "WID-1", 1, placed_price="17.99",
                                              acknowledge="price_below_list"), Matrix.cart)),
    ("orders.add_bundle", "csr", _on_order(lambda d, o: d.orders.add_bundle(o, "KIT-1"), Matrix.cart)),
    ("orders.set_quantity", "csr", _on_item(lambda d, o, i: d.orders.set_quantity(o, i, 3))),
    ("orders.set_price at list", "csr", _on_item(lambda d, o, i: d.orders.set_price(o, i, "19.99"))),
    ("orders.set_price below list", "supervisor",
     _on_item(lambda d, o, i: d.orders.set_price(o, i, "15.00", acknowledge="price_below_list"))),
    ("orders.remove_item", "csr", _on_item(lambda d, o, i: d.orders.remove_item(o, i))),
    ("orders.expedite", "csr", _on_item(lambda d, o, i: d.orders.expedite(o, i))),
    ("orders.accept_item", "csr", _flagged),
    ("orders.cancel_item before release", "csr",
     _on_item(lambda d, o, i: d.orders.cancel_item(o, i, "Changed mind", quantity=1))),
    ("orders.cancel_item released", "supervisor", _released_line),
    ("orders.personalize", "csr", _on_item(lambda d, o, i: d.orders.personalize(o, i, "For Sam"))),
    ("orders.set_ship_complete", "csr", _on_order(lambda d, o: d.orders.set_ship_complete(o), Matrix.cart)),
    ("orders.set_shipping", "csr",
     _on_order(lambda d, o: d.orders.set_shipping(o, method="express"), Matrix.cart)),
    ("orders.apply_coupon", "csr", _on_order(lambda d, o: d.orders.apply_coupon(o, "SAVE10"), Matrix.cart)),
    ("orders.add_payment", "csr",
     _on_order(lambda d, o: d.orders.add_payment(o, "check", "5.00"), Matrix.cart)),
    ("orders.associate_customer", "csr", _guest),
    ("orders.submit", "csr", _on_order(lambda d, o: d.orders.submit(o), Matrix.cart)),
    ("orders.begin_edit", "csr", _on_order(lambda d, o: d.orders.begin_edit(o), Matrix.submitted)),
    ("orders.renew_lock", "csr", _editing_call(lambda d, o: d.orders.renew_lock(o))),
    ("orders.finish_edit", "csr", _editing_call(lambda d, o: d.orders.finish_edit(o))),
    ("orders.hold", "csr", _on_order(lambda d, o: d.orders.hold(o, "Wait"), Matrix.submitted)),
    ("orders.release_hold", "csr", _held),
    ("orders.place_block", "csr", _on_order(lambda d, o: d.orders.place_block(o, "Fraud"), Matrix.submitted)),
    ("orders.resolve_block manual", "csr", _on_block(lambda d, o, b: d.orders.resolve_block(o, b), _blocked)),
    ("orders.resolve_block automatic", "admin",
     _on_block(lambda d, o, b: d.orders.resolve_block(o, b), _auto_blocked)),
    ("orders.modify_block manual", "csr",
     _on_block(lambda d, o, b: d.orders.modify_block(o, b, comment="checked"), _blocked)),
    ("orders.modify_block automatic", "admin",
     _on_block(lambda d, o, b: d.orders.modify_block(o, b, comment="checked"), _auto_blocked)),
    ("orders.release", "csr", _on_order(lambda d, o: d.orders.release(o),
                                        lambda m: paid(m.admin, "US", m.customer).id)),
    ("orders.cancel", "csr", _on_order(lambda d, o: d.orders.cancel(o, "Changed mind"), Matrix.submitted)),
    ("orders.cancel_remainder", "supervisor",
     _on_order(lambda d, o: d.orders.cancel_remainder(o, "No stock"), Matrix.released)),
    ("orders.add_note", "csr", _on_order(lambda d, o: d.orders.add_note(o, "Called"), Matrix.cart)),
    ("orders.delete", "admin", _on_order(lambda d, o: d.orders.delete([o]), Matrix.cart)),
    ("fulfillment.pick", "supervisor", _on_order(lambda d, o: d.fulfillment.pick(o), Matrix.released)),
    ("fulfillment.ship", "supervisor", _packed),
    ("inventory.receive", "supervisor", lambda m: lambda d: d.inventory.receive("WID-1", 5)),
    ("admin.unlock_order", "admin", _stranded),
    ("users.create", "admin", lambda m: (lambda n: lambda d: d.users.create(n, "rep-password-1", "csr"))(
        m.unique("new"))),
    ("users.set_active", "admin", _other_user),
    ("users.set_password of another", "admin", _other_password),
    ("users.set_password own", "csr", lambda m: lambda d: d.users.set_password(
        d.user.username, PASSWORDS[d.user.username])),
    ("users.set_preferences own", "csr",
     lambda m: lambda d: d.users.set_preferences(shipping_method="express")),
    ("stores.create", "admin", lambda m: (lambda c: lambda d: d.stores.create(c, "Another store"))(
        m.unique("S"))),
    ("catalog.create_product", "admin", lambda m: (lambda s: lambda d: d.catalog.create_product(
        s, "Thing", "1.00"))(m.unique("NEW-"))),
    ("catalog.create_bundle", "admin", lambda m: (lambda s: lambda d: d.catalog.create_bundle(
        s, "Kit", {"WID-1": 1}))(m.unique("KIT-"))),
    ("catalog.associate", "admin",
     lambda m: (lambda s: lambda d: d.catalog.associate("WID-1", s))(_product(m))),
    ("catalog.set_available", "admin", lambda m: (lambda s: lambda d: d.catalog.set_available(s, False))(
        _product(m))),
    ("catalog.create_promotion", "admin", lambda m: (lambda c: lambda d: d.catalog.create_promotion(
        "Five off", amount_off="5", coupon_code=c))(m.unique("C"))),
]

RANK = {role: n for n, role in enumerate(ROLES)}


@pytest.fixture
def matrix(sqlite_url: str) -> Iterator[Matrix]:
    with SalesCenter.open(sqlite_url) as sc:
        yield Matrix(sc)


def test_authority_matrix_lists_every_role() -> None:
    assert set(ROLES) == {"csr", "supervisor", "admin"}
    assert len({name for name, _, _ in MATRIX}) == len(MATRIX)


def test_blk_4_lck_3_authority_matrix_every_operation_as_every_role(matrix: Matrix) -> None:
    outcomes: list[str] = []
    for (name, lowest, prepare), role in itertools.product(MATRIX, ROLES):
        call = prepare(matrix)
        desk = matrix.desks[role]
        if RANK[role] >= RANK[lowest]:
            try:
                call(desk)
            except errors.AuthorizationError as refused:
                outcomes.append(f"{name} as {role}: refused ({refused})")
            continue
        before = fingerprint(matrix.sc.engine)
        try:
            call(desk)
            outcomes.append(f"{name} as {role}: allowed, expected AuthorizationError")
        except errors.AuthorizationError as refused:
            if not refused.authority or refused.authority not in str(refused):
                outcomes.append(f"{name} as {role}: refusal does not name the authority: {refused}")
        if fingerprint(matrix.sc.engine) != before:
            outcomes.append(f"{name} as {role}: database changed by a refused call")
    assert outcomes == []
