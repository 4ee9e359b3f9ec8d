"""Bringing a call center's data in from CSV files and taking it out again.

The folder holds ``customers.csv``, ``products.csv``, ``orders.csv`` and
``order_lines.csv`` (see ``formats.COLUMNS``); any of the first two may be
left out, the last two come together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...errors import ValidationError
from ..authority import Authority
from ..context import Service
from ..orders.query import OrderQueries
from ..returns.service import ReturnService
from .exporter import Exporter, write_search_results
from .formats import RETURNS
from .importer import CancelFlag, Importer
from .report import (
    ExportSummary,
    FileCounts,
    ImportSummary,
    ProgressCallback,
    Rejection,
    TransferProgress,
)
from .returns_csv import ReturnImportSummary, export_returns, import_returns, order_refs

__all__ = [
    "ExportSummary", "FileCounts", "ImportSummary", "ProgressCallback", "Rejection",
    "ReturnImportSummary", "TransferProgress", "TransferService",
]


def _folder(path: object, what: str = "folder") -> Path:
    if not isinstance(path, str | Path) or not str(path).strip():
        raise ValidationError(f"Choose a {what}.", what.capitalize())
    if "\x00" in str(path) or any("\ud800" <= ch <= "\udfff" for ch in str(path)):
        raise ValidationError(f"That {what} name contains a character no file name can hold.",
                              what.capitalize())
    try:
        return Path(path).expanduser()
    except RuntimeError:  # "~nosuchuser": no home folder to expand to
        raise ValidationError(f"There is no {what} {path}.", what.capitalize()) from None


@contextmanager
def _file_errors(action: str, what: str) -> Iterator[None]:
    """The disk's refusals (no permission, a file where a folder belongs, disk full) in a rep's words."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        named = str(error.filename or "")
        where = f" ({named})" if named and not named.endswith(".part") else ""  # not our temp file
        raise ValidationError(f"Cannot {action}: {reason}{where}.", what.capitalize()) from None


class TransferService(Service):
    def import_dir(
        self, path: str | Path, *, progress: ProgressCallback | None = None,
        cancel: CancelFlag | None = None,
    ) -> ImportSummary:
        """Import the CSV files of a folder: customers, then products, then orders with their lines.

        ``progress(report: TransferProgress) -> None`` is called after every batch written
        (and every few thousand lines while order lines are read), from the calling thread
        or from the import's own writing thread: ``report.done`` of ``report.total`` bytes
        read, ``report.file`` being read, ``report.rows`` read and ``report.rejected``
        refused so far. A GUI hands it on to its own thread (a queued signal); the callback
        must be quick and must not call back into the desk.

        ``cancel`` is anything with ``is_set()`` (a ``threading.Event``): once set, the
        import stops after the batch being written and the summary says ``canceled``.
        Batches already written stay (never part of an order); importing again continues.

        Rows the database already holds unchanged are left alone, so re-running an import
        changes nothing. Raises ValidationError, before writing anything, when a file is
        not UTF-8, lacks a column, or the folder holds none of the files.
        """
        self.ctx.require(Authority.TRANSFER_DATA, "Importing data")
        folder = _folder(path)
        importer = Importer(self.ctx.engine, self.ctx.username, progress=progress, cancel=cancel)
        with _file_errors(f"read the import files in {folder}", "folder"):
            return importer.run(folder)

    def export_search(self, path: str | Path, **filters: Any) -> int:
        """Write every order the Find Order view's filters match (all pages) to one CSV file.

        ``filters`` are those of ``desk.orders.search`` (number, customer_name, email, status,
        store, created_from, created_to, name, customer_id, kind); returns the rows written.
        """
        self.ctx.require(Authority.MAINTAIN_ORDERS, "Exporting search results")
        target = _folder(path, "file")
        if target.is_dir():
            raise ValidationError(f"{target} is a folder; choose a file name such as orders.csv.", "File")
        filters = {k: v for k, v in filters.items() if k not in ("limit", "offset", "after")}
        with _file_errors(f"write {target}", "file"):
            return write_search_results(target, OrderQueries(self.ctx).search, filters)

    def export_dir(self, path: str | Path) -> ExportSummary:
        """Write the four CSV files an import reads; import(export) gives the same orders and totals."""
        self.ctx.require(Authority.TRANSFER_DATA, "Exporting data")
        folder = _folder(path)
        with _file_errors(f"write the export files to {folder}", "folder"):
            return Exporter(self.ctx.engine).run(folder)

    def export_returns(self, path: str | Path) -> int:
        """Write every return, one row per returned line, to one CSV file (returns.csv); the rows."""
        self.ctx.require(Authority.TRANSFER_DATA, "Exporting data")
        target = _folder(path, "file")
        with _file_errors(f"write {target}", "file"):
            if target.is_dir():
                target = target / RETURNS
        search = ReturnService(self.ctx).search
        with _file_errors(f"write {target}", "file"):
            return export_returns(target, search, lambda ids: self.ctx.read(lambda uow: order_refs(uow, ids)))

    def import_returns(self, path: str | Path) -> ReturnImportSummary:
        """Create the returns of a returns.csv (or of a folder's) that are not here yet, each through
        the return rules; refused rows are listed, the others imported."""
        self.ctx.require(Authority.TRANSFER_DATA, "Importing data")
        source = _folder(path, "file")
        with _file_errors(f"read {source}", "file"):
            if source.is_dir():
                source = source / RETURNS
            found = source.is_file()
        if not found:
            raise ValidationError(f"There is no {source.name} in {source.parent}.", "File")
        if source.name != RETURNS:
            # The columns a file must have follow from its name, as export_returns writes it.
            raise ValidationError(f"Returns are read from a file named {RETURNS} (or the folder holding "
                                  f"it), not {source.name}.", "File")
        with _file_errors(f"read {source}", "file"):
            return import_returns(source, self.ctx)
