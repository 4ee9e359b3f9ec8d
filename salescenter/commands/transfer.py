"""`salescenter import DIR` and `salescenter export DIR`: the four CSV files in and out.

Whoever runs the command holds the database URL and so the database itself;
the import is recorded under their operating-system account. With --user the
command signs in as that Sales Center user instead (password from the
SALESCENTER_PASSWORD environment variable, or asked for).
"""

from __future__ import annotations

import argparse
import csv
import getpass
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..api import SalesCenter
from ..services.context import DeskContext
from ..services.transfer import ImportSummary, TransferProgress, TransferService

SHOWN_REJECTIONS = 20
EXIT_REJECTED = 1


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    importing = subparsers.add_parser(
        "import", parents=common,
        help="import customers.csv, products.csv, orders.csv and order_lines.csv from a folder",
        description="Import the CSV files of DIR in dependency order. Rows already imported "
        "unchanged are left alone. Exit status 1 when any row was rejected.",
    )
    importing.add_argument("dir", metavar="DIR", type=Path)
    importing.add_argument("--user", help="sign in as this Sales Center administrator")
    importing.add_argument("--report", metavar="FILE", type=Path,
                           help="write every rejected row (file, line, field, reason) to this CSV file")
    importing.set_defaults(handler=run_import)
    exporting = subparsers.add_parser(
        "export", parents=common, help="export customers, products and orders to CSV files in a folder",
    )
    exporting.add_argument("dir", metavar="DIR", type=Path)
    exporting.add_argument("--user", help="sign in as this Sales Center administrator")
    exporting.set_defaults(handler=run_export)


def _service(center: SalesCenter, user: str | None) -> TransferService:
    if user:
        password = os.environ.get("SALESCENTER_PASSWORD") or getpass.getpass(f"Password for {user}: ")
        return center.login(user, password).transfer
    account = f"command line ({getpass.getuser()})"[:64]
    return TransferService(DeskContext(engine=center.engine, user_id=0, username=account, role="admin"))


def run_import(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    with SalesCenter.open(args.db) as center:
        service = _service(center, args.user)
        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=False) as bar:
            task = bar.add_task("Importing", total=None)

            def show(report: TransferProgress) -> None:
                counted = f"{report.file:<16} {report.rows:>9,} rows, {report.rejected:,} rejected"
                bar.update(task, completed=report.done, total=report.total, description=counted)

            summary = service.import_dir(args.dir, progress=show)
    _print_summary(Console(), summary)
    if args.report is not None:
        _write_report(args.report, summary)
    return EXIT_REJECTED if summary.rejected else 0


def _print_summary(console: Console, summary: ImportSummary) -> None:
    table = Table(title="Import" + (" (canceled)" if summary.canceled else ""))
    for heading in ("file", "rows read", "imported", "updated", "unchanged", "rejected"):
        table.add_column(heading, justify="left" if heading == "file" else "right")
    for counts in summary.files:
        table.add_row(counts.file, *(f"{n:,}" for n in (
            counts.read, counts.imported, counts.updated, counts.unchanged, counts.rejected)))
    table.add_row("total", *(f"{n:,}" for n in (
        summary.rows_read, summary.imported, summary.updated, summary.unchanged, summary.rejected)))
    console.print(table)
    for rejection in summary.rejections[:SHOWN_REJECTIONS]:
        console.print(f"rejected: {rejection}", markup=False, highlight=False, soft_wrap=True)
    hidden = len(summary.rejections) - SHOWN_REJECTIONS
    if hidden > 0:
        console.print(f"... and {hidden:,} more rejected rows (--report FILE lists them all)")


def _write_report(path: Path, summary: ImportSummary) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "field", "reason"])
        for r in summary.rejections:
            writer.writerow([r.file, r.line, r.field, r.reason])


def run_export(args: argparse.Namespace) -> int:
    with SalesCenter.open(args.db) as center:
        summary = _service(center, args.user).export_dir(args.dir)
    for name, rows in summary.rows.items():
        print(f"{name:<16} {rows:>10,} rows", file=sys.stdout)
    return 0
