"""Issue 17: an import that no cell can crash.

One folder is seeded with every kind of bad cell (unicode digits, NaN and
Infinity, huge and over-precise numbers, negative quantities, impossible dates,
time zones at the edge of the calendar, empty required fields, duplicate keys,
formula cells, overlong text, NUL and control characters, rows with missing or
extra fields, references to customers and products that are not there), beside
good rows. Each bad row must be reported with its file, line, field and reason;
every good row is imported; the report is written; importing again changes
nothing. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from salescenter.api import Desk
from salescenter.cli import main
from salescenter.services.transfer import ImportSummary
from salescenter.services.transfer.formats import COLUMNS, CUSTOMERS, ORDER_LINES, ORDERS, PRODUCTS
from tests.conftest import PASSWORDS, World

# Import and export read and write files where the database is: through a server they are
# `salescenter transfer` on the server's machine, and the remote desk refuses them
# (tests/integration/test_server.py). So these run on the embedded desk only.
pytestmark = pytest.mark.embedded_only

GOOD_CUSTOMER = {"customer_ref": "", "first_name": "Good", "last_name": "Person", "email": "good@example.com"}
GOOD_PRODUCT = {"sku": "", "name": "Good thing", "list_price": "10.00", "stock": "5", "available": "true"}
GOOD_ORDER = {"order_ref": "", "store": "US", "customer_ref": "G-1", "created_at": "2024-01-02",
              "status": "shipped", "shipping_method": "standard", "shipping_total": "0"}
GOOD_LINE = {"order_ref": "", "sku": "GOOD-1", "quantity": "1", "placed_price": "10.00"}
FORMULA = "a spreadsheet runs"


@dataclass
class Seed:
    """The four files being written, and every rejection they must produce."""

    rows: dict[str, list[list[str]]] = field(default_factory=lambda: {name: [] for name in COLUMNS})
    expected: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)

    def add(self, file: str, values: dict[str, str] | list[str], refused: tuple[str, str] | None = None,
            ) -> int:
        cells = values if isinstance(values, list) else [values.get(c, "") for c in COLUMNS[file]]
        self.rows[file].append(cells)
        line = len(self.rows[file]) + 1  # the header is line 1; no cell here spans lines
        if refused is not None:
            self.expected[(file, line)] = refused
        return line

    def write(self, folder: Path) -> Path:
        folder.mkdir()
        for name, rows in self.rows.items():
            with (folder / name).open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(COLUMNS[name])
                writer.writerows(rows)
        return folder


BAD_CUSTOMERS = [
    ("first_name", '=HYPERLINK("http://evil.example","Click")', FORMULA),
    ("last_name", "@SUM(A1:A9)", FORMULA),
    ("company", "+cmd|' /C calc'!A0", FORMULA),
    ("email", "-2+3+cmd|' /C calc'!A0@x.example", FORMULA),
    ("first_name", "", "is required"),
    ("last_name", "x" * 101, "too long"),
    ("first_name", "Nul\x00Byte", "NUL"),
    ("last_name", "Bell\x07", "control character"),
    ("email", "not-an-email", "not a valid email"),
    ("phone", "①②③", "not a phone number"),
    ("city", "", "is required"),  # an address was given (line1) without its city
]
BAD_PRODUCTS = [
    ("list_price", "NaN", "amount such as"),
    ("list_price", "Infinity", "amount such as"),
    ("list_price", "-Infinity", "amount such as"),
    ("list_price", "sNaN", "amount such as"),
    ("list_price", "1e999999999", "too large"),
    ("list_price", "99999999999.99", "too large"),
    ("list_price", "12.345", "at most 2 decimals"),
    ("list_price", "-1.00", "more than zero"),
    ("list_price", "²", "digits 0-9"),
    ("list_price", "１２", "digits 0-9"),
    ("list_price", "", "amount such as"),
    ("stock", "²", "whole number"),
    ("stock", "①", "whole number"),
    ("stock", "-5", "whole number"),
    ("stock", "9" * 400, "whole number"),
    ("stock", "1.5", "whole number"),
    ("available", "maybe", "true or false"),
    ("sku", "=1+1", FORMULA),
    ("sku", "", "is required"),
    ("sku", "A B", "cannot contain spaces"),
    ("sku", "S" * 65, "too long"),
    ("name", "n" * 201, "too long"),
    ("description", "Nul\x00inside", "NUL"),
]
BAD_ORDERS = [
    ("created_at", "2026-13-01", "not a date"),
    ("created_at", "2024-02-30", "not a date"),
    ("created_at", "yesterday", "not a date"),
    ("created_at", "0001-01-01T00:00+14:00", "outside the years"),
    ("created_at", "9999-12-31T23:59-14:00", "outside the years"),
    ("created_at", "", "is required"),
    ("created_at", "2999-01-01", "in the future"),
    ("required_at", "2024-01-01T25:00", "not a date"),
    ("shipped_at", "2024-01-01", "before the order was created"),
    ("status", "lost", "must be one of"),
    ("store", "XX", "no store 'XX'"),
    ("shipping_method", "teleport", "must be one of"),
    ("shipping_total", "NaN", "amount such as"),
    ("shipping_total", "1e999999999", "too large"),
    ("shipping_total", "0.001", "at most 2 decimals"),
    ("ship_city", "c" * 101, "too long"),
    ("ship_name", "=cmd|' /C calc'!A0", FORMULA),
    ("customer_ref", "NOBODY", "no customer with customer_ref 'NOBODY'"),
]
BAD_LINES = [
    ("quantity", "²", "whole number"),
    ("quantity", "①", "whole number"),
    ("quantity", "-2", "at least 1"),
    ("quantity", "0", "at least 1"),
    ("quantity", "1.5", "whole number"),
    ("quantity", "NaN", "whole number"),
    ("quantity", "Infinity", "whole number"),
    ("quantity", "1e999999999", "at most 10,000"),
    ("quantity", "10001", "at most 10,000"),
    ("quantity", "", "whole number"),
    ("placed_price", "sNaN", "amount such as"),
    ("placed_price", "1.005", "at most 2 decimals"),
    ("placed_price", "9999999999.00", "largest amount"),  # 2 of them come to more than an order holds
    ("discount_percent", "101", "at most 100"),
    ("discount_percent", "-5", "more than zero"),
    ("discount_percent", "Infinity", "amount such as"),
    ("sku", "NO-SUCH-SKU", "no product with SKU 'NO-SUCH-SKU'"),
    ("sku", "BAD-P-0", "no product with SKU 'BAD-P-0'"),  # its products.csv row was refused
]


def seed_bad_cells() -> tuple[Seed, dict[str, set[str]]]:
    """Every bad cell beside good rows; returns the seed and the keys that must be imported."""
    seed = Seed()
    good: dict[str, set[str]] = {name: set() for name in COLUMNS}
    long_names = {"first_name": "Ǆ" * 100, "last_name": "ﷺ" * 100, "company": "Ｃ" * 200}
    seed.add(CUSTOMERS, {**GOOD_CUSTOMER, "customer_ref": "G-1", "phone": "+1 (555) 010-3000"})
    seed.add(CUSTOMERS, {**GOOD_CUSTOMER, "customer_ref": "G-2", "first_name": "'=Lee",
                         "last_name": "'-Dash", "email": ""})  # protected by the apostrophe: text
    seed.add(CUSTOMERS, {**GOOD_CUSTOMER, "customer_ref": "G-3", **long_names, "email": ""})
    good[CUSTOMERS] |= {"G-1", "G-2", "G-3"}
    seed.add(CUSTOMERS, {**GOOD_CUSTOMER, "customer_ref": "G-1", "last_name": "Again"},
             ("customer_ref", "'G-1' appears again; first on line 2."))
    for n, (column, value, reason) in enumerate(BAD_CUSTOMERS):
        row = {**GOOD_CUSTOMER, "customer_ref": f"BAD-C-{n}", column: value}
        if column == "city":
            row.update(line1="1 Main St", country="US")
        seed.add(CUSTOMERS, row, (column, reason))
    seed.add(CUSTOMERS, ["BAD-C-SHORT", "Too", "Few"], ("", "3 fields; the header has 12"))
    seed.add(CUSTOMERS, ["BAD-C-LONG", *["x"] * 12], ("", "13 fields; the header has 12"))

    seed.add(PRODUCTS, {**GOOD_PRODUCT, "sku": "GOOD-1", "description": "-"})  # a dash alone is text
    seed.add(PRODUCTS, {**GOOD_PRODUCT, "sku": "GOOD-2", "list_price": "9999999999.99"})
    good[PRODUCTS] |= {"GOOD-1", "GOOD-2"}
    seed.add(PRODUCTS, {**GOOD_PRODUCT, "sku": "good-1"}, ("sku", "'GOOD-1' appears again; first on line 2."))
    for n, (column, value, reason) in enumerate(BAD_PRODUCTS):
        seed.add(PRODUCTS, {**GOOD_PRODUCT, "sku": f"BAD-P-{n}", column: value}, (column, reason))

    seed.add(ORDERS, {**GOOD_ORDER, "order_ref": "G-ORDER-1"})
    seed.add(ORDER_LINES, {**GOOD_LINE, "order_ref": "G-ORDER-1", "quantity": "3"})
    seed.add(ORDERS, {**GOOD_ORDER, "order_ref": "G-ORDER-TZ", "created_at": "2024-03-01T08:00:00+14:00",
                      "customer_ref": "G-2"})
    seed.add(ORDER_LINES, {**GOOD_LINE, "order_ref": "G-ORDER-TZ"})
    good[ORDERS] |= {"G-ORDER-1", "G-ORDER-TZ"}
    dup = seed.add(ORDERS, {**GOOD_ORDER, "order_ref": "G-ORDER-1"},
                   ("order_ref", "'G-ORDER-1' appears again; first on line 2."))
    assert dup == 4
    seed.add(ORDERS, {**GOOD_ORDER, "order_ref": "=ORDER()"}, ("order_ref", FORMULA))
    seed.add(ORDERS, {**GOOD_ORDER, "order_ref": "NO-LINES"}, ("order_ref", "no lines"))
    seed.add(ORDERS, {**GOOD_ORDER, "order_ref": "GONE-CUSTOMER", "customer_ref": "BAD-C-0"},
             ("customer_ref", "no customer with customer_ref 'BAD-C-0'"))
    seed.add(ORDER_LINES, {**GOOD_LINE, "order_ref": "GONE-CUSTOMER"}, ("order_ref", "was left out"))
    total = seed.add(ORDERS, {**GOOD_ORDER, "order_ref": "TOO-MUCH"}, ("order_ref", "largest amount"))
    for _ in range(2):  # each line fits; together (and taxed) they do not
        seed.add(ORDER_LINES, {**GOOD_LINE, "order_ref": "TOO-MUCH", "placed_price": "6000000000.00"},
                 ("order_ref", f"orders.csv line {total}"))
    for n, (column, value, reason) in enumerate(BAD_ORDERS):
        seed.add(ORDERS, {**GOOD_ORDER, "order_ref": f"BAD-O-{n}", column: value}, (column, reason))
        seed.add(ORDER_LINES, {**GOOD_LINE, "order_ref": f"BAD-O-{n}"}, ("order_ref", "was left out"))
    for n, (column, value, reason) in enumerate(BAD_LINES):
        ref = f"BAD-L-{n}"
        quantity = "2" if value == "9999999999.00" else GOOD_LINE["quantity"]
        line = seed.add(ORDER_LINES, {**GOOD_LINE, "order_ref": ref, "quantity": quantity, column: value},
                        (column, reason))
        seed.add(ORDERS, {**GOOD_ORDER, "order_ref": ref},
                 ("order_ref", f"order_lines.csv line {line} was refused"))
    seed.add(ORDER_LINES, {**GOOD_LINE, "order_ref": "ORPHAN"},
             ("order_ref", "no order 'ORPHAN' in orders.csv"))
    good[ORDER_LINES] = {"G-ORDER-1", "G-ORDER-TZ"}  # by order: one line each
    return seed, good


def reported(summary: ImportSummary) -> dict[tuple[str, int], tuple[str, str]]:
    return {(r.file, r.line): (r.field, r.reason) for r in summary.rejections}


def assert_every_bad_cell_reported(seed: Seed, summary: ImportSummary) -> None:
    found = reported(summary)
    assert len(summary.rejections) == len(found), "a row was reported twice"
    unexpected = sorted(set(found) - set(seed.expected))
    assert unexpected == [], [(key, found[key]) for key in unexpected]
    missing = sorted(set(seed.expected) - set(found))
    assert missing == [], [(key, seed.expected[key]) for key in missing]
    for key, (column, reason) in seed.expected.items():
        assert found[key][0] == column and reason in found[key][1], (key, found[key], (column, reason))


def database_state(desk: Desk) -> dict[str, object]:
    orders = {}
    for summary in desk.orders.search(limit=500):
        order = desk.orders.get(summary.id)
        orders[order.external_number] = (order.status, order.created_at, order.total, order.version,
                                          [(i.sku, i.quantity, i.line_total) for i in order.items])
    products = {sku: (p.name, p.list_price, p.stock) for sku in ("GOOD-1", "GOOD-2")
                for p in [desk.catalog.get(sku)]}
    customers = {c.id: (c.first_name, c.last_name, c.company, c.email) for c in desk.customers.find("%")}
    return {"orders": orders, "products": products, "customers": customers}


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Seed, dict[str, set[str]], Path]:
    seed, good = seed_bad_cells()
    return seed, good, seed.write(tmp_path / "bad_cells")


def test_import_of_every_bad_cell_reports_each_with_file_line_field_and_reason(
    admin: Desk, world: World, seeded: tuple[Seed, dict[str, set[str]], Path]
) -> None:
    seed, good, folder = seeded
    summary = admin.transfer.import_dir(folder)
    assert_every_bad_cell_reported(seed, summary)
    assert summary.rejected == len(seed.expected) > 90
    for name, keys in good.items():
        assert summary.counts(name).imported == len(keys), name


def test_import_of_every_bad_cell_imports_the_good_rows_as_written(
    admin: Desk, world: World, seeded: tuple[Seed, dict[str, set[str]], Path]
) -> None:
    _, _, folder = seeded
    admin.transfer.import_dir(folder)
    assert {o.external_number for o in admin.orders.search(limit=500)} == {"G-ORDER-1", "G-ORDER-TZ"}
    zoned = admin.orders.get(admin.orders.search(number="G-ORDER-TZ")[0].id)
    assert zoned.created_at == datetime(2024, 2, 29, 18, 0)  # +14:00 converted to UTC, not dropped
    assert zoned.customer_name == "=Lee -Dash"  # the apostrophe protected them; it is not kept
    assert admin.catalog.get("GOOD-2").list_price == Decimal("9999999999.99")
    names = {(c.first_name, c.last_name) for c in admin.customers.find("%")}
    assert {("Good", "Person"), ("=Lee", "-Dash"), ("Ǆ" * 100, "ﷺ" * 100)} <= names
    assert not any(c.first_name.startswith("Nul") for c in admin.customers.find("%"))


def test_reimporting_every_bad_cell_changes_nothing_and_the_command_writes_the_report(
    admin: Desk, world: World, db_url: str, tmp_path: Path,
    seeded: tuple[Seed, dict[str, set[str]], Path],
) -> None:
    seed, _, folder = seeded
    first = admin.transfer.import_dir(folder)
    before = database_state(admin)
    secret = tmp_path / "admin-password"
    secret.write_text(PASSWORDS["admin"], encoding="utf-8")
    report = tmp_path / "rejected.csv"
    assert main(["import", str(folder), "--db", db_url, "--admin-password-file", str(secret),
                 "--report", str(report)]) == 1
    assert database_state(admin) == before
    with report.open(encoding="utf-8", newline="") as f:
        written = [(r["file"], int(r["line"]), r["field"], r["reason"]) for r in csv.DictReader(f)]
    assert written == [(r.file, r.line, r.field, r.reason) for r in first.rejections]
    again = admin.transfer.import_dir(folder)
    assert (again.imported, again.updated) == (0, 0)
    assert again.unchanged == first.imported
    assert reported(again) == reported(first)
    assert database_state(admin) == before
