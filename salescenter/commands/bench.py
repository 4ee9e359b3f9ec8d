"""`salescenter bench generate|run|reps`: a data set at call-center scale and the figures measured on it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("bench", parents=common, help="generate a large data set; measure it")
    actions = parser.add_subparsers(dest="bench_action", metavar="ACTION", required=True)
    generate = actions.add_parser("generate", parents=common, help="fill a new database with orders")
    generate.add_argument("--orders", type=int, default=100_000, help="number of orders (default 100,000)")
    generate.add_argument("--customers", type=int, default=20_000, help="number of customers")
    generate.add_argument("--seed", type=int, default=20261121, help="same seed, same data")
    generate.set_defaults(handler=_generate)
    run = actions.add_parser("run", parents=common, help="measure searches, order open and changes")
    run.add_argument("--json", metavar="FILE", default=None, help="also write the figures to FILE")
    run.set_defaults(handler=_run)
    from .reps import add_arguments as add_reps_arguments

    reps = actions.add_parser("reps", parents=common, help="simulated reps, each a process, on one database")
    add_reps_arguments(reps)


def _url(args: argparse.Namespace) -> str:
    url = getattr(args, "sub_db", None) or args.db
    if not url:
        raise SystemExit("salescenter bench: give the database with --db URL (never the desk's own).")
    return str(url)


def _generate(args: argparse.Namespace) -> int:
    from ..bench.generate import BENCH_PASSWORD, BENCH_USER, generate

    done = generate(_url(args), args.orders, args.customers, seed=args.seed)
    print(f"{done.orders:,} orders, {done.customers:,} customers, {done.items:,} lines "
          f"in {done.seconds:.1f} s; sign in as {BENCH_USER} / {BENCH_PASSWORD}")
    return 0


def _run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from ..bench.run import run_bench, table

    report = run_bench(_url(args))
    measures = report["measures"]
    grid = Table(title=f"{report['orders']:,} orders, {report['customers']:,} customers "
                       f"({report['machine']['cores']} cores, {report['machine']['cpu']})")
    for column in ("measure", "way", "p50 ms", "p95 ms", "cpu p50 ms", "cpu p95 ms"):
        grid.add_column(column, justify="left" if column in ("measure", "way") else "right")
    for row in table(report):
        grid.add_row(*row)
    console = Console()
    console.print(grid)
    console.print(f"RSS after scrolling {measures['rss_scroll'].get('scrolled_rows', 0):,} results: "
                  f"{measures['rss_after_scroll_mb']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))
    return 0
