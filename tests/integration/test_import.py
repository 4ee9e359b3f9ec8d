"""Importing the four CSV files: values, totals, history, upserts and every rejection rule.

Fixtures are small hand-written files in tests/data/import; the hostile cases
that cannot be written by hand (other encodings, 10 MB fields) are made here.
"""

from __future__ import annotations

import shutil
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from salescenter.api import Desk
from salescenter.errors import AuthorizationError, ValidationError
from salescenter.services.transfer import ImportSummary, TransferProgress
from tests.conftest import World

# Import and export read and write files where the database is: through a server they are
# `salescenter transfer` on the server's machine, and the remote desk refuses them
# (tests/integration/test_server.py). So these run on the embedded desk only.
pytestmark = pytest.mark.embedded_only

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


def copy_set(name: str, target: Path) -> Path:
    folder = target / name
    shutil.copytree(DATA / name, folder)
    return folder


def rejections(summary: ImportSummary, file: str) -> dict[int, tuple[str, str]]:
    return {r.line: (r.field, r.reason) for r in summary.rejections if r.file == file}


def order_by_ref(desk: Desk, ref: str):  # type: ignore[no-untyped-def]
    found = desk.orders.search(number=ref)
    assert len(found) == 1, f"expected one order {ref}, found {len(found)}"
    return desk.orders.get(found[0].id)


@pytest.fixture
def imported(admin: Desk, world: World) -> ImportSummary:
    return admin.transfer.import_dir(DATA / "basic")


def test_import_reads_all_four_files_in_dependency_order(imported: ImportSummary) -> None:
    assert imported.rejections == []
    assert [(c.file, c.read, c.imported) for c in imported.files] == [
        ("customers.csv", 3, 3), ("products.csv", 2, 2), ("orders.csv", 3, 3), ("order_lines.csv", 4, 4),
    ]
    assert (imported.rows_read, imported.imported, imported.updated, imported.rejected) == (12, 12, 0, 0)


def test_import_keeps_accents_commas_quotes_line_breaks_and_leading_zeros(
    admin: Desk, imported: ImportSummary
) -> None:
    zoe = admin.customers.find("zoe")[0]
    assert (zoe.first_name, zoe.last_name, zoe.email) == ("Zoë", "Łukasiewicz", "zoe@example.com")
    home = zoe.addresses[0]
    assert (home.line1, home.city, home.postal_code) == ("12 Rue de l'Église, Bât. B", "Montréal", "01234")
    mary = admin.customers.find("o'neil")[0]
    assert (mary.last_name, mary.company) == ('O\'Neil "Mo"', "Acme, Inc.")
    assert mary.addresses[0].line1 == "PO Box 7\nBack door"
    assert admin.customers.find("nguyen")[0].addresses == []
    widget = admin.catalog.get("IMP-1")
    assert widget.name == "Widget, large"
    assert widget.description == 'A widget.\nSecond line with "quotes", and a comma'
    assert admin.catalog.get("IMP-2").available is False
    order = order_by_ref(admin, "0042")
    assert order.external_number == "0042"


def test_import_line_total_rounds_half_up_and_totals_add_up(admin: Desk, imported: ImportSummary) -> None:
    order = order_by_ref(admin, "A-1001")
    by_sku = {item.sku: item for item in order.items}
    assert by_sku["IMP-1"].line_total == Decimal("53.97")  # 3 x 19.99 x 0.90 = 53.973
    assert by_sku["WID-1"].line_total == Decimal("19.99")  # empty discount = none
    lines = sum((item.line_total for item in order.items), Decimal("0"))
    assert order.subtotal - order.discount_total == lines == Decimal("73.96")
    assert order.shipping_total == Decimal("19.95")  # as imported, not the express rate's rule
    assert order.tax_total == Decimal("6.10")  # 8.25 % of 73.96 at store US
    assert order.total == lines + order.shipping_total + order.tax_total == Decimal("100.01")
    tiny = order_by_ref(admin, "0042")
    assert tiny.items[0].line_total == Decimal("0.03")  # 0.05 x 50 % = 0.025, half up
    assert order_by_ref(admin, "A-1002").items[0].line_total == Decimal("8.75")  # 12.5 % off 10.00


