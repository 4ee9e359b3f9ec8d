"""What an import tells its caller: progress while it runs, a summary when it ends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict


class Rejection(BaseModel):
    """One refused row: where it is and why, in a rep's words."""

    model_config = ConfigDict(frozen=True)
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file} line {self.line}"
        return f"{where}, {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


class FileCounts(BaseModel):
    file: str
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


class ImportSummary(BaseModel):
    """Counts per file (customers, products, orders, order lines) and every rejected row."""

    files: list[FileCounts]
    rejections: list[Rejection]
    canceled: bool = False

    def counts(self, file: str) -> FileCounts:
        return next(c for c in self.files if c.file == file)

    @property
    def rows_read(self) -> int:
        return sum(c.read for c in self.files)

    @property
    def imported(self) -> int:
        return sum(c.imported for c in self.files)

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.files)

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.files)

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.files)


class ExportSummary(BaseModel):
    """Rows written per file."""

    rows: dict[str, int]


@dataclass(frozen=True)
class TransferProgress:
    """Handed to the progress callback, from the calling thread or the import's writing thread.

    ``done`` and ``total`` are bytes of the input files (a steady measure for a
    progress bar); ``file`` is the file being read, ``rows`` the rows read so far
    and ``rejected`` the rows refused so far.
    """

    file: str
    done: int
    total: int
    rows: int
    rejected: int


ProgressCallback = Callable[[TransferProgress], None]


@dataclass
class Tally:
    """Counts kept while an import runs; becomes the summary."""

    files: dict[str, FileCounts]
    rejections: list[Rejection] = field(default_factory=list)
    # Rows are refused by the reading thread and by the writing one (see writer.py).
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def for_files(cls, names: tuple[str, ...]) -> Tally:
        return cls({name: FileCounts(file=name) for name in names})

    def reject(self, file: str, line: int, field_name: str, reason: str) -> None:
        rejection = Rejection(file=file, line=line, field=field_name, reason=reason)
        with self.lock:
            self.rejections.append(rejection)
            self.files[file].rejected += 1

    @property
    def rows(self) -> int:
        return sum(c.read for c in self.files.values())

    @property
    def rejected(self) -> int:
        return sum(c.rejected for c in self.files.values())

    def summary(self, *, canceled: bool) -> ImportSummary:
        return ImportSummary(
            files=list(self.files.values()),
            rejections=sorted(self.rejections, key=lambda r: (FILE_ORDER.get(r.file, 9), r.line)),
            canceled=canceled,
        )


FILE_ORDER = {"customers.csv": 0, "products.csv": 1, "orders.csv": 2, "order_lines.csv": 3}
