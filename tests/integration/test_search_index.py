"""Finding through the search index (FND-1..4) on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, text

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.services import search
from tests.conftest import World

PEOPLE = {
    "mercy": ("Mercy", "Taylor"), "hayes": ("Taylor", "Hayes"), "zoe": ("Zoë", "Müller"),
    "bob": ("Bob", "Stone"), "jose": ("José", "Álvarez"), "mtay": ("Marta", "Ytay"),
}


@pytest.fixture
def people(admin: Desk, world: World) -> dict[str, int]:
    found = {"world_mercy": world.customer_id}  # Mercy Taylor of the shared world
    for key, (first, last) in PEOPLE.items():
        found[key] = admin.customers.create(first, last, email=f"{key}@example.com").id
    return found


@pytest.fixture
def orders(csr: Desk, world: World, people: dict[str, int]) -> dict[str, int]:
    return {key: csr.orders.create(world.store, people[key]).id for key in PEOPLE}


def _found(desk: Desk, phrase: str) -> set[int]:
    return {c.id for c in desk.customers.find(phrase, limit=500)}


def _orders_of(desk: Desk, phrase: str) -> set[int]:
    return {o.id for o in desk.orders.search(customer_name=phrase, limit=500)}


@pytest.fixture(params=["candidates", "walk"])
def strategy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of answering: from the index's candidates, and walking the result order."""
    if request.param == "walk":
        monkeypatch.setattr(search, "MIN_CAP", 0)
        monkeypatch.setattr(search, "MAX_CAP", 0)
    return str(request.param)


def test_fnd_2_percent_at_start_middle_and_end(
    csr: Desk, people: dict[str, int], orders: dict[str, int], strategy: str
) -> None:
    mercies = {people["mercy"], people["world_mercy"]}
    assert _found(csr, "%tay") == mercies | {people["hayes"], people["mtay"]}
    assert _found(csr, "m%tay") == mercies | {people["mtay"]}
    assert _found(csr, "mer%lor") == mercies
    assert _found(csr, "tay%") == mercies | {people["hayes"], people["mtay"]}
    assert _found(csr, "taylor%hay%") == {people["hayes"]}
    assert _orders_of(csr, "%tay") == {orders["mercy"], orders["hayes"], orders["mtay"]}
    assert _orders_of(csr, "m%tay") == {orders["mercy"], orders["mtay"]}
    assert _orders_of(csr, "ylor ha%") == {orders["hayes"]}
    assert _orders_of(csr, "m%t%y%l%r") == {orders["mercy"]}  # no run of 3: start-of-name match
    assert _found(csr, "%") >= set(people.values())


def test_fnd_4_accents_and_case_do_not_matter(
    csr: Desk, people: dict[str, int], orders: dict[str, int], strategy: str
) -> None:
    assert _found(csr, "ZOE MÜLL") == {people["zoe"]}
    assert _found(csr, "zoë mull") == {people["zoe"]}
    assert _found(csr, "ALVAREZ") == {people["jose"]}
    assert _orders_of(csr, "JOSÉ ÁLV") == {orders["jose"]}
    assert _orders_of(csr, "Müller") == {orders["zoe"]}


def test_fnd_4_short_phrases_match_the_start_of_the_name(
    csr: Desk, people: dict[str, int], orders: dict[str, int], strategy: str
) -> None:
    assert _found(csr, "Ta") == {people["hayes"]}
    assert _found(csr, "zo") == {people["zoe"]}
    assert _orders_of(csr, "me") == {orders["mercy"]}
    assert _orders_of(csr, "%ay") >= {orders["mercy"], orders["hayes"]}  # a leading % still searches inside


def test_fnd_4_exact_email_and_phone_digits(admin: Desk, csr: Desk) -> None:
    made = admin.customers.create("Ann", "Dial", email="Ann.Dial@Example.com", phone="+1 (555) 010-7777")
    assert [c.id for c in csr.customers.find("ann.dial@example.com")] == [made.id]
    assert [c.id for c in csr.customers.find("5550107777")] == [made.id]
    assert [c.id for c in csr.customers.find("555.010.7777")] == [made.id]
    assert csr.customers.find("nn.dial@example.com") == []


def test_fnd_3_guest_orders_found_by_name_through_the_index(csr: Desk, world: World, strategy: str) -> None:
    guest = {"first_name": "Gaëlle", "last_name": "Namelesse", "email": "gaelle@example.com",
             "phone": "555-010-3000"}
    order = csr.orders.create(world.store, guest=guest)
    assert _orders_of(csr, "gaelle nameless") == {order.id}
    assert _orders_of(csr, "%meles") == {order.id}
    assert {c.id for c in csr.customers.find("namelesse")} == {order.customer_id}