def test_shp_1_an_imported_order_has_its_one_ship_to_with_the_charge_it_was_given(
    admin: Desk, imported: ImportSummary
) -> None:
    order = order_by_ref(admin, "A-1001")
    assert len(order.ship_tos) == 1
    ship_to = order.ship_tos[0]
    assert ship_to.address == order.shipping_address and ship_to.method == order.shipping_method
    assert (ship_to.shipping_total, ship_to.tax_total) == (order.shipping_total, order.tax_total)
    assert {item.ship_to_id for item in order.items} == {ship_to.id}


def test_import_keeps_created_date_and_status_with_imported_as_first_history(
    admin: Desk, imported: ImportSummary
) -> None:
    shipped = order_by_ref(admin, "A-1001")
    assert shipped.status == "shipped"
    assert shipped.created_at.isoformat() == "2024-03-05T00:00:00"
    assert order_by_ref(admin, "0042").status == "canceled"
    waiting = order_by_ref(admin, "A-1002")
    assert waiting.status == "pending_payment_authorization"
    assert waiting.submitted_at == waiting.created_at
    history = admin.orders.history(shipped.id)
    assert [h.activity for h in history] == ["Imported"]
    assert "A-1001" in history[0].detail and history[0].user == "admin"


def test_imported_orders_are_found_by_order_ref_and_customer_name(
    admin: Desk, imported: ImportSummary
) -> None:
    assert [o.external_number for o in admin.orders.search(number="A-1002")] == ["A-1002"]
    found = admin.orders.search(customer_name="zoe")
    assert [o.external_number for o in found] == ["A-1001"]
    assert found[0].customer_name == "Zoë Łukasiewicz"
    by_email = admin.orders.search(email="mary@acme.example")
    assert sorted(o.external_number or "" for o in by_email) == ["0042", "A-1002"]


def test_customer_summary_counts_imported_orders_and_their_value(
    admin: Desk, imported: ImportSummary
) -> None:
    mary = admin.customers.find("o'neil")[0]
    summary = admin.customers.summary(mary.id)
    assert summary.order_count == 2  # the canceled one is counted ...
    assert summary.lifetime_value == Decimal("8.75")  # ... but not valued; shipping and tax excluded
    zoe = admin.customers.find("zoe")[0]
    assert admin.customers.summary(zoe.id).lifetime_value == Decimal("73.96")


def test_reimporting_the_same_files_changes_nothing(admin: Desk, imported: ImportSummary) -> None:
    before = order_by_ref(admin, "A-1001")
    again = admin.transfer.import_dir(DATA / "basic")
    assert (again.imported, again.updated, again.unchanged, again.rejected) == (0, 0, 12, 0)
    after = order_by_ref(admin, "A-1001")
    assert (after.id, after.version, after.total) == (before.id, before.version, before.total)
    assert len(admin.orders.history(after.id)) == 1
    assert len(admin.customers.find("zoe")) == 1


def test_reimporting_a_changed_row_updates_by_ref(
    admin: Desk, imported: ImportSummary, tmp_path: Path
) -> None:
    folder = copy_set("basic", tmp_path)
    lines = folder / "order_lines.csv"
    lines.write_text(lines.read_text(encoding="utf-8").replace("A-1002,IMP-2,2,", "A-1002,IMP-2,4,"),
                     encoding="utf-8")
    products = folder / "products.csv"
    products.write_text(products.read_text(encoding="utf-8").replace("5.00,0,false", "5.50,0,false"),
                        encoding="utf-8")
    before = order_by_ref(admin, "A-1002")
    summary = admin.transfer.import_dir(folder)
    assert summary.counts("orders.csv").updated == 1
    assert summary.counts("orders.csv").unchanged == 2
    assert summary.counts("products.csv").updated == 1
    after = order_by_ref(admin, "A-1002")
    assert after.id == before.id and after.version == before.version + 1
    assert after.items[0].quantity == 4 and after.items[0].line_total == Decimal("17.50")
    assert len(after.ship_tos) == 1 and after.ship_tos[0].tax_total == after.tax_total  # SHP-1
    assert [h.activity for h in admin.orders.history(after.id)] == ["Imported", "Updated by import"]
    assert admin.catalog.get("IMP-2").list_price == Decimal("5.50")


def test_import_needs_the_import_authority(csr: Desk, world: World) -> None:
    with pytest.raises(AuthorizationError, match="Import and export data"):
        csr.transfer.import_dir(DATA / "basic")


