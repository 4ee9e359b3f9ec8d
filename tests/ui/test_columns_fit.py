"""Columns sized to what they show: Find Order's Total and Find Customer's names are never cut
off, and the Promotions dock shows the offer beside a long promotion name, not only names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.ui.find_customer import FindCustomerDialog
from salescenter.ui.find_order import FindOrderDialog
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _whole(view, column: int) -> bool:
    """The column is at least as wide as its widest cell and header."""
    header = view.horizontalHeader()
    wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
    return header.sectionSize(column) >= wanted


def test_fnd_1_find_orders_total_is_never_cut_off(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "CAB-1", 450)  # a total in the thousands
    dialog = FindOrderDialog(csr)
    qtbot.addWidget(dialog)
    dialog.resize(600, 500)  # narrower than its columns: the last one is not squeezed
    dialog.show()
    qtbot.keyClicks(dialog.customer_name, "%tay")
    qtbot.waitUntil(lambda: dialog.result_status.text() == "1 order found.", timeout=TIMEOUT_MS)
    total = len(dialog.model.columns) - 1
    assert _whole(dialog.table, total)
    assert all(_whole(dialog.table, column) for column in (0, 2, 5))


def test_fnd_3_find_customers_names_are_never_cut_off(qtbot, csr, admin, world):
    admin.customers.create("Bartholomew", "Featherstonehaugh-Taylor", email="bart@example.com")
    dialog = FindCustomerDialog(csr)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.box, "Taylor")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=TIMEOUT_MS)
    assert _whole(dialog.table, 0) and _whole(dialog.table, 2)  # names and emails


def test_ord_13_the_promotions_dock_shows_the_offer_beside_a_long_name(qtbot, admin, csr, world):
    admin.catalog.create_promotion("Autumn loyalty thank-you on every accessory", percent_off="10")
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    window = MainWindow(csr, "test database", Settings())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    editor = window.open_order(order.id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    view = editor.items.promotions.view
    qtbot.waitUntil(lambda: view.model().rowCount() >= 1, timeout=TIMEOUT_MS)
    offer = 2
    right = view.columnViewportPosition(offer) + view.columnWidth(offer)
    assert right <= view.viewport().width(), "the offer is outside the dock"
    assert _whole(view, offer)
    tip = view.model().data(view.model().index(0, 0), 3)  # Qt.ToolTipRole
    assert "Autumn loyalty thank-you on every accessory" in tip and "10" in tip
