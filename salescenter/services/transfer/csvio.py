"""Reading and writing the CSV files: UTF-8 only, RFC 4180 quoting, line numbers kept.

Quoted fields may span lines, so a row is reported by the line it starts on,
which is where a rep looking at the file in an editor finds it.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ...errors import ValidationError
from .formats import ALL_COLUMNS
from .formulas import looks_like_formula, neutralize, restore

CHUNK = 1 << 20
# Far above any valid value: an oversize field is read whole and then refused
# by the field's own length check, naming the field, instead of stopping the file.
FIELD_SIZE_LIMIT = 64 << 20
_BOMS = {
    codecs.BOM_UTF16_LE: "UTF-16", codecs.BOM_UTF16_BE: "UTF-16",
    codecs.BOM_UTF32_LE: "UTF-32", codecs.BOM_UTF32_BE: "UTF-32",
}


def check_utf8(path: Path) -> None:
    """Refuse, before anything is imported, a file that is not UTF-8 (a BOM is fine)."""
    name = path.name
    with path.open("rb") as raw:
        head = raw.read(4)
        for bom, encoding in _BOMS.items():
            if head.startswith(bom) and not head.startswith(codecs.BOM_UTF8):
                raise ValidationError(
                    f"{name} is saved as {encoding}, not UTF-8. Save it as UTF-8 (in Excel: "
                    "CSV UTF-8) and import again.", name,
                )
        raw.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        line = 1
        while True:
            chunk = raw.read(CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                at = line + chunk.count(b"\n", 0, max(error.start, 0))
                byte = chunk[error.start] if 0 <= error.start < len(chunk) else None
                shown = f" (byte 0x{byte:02x})" if byte is not None else ""
                raise ValidationError(
                    f"{name} is not UTF-8 text: line {at} has a character UTF-8 does not allow"
                    f"{shown}, as in Latin-1 or Windows-1252 files. Save it as UTF-8 (in Excel: "
                    "CSV UTF-8) and import again.", name,
                ) from None
            if not chunk:
                return
            line += chunk.count(b"\n")


class _CountingReader(io.RawIOBase):
    """Counts the bytes read, so progress follows the file whatever its rows look like."""

    def __init__(self, raw: IO[bytes], on_read: Callable[[int], None]) -> None:
        self._raw = raw
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._on_read(len(data))
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass
class Row:
    """One record: the line it starts on and its values by column (empty = "")."""

    line: int
    values: dict[str, str]
    problem: str = ""
    # Columns whose cell a spreadsheet would run as a formula (see formulas.py).
    formulas: frozenset[str] = frozenset()


def read_rows(path: Path, on_read: Callable[[int], None]) -> Iterator[Row]:
    """Yield the rows of one of the four files, after checking its header."""
    name = path.name
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    counting = _CountingReader(path.open("rb"), on_read)
    with io.TextIOWrapper(io.BufferedReader(counting, CHUNK), encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text)
        try:
            header = next(reader, None)
        except csv.Error as error:
            raise ValidationError(f"{name}: the header row cannot be read ({error}).", name) from None
        columns = _check_header(name, header)
        expected = ALL_COLUMNS[name]
        ended = reader.line_num
        while True:
            start = ended + 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                ended = reader.line_num
                yield Row(start, {}, f"The row cannot be read as CSV: {error}.")
                continue
            ended = reader.line_num
            if not record or record == [""]:
                continue  # a blank line carries nothing
            if len(record) != len(columns):
                yield Row(start, {}, f"The row has {len(record)} fields; the header has {len(columns)}.")
                continue
            by_name = dict(zip(columns, record, strict=True))
            cells = [by_name[key] for key in expected]
            formulas = frozenset(key for key, cell in zip(expected, cells, strict=True)
                                 if looks_like_formula(cell))
            yield Row(start, {key: restore(cell) for key, cell in zip(expected, cells, strict=True)},
                      formulas=formulas)


def check_header(path: Path) -> None:
    """Refuse a file whose first row does not name every column, before anything is imported."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    with path.open(encoding="utf-8-sig", newline="") as text:
        try:
            header = next(csv.reader(text), None)
        except csv.Error as error:
            reason = f"{path.name}: the header row cannot be read ({error})."
            raise ValidationError(reason, path.name) from None
    _check_header(path.name, header)


def _check_header(name: str, header: list[str] | None) -> list[str]:
    if not header or header == [""]:
        raise ValidationError(f"{name} is empty: the first row must name the columns.", name)
    columns = [c.strip() for c in header]
    doubled = sorted({c for c in columns if columns.count(c) > 1})
    if doubled:
        raise ValidationError(f"{name} names the column {', '.join(doubled)} more than once.", name)
    missing = [c for c in ALL_COLUMNS[name] if c not in columns]
    if missing:
        raise ValidationError(
            f"{name} lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
            f"its first row must name: {', '.join(ALL_COLUMNS[name])}.", name,
        )
    return columns


class CsvWriter:
    """Writes one file of an export: UTF-8 with a BOM so spreadsheets see the accents."""

    def __init__(self, path: Path, name: str) -> None:
        self._file = path.open("w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._file, lineterminator="\r\n")
        self._writer.writerow(ALL_COLUMNS[name])
        self.rows = 0

    def write(self, values: list[object]) -> None:
        self._writer.writerow(["" if value is None else neutralize(value) for value in values])
        self.rows += 1

    def close(self) -> None:
        self._file.close()