def test_import_reports_every_hostile_row_with_file_line_field_and_reason(admin: Desk, world: World) -> None:
    summary = admin.transfer.import_dir(DATA / "hostile")
    customers = rejections(summary, "customers.csv")
    assert customers[3][0] == "email"
    assert customers[4] == ("customer_ref", "'H-1' appears again; first on line 2.")
    assert customers[5][0] == "city"
    assert "6 fields" in customers[6][1]
    products = rejections(summary, "products.csv")
    assert products[3][0] == "sku" and "appears again" in products[3][1]
    assert products[4][0] == products[5][0] == "list_price"
    orders = rejections(summary, "orders.csv")
    assert orders[3] == ("order_ref", "'OK-1' appears again; first on line 2.")
    assert orders[6][0] == "created_at" and "future" in orders[6][1]
    assert orders[7][0] == "store" and "no store 'XX'" in orders[7][1]
    assert orders[8][0] == "customer_ref"
    assert orders[9][0] == "status"
    assert "no lines" in orders[10][1]
    lines = rejections(summary, "order_lines.csv")
    assert lines[4] == ("sku", "There is no product with SKU 'NO-SUCH-SKU'; add it to products.csv.")
    assert lines[5] == ("quantity", "Quantity must be at least 1.")
    assert "no order 'ORPHAN'" in lines[10][1]
    assert (summary.imported, summary.rejected) == (4, 23)
    assert [o.external_number for o in admin.orders.search(limit=50)] == ["OK-1"]


def test_an_order_with_a_bad_line_is_rejected_whole(admin: Desk, world: World) -> None:
    summary = admin.transfer.import_dir(DATA / "hostile")
    orders, lines = rejections(summary, "orders.csv"), rejections(summary, "order_lines.csv")
    assert "order_lines.csv line 4 was refused" in orders[4][1]  # UNKNOWN-SKU
    assert "order_lines.csv line 5 was refused" in orders[5][1]  # NEG-QTY
    assert "'UNKNOWN-SKU' was left out" in lines[3][1]  # its good line goes too
    assert admin.orders.search(number="UNKNOWN-SKU") == []
    assert admin.orders.search(number="NEG-QTY") == []


def test_import_refuses_a_file_that_is_not_utf8_and_imports_nothing(
    admin: Desk, world: World, tmp_path: Path
) -> None:
    folder = copy_set("basic", tmp_path)
    text = (folder / "orders.csv").read_text(encoding="utf-8")
    (folder / "orders.csv").write_bytes(text.encode("cp1252", errors="replace"))
    with pytest.raises(ValidationError, match=r"orders.csv is not UTF-8 text: line 2 .*byte 0xeb"):
        admin.transfer.import_dir(folder)
    assert admin.customers.find("zoe") == []  # checked before customers.csv was touched
    (folder / "orders.csv").write_text(text, encoding="utf-16")
    with pytest.raises(ValidationError, match="orders.csv is saved as UTF-16"):
        admin.transfer.import_dir(folder)


