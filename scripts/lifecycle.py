"""Long run of the order lifecycle state machine (tests/reliability/machine.py); prints figures.

    python -m scripts.lifecycle --examples 500 --steps 40
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("SALESCENTER_PASSWORD_PROFILE", "test")


def main() -> None:
    from hypothesis import HealthCheck, settings
    from hypothesis.stateful import run_state_machine_as_test

    from tests.reliability.machine import STATS, LifecycleMachine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--steps", type=int, default=40)
    args = parser.parse_args()
    started = time.monotonic()
    failure = "none"
    try:
        run_state_machine_as_test(LifecycleMachine, settings=settings(
            max_examples=args.examples, stateful_step_count=args.steps, deadline=None, database=None,
            suppress_health_check=list(HealthCheck)))
    except Exception as error:  # noqa: BLE001 - the figures report it
        failure = f"{type(error).__name__}: {error}"
    done = sum(n for k, n in STATS.items() if k.startswith("done"))
    refused = sum(n for k, n in STATS.items() if k.startswith("refused"))
    print(f"examples x steps       {args.examples} x {args.steps}")
    print(f"operations             {done + refused} ({done} done, {refused} refused)")
    print(f"invariant violations   {failure}")
    print(f"seconds                {time.monotonic() - started:.1f}")
    for key, count in sorted(STATS.items()):
        print(f"  {key:28} {count}")


if __name__ == "__main__":
    main()
