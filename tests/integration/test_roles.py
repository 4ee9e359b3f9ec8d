"""The roles table: what CSR, Supervisor and Administrator may do, checked in the services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.models import User
from tests.conftest import PASSWORDS, World
from tests.integration.order_steps import cart, released, submitted

Setup = Callable[[Desk, World], Callable[[Desk], object]]


def _override_price(csr: Desk, world: World) -> Callable[[Desk], object]:
    order = cart(csr, world)
    return lambda desk: desk.orders.add_item(order.id, "WID-1", 1, placed_price="1.00",
                                             acknowledge="price_below_list")


def _cancel_remainder(csr: Desk, world: World) -> Callable[[Desk], object]:
    order = released(csr, world, ("WID-1", 1))
    return lambda desk: desk.orders.cancel_remainder(order.id, "Customer no longer needs it")


def _blocked_queue(csr: Desk, world: World) -> Callable[[Desk], object]:
    return lambda desk: desk.orders.blocked_queue()


def _remove_automatic_block(csr: Desk, world: World) -> Callable[[Desk], object]:
    order = submitted(csr, world)
    order = csr.orders.add_payment(order.id, "credit_card", order.total, card_number="4000000000000002")
    (block,) = [b for b in order.blocks if b.kind == "automatic"]
    return lambda desk: desk.orders.resolve_block(order.id, block.id, "Card checked by phone")


def _unlock(csr: Desk, world: World) -> Callable[[Desk], object]:
    order = csr.orders.begin_edit(submitted(csr, world).id)
    return lambda desk: desk.admin.unlock_order(order.id)


def _delete(csr: Desk, world: World) -> Callable[[Desk], object]:
    order = cart(csr, world)
    return lambda desk: desk.orders.delete([order.id])


def _manage_users(csr: Desk, world: World) -> Callable[[Desk], object]:
    return lambda desk: desk.users.create("newrep", "newrep-pw", "csr")


def _manage_stores(csr: Desk, world: World) -> Callable[[Desk], object]:
    return lambda desk: desk.stores.create("EU", "Sales Center Europe", currency="EUR")


def _manage_catalog(csr: Desk, world: World) -> Callable[[Desk], object]:
    return lambda desk: desk.catalog.create_product("NEW-1", "New Thing", "5.00")


def _catalog_promotion(csr: Desk, world: World) -> Callable[[Desk], object]:
    return lambda desk: desk.catalog.create_promotion("Half off", percent_off="50")


def _catalog_availability(csr: Desk, world: World) -> Callable[[Desk], object]:
    return lambda desk: desk.catalog.set_available("WID-1", False)


def _fulfillment(csr: Desk, world: World) -> Callable[[Desk], object]:
    order = released(csr, world, ("WID-1", 1))
    return lambda desk: desk.fulfillment.pick(order.id)


def _receive(csr: Desk, world: World) -> Callable[[Desk], object]:
    return lambda desk: desk.inventory.receive("WID-1", 5)


# (operation, authority it needs, the lowest role that has it)
TABLE: list[tuple[Setup, str, str]] = [
    (_override_price, "Override prices below the list price", "supervisor"),
    (_cancel_remainder, "Cancel the remainder of partly shipped lines", "supervisor"),
    (_blocked_queue, "Work the blocked-orders queue", "supervisor"),
    (_fulfillment, "Work fulfillment (pick, ship, receive stock)", "supervisor"),
    (_receive, "Work fulfillment (pick, ship, receive stock)", "supervisor"),
    (_remove_automatic_block, "Remove automatic blocks", "admin"),
    (_unlock, "Unlock stranded orders", "admin"),
    (_delete, "Delete orders", "admin"),
    (_manage_users, "Manage users", "admin"),
    (_manage_stores, "Manage stores", "admin"),
    (_manage_catalog, "Manage the catalog", "admin"),
    (_catalog_promotion, "Manage the catalog", "admin"),
    (_catalog_availability, "Manage the catalog", "admin"),
]
RANK = {"csr": 0, "supervisor": 1, "admin": 2}
CASES = [
    pytest.param(setup, authority, role, RANK[role] >= RANK[lowest], id=f"{setup.__name__[1:]}-{role}")
    for setup, authority, lowest in TABLE
    for role in ("csr", "supervisor", "admin")
]


@pytest.mark.parametrize(("setup", "authority", "role", "allowed"), CASES)
def test_roles_table(
    setup: Setup, authority: str, role: str, allowed: bool,
    request: pytest.FixtureRequest, csr: Desk, world: World,
) -> None:
    attempt = setup(csr, world)
    desk: Desk = request.getfixturevalue(role)
    if allowed:
        attempt(desk)
        return
    with pytest.raises(errors.AuthorizationError) as refused:
        attempt(desk)
    assert refused.value.authority == authority
    assert f"'{authority}'" in str(refused.value)


@pytest.mark.parametrize("role", ["csr", "supervisor", "admin"])
def test_roles_every_role_takes_and_maintains_orders(
    role: str, request: pytest.FixtureRequest, world: World
) -> None:
    desk: Desk = request.getfixturevalue(role)
    customer = desk.customers.create("Rita", "Role", email=f"{role}@example.com",
                                     address={"line1": "1 Main St", "city": "Austin", "country": "US"})
    assert desk.customers.find("Rita")[0].id == customer.id
    order = desk.orders.create(world.store, customer.id)
    order = desk.orders.add_item(order.id, "WID-1", 1)
    quote = desk.orders.create(world.store, customer.id, quote=True)
    assert quote.is_quote
    order = desk.orders.submit(order.id)
    order = desk.orders.place_block(order.id, "Customer requested review", "Call back Monday")
    order = desk.orders.resolve_block(order.id, order.blocks[-1].id, "Called")
    order = desk.orders.expedite(order.id, order.items[0].id)
    order = desk.orders.add_note(order.id, "All set")
    assert order.items[0].expedite and order.notes[-1].author == role


def test_roles_refusal_changes_nothing(csr: Desk, world: World) -> None:
    order = cart(csr, world, ("WID-1", 1))
    with pytest.raises(errors.AuthorizationError):
        csr.orders.add_item(order.id, "CAB-1", 1, placed_price="0.50")
    after = csr.orders.get(order.id)
    assert after.version == order.version and [i.sku for i in after.items] == ["WID-1"]


def test_roles_unknown_role_is_refused(admin: Desk) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        admin.users.create("boss", "boss-pw", "owner")
    assert refused.value.field == "Role"


def test_roles_passwords_are_salted_memory_hard_hashes(sc: SalesCenter, admin: Desk) -> None:
    with sc.engine.connect() as connection:
        hashes = dict(connection.execute(select(User.username, User.password_hash)).all())
    assert set(hashes) == {"admin", "csr", "csr2", "supervisor"}
    for name, stored in hashes.items():
        assert stored.startswith("$argon2id$") and PASSWORDS[name] not in stored
    with pytest.raises(errors.AuthenticationError):
        sc.login("csr", "wrong")
    assert sc.login("csr", PASSWORDS["csr"]).user.role == "csr"


def test_roles_csr_cannot_set_a_credit_limit(csr, supervisor, world) -> None:
    # Raising a limit would let a rep clear the credit-limit block (BLK-1) themselves.
    from salescenter import errors

    with pytest.raises(errors.AuthorizationError, match="Set customer credit limits"):
        csr.customers.update(world.b2b_customer_id, credit_limit="99999")
    with pytest.raises(errors.AuthorizationError, match="Set customer credit limits"):
        csr.customers.create("New", "Buyer", company="Acme", credit_limit="500")
    assert csr.customers.get(world.b2b_customer_id).credit_limit == 1000
    assert supervisor.customers.update(world.b2b_customer_id, credit_limit="2000").credit_limit == 2000
