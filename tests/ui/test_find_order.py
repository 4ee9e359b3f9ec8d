"""Find Order dialog: FND-1 filters, results as you type, lazy pages, FND-5."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt

from salescenter.ui.find_order import FindOrderDialog, preset_range
from salescenter.ui.worker import wait_for_idle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _orders(desk, world, count: int, customer_id=None) -> list:
    orders = []
    for _ in range(count):
        order = desk.orders.create(world.store, customer_id or world.customer_id)
        orders.append(desk.orders.add_item(order.id, "CAB-1", 1))
    return orders


def _dialog(qtbot, desk, page_size: int = 50) -> FindOrderDialog:
    dialog = FindOrderDialog(desk, page_size=page_size)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _numbers(dialog) -> set[str]:
    return {dialog.proxy.row_object(r).number for r in range(dialog.proxy.rowCount())}


def test_fnd_2_results_update_as_the_rep_types_a_customer_name(qtbot, csr, world):
    _orders(csr, world, 2)
    _orders(csr, world, 1, customer_id=world.b2b_customer_id)
    dialog = _dialog(qtbot, csr)
    qtbot.keyClicks(dialog.customer_name, "%tay")
    qtbot.waitUntil(lambda: dialog.result_status.text() == "2 orders found.")
    assert dialog.model.data(dialog.model.index(0, 2)) == "Mercy Taylor"
    assert dialog.isVisible()  # typing never opens an order by itself


def test_fnd_1_filters_combine_store_status_and_email(qtbot, csr, world):
    mercy = _orders(csr, world, 2)
    csr.orders.add_payment(mercy[0].id, "credit_card", mercy[0].total)
    submitted = csr.orders.submit(mercy[0].id)
    _orders(csr, world, 1, customer_id=world.b2b_customer_id)
    dialog = _dialog(qtbot, csr)
    qtbot.waitUntil(lambda: dialog.store.count() == 3)
    dialog.store.setCurrentIndex(dialog.store.findData("US"))
    dialog.email.setText("mercy@example.com")
    dialog.status_boxes["pending_payment_authorization"].setChecked(True)
    dialog.refresh_results()
    qtbot.waitUntil(lambda: dialog.result_status.text() == "1 order found.")
    assert _numbers(dialog) == {submitted.number}
    assert dialog.model.data(dialog.model.index(0, 5)) == "Pending payment authorization"
    dialog.status_boxes["pending"].setChecked(True)
    dialog.refresh_results()
    qtbot.waitUntil(lambda: dialog.result_status.text() == "2 orders found.")


def test_fnd_1_date_presets_cover_today_and_ranges():
    today = date(2026, 3, 15)
    assert preset_range("Today", today) == (today, today)
    assert preset_range("Last 7 days", today) == (date(2026, 3, 9), today)
    assert preset_range("This month", today) == (date(2026, 3, 1), today)
    assert preset_range("This year", today) == (date(2026, 1, 1), today)
    assert preset_range("Any time", today) == (None, None)


def test_fnd_1_today_preset_finds_todays_orders(qtbot, csr, world):
    _orders(csr, world, 2)
    dialog = _dialog(qtbot, csr)
    dialog.preset.setCurrentText("Today")
    assert dialog.filters()["created_from"] == date.today()
    dialog.refresh_results()
    qtbot.waitUntil(lambda: dialog.result_status.text() == "2 orders found.")
    dialog.preset.setCurrentText("Date range")
    assert dialog.date_from.isEnabled()


def test_fnd_1_results_are_paged_in_as_the_rep_scrolls(qtbot, csr, world):
    _orders(csr, world, 5)
    dialog = _dialog(qtbot, csr, page_size=2)
    dialog.customer_name.setText("Mercy")
    dialog.refresh_results()
    qtbot.waitUntil(lambda: not dialog.model.fetching and dialog.model.rowCount() >= 2)
    assert "scroll for more" in dialog.result_status.text() or dialog.model.rowCount() > 2
    while dialog.model.canFetchMore() or dialog.model.fetching:
        if not dialog.model.fetching:
            dialog.model.fetchMore()
        qtbot.wait(10)
    assert dialog.model.rowCount() == 5
    assert dialog.result_status.text() == "5 orders found."


def test_fnd_1_sorting_by_a_column_header(qtbot, csr, world):
    orders = _orders(csr, world, 3)
    dialog = _dialog(qtbot, csr)
    dialog.customer_name.setText("Mercy")
    dialog.refresh_results()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3)
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [dialog.proxy.row_object(r).number for r in range(3)]
    assert shown == sorted(o.number for o in orders)


def test_fnd_5_an_explicit_search_with_one_match_opens_the_order(qtbot, csr, world):
    orders = _orders(csr, world, 2)
    dialog = _dialog(qtbot, csr)
    qtbot.keyClicks(dialog.number, orders[1].number)
    with qtbot.waitSignal(dialog.order_chosen, timeout=5000) as chosen:
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    assert chosen.args == [orders[1].id]
    assert not dialog.isVisible()


def test_fnd_5_two_matches_stay_in_the_list(qtbot, csr, world):
    _orders(csr, world, 2)
    dialog = _dialog(qtbot, csr)
    opened: list[int] = []
    dialog.order_chosen.connect(opened.append)
    dialog.customer_name.setText("Mercy")
    dialog.search_now()
    qtbot.waitUntil(lambda: dialog.result_status.text() == "2 orders found.")
    assert opened == [] and dialog.isVisible()
    dialog.open_current()
    assert len(opened) == 1


def test_fnd_1_a_partial_email_is_explained_not_searched(qtbot, csr, world):
    dialog = _dialog(qtbot, csr)
    dialog.email.setText("mercy")
    dialog.refresh_results()
    assert dialog.result_status.text() == "Customer email must be the whole address."
