"""Exporting the four CSV files, the import(export(db)) round trip, and both commands."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.cli import main
from salescenter.errors import AuthorizationError
from salescenter.services.transfer.formats import COLUMNS, FILES
from tests import pg
from tests.conftest import PASSWORDS, World
from tests.integration.order_steps import submitted

# Import and export read and write files where the database is: through a server they are
# `salescenter transfer` on the server's machine, and the remote desk refuses them
# (tests/integration/test_server.py). So these run on the embedded desk only.
pytestmark = pytest.mark.embedded_only

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@contextmanager
def another_database(db_url: str, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    """An empty, migrated database of the same kind as ``db_url``."""
    if db_url.startswith("sqlite"):
        target = tmp_path / "second.db"
        shutil.copy(sqlite_template, target)
        yield f"sqlite:///{target}"
        return
    with pg.fresh_database("round_trip") as url:
        yield url


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def desk_number(ref: str | None) -> str | None:
    """An order taken at the desk is exported as SC-<number>-<tag>: the number it had there."""
    return ref.split("-")[1] if ref and ref.startswith("SC-") else ref


def snapshot(desk: Desk) -> dict[str, dict[str, Any]]:
    """Each order by the ref it is exported under, with what a rep sees of it."""
    found = {}
    for summary in desk.orders.search(limit=500):
        order = desk.orders.get(summary.id)
        found[desk_number(order.external_number) or order.number] = {
            "status": order.status, "created_at": order.created_at, "store": order.store,
            "customer": order.customer_name, "email": order.customer_email,
            "totals": (order.subtotal, order.discount_total, order.shipping_total, order.tax_total,
                       order.total),
            "items": [(i.sku, i.quantity, i.placed_price, i.line_total) for i in order.items],
            # The file format carries no ship-to phone.
            "ship_to": order.shipping_address and order.shipping_address.model_dump(exclude={"phone"}),
        }
    return found


def test_export_writes_the_four_files_with_the_import_columns(
    admin: Desk, world: World, tmp_path: Path
) -> None:
    admin.transfer.import_dir(DATA / "basic")
    summary = admin.transfer.export_dir(tmp_path / "out")
    assert summary.rows == {"customers.csv": 5, "products.csv": 7, "orders.csv": 3, "order_lines.csv": 4}
    for name in FILES:
        with (tmp_path / "out" / name).open(encoding="utf-8-sig", newline="") as f:
            assert tuple(next(csv.reader(f))) == COLUMNS[name]
    customers = {row["customer_ref"]: row for row in read(tmp_path / "out" / "customers.csv")}
    assert customers["C-002"]["line1"] == "PO Box 7\nBack door"
    assert customers["C-002"]["company"] == "Acme, Inc."
    assert customers["C-001"]["postal_code"] == "01234"
    made_here = [ref for ref in customers if ref.startswith(f"SC-{world.customer_id}-")]
    assert [customers[ref]["last_name"] for ref in made_here] == ["Taylor"]  # made at the desk
    orders = {row["order_ref"]: row for row in read(tmp_path / "out" / "orders.csv")}
    assert orders["A-1001"]["shipped_at"] == "2024-03-07T10:00:00"
    assert orders["A-1002"]["required_at"] == "2030-01-31T00:00:00"
    assert orders["0042"]["status"] == "canceled"


def test_export_needs_the_export_authority(csr: Desk, tmp_path: Path) -> None:
    with pytest.raises(AuthorizationError, match="Import and export data"):
        csr.transfer.export_dir(tmp_path)


def test_round_trip_import_of_an_export_reproduces_the_orders_and_totals(
    sc: SalesCenter, admin: Desk, world: World, db_url: str, tmp_path: Path, sqlite_template: Path
) -> None:
    admin.transfer.import_dir(DATA / "basic")
    submitted(admin, world, ("WID-1", 2), ("CAB-1", 1))  # an order taken at the desk
    before = snapshot(admin)
    admin.transfer.export_dir(tmp_path / "out")
    with another_database(db_url, tmp_path, sqlite_template) as url, SalesCenter.open(url) as other:
        other.create_user("admin", PASSWORDS["admin"], role="admin")
        desk = other.login("admin", PASSWORDS["admin"])
        desk.stores.create("US", "Sales Center US", tax_rate="0.0825")
        desk.stores.create("B2B", "Sales Center Business", kind="b2b")
        summary = desk.transfer.import_dir(tmp_path / "out")
        assert summary.rejections == []
        after = snapshot(desk)
        again = desk.transfer.import_dir(tmp_path / "out")
    assert len(before) == 4
    assert after == before
    assert (again.imported, again.updated) == (0, 0)


def test_import_command_prints_a_summary_and_exits_1_on_rejections(
    sc: SalesCenter, admin: Desk, world: World, db_url: str, capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    secret = tmp_path / "admin-password"
    secret.write_text(PASSWORDS["admin"] + "\n", encoding="utf-8")
    signed = ["--db", db_url, "--admin-password-file", str(secret)]
    assert main(["import", str(DATA / "basic"), *signed]) == 0
    out = capsys.readouterr().out
    assert "orders.csv" in out and "rows read" in out
    report = tmp_path / "rejected.csv"
    assert main(["import", str(DATA / "hostile"), *signed, "--report", str(report)]) == 1
    rows = read(report)
    assert len(rows) == 23 and rows[0]["file"] == "customers.csv" and rows[0]["field"] == "email"
    assert admin.orders.history(admin.orders.search(number="OK-1")[0].id)[0].user == "admin"


def test_export_command_writes_the_files(
    sc: SalesCenter, admin: Desk, world: World, db_url: str, tmp_path: Path
) -> None:
    admin.transfer.import_dir(DATA / "basic")
    secret = tmp_path / "admin-password"
    secret.write_text(PASSWORDS["admin"], encoding="utf-8")
    assert main(["export", str(tmp_path / "out"), "--db", db_url, "--admin-password-file", str(secret)]) == 0
    assert [row["order_ref"] for row in read(tmp_path / "out" / "orders.csv")] == ["A-1001", "A-1002", "0042"]


def test_find_order_results_export_to_csv_with_every_page(
    csr: Desk, admin: Desk, world: World, tmp_path: Path
) -> None:
    admin.transfer.import_dir(DATA / "basic")
    target = tmp_path / "found.csv"
    assert csr.transfer.export_search(target, email="mary@acme.example") == 2
    rows = read(target)
    assert [(r["order_ref"], r["status"], r["customer_name"]) for r in rows] == [
        ("A-1002", "Pending payment authorization", 'Mary O\'Neil "Mo"'),
        ("0042", "Canceled", 'Mary O\'Neil "Mo"'),
    ]
    assert rows[0]["total"] == "9.47"
