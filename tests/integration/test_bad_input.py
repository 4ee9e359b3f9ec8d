"""Bad input through the public API: ValidationError naming the field, nothing half-written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.models import Base
from tests.conftest import HOME, World

HUGE = "x" * 100_000
NUL = "Ann\x00e"


def _nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in key order; a server's sessions aside (a request may note its
    session's last-seen time: the server's bookkeeping, not data the refused call changed)."""
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(
                select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables if table.name != "desk_sessions"
        }


@dataclass
class Desks:
    csr: Desk
    admin: Desk
    world: World
    cart_id: int
    item_id: int
    submitted_id: int


@pytest.fixture
def desks(csr: Desk, admin: Desk, world: World) -> Desks:
    cart = csr.orders.create(world.store, world.customer_id)
    cart = csr.orders.add_item(cart.id, "WID-1", 1)
    placed = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(placed.id, "WID-1", 1)
    placed = csr.orders.submit(placed.id)
    return Desks(csr, admin, world, cart.id, cart.items[0].id, placed.id)


Attempt = Callable[[Desks], object]
CASES: list[tuple[str, Attempt, str]] = [
    # empty names
    ("empty first name", lambda d: d.csr.customers.create("", "Taylor"), "First name"),
    ("blank last name", lambda d: d.csr.customers.create("Ann", "   "), "Last name"),
    ("empty guest name", lambda d: d.csr.orders.create("US", guest={"first_name": "Ann", "last_name": ""}),
     "Last name"),
    ("empty store name", lambda d: d.admin.stores.create("EU", ""), "Store name"),
    ("empty product name", lambda d: d.admin.catalog.create_product("NEW-1", "", "1.00"), "Product name"),
    ("empty user name", lambda d: d.admin.users.create("", "secret-pw", "csr"), "User name"),
    ("empty cancel reason", lambda d: d.csr.orders.cancel(d.submitted_id, ""), "Cancel reason"),
    ("empty block reason", lambda d: d.csr.orders.place_block(d.submitted_id, " "), "Block reason"),
    ("empty note", lambda d: d.csr.orders.add_note(d.cart_id, ""), "Note"),
    ("empty city", lambda d: d.csr.orders.set_shipping(d.cart_id, {**HOME, "city": ""}), "City"),
    # malformed emails
    ("email without at", lambda d: d.csr.customers.create("Ann", "Lee", email="ann.example.com"), "Email"),
    ("email without domain dot", lambda d: d.csr.customers.create("Ann", "Lee", email="ann@example"),
     "Email"),
    ("email with space", lambda d: d.csr.customers.create("Ann", "Lee", email="ann lee@example.com"),
     "Email"),
    ("guest email", lambda d: d.csr.orders.create("US", guest={"first_name": "A", "last_name": "B",
                                                              "email": "@@"}), "Email"),
    ("search email", lambda d: d.csr.orders.search(email="nobody"), "Email"),
    # quantities
    ("zero quantity", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", 0), "Quantity"),
    ("negative quantity", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", -2), "Quantity"),
    ("fractional quantity", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", 1.5), "Quantity"),
    ("text quantity", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", "many"), "Quantity"),
    ("missing quantity", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", None), "Quantity"),
    ("quantity over 10,000", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", 10_001), "Quantity"),
    ("set quantity zero", lambda d: d.csr.orders.set_quantity(d.cart_id, d.item_id, 0), "Quantity"),
    ("set quantity huge", lambda d: d.csr.orders.set_quantity(d.cart_id, d.item_id, 10**9), "Quantity"),
    ("bundle quantity zero", lambda d: d.csr.orders.add_bundle(d.cart_id, "KIT-1", 0), "Quantity"),
    ("bundle expands past 10,000", lambda d: d.csr.orders.add_bundle(d.cart_id, "KIT-1", 6_000),
     "Quantity"),
    ("receive zero", lambda d: d.admin.inventory.receive("WID-1", 0), "Quantity"),
    # prices
    ("placed price 3 decimals", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", 1, placed_price="19.999"),
     "Placed price"),
    ("negative placed price", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", 1, placed_price="-1"),
     "Placed price"),
    ("list price 3 decimals", lambda d: d.admin.catalog.create_product("NEW-1", "New", "1.005"),
     "List price"),
    ("list price not a number", lambda d: d.admin.catalog.create_product("NEW-1", "New", "cheap"),
     "List price"),
    ("list price infinite", lambda d: d.admin.catalog.create_product("NEW-1", "New", float("inf")),
     "List price"),
    ("payment 3 decimals", lambda d: d.csr.orders.add_payment(d.submitted_id, "check", "5.001"),
     "Payment amount"),
    ("payment zero", lambda d: d.csr.orders.add_payment(d.submitted_id, "check", "0"), "Payment amount"),
    # unknown SKUs and stores
    ("unknown sku", lambda d: d.csr.orders.add_item(d.cart_id, "NOPE-1", 1), "SKU"),
    ("unknown bundle", lambda d: d.csr.orders.add_bundle(d.cart_id, "NOPE-KIT", 1), "SKU"),
    ("sku with spaces", lambda d: d.csr.orders.add_item(d.cart_id, "WID 1", 1), "SKU"),
    ("unknown receive sku", lambda d: d.admin.inventory.receive("NOPE-1", 1), "SKU"),
    ("unknown store", lambda d: d.csr.orders.create("NOPE", d.world.customer_id), "Store"),
    ("unknown component", lambda d: d.admin.catalog.create_bundle("KIT-2", "Kit", {"NOPE-1": 1}),
     "Components"),
    # 100,000-character strings
    ("huge first name", lambda d: d.csr.customers.create(HUGE, "Lee"), "First name"),
    ("huge note", lambda d: d.csr.orders.add_note(d.cart_id, HUGE), "Note"),
    ("huge sku", lambda d: d.csr.orders.add_item(d.cart_id, HUGE, 1), "SKU"),
    ("huge street", lambda d: d.csr.orders.set_shipping(d.cart_id, {**HOME, "line1": HUGE}),
     "Street address"),
    ("huge hold reason", lambda d: d.csr.orders.hold(d.submitted_id, HUGE), "Hold reason"),
    ("huge store code", lambda d: d.csr.orders.create(HUGE, d.world.customer_id), "Store"),
    ("huge search", lambda d: d.csr.customers.find(HUGE), "Search"),
    ("huge product search", lambda d: d.csr.catalog.find(HUGE), "Search phrase"),
    ("huge order name", lambda d: d.csr.orders.create("US", d.world.customer_id, name=HUGE), "Order name"),
    ("huge coupon", lambda d: d.csr.orders.apply_coupon(d.cart_id, HUGE), "Coupon code"),
    # NUL bytes
    ("NUL in first name", lambda d: d.csr.customers.create(NUL, "Lee"), "First name"),
    ("NUL in note", lambda d: d.csr.orders.add_note(d.cart_id, NUL), "Note"),
    ("NUL in street", lambda d: d.csr.orders.set_shipping(d.cart_id, {**HOME, "line1": NUL}),
     "Street address"),
    ("NUL in sku", lambda d: d.csr.orders.add_item(d.cart_id, "WID\x00-1", 1), "SKU"),
    ("NUL in email", lambda d: d.csr.customers.create("Ann", "Lee", email="a\x00@b.com"), "Email"),
    ("NUL in block comment", lambda d: d.csr.orders.place_block(d.submitted_id, "Check", NUL),
     "Block comment"),
    ("NUL in customer search", lambda d: d.csr.orders.search(customer_name=NUL), "Customer name"),
    # record numbers and choices
    ("order id as text", lambda d: d.csr.orders.add_item("abc", "WID-1", 1), "Order"),  # type: ignore[arg-type]
    ("negative order id", lambda d: d.csr.orders.get(-1), "Order"),
    ("item id as text", lambda d: d.csr.orders.set_quantity(d.cart_id, "x", 1), "Item"),  # type: ignore[arg-type]
    ("unknown shipping method", lambda d: d.csr.orders.set_shipping(d.cart_id, method="teleport"),
     "Shipping method"),
    ("unknown address part", lambda d: d.csr.orders.set_shipping(d.cart_id, {**HOME, "planet": "Mars"}),
     "Address"),
    ("address not a mapping", lambda d: d.csr.orders.set_shipping(d.cart_id, "12 Elm St"), "Address"),
    ("unknown payment method", lambda d: d.csr.orders.add_payment(d.submitted_id, "gold", "1.00"),
     "Payment method"),
    ("unknown store kind", lambda d: d.admin.stores.create("EU", "Europe", kind="mall"), "Store kind"),
    ("status not a state", lambda d: d.csr.orders.search(status=5), "Status"),  # type: ignore[arg-type]
    ("nothing to delete", lambda d: d.admin.orders.delete(None), "Orders"),  # type: ignore[arg-type]
    ("page size as text", lambda d: d.csr.customers.find("tay", limit="5"),  # type: ignore[arg-type]
     "Results per page"),
    ("card number with letters", lambda d: d.csr.orders.add_payment(d.submitted_id, "credit_card", "1.00",
                                                                    card_number="4111-abcd-1111"),
     "Card number"),
    ("associations not a list", lambda d: d.csr.catalog.associations(None), "SKU"),  # type: ignore[arg-type]
    # what escaped as TypeError, IndexError, KeyError or OverflowError before the argument checks
    ("product page size None", lambda d: d.csr.catalog.find("Widget", limit=None),  # type: ignore[arg-type]
     "Results per page"),
    ("blocked queue size as text", lambda d: d.csr.orders.blocked_queue(limit="x"),  # type: ignore[arg-type]
     "Results per page"),
    ("page start not a pair", lambda d: d.csr.orders.search(after=()), "Page start"),  # type: ignore[arg-type]
    ("page start a mapping", lambda d: d.csr.orders.search(after={0: 1}), "Page start"),  # type: ignore[arg-type]
    ("page start as text", lambda d: d.csr.orders.search(after=("x", 1)), "Page start"),  # type: ignore[arg-type]
    ("page start row as bool", lambda d: d.csr.orders.search(after=(datetime(2026, 1, 1), True)),
     "Page start"),
    ("customer sNaN", lambda d: d.csr.customers.update_address(
        Decimal("sNaN"), 1, HOME), "Customer"),  # type: ignore[arg-type]
    ("customer True is not customer 1", lambda d: d.csr.customers.update_address(True, 1, HOME), "Customer"),
    ("offset past 64 bits", lambda d: d.csr.customers.find("tay", offset=2**63), "Page"),
    ("order offset past 64 bits", lambda d: d.csr.orders.search(offset=2**63), "Page"),
    ("quantity True", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", True), "Quantity"),
    ("placed price NaN", lambda d: d.csr.orders.add_item(d.cart_id, "WID-1", 1, placed_price=Decimal("NaN")),
     "Placed price"),
    ("lone surrogate in note", lambda d: d.csr.orders.add_note(d.cart_id, "a\udcffb"), "Note"),
    ("lone surrogate in password", lambda d: d.admin.users.set_password("csr", "pw-\ud800-long"), "Password"),
    ("address nested past any record", lambda d: d.csr.customers.add_address(
        d.world.customer_id, {"line1": _nested(40)}), "Street address"),
    ("unknown keyword", lambda d: d.csr.orders.get(d.cart_id, colour="red"), "colour"),  # type: ignore[call-arg]
    ("missing SKU", lambda d: d.csr.orders.add_item(d.cart_id), "SKU"),  # type: ignore[call-arg]
]


@pytest.mark.parametrize(("attempt", "field"), [pytest.param(a, f, id=i) for i, a, f in CASES])
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(
    sc: SalesCenter, desks: Desks, attempt: Attempt, field: str
) -> None:
    before = dump(sc.engine)
    with pytest.raises(errors.ValidationError) as refused:
        attempt(desks)
    assert refused.value.field == field
    assert field.lower().rstrip("s") in refused.value.message.lower()
    assert len(refused.value.message) < 300  # the huge value is not echoed back
    assert dump(sc.engine) == before


def test_bad_input_refused_midway_leaves_no_half_written_bundle(sc: SalesCenter, desks: Desks) -> None:
    """The first component fits, the second would pass 10,000: neither is added."""
    desks.admin.catalog.create_bundle("BIG-1", "Big kit", {"WID-1": 1, "CAB-1": 5})
    before = dump(sc.engine)
    with pytest.raises(errors.ValidationError):
        desks.csr.orders.add_bundle(desks.cart_id, "BIG-1", 2_001)
    assert dump(sc.engine) == before


@pytest.mark.parametrize("password", ["", "pw-\udcff"])
def test_bad_input_sign_in_with_an_empty_or_broken_password_is_refused_as_typed_error(
    sc: SalesCenter, admin: Desk, password: str
) -> None:
    with pytest.raises(errors.SalesCenterError):
        sc.login("admin", password)
