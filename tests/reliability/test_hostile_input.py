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
