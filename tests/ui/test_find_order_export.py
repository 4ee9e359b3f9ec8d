"""Find Order: Export to CSV… writes every order the current search matches (issue 7, FND-1)."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest

from salescenter.ui import search_export
from salescenter.ui.find_order import FindOrderDialog
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _orders(desk, customer_id, store, count):
    made = []
    for _ in range(count):
        order = desk.orders.create(store, customer_id)
        made.append(desk.orders.add_item(order.id, "CAB-1", 1))
    return made


def test_fnd_1_export_writes_all_pages_of_the_current_search_results(
    qtbot, csr, world, tmp_path, monkeypatch
):
    mercy = _orders(csr, world.customer_id, world.store, 3)
    _orders(csr, world.b2b_customer_id, world.b2b_store, 1)
    target = tmp_path / "found.csv"
    asked: list[object] = []
    monkeypatch.setattr(search_export, "ask_path", lambda parent: asked.append(parent) or str(target))
    dialog = FindOrderDialog(csr, page_size=2)  # pages of two: the file gets every match
    qtbot.addWidget(dialog)
    dialog.show()
    export = dialog.export.button
    assert not export.isEnabled()  # no search yet
    qtbot.keyClicks(dialog.customer_name, "%tay")
    qtbot.waitUntil(lambda: dialog.result_status.text().endswith(("found.", "scroll for more.")),
                    timeout=TIMEOUT_MS)
    assert export.isEnabled()
    # Every page in, so no page arriving after the export rewrites the status line.
    while dialog.model.fetching or dialog.model.canFetchMore():
        if not dialog.model.fetching:
            dialog.model.fetchMore()
        qtbot.waitUntil(lambda: not dialog.model.fetching, timeout=TIMEOUT_MS)
    assert dialog.result_status.text() == "3 orders found."

    with qtbot.waitSignal(dialog.export.exported, timeout=TIMEOUT_MS) as done:
        export.click()
    assert asked == [dialog]
    assert done.args == [str(target), 3]
    assert dialog.result_status.text() == f"Exported 3 orders to {target}."
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted(row["order_number"] for row in rows) == sorted(o.number for o in mercy)
    assert {row["customer_name"] for row in rows} == {"Mercy Taylor"}
    assert {row["total"] for row in rows} == {str(csr.orders.get(mercy[0].id).total)}


def test_fnd_1_export_canceled_in_the_file_dialog_writes_nothing(qtbot, csr, world, tmp_path, monkeypatch):
    _orders(csr, world.customer_id, world.store, 1)
    monkeypatch.setattr(search_export, "ask_path", lambda parent: "")
    calls: list[object] = []
    monkeypatch.setattr(csr.transfer, "export_search", lambda *args, **kw: calls.append(args) or 0)
    dialog = FindOrderDialog(csr)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refresh_results()
    qtbot.waitUntil(lambda: dialog.result_status.text() == "1 order found.", timeout=TIMEOUT_MS)
    dialog.export.button.click()
    assert not dialog.export.busy and dialog.result_status.text() == "1 order found."
    wait_for_idle()
    assert calls == [] and list(tmp_path.glob("*.csv")) == []
    dialog.clear()
    assert not dialog.export.button.isEnabled()


def test_fnd_1_export_writes_no_cell_a_spreadsheet_would_run(qtbot, csr, world, tmp_path, monkeypatch):
    """Issue 17 (OWASP CSV injection): a customer named like a formula is written as text."""
    hostile = csr.customers.create('=HYPERLINK("http://evil.example","Click")', "Zedd",
                                   email="-zedd@example.com")
    _orders(csr, hostile.id, world.store, 1)
    target = tmp_path / "found.csv"
    monkeypatch.setattr(search_export, "ask_path", lambda parent: str(target))
    dialog = FindOrderDialog(csr)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.customer_name, "zedd")
    qtbot.waitUntil(lambda: dialog.result_status.text() == "1 order found.", timeout=TIMEOUT_MS)
    with qtbot.waitSignal(dialog.export.exported, timeout=TIMEOUT_MS):
        dialog.export.button.click()
    with target.open(encoding="utf-8-sig", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    assert """'=HYPERLINK("http://evil.example","Click") Zedd""" in cells
