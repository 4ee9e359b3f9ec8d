"""The customer editor is live, like the order editor: an order of the customer changed on this
desk or on another one reloads its Orders tab and the at-a-glance box (a canceled order no
longer shows Pending)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.labels import state_label
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, column_values


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _customer_window(qtbot, desk, customer_id: int):
    window = MainWindow(desk, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.live._unsubscribe is not None, timeout=TIMEOUT_MS)
    editor = window.open_customer(customer_id)
    qtbot.waitUntil(lambda: editor.customer is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(editor.is_idle, timeout=TIMEOUT_MS)
    return window, editor


def _submitted(desk, world):
    order = desk.orders.create(world.store, world.customer_id)
    desk.orders.add_item(order.id, "WID-1", 1)
    return desk.orders.submit(order.id)


def test_lck_4_an_order_canceled_on_another_desk_refreshes_the_customer_editor(qtbot, csr, csr2, world):
    order = _submitted(csr, world)
    window, editor = _customer_window(qtbot, csr, world.customer_id)
    pending = state_label("pending_payment_authorization")
    assert column_values(editor.orders, 2) == [pending]
    assert "Open orders: 1" in editor.context.text()
    csr2.orders.cancel(order.id, "Customer changed their mind")
    qtbot.waitUntil(lambda: column_values(editor.orders, 2) == [state_label("canceled")], timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "Open orders: 0" in editor.context.text(), timeout=TIMEOUT_MS)
    window.close()


def test_lck_4_a_new_order_on_this_desk_shows_in_the_open_customer_editor(qtbot, csr, world):
    window, editor = _customer_window(qtbot, csr, world.customer_id)
    assert editor.orders.rowCount() == 0 and "Orders: 0" in editor.context.text()
    _submitted(csr, world)  # this desk's own change: the desk says which orders it touched
    qtbot.waitUntil(lambda: editor.orders.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "Orders: 1" in editor.context.text(), timeout=TIMEOUT_MS)
    window.close()
