"""`salescenter bench reps`: simulated reps on one database (see salescenter.bench.reps)."""

from __future__ import annotations

import argparse
import json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `salescenter bench reps` (registered by commands/bench.py)."""
    parser.add_argument("--reps", type=int, default=10, help="simulated reps, one process each (default 10)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they work (default 60)")
    parser.add_argument("--think", type=float, default=0.0, metavar="S",
                        help="mean pause between a rep's operations in seconds (default 0: flat out)")
    parser.add_argument("--server", metavar="URL", default=None,
                        help="the reps work through this Sales Center server (https://host:8443); "
                             "--db still names its database, which the bench prepares and audits")
    parser.add_argument("--ca-file", metavar="FILE", default=None, help="the server's certificate to trust")
    parser.add_argument("--json", metavar="FILE", default=None, help="also write the figures to FILE")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from ..bench.reps import bench_reps

    url = getattr(args, "sub_db", None) or args.db
    if not url:
        raise SystemExit("salescenter bench reps: give the database with --db URL (never a desk's own).")
    if args.reps < 1 or args.seconds <= 0:
        raise SystemExit("salescenter bench reps: --reps and --seconds must be positive.")
    report = bench_reps(url, args.reps, args.seconds, think=args.think, server=args.server,
                        ca_file=args.ca_file)
    grid = Table(title=f"{report['reps']} reps for {report['seconds']:.0f} s on {report['cores']} cores "
                       f"(think {report['think_s']} s, {report['through']}): "
                       f"{report['operations_per_s']:.1f} operations/s")
    for column in ("operation", "count", "p50 ms", "p95 ms", "conflicts"):
        grid.add_column(column, justify="left" if column == "operation" else "right")
    for name, figures in report["operations"].items():
        grid.add_row(name, str(figures["count"]), f"{figures['p50_ms']:.1f}", f"{figures['p95_ms']:.1f}",
                     str(figures["conflicts"]))
    changes = report["committed_changes"]
    grid.add_row("[b]committed order changes[/b]", str(changes["count"]), f"{changes['p50_ms']:.1f}",
                 f"{changes['p95_ms']:.1f}", str(report["conflicts"]))
    console = Console()
    console.print(grid)
    errors = report["errors"]
    console.print(f"conflicts reported to reps: {report['conflicts']}; errors: {sum(errors.values())}")
    for message, count in sorted(errors.items(), key=lambda item: -item[1])[:10]:
        console.print(f"  {count} x {message}", markup=False)
    audit = report["audit"]
    console.print("audit: " + ", ".join(f"{key} {value}" for key, value in audit.items()))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
    return 0 if audit["lost updates"] == 0 else 1
