"""Long run of hostile input over every API operation (tests/reliability/hostile.py); prints figures.

    python -m scripts.hostile --examples 3000
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("SALESCENTER_PASSWORD_PROFILE", "test")


def main() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.reliability.hostile import OPERATIONS, HostileWorld

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000)
    args = parser.parse_args()
    world = HostileWorld()
    escaped: list[str] = []

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(name=st.sampled_from(sorted(OPERATIONS)), data=st.data())
    def attempt(name: str, data: st.DataObject) -> None:
        world.attempt(name, data)

    started = time.monotonic()
    try:
        attempt()
    except Exception as error:  # noqa: BLE001 - the figures report it
        escaped.append(f"{type(error).__name__}: {str(error)[:300]}")
    finally:
        world.close()
    done = sum(n for k, n in world.outcomes.items() if k.startswith("done"))
    refused = sum(n for k, n in world.outcomes.items() if k.startswith("refused"))
    print(f"operations             {done + refused} ({done} accepted, {refused} refused)")
    print(f"operations covered     {len({k.split(' ', 1)[1] for k in world.outcomes})} of {len(OPERATIONS)}")
    print(f"non-domain exceptions  {len(escaped)} {escaped[:1] or ''}")
    print(f"seconds                {time.monotonic() - started:.1f}")


if __name__ == "__main__":
    main()