def test_import_tolerates_a_byte_order_mark(admin: Desk, world: World) -> None:
    assert (DATA / "basic" / "customers.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    summary = admin.transfer.import_dir(DATA / "basic")
    assert summary.counts("customers.csv").imported == 3


def test_import_refuses_missing_columns_naming_them(admin: Desk, world: World) -> None:
    missing = "customers.csv lacks the columns company, line2, region, postal_code"
    with pytest.raises(ValidationError, match=missing):
        admin.transfer.import_dir(DATA / "missing_columns")


def test_import_refuses_orders_without_their_lines_file(admin: Desk, world: World, tmp_path: Path) -> None:
    folder = copy_set("basic", tmp_path)
    (folder / "order_lines.csv").unlink()
    with pytest.raises(ValidationError, match="orders.csv needs order_lines.csv"):
        admin.transfer.import_dir(folder)
    with pytest.raises(ValidationError, match="holds none of the import files"):
        admin.transfer.import_dir(tmp_path)


def test_import_rejects_a_10_mb_field_and_keeps_the_other_rows(
    admin: Desk, world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "huge"
    folder.mkdir()
    huge = "x" * (10 * 1024 * 1024)
    (folder / "products.csv").write_text(
        "sku,name,description,list_price,stock,available\n"
        f'BIG-1,Big,"{huge}",1.00,1,true\n'
        "OK-9,Fine,,2.00,1,true\n",
        encoding="utf-8",
    )
    summary = admin.transfer.import_dir(folder)
    (line, (field, reason)), = rejections(summary, "products.csv").items()
    assert (line, field) == (2, "description") and "too long" in reason
    assert summary.counts("products.csv").imported == 1
    assert admin.catalog.get("OK-9").name == "Fine"


def test_line_numbers_count_line_breaks_inside_quoted_fields(
    admin: Desk, world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "breaks"
    folder.mkdir()
    (folder / "products.csv").write_text(
        'sku,name,description,list_price,stock,available\nM-1,Multi,"one\ntwo\nthree",1.00,1,true\n'
        "M-2,Bad,,free,1,true\n",
        encoding="utf-8",
    )
    summary = admin.transfer.import_dir(folder)
    assert list(rejections(summary, "products.csv")) == [5]


def test_import_reports_progress_and_stops_when_canceled(admin: Desk, world: World) -> None:
    reports: list[TransferProgress] = []
    summary = admin.transfer.import_dir(DATA / "basic", progress=reports.append)
    assert reports and reports[-1].done == reports[-1].total > 0
    assert [r.done for r in reports] == sorted(r.done for r in reports)
    assert summary.canceled is False


def test_canceled_import_leaves_no_partial_order(admin: Desk, world: World, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    header = (DATA / "basic" / "orders.csv").read_text(encoding="utf-8").splitlines()[0]
    count = 5000  # five batches: the writer is at most two batches ahead of the cancel
    orders = [header] + [f"R-{n},US,C-001,2024-01-01,shipped,,,,,,,,,0,," for n in range(count)]
    lines = ["order_ref,sku,quantity,placed_price,discount_percent"]
    lines += [f"R-{n},IMP-1,{k},1.00," for n in range(count) for k in (1, 2)]
    shutil.copy(DATA / "basic" / "customers.csv", folder)
    shutil.copy(DATA / "basic" / "products.csv", folder)
    (folder / "orders.csv").write_text("\n".join(orders) + "\n", encoding="utf-8")
    (folder / "order_lines.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stop = threading.Event()

    def cancel_once_orders_flow(report: TransferProgress) -> None:
        if report.file == "orders.csv":
            stop.set()

    summary = admin.transfer.import_dir(folder, progress=cancel_once_orders_flow, cancel=stop)
    assert summary.canceled is True
    written = summary.counts("orders.csv").imported
    assert 0 < written < count
    found = admin.orders.search(number="R-0")
    assert len(admin.orders.get(found[0].id).items) == 2
    assert summary.counts("order_lines.csv").imported == 2 * written
    again = admin.transfer.import_dir(folder)  # carries on where it stopped
    counts = again.counts("orders.csv")
    assert (counts.imported, counts.unchanged) == (count - written, written)


def test_a_failing_batch_leaves_neither_orders_nor_lines_behind(
    admin: Desk, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from salescenter.services.transfer import order_load

    def history_fails(*args: object, **kwargs: object) -> dict[str, object]:
        raise RuntimeError("disk full")  # after the orders and their lines were inserted

    monkeypatch.setattr(order_load, "_history", history_fails)
    with pytest.raises(RuntimeError, match="disk full"):
        admin.transfer.import_dir(DATA / "basic")
    assert admin.orders.search(number="A-1001") == []
    assert len(admin.customers.find("zoe")) == 1  # customers were an earlier, committed batch
    monkeypatch.undo()
    summary = admin.transfer.import_dir(DATA / "basic")
    assert (summary.counts("orders.csv").imported, summary.counts("order_lines.csv").imported) == (3, 4)


def test_import_ignores_extra_columns_and_refuses_nul_and_broken_quoting(
    admin: Desk, world: World, tmp_path: Path
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "products.csv").write_text(
        "sku,legacy_id,name,description,list_price,stock,available\n"
        "E-1,77,Extra column,,1.00,1,true\n"
        "\n"
        "E-2,78,Nul\x00inside,,1.00,1,true\n"
        'E-3,79,"never closed,,1.00,1,true\n',
        encoding="utf-8",
    )
    summary = admin.transfer.import_dir(folder)
    refused = rejections(summary, "products.csv")
    assert refused[4] == ("name", "Name contains an invalid character (NUL).")
    assert 5 in refused  # the unterminated quote swallows the rest of the file: one row, refused
    assert summary.counts("products.csv").imported == 1
    assert admin.catalog.get("E-1").name == "Extra column"
