"""Spreadsheet formula cells (OWASP's CSV-injection rule), both ways.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``).
Every cell an export writes that starts so gets a leading apostrophe, which
spreadsheets read as "this is text"; so does a cell that already starts with an
apostrophe, so that reading it back can always take exactly one away. An
import reverses it: ``'=1+1`` comes back as the text ``=1+1``, and a cell that
starts with a formula character without the apostrophe is reported, because a
spreadsheet would have run it.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_ESCAPED = (*FORMULA_STARTS, QUOTE)


def neutralize(value: object) -> object:
    """The cell as an export writes it: text that a spreadsheet would run gets an apostrophe."""
    if isinstance(value, str) and value.startswith(_ESCAPED):
        return QUOTE + value
    return value


def restore(cell: str) -> str:
    """The value an exported cell stood for: one protecting apostrophe taken away."""
    if cell.startswith(QUOTE) and cell[1:2] and cell[1] in _ESCAPED:
        return cell[1:]
    return cell


def looks_like_formula(cell: str) -> bool:
    """A cell a spreadsheet would run (after leading spaces), not protected by an apostrophe."""
    text = cell.lstrip(" ")
    return len(text) > 1 and text.startswith(FORMULA_STARTS[:4])
