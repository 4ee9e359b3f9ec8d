"""Every item model of the desktop passes pytest-qt's model tester."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from salescenter.ui.models import (
    ROW_ROLE,
    CustomerResultsModel,
    OrderSearchModel,
    SortProxy,
)
from salescenter.ui.worker import wait_for_idle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _orders(desk, world, count: int) -> list[int]:
    ids = []
    for n in range(count):
        order = desk.orders.create(world.store, world.customer_id)
        desk.orders.add_item(order.id, "CAB-1", n + 1)
        ids.append(order.id)
    return ids


def test_fnd_1_search_model_pages_in_lazily_and_passes_model_tester(qtbot, qtmodeltester, csr, world):
    _orders(csr, world, 7)
    model = OrderSearchModel(csr, page_size=3)
    model.search({"customer_name": "taylor"})
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    qtbot.wait(20)
    assert model.rowCount() == 3  # nothing more is read until a view asks
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 6)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 7 and not model.fetching)
    assert not model.canFetchMore()
    qtmodeltester.check(model)
    # A model under the tester from the start: it checks every insert and reset.
    tested = OrderSearchModel(csr, page_size=2)
    qtmodeltester.check(tested)
    tested.search({"customer_name": "taylor"})
    for _ in range(4):
        qtbot.waitUntil(lambda: not tested.fetching)
        tested.fetchMore()
    qtbot.waitUntil(lambda: not tested.fetching)
    assert tested.rowCount() == 7, (tested.rowCount(), [r.number for r in tested.rows])
    first = model.index(0, 0)
    assert model.data(first).startswith(model.row_at(0).number[:3])
    assert model.data(model.index(0, 5)) == "Pending"


def test_fnd_1_new_search_drops_the_page_of_the_old_one(qtbot, csr, world):
    _orders(csr, world, 2)
    model = OrderSearchModel(csr, page_size=10)
    model.search({"customer_name": "taylor"})
    model.search({"customer_name": "nobody-by-this-name"})
    wait_for_idle()
    qtbot.waitUntil(lambda: not model.fetching)
    qtbot.wait(50)
    assert model.rowCount() == 0


def test_fnd_1_sort_proxy_sorts_by_total_not_text(qtbot, qtmodeltester, csr, world):
    _orders(csr, world, 4)
    model = OrderSearchModel(csr, page_size=50)
    proxy = SortProxy(model)
    model.search({})
    qtbot.waitUntil(lambda: model.rowCount() == 4)
    total_column = 7
    proxy.sort(total_column, Qt.SortOrder.AscendingOrder)
    totals = [proxy.row_object(r).total for r in range(proxy.rowCount())]
    assert totals == sorted(totals)
    qtmodeltester.check(proxy)


def test_fnd_4_customer_results_model(qtmodeltester, csr, world):
    model = CustomerResultsModel()
    model.set_rows(csr.customers.find("%tay"))
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "Taylor, Mercy"
    assert model.data(model.index(0, 2)) == "mercy@example.com"
    assert model.data(model.index(0, 0), ROW_ROLE).id == world.customer_id