def test_fnd_1_order_name_through_the_index(csr: Desk, world: World, strategy: str) -> None:
    named = csr.orders.create(world.store, world.customer_id, name="Office Café restock")
    csr.orders.create(world.store, world.customer_id, name="Birthday")
    assert {o.id for o in csr.orders.search(name="café RESTOCK")} == {named.id}
    assert {o.id for o in csr.orders.search(name="%ice%resto")} == {named.id}
    both = csr.orders.search(name="restock", customer_name="mercy tay")
    assert {o.id for o in both} == {named.id}
    assert csr.orders.search(name="restock", customer_name="hayes") == []


def test_fnd_4_index_follows_updates_and_deletes(
    sc: SalesCenter, admin: Desk, csr: Desk, people: dict[str, int], orders: dict[str, int],
    strategy: str,
) -> None:
    admin.customers.update(people["bob"], last_name="Quennell")
    assert _found(csr, "quennel") == {people["bob"]}
    assert _found(csr, "stone") == set()
    assert admin.orders.delete([orders["mercy"]]) == 1
    assert orders["mercy"] not in _orders_of(csr, "taylor")
    assert _orders_of(csr, "taylor") == {orders["hayes"]}
    if sc.dialect == "sqlite":
        with sc.engine.connect() as connection:
            for table in ("customers_fts", "orders_fts", "order_name_keys_fts"):
                # FTS5 compares its index with the content table; raises when they differ.
                connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            missing = connection.exec_driver_sql(
                "SELECT count(*) FROM orders WHERE customer_search NOT IN (SELECT key FROM order_name_keys)"
            ).scalar()
            assert missing == 0


def test_fnd_4_distinct_names_follow_a_renamed_order_on_sqlite(
    sc: SalesCenter, csr: Desk, orders: dict[str, int], strategy: str
) -> None:
    if sc.dialect != "sqlite":
        pytest.skip("the distinct-name table is the SQLite index; PostgreSQL searches pg_trgm directly")
    with sc.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE orders SET customer_search = 'bob quarrington' WHERE id = ?", (orders["bob"],)
        )
    assert _orders_of(csr, "quarring") == {orders["bob"]}
    assert _orders_of(csr, "b%rring") == {orders["bob"]}
    assert orders["bob"] not in _orders_of(csr, "stone")  # the old name stays a key, matching nothing


def test_fnd_1_keyset_pages_match_offset_pages(csr: Desk, world: World) -> None:
    for _ in range(7):
        csr.orders.create(world.store, world.customer_id)
    by_offset = [o.id for o in csr.orders.search(limit=500)]
    pages: list[int] = []
    after = None
    while page := csr.orders.search(limit=3, after=after):
        pages += [o.id for o in page]
        after = (page[-1].created_at, page[-1].id)
    assert pages == by_offset and len(pages) >= 7


def test_fnd_2_index_objects_exist(sc: SalesCenter) -> None:
    with sc.engine.connect() as connection:
        if connection.dialect.name == "sqlite":  # the database itself, also behind a server
            names = set(connection.scalars(text("SELECT name FROM sqlite_master")))
            assert {"customers_fts", "orders_fts", "orders_fts_ai", "orders_fts_ad", "orders_fts_au",
                    "customers_fts_ai", "customers_fts_ad", "customers_fts_au",
                    "order_name_keys", "order_name_keys_fts", "orders_name_keys_ai",
                    "orders_name_keys_au", "order_name_keys_fts_ai", "order_name_keys_fts_ad"} <= names
        else:
            names = set(connection.scalars(text("SELECT indexname FROM pg_indexes")))
            assert {"ix_customers_search_name_trgm", "ix_orders_customer_search_trgm",
                    "ix_orders_name_trgm"} <= names


@contextmanager
def _counting(sc: SalesCenter) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(sc.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(sc.engine, "before_cursor_execute", count)


def test_sum_1_order_open_takes_the_same_queries_for_1_or_20_lines(
    sc: SalesCenter, csr: Desk, world: World
) -> None:
    small = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(small.id, "WID-1", 1)
    large = csr.orders.create(world.store, world.customer_id)
    for _ in range(10):
        csr.orders.add_item(large.id, "WID-1", 1)
        csr.orders.add_item(large.id, "CAB-1", 1)
    for _ in range(5):
        csr.orders.create(world.store, world.customer_id)  # more orders in the database
    with _counting(sc) as for_small:
        csr.orders.get(small.id)
    with _counting(sc) as for_large:
        opened = csr.orders.get(large.id)
    assert len(opened.items) == 20
    assert len(for_large) == len(for_small) <= 15
