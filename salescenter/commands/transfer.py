"""`salescenter import DIR` and `salescenter export DIR`: the four CSV files in and out.

Both act as an administrator (--as, --admin-password-file), like the other admin
commands; the import's history entries name that administrator.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .support import add_admin_options, admin_login, open_center

if TYPE_CHECKING:  # rich is imported by the commands that print, not by every start of the program
    from rich.console import Console

    from ..services.transfer import ImportSummary, TransferProgress

SHOWN_REJECTIONS = 20
EXIT_REJECTED = 1


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    importing = subparsers.add_parser(
        "import", parents=common,
        help="import customers.csv, products.csv, orders.csv and order_lines.csv from a folder",
        description="Import the CSV files of DIR in dependency order. Rows already imported "
        "unchanged are left alone. Exit status 1 when any row was rejected.",
    )
    importing.add_argument("dir", metavar="DIR", type=Path, help="folder holding the CSV files")
    add_admin_options(importing)
    importing.add_argument("--report", metavar="FILE", type=Path,
                           help="write every rejected row (file, line, field, reason) to this CSV file")
    importing.set_defaults(handler=run_import)
    exporting = subparsers.add_parser(
        "export", parents=common, help="export customers, products and orders to CSV files in a folder",
    )
    exporting.add_argument("dir", metavar="DIR", type=Path, help="folder to write the four CSV files to")
    add_admin_options(exporting)
    exporting.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with open_center(args.db) as center:
        service = admin_login(center, args).transfer
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
    from rich.table import Table

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
    with open_center(args.db) as center:
        summary = admin_login(center, args).transfer.export_dir(args.dir)
    for name, rows in summary.rows.items():
        print(f"{name:<16} {rows:>10,} rows", file=sys.stdout)
    return 0
