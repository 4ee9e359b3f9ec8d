"""Finding orders and customers (FND-1..FND-4), functionally, through the public API."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from tests.conftest import World
from tests.integration.order_steps import cart, set_order_columns, submitted


@pytest.fixture
def people(csr: Desk, world: World) -> dict[str, int]:
    hayes = csr.customers.create("Taylor", "Hayes", email="t.hayes@example.com", phone="555-010-7777")
    zoe = csr.customers.create("Zoë", "Müller", email="zoe@example.com")
    bob = csr.customers.create("Bob", "Brown", email="bob.brown@example.com")
    return {"mercy": world.customer_id, "hayes": hayes.id, "zoe": zoe.id, "bob": bob.id}


def _ids(results: list) -> set[int]:  # type: ignore[type-arg]
    return {r.id for r in results}


def test_fnd_1_each_filter_alone_and_combined(
    sc: SalesCenter, csr: Desk, world: World, people: dict[str, int]
) -> None:
    mercy_cart = cart(csr, world, ("WID-1", 1), customer_id=people["mercy"])
    mercy_sent = submitted(csr, world, ("WID-1", 1))
    hayes = csr.orders.create(world.store, people["hayes"], name="Spring catalog order")
    b2b = csr.orders.create(world.b2b_store, world.b2b_customer_id)
    set_order_columns(sc, hayes.id, created_at=datetime(2026, 1, 15, 10, 0))

    search = csr.orders.search
    assert _ids(search(number=mercy_sent.number)) == {mercy_sent.id}
    assert _ids(search(store=world.b2b_store)) == {b2b.id}
    assert _ids(search(customer_name="taylor")) == {mercy_cart.id, mercy_sent.id, hayes.id}
    assert _ids(search(email="MERCY@example.com")) == {mercy_cart.id, mercy_sent.id}
    assert search(email="ercy@example.com") == []  # email is exact, not partial
    assert _ids(search(status="pending")) == {mercy_cart.id, hayes.id, b2b.id}
    assert _ids(search(status=["pending_payment_authorization", "canceled"])) == {mercy_sent.id}
    assert _ids(search(name="catalog")) == {hayes.id}
    assert _ids(search(created_from=date(2026, 1, 1), created_to=date(2026, 1, 31))) == {hayes.id}
    today = datetime.utcnow().date()  # noqa: DTZ003 - the database clock is UTC
    recent = search(created_from=today - timedelta(days=1), created_to=today + timedelta(days=1))
    assert _ids(recent) == {mercy_cart.id, mercy_sent.id, b2b.id}
    assert _ids(search(customer_name="taylor", status="pending")) == {mercy_cart.id, hayes.id}
    assert _ids(search(customer_name="taylor", status="pending", store=world.store,
                       created_to=date(2026, 2, 1))) == {hayes.id}
    assert search(customer_name="taylor", store=world.b2b_store) == []


def test_fnd_1_results_carry_what_the_list_shows(csr: Desk, world: World) -> None:
    order = submitted(csr, world, ("WID-1", 2))
    (row,) = csr.orders.search(number=order.number)
    assert (row.number, row.status, row.store, row.customer_id, row.customer_name, row.total) == (
        order.number, "pending_payment_authorization", world.store, world.customer_id,
        "Mercy Taylor", order.total,
    )


def test_fnd_1_newest_first_and_paged(csr: Desk, world: World) -> None:
    orders = [csr.orders.create(world.store, world.customer_id) for _ in range(5)]
    newest_first = [o.id for o in reversed(orders)]
    assert [o.id for o in csr.orders.search(limit=2)] == newest_first[:2]
    assert [o.id for o in csr.orders.search(limit=2, offset=2)] == newest_first[2:4]


def test_fnd_1_bad_filters_name_the_field(csr: Desk, world: World) -> None:
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.search(status="lost")
    assert refused.value.field == "Status"
    with pytest.raises(errors.ValidationError) as refused:
        csr.orders.search(created_from="yesterday-ish")
    assert refused.value.field == "Created from"


def test_fnd_2_percent_matches_any_run_of_characters(csr: Desk, world: World, people: dict[str, int]) -> None:
    mercy = cart(csr, world, ("WID-1", 1))
    hayes = csr.orders.create(world.store, people["hayes"])
    bob = csr.orders.create(world.store, people["bob"])

    assert _ids(csr.orders.search(customer_name="%tay")) == {mercy.id, hayes.id}
    assert _ids(csr.orders.search(customer_name="m%lor")) == {mercy.id}
    assert bob.id not in _ids(csr.orders.search(customer_name="%tay"))
    assert {c.id for c in csr.customers.find("%tay")} == {people["mercy"], people["hayes"]}
    assert {c.id for c in csr.customers.find("m%lor")} == {people["mercy"]}


def test_fnd_2_underscore_is_not_a_wildcard(csr: Desk, world: World, people: dict[str, int]) -> None:
    assert csr.customers.find("b_b") == []
    assert csr.orders.search(customer_name="b_b") == []


def test_fnd_3_guest_orders_are_found_by_name_or_email(csr: Desk, world: World) -> None:
    guest = csr.orders.create(world.store, guest={"first_name": "Gail", "last_name": "Nameless",
                                                  "email": "gail@example.com"})
    assert _ids(csr.orders.search(customer_name="namel")) == {guest.id}
    assert _ids(csr.orders.search(email="gail@example.com")) == {guest.id}
    (row,) = csr.orders.search(email="GAIL@example.com")
    assert row.is_guest and row.customer_name == "Gail Nameless"


def test_fnd_4_all_orders_of_a_customer(csr: Desk, world: World, people: dict[str, int]) -> None:
    mine = {cart(csr, world, ("WID-1", 1)).id, submitted(csr, world).id}
    csr.orders.create(world.store, people["hayes"])
    assert _ids(csr.orders.search(customer_id=world.customer_id)) == mine


def test_fnd_4_customer_by_any_part_of_the_name_email_or_phone(
    csr: Desk, world: World, people: dict[str, int]
) -> None:
    find = csr.customers.find
    assert {c.id for c in find("aylo")} == {people["mercy"], people["hayes"]}
    assert [c.id for c in find("Hayes")] == [people["hayes"]]
    assert [c.id for c in find("taylor hay")] == [people["hayes"]]
    assert [c.id for c in find("zoe mull")] == [people["zoe"]]  # accents do not matter
    assert [c.id for c in find("T.Hayes@Example.com")] == [people["hayes"]]
    assert find("hayes@example.com") == []  # email is exact
    assert [c.id for c in find("(555) 010-7777")] == [people["hayes"]]
    assert [c.id for c in find("acme")] == [world.b2b_customer_id]  # company
