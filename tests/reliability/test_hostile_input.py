"""Hostile input over every API operation: only errors.SalesCenterError escapes, refusals change nothing.

``python -m scripts.hostile --examples 5000`` is the long run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.hostile import OPERATIONS, HostileWorld


@pytest.fixture(scope="module")
def hostile_world() -> HostileWorld:
    world = HostileWorld()
    yield world  # type: ignore[misc]
    world.close()


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(sorted(OPERATIONS)), data=st.data())
def test_hostile_input_only_domain_errors_and_refusals_change_nothing(
    hostile_world: HostileWorld, name: str, data: st.DataObject
) -> None:
    hostile_world.attempt(name, data)


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_hostile_input_every_operation_refuses_nul_bytes(hostile_world: HostileWorld, name: str) -> None:
    @settings(max_examples=3, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def attempt(data: st.DataObject) -> None:
        hostile_world.attempt(name, data)

    attempt()


STRANGE_BUT_VALID = ["'; DROP TABLE orders; --", "Robert'); DROP TABLE history;--", "שלום עולם",
                     "\u202eevil\u202c", "😀👩‍👩‍👧‍👦", "ﷺ 100% _off_ \\n", "Zoë O'Brien-Łukasz"]


@pytest.mark.parametrize("value", STRANGE_BUT_VALID)
def test_hostile_input_strange_text_is_stored_verbatim_and_found_literally(
    hostile_world: HostileWorld, value: str
) -> None:
    desk = hostile_world.desk
    note = desk.orders.add_note(hostile_world.cart, value).notes[-1]
    assert note.text == value
    customer = desk.customers.create(value[:100], "Literal")
    assert desk.customers.get(customer.id).first_name == value[:100].strip()
    assert customer.id in {c.id for c in desk.customers.find(value[:100].strip())}
    assert desk.orders.search(customer_name=value[:100].strip() + "x") == []
