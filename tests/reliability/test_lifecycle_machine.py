"""The order lifecycle state machine (ORD-6, ORD-7, BLK-2, BLK-4, BLK-6): hypothesis explores it.

``python -m scripts.lifecycle --examples 500`` is the long run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from tests.reliability.machine import LifecycleMachine

LifecycleMachine.TestCase.settings = settings(
    max_examples=12, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_blk_2_blk_4_ord_7_lifecycle_state_machine = LifecycleMachine.TestCase
