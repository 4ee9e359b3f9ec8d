"""Hostile arguments over every public operation, as every role, on SQLite and PostgreSQL.

Only errors.SalesCenterError subclasses escape, and a refused call changes nothing
(API.md, Errors). ``python -m scripts.hostile --examples 5000`` is the long run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import pg
from tests.reliability.hostile import ROLES, HostileWorld

SUPPRESSED = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
              HealthCheck.function_scoped_fixture]
# Per role and backend: 3 calls of each operation and 100 mixed ones keep the suite's share short;
# ``python -m scripts.hostile --examples 2000`` is the long run (2,000 calls per role and backend).
PER_OPERATION = 3
MIXED = 100


def hostile_settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, suppress_health_check=SUPPRESSED)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hostile_world(request: pytest.FixtureRequest) -> Iterator[HostileWorld]:
    if request.param == "sqlite":
        world = HostileWorld()
        yield world
        world.close()
        return
    with pg.fresh_database("hostile") as url:
        world = HostileWorld(url)
        yield world
        world.close()


@pytest.mark.parametrize("role", ROLES)
def test_hostile_arguments_every_operation_only_typed_errors(hostile_world: HostileWorld, role: str) -> None:
    """Each public operation, a few calls apiece: the coverage half."""
    for name in hostile_world.operations:
        @hostile_settings(PER_OPERATION)
        @given(name=st.just(name), data=st.data())
        def attempt(name: str, data: st.DataObject) -> None:
            hostile_world.attempt(role, name, data)

        attempt()
    assert {k.split(" ", 1)[1] for k in hostile_world.outcomes} >= set(hostile_world.operations)


@pytest.mark.parametrize("role", ROLES)
def test_hostile_arguments_mixed_operations_refusals_change_nothing(
    hostile_world: HostileWorld, role: str
) -> None:
    """Operations in any order, so one accepted call's effect meets the next hostile one."""

    @hostile_settings(MIXED)
    @given(name=st.sampled_from(hostile_world.operations), data=st.data())
    def attempt(name: str, data: st.DataObject) -> None:
        hostile_world.attempt(role, name, data)

    attempt()


def test_hostile_arguments_cover_every_service_namespace(hostile_world: HostileWorld) -> None:
    namespaces = {name.split(".")[0] for name in hostile_world.operations}
    assert {"sc", "desk", "users", "stores", "catalog", "inventory", "fulfillment", "customers", "orders",
            "admin", "transfer"} <= namespaces
    assert {"orders.search", "customers.update_address", "transfer.import_dir", "sc.login"} <= set(
        hostile_world.operations)


STRANGE_BUT_VALID = ["'; DROP TABLE orders; --", "Robert'); DROP TABLE history;--", "שלום עולם",
                     "\u202eevil\u202c", "😀👩‍👩‍👧‍👦", "ﷺ 100% _off_ \\n", "Zoë O'Brien-Łukasz"]


@pytest.mark.parametrize("value", STRANGE_BUT_VALID)
def test_hostile_input_strange_text_is_stored_verbatim_and_found_literally(
    hostile_world: HostileWorld, value: str
) -> None:
    desk = hostile_world.desks["admin"]
    order = desk.orders.create("US", hostile_world.customer)  # the hostile calls may have deleted theirs
    note = desk.orders.add_note(order.id, value).notes[-1]
    assert note.text == value
    customer = desk.customers.create(value[:100], "Literal")
    assert desk.customers.get(customer.id).first_name == value[:100].strip()
    assert customer.id in {c.id for c in desk.customers.find(value[:100].strip())}
    assert desk.orders.search(customer_name=value[:100].strip() + "x") == []
