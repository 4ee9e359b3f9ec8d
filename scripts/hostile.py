"""Long run of hostile arguments over every public operation (tests/reliability/hostile.py); prints figures.

    python -m scripts.hostile --examples 3000 [--postgres URL]

Per backend and role: the calls run, accepted and refused, the operations covered,
and every exception that was not an errors.SalesCenterError (an escape), by operation.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("SALESCENTER_PASSWORD_PROFILE", "test")


def main() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests import pg
    from tests.reliability.hostile import ROLES, HostileWorld, figures

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000, help="hostile calls per role and backend")
    parser.add_argument("--postgres", default=os.environ.get(pg.ENV), help="server URL (tests/pg.py)")
    parser.add_argument("--roles", default=",".join(ROLES))
    args = parser.parse_args()

    def run(backend: str, world: HostileWorld) -> None:
        for role in args.roles.split(","):
            world.outcomes.clear()
            world.escapes.clear()

            @settings(max_examples=args.examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(role=st.just(role), name=st.sampled_from(world.operations), data=st.data())
            def attempt(role: str, name: str, data: st.DataObject) -> None:
                world.attempt(role, name, data, keep_going=True)

            started = time.monotonic()
            attempt()
            done, refused, escaped = figures(world)
            covered = len({k.split(" ", 1)[1] for k in world.outcomes} | {
                k.split(":")[0] for k in world.escapes})
            print(f"{backend:10} {role:10} calls {done + refused + escaped:6} (accepted {done}, refused "
                  f"{refused}, escapes {escaped}); operations {covered} of {len(world.operations)}; "
                  f"{time.monotonic() - started:.0f} s")
            for what, count in world.escapes.most_common():
                print(f"{'':22}{count:5}  {what}")

    world = HostileWorld()
    try:
        run("sqlite", world)
    finally:
        world.close()
    if args.postgres:
        os.environ[pg.ENV] = args.postgres
        with pg.fresh_database("hostile_script") as url:
            world = HostileWorld(url)
            try:
                run("postgresql", world)
            finally:
                world.close()


if __name__ == "__main__":
    main()
