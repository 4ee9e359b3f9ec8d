"""Crash consistency: a writer killed with SIGKILL at random moments while it saves orders.

The writer creates orders, adds items, submits them and adds notes, and after each
call returns it appends an acknowledgement to a log file and fsyncs it. The
supervisor kills it at a random moment, then checks the SQLite file: PRAGMA
integrity_check is ok, every acknowledged change is there, and every order and
item has its history entry (a change and its history commit together or not at all).
The same file is reused run after run, so each run also recovers the last crash.

    python -m scripts.crash --runs 1000
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sqlite3
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Run as ``python -m scripts.crash``, each child imports this module twice (preload and
# main); that is harmless here and the warning would only drown the figures.
warnings.filterwarnings("ignore", message=".*found in sys.modules", category=RuntimeWarning)

PASSWORD = "crash-pw-1"


@dataclass
class Figures:
    runs: int = 0
    killed_mid_run: int = 0
    acknowledged: int = 0
    orders: int = 0
    integrity_failures: int = 0
    missing_acknowledged: int = 0
    without_history: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"crash runs (SIGKILL)       {self.runs} ({self.killed_mid_run} killed while still writing)",
            f"acknowledged changes       {self.acknowledged}",
            f"orders in the database     {self.orders}",
            f"integrity failures         {self.integrity_failures}",
            f"acknowledged but missing   {self.missing_acknowledged}",
            f"changes without history    {self.without_history}",
            f"seconds                    {self.seconds:.1f}",
        ]


def prepare(url: str) -> None:
    from salescenter import SalesCenter

    with SalesCenter.open(url) as sc:
        sc.create_user("admin", PASSWORD, role="admin")
        admin = sc.login("admin", PASSWORD)
        admin.users.create("writer", PASSWORD, "csr")
        admin.stores.create("US", "Crash store")
        admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=1_000_000)
        admin.catalog.create_product("CAB-1", "USB Cable", "9.99", stock=1_000_000)
        admin.customers.create("Mercy", "Taylor", address={
            "line1": "12 Elm Street", "city": "Springfield", "country": "US"})


def writer(url: str, acks: str, ready: Any, seed: int) -> None:
    """Saves orders until killed; acknowledges each returned call durably."""
    from salescenter import SalesCenter

    rng = random.Random(seed)
    sc = SalesCenter.open(url, migrate=False)
    desk = sc.login("writer", PASSWORD)
    customer = desk.customers.find("Taylor")[0].id
    log = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def ack(line: str) -> None:
        os.write(log, (line + "\n").encode())
        os.fsync(log)

    ready.set()
    while True:
        order = desk.orders.create("US", customer)
        ack(f"created {order.id}")
        for _ in range(rng.randint(1, 3)):
            order = desk.orders.add_item(order.id, rng.choice(["WID-1", "CAB-1"]), rng.randint(1, 5))
            ack(f"item {order.id} {len(order.items)}")
        order = desk.orders.add_note(order.id, "Customer called")
        ack(f"note {order.id} {len(order.notes)}")
        order = desk.orders.submit(order.id)
        ack(f"submitted {order.id}")


def check(path: Path, acks: Path, figures: Figures) -> None:
    connection = sqlite3.connect(path)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            figures.integrity_failures += 1
            figures.problems.append(f"integrity_check: {result[:3]}")
        status = dict(connection.execute("SELECT id, status FROM orders"))
        items = dict(connection.execute("SELECT order_id, count(*) FROM order_items GROUP BY order_id"))
        notes = dict(connection.execute("SELECT order_id, count(*) FROM notes GROUP BY order_id"))
        history: dict[tuple[int, str], int] = {
            (row[0], row[1]): row[2] for row in connection.execute(
                "SELECT order_id, activity, count(*) FROM history GROUP BY order_id, activity")
        }
    finally:
        connection.close()
    figures.orders = len(status)
    lines = [line for line in acks.read_text().split("\n")[:-1] if line] if acks.exists() else []
    figures.acknowledged = len(lines)
    for line in lines:
        kind, order_id, *count = line.split()
        key = int(order_id)
        present = {
            "created": key in status,
            "item": items.get(key, 0) >= int(count[0]) if count else False,
            "note": notes.get(key, 0) >= int(count[0]) if count else False,
            "submitted": status.get(key) not in (None, "pending"),
        }[kind]
        if not present:
            figures.missing_acknowledged += 1
            figures.problems.append(f"acknowledged but missing: {line}")
    for key, state in status.items():
        expected = {
            "Order created": 1,
            "Item added": items.get(key, 0),
            "Note added": notes.get(key, 0),
            "Order submitted": 0 if state == "pending" else 1,
        }
        for activity, count in expected.items():
            if history.get((key, activity), 0) != count:
                figures.without_history += 1
                figures.problems.append(
                    f"order {key}: {count} x {activity} but {history.get((key, activity), 0)} in history")


def run(folder: Path, *, runs: int = 50, max_delay: float = 0.4, seed: int = 1,
        progress: Callable[[int], None] | None = None) -> Figures:
    path = folder / "crash.db"
    url = f"sqlite:///{path}"
    acks = folder / "acks.log"
    prepare(url)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["salescenter.api", "scripts.crash"])
    rng = random.Random(seed)
    figures = Figures()
    started = time.monotonic()
    for number in range(runs):
        ready = context.Event()
        process = context.Process(target=writer, args=(url, str(acks), ready, seed * 100_000 + number))
        process.start()
        if not ready.wait(timeout=120):
            figures.problems.append(f"run {number}: the writer never became ready")
        time.sleep(rng.uniform(0.0, max_delay))
        figures.killed_mid_run += process.is_alive()
        if process.pid is not None and process.is_alive():
            os.kill(process.pid, signal.SIGKILL)
        process.join()
        figures.runs += 1
        check(path, acks, figures)
        if progress is not None:
            progress(number)
    figures.seconds = time.monotonic() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--max-delay", type=float, default=0.4, help="longest wait before the kill (s)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = run(Path(folder), runs=args.runs, max_delay=args.max_delay, seed=args.seed,
                      progress=lambda n: print(f"\rrun {n + 1}/{args.runs}", end="", flush=True))
    print()
    print("\n".join(figures.lines()))
    for problem in figures.problems[:20]:
        print("  ", problem)


if __name__ == "__main__":
    main()
