"""RET-1: returns out to returns.csv and in again, through the return rules; a second import of
the same file changes nothing, and a refused row names its line and field."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from salescenter.api import Desk
from salescenter.services.transfer.formats import RETURN_COLUMNS, RETURNS
from tests.conftest import World
from tests.integration.test_returns import item_of, shipped

# Files go where the database is: through a server the remote desk refuses transfers.
pytestmark = pytest.mark.embedded_only


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=RETURN_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: row.get(key, "") for key in RETURN_COLUMNS})


def test_ret_1_returns_export_one_row_per_line_and_import_again_changes_nothing(
    tmp_path: Path, admin: Desk, csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    ret = csr.returns.create(order.id, {item_of(order, "WID-1"): 1, item_of(order, "CAB-1"): 1}, "Scratched")
    assert admin.transfer.export_returns(tmp_path) == 2
    with (tmp_path / RETURNS).open(encoding="utf-8-sig", newline="") as source:
        rows = list(csv.DictReader(source))
    assert [(r["return_number"], r["order_number"], r["sku"], r["quantity"]) for r in rows] == [
        (ret.number, order.number, "WID-1", "1"), (ret.number, order.number, "CAB-1", "1")]
    summary = admin.transfer.import_returns(tmp_path)
    assert (summary.read, summary.imported, summary.unchanged, summary.rejections) == (2, 0, 1, [])
    assert len(csr.returns.search(order_id=order.id)) == 1


def test_ret_1_imported_returns_follow_the_return_rules(
    tmp_path: Path, admin: Desk, csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    good = {"return_number": "RMA-900001", "order_number": order.number, "kind": "exchange",
            "reason": "Wrong size", "sku": "WID-1", "quantity": "1", "replacement_sku": "CAB-1"}
    too_many = {**good, "return_number": "RMA-900002", "quantity": "5", "kind": "return",
                "replacement_sku": ""}
    unknown = {**good, "return_number": "RMA-900003", "order_number": "999999"}
    _write(tmp_path / RETURNS, [good, too_many, unknown])
    summary = admin.transfer.import_returns(tmp_path / RETURNS)
    assert (summary.read, summary.imported, summary.unchanged) == (3, 1, 0)
    assert [(r.line, r.field) for r in summary.rejections] == [(3, "Quantity"), (4, "Order number")]
    imported = csr.returns.search(order_id=order.id)
    assert len(imported) == 1 and imported[0].kind == "exchange"
    assert imported[0].comment.startswith("Imported from RMA-900001")
    assert imported[0].replacement_order_id is not None
    again = admin.transfer.import_returns(tmp_path / RETURNS)
    assert (again.imported, again.unchanged, len(again.rejections)) == (0, 1, 2)
    assert len(csr.returns.search(order_id=order.id)) == 1
