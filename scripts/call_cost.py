"""The cost of one API call through a Sales Center server, against the same call on the embedded desk.

Run after ``salescenter bench reps`` prepared the database (its users and orders):

    python scripts/call_cost.py --db URL --server https://127.0.0.1:8443 --ca-file cert.pem --json out.json

One rep, one call at a time, the two desks taking turns so both see the same machine: opening an
order (a read) and adding a note to it (a committed change). Prints p50 and p95 of each and the
server's p50 extra per call, with the load average alongside (figures only).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from salescenter import SalesCenter
from salescenter.bench.reps import rep_name, rep_password


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _figures(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2)}


def measure(db: str, server: str, ca_file: str | None, calls: int) -> dict[str, Any]:
    embedded_center = SalesCenter.open(db, migrate=False)
    remote_center = SalesCenter.open(server, ca_file=ca_file)
    with embedded_center.engine.connect() as connection:
        order_id = connection.execute(text("SELECT min(id) FROM orders WHERE kind = 'order'")).scalar_one()
    desks = {"embedded": embedded_center.login(rep_name(1), rep_password(1), workstation="call-cost"),
             "server": remote_center.login(rep_name(1), rep_password(1), workstation="call-cost")}
    steps: dict[str, Callable[[Any], object]] = {
        "open order": lambda desk: desk.orders.get(order_id),
        "add note": lambda desk: desk.orders.add_note(order_id, "call cost"),
    }
    samples: dict[str, dict[str, list[float]]] = {step: {way: [] for way in desks} for step in steps}
    load_before = os.getloadavg()
    for round_number in range(calls + 10):
        for step, call in steps.items():
            for way, desk in desks.items():
                spent = _timed(lambda: call(desk))  # noqa: B023 - called at once
                if round_number >= 10:  # the first calls warm connections and caches
                    samples[step][way].append(spent)
    load_after = os.getloadavg()
    remote_center.close()
    embedded_center.close()
    result: dict[str, Any] = {"calls": calls, "through": server, "database": db.split("://")[0],
                              "cores": os.cpu_count(), "load_average_before": load_before,
                              "load_average_after": load_after, "steps": {}}
    for step, ways in samples.items():
        figures = {way: _figures(values) for way, values in ways.items()}
        figures["server_extra_p50_ms"] = round(figures["server"]["p50_ms"] - figures["embedded"]["p50_ms"], 2)
        result["steps"][step] = figures
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the database the server runs on")
    parser.add_argument("--server", required=True, help="the server's address (https://host:port)")
    parser.add_argument("--ca-file", help="the server's certificate to trust")
    parser.add_argument("--calls", type=int, default=300, help="calls of each kind each way (default 300)")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    result = measure(options.db, options.server, options.ca_file, options.calls)
    shown = json.dumps(result, indent=2)
    print(shown)
    if options.json:
        with open(options.json, "w", encoding="utf-8") as out:
            out.write(shown + "\n")


if __name__ == "__main__":
    main()
