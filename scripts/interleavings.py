"""Lock interleavings, isolation-tester style: every ordering of two editors' steps (LCK-1..LCK-4).

Steps: A.begin, A.change, A.finish and B.begin, B.change, B.finish (each user's in
that order), plus "expire" (the lock's lease moved into the past, as if its holder
vanished) and "unlock" (an administrator's unlock) anywhere: 8!/(3!3!) = 1,120
orderings. They run "versioned" (each editor passes the version it last saw) and
"blind" (no expected_version, so only the lock and its epoch protect the order).

After every step: a commit came only from the lock's current holder in its
current epoch (a fenced holder never commits), each committed change added one
to the quantity exactly once, and the version only ever grew.

    python -m scripts.interleavings            # all 2 x 1,120
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

PASSWORD = "interleave-pw-1"
USER_STEPS = ("begin", "change", "finish")
FREE_STEPS = ("expire", "unlock")


def orderings() -> list[tuple[str, ...]]:
    """Every interleaving of A's and B's steps (kept in order) with the two free steps."""
    steps = [f"A.{s}" for s in USER_STEPS] + [f"B.{s}" for s in USER_STEPS] + list(FREE_STEPS)
    found = set()
    for perm in itertools.permutations(steps):
        if all([s for s in perm if s.startswith(u)] == [f"{u}.{x}" for x in USER_STEPS] for u in "AB"):
            found.add(perm)
    return sorted(found)


@dataclass
class Figures:
    orderings: int = 0
    operations: int = 0
    commits: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"orderings run          {self.orderings}",
            f"operations             {self.operations}",
            f"commits                {self.commits}",
            f"refusals               {sum(self.refusals.values())} {dict(sorted(self.refusals.items()))}",
            f"violations             {len(self.violations)}",
            f"seconds                {self.seconds:.1f}",
        ]


class Bench:
    """One database, a store, a product, a customer, two reps and an administrator."""

    def __init__(self, url: str) -> None:
        from salescenter import SalesCenter

        self.sc = SalesCenter.open(url)
        self.sc.create_user("admin", PASSWORD, role="admin")
        self.admin = self.sc.login("admin", PASSWORD)
        for name in ("rep_a", "rep_b"):
            self.admin.users.create(name, PASSWORD, "csr")
        self.admin.stores.create("US", "Interleaving store")
        self.admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100_000)
        self.customer = self.admin.customers.create("Mercy", "Taylor", address={
            "line1": "12 Elm Street", "city": "Springfield", "country": "US"}).id

    def close(self) -> None:
        self.sc.close()

    def row(self, order_id: int) -> tuple[int, int, int | None, int | None]:
        with self.sc.engine.connect() as connection:
            version, quantity = connection.execute(text(
                "SELECT o.version, i.quantity FROM orders o JOIN order_items i ON i.order_id = o.id "
                "WHERE o.id = :id"), {"id": order_id}).one()
            lock = connection.execute(text(
                "SELECT user_id, epoch FROM edit_locks WHERE order_id = :id"), {"id": order_id}).first()
            connection.rollback()
        return version, quantity, lock[0] if lock else None, lock[1] if lock else None

    def expire(self, order_id: int) -> None:
        with self.sc.engine.begin() as connection:
            connection.execute(text("UPDATE edit_locks SET expires_at = :t WHERE order_id = :id"),
                               {"t": datetime(2000, 1, 1), "id": order_id})

    def play(self, steps: tuple[str, ...], versioned: bool, figures: Figures) -> None:
        from salescenter import errors

        reps = {"A": self.sc.login("rep_a", PASSWORD, workstation="pc-a"),
                "B": self.sc.login("rep_b", PASSWORD, workstation="pc-b")}
        order = self.admin.orders.create("US", self.customer)
        order = self.admin.orders.add_item(order.id, "WID-1", 1)
        order = self.admin.orders.submit(order.id)
        item_id = order.items[0].id
        seen = {"A": order.version, "B": order.version}
        changes = 0
        label = f"{'versioned' if versioned else 'blind'} {' '.join(steps)}"
        for step in steps:
            version, quantity, holder, epoch = self.row(order.id)
            figures.operations += 1
            if step == "expire":
                self.expire(order.id)
                continue
            who, _, action = step.partition(".")
            desk = self.admin if step == "unlock" else reps[who]
            # An editor opens the order (a fresh read) and then chooses Edit; later saves use
            # the version its own last save returned.
            expected = (version if action == "begin" else seen.get(who)) if versioned else None
            desk_epoch = desk.context.lock_epochs.get(order.id)
            try:
                if step == "unlock":
                    view = self.admin.admin.unlock_order(order.id)
                elif action == "begin":
                    view = desk.orders.begin_edit(order.id, expected_version=expected)
                elif action == "change":
                    view = desk.orders.set_quantity(order.id, item_id, quantity + 1,
                                                    expected_version=expected)
                else:
                    view = desk.orders.finish_edit(order.id, expected_version=expected)
            except errors.SalesCenterError as refused:
                figures.refusals[type(refused).__name__] += 1
                after = self.row(order.id)
                if after != (version, quantity, holder, epoch):
                    figures.violations.append(f"{label}: refused {step} changed the order")
                continue
            except Exception as error:  # noqa: BLE001 - anything else is a finding
                figures.violations.append(f"{label}: {step} raised {type(error).__name__}: {error}")
                continue
            figures.commits += 1
            if who in seen:
                seen[who] = view.version
            if view.version <= version:
                figures.violations.append(f"{label}: {step} committed without a new version")
            if action in ("change", "finish") and (holder != desk.context.user_id or desk_epoch != epoch):
                figures.violations.append(f"{label}: {step} committed by a fenced or non-holder")
            if action == "change":
                changes += 1
        final = self.row(order.id)
        if final[1] != 1 + changes:
            figures.violations.append(f"{label}: quantity {final[1]} after {changes} committed changes")


def run(url: str, *, sample: int | None = None, seed: int = 1,
        modes: tuple[bool, ...] = (True, False)) -> Figures:
    figures = Figures()
    every = orderings()
    chosen = every if sample is None else random.Random(seed).sample(every, sample)
    bench = Bench(url)
    started = time.monotonic()
    try:
        for versioned in modes:
            for steps in chosen:
                bench.play(steps, versioned, figures)
                figures.orderings += 1
    finally:
        bench.close()
    figures.seconds = time.monotonic() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, help="run this many random orderings instead of all")
    parser.add_argument("--url", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = run(args.url or f"sqlite:///{Path(folder) / 'interleave.db'}", sample=args.sample)
    print("\n".join(figures.lines()))
    for violation in figures.violations[:20]:
        print("  ", violation)


if __name__ == "__main__":
    main()
