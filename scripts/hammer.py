"""Lost-update hammer: OS processes doing read-modify-write edits on shared orders (LCK-4).

Each process repeatedly reads an order, adds one to a line's quantity with the
version it read, and retries on ConflictError. Afterwards every order's
quantity must equal 1 + its acknowledged edits, and its history must hold
exactly one "Quantity changed" per acknowledged edit, each from a distinct
starting quantity: no acknowledged edit lost, none applied twice.

    python -m scripts.hammer --processes 8 --edits 200 --orders 20
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "hammer-pw-1"


@dataclass
class Figures:
    processes: int
    edits_per_process: int
    orders: int
    acknowledged: int = 0
    conflicts: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    database_locked: int = 0
    lost_updates: int = 0
    duplicated_updates: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"processes x edits     {self.processes} x {self.edits_per_process} on {self.orders} orders",
            f"acknowledged edits    {self.acknowledged}",
            f"conflicts detected    {self.conflicts}",
            f"errors                {sum(self.errors.values())} {dict(self.errors) or ''}",
            f"database is locked    {self.database_locked}",
            f"lost updates          {self.lost_updates}",
            f"duplicated updates    {self.duplicated_updates}",
            f"seconds               {self.seconds:.1f}",
        ]


def prepare(url: str, orders: int, processes: int) -> list[int]:
    from salescenter import SalesCenter

    with SalesCenter.open(url) as sc:
        sc.create_user("admin", PASSWORD, role="admin")
        admin = sc.login("admin", PASSWORD)
        for n in range(processes):
            admin.users.create(f"rep{n}", PASSWORD, "csr")
        admin.stores.create("US", "Hammer store")
        admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100_000)
        customer = admin.customers.create("Mercy", "Taylor", address={
            "line1": "12 Elm Street", "city": "Springfield", "country": "US"})
        ids = []
        for _ in range(orders):
            order = admin.orders.create("US", customer.id)
            ids.append(admin.orders.add_item(order.id, "WID-1", 1).id)
        return ids


def worker(url: str, rep: int, order_ids: list[int], edits: int, seed: int) -> dict[str, object]:
    from salescenter import SalesCenter, errors

    rng = random.Random(seed)
    acks: Counter[int] = Counter()
    conflicts = 0
    failures: Counter[str] = Counter()
    locked = 0
    with SalesCenter.open(url, migrate=False) as sc:
        desk = sc.login(f"rep{rep}", PASSWORD)
        for _ in range(edits):
            order_id = rng.choice(order_ids)
            while True:
                try:
                    view = desk.orders.get(order_id)
                    item = view.items[0]
                    desk.orders.set_quantity(order_id, item.id, item.quantity + 1,
                                             expected_version=view.version)
                    acks[order_id] += 1
                    break
                except errors.ConflictError:
                    conflicts += 1
                except Exception as error:  # noqa: BLE001 - every other escape is a finding
                    failures[type(error).__name__] += 1
                    locked += "database is locked" in str(error)
                    break
    return {"acks": dict(acks), "conflicts": conflicts, "errors": dict(failures), "locked": locked}


def verify(url: str, acks: Counter[int], figures: Figures) -> None:
    from salescenter import SalesCenter

    with SalesCenter.open(url, migrate=False) as sc:
        desk = sc.login("admin", PASSWORD)
        for order_id, count in sorted(acks.items()):
            quantity = desk.orders.get(order_id).items[0].quantity
            figures.lost_updates += max(0, 1 + count - quantity)
            figures.duplicated_updates += max(0, quantity - 1 - count)
            changes = [h.detail for h in desk.orders.history(order_id) if h.activity == "Quantity changed"]
            starts = {d.split(": ")[1].split(" -> ")[0] for d in changes}
            figures.duplicated_updates += len(changes) - len(starts)
            figures.lost_updates += max(0, count - len(changes))


def run(url: str, *, processes: int = 8, edits: int = 200, orders: int = 20, seed: int = 1) -> Figures:
    figures = Figures(processes, edits, orders)
    order_ids = prepare(url, orders, processes)
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures = [pool.submit(worker, url, n, order_ids, edits, seed * 1000 + n) for n in range(processes)]
        results = [f.result() for f in futures]
    figures.seconds = time.monotonic() - started
    acks: Counter[int] = Counter({i: 0 for i in order_ids})
    for result in results:
        acks.update(result["acks"])  # type: ignore[arg-type]
        figures.conflicts += result["conflicts"]  # type: ignore[operator]
        figures.errors.update(result["errors"])  # type: ignore[arg-type]
        figures.database_locked += result["locked"]  # type: ignore[operator]
    figures.acknowledged = sum(acks.values())
    verify(url, acks, figures)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--orders", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--url", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'hammer.db'}"
        figures = run(url, processes=args.processes, edits=args.edits, orders=args.orders, seed=args.seed)
    print("\n".join(figures.lines()))


if __name__ == "__main__":
    main()
