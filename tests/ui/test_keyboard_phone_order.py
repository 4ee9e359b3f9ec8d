"""KEY-1: a 3-item phone order for a caller already on file, by the keyboard alone, in at most
40 keys; the keyboard lands where the next key belongs at every step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salescenter.ui.customer_editor import CustomerEditor
from salescenter.ui.find_customer import FindCustomerDialog
from salescenter.ui.main_window import MainWindow
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.keyboard_support import ALT, CTRL, SHIFT, Keyboard, focus_is
from tests.ui.order_support import TIMEOUT_MS, settle

KEY_BUDGET = 40


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def shown_window(qtbot, desk, settings: Settings) -> MainWindow:
    window = MainWindow(desk, "test database", settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT_MS)
    return window


def test_key_1_phone_order_for_a_known_caller_in_40_keys(qtbot, csr, world):
    window = shown_window(qtbot, csr, Settings(default_store=world.store))
    keys = Keyboard(qtbot)

    keys.press(Qt.Key.Key_F, CTRL | SHIFT)  # Find Customer
    keys.wait(lambda: window.findChild(FindCustomerDialog) is not None)
    finder = window.findChild(FindCustomerDialog)
    keys.wait(lambda: focus_is(finder.box))
    keys.type("Tay")
    keys.wait(lambda: finder.model.rowCount() == 1)
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: isinstance(window.current_editor(), CustomerEditor))
    keys.wait(lambda: QApplication.activeWindow() is window)

    keys.press(Qt.Key.Key_O, CTRL)  # the store comes from the preferences: no dialog
    keys.wait(lambda: isinstance(window.current_editor(), OrderEditor))
    editor: OrderEditor = window.current_editor()
    keys.wait(lambda: editor.view is not None)
    settle(qtbot, editor)
    keys.wait(lambda: focus_is(editor.items.search_edit))  # Find product, nothing pressed

    for phrase, sku in (("wid", "WID-1"), ("gad", "GAD-1"), ("cab", "CAB-1")):
        keys.type(phrase)
        keys.wait(lambda sku=sku: editor.items.results.rows and editor.items.results.rows[0].sku == sku)
        keys.press(Qt.Key.Key_Return)  # the first product found
        keys.wait(lambda sku=sku: sku in [item.sku for item in editor.view.items])
        settle(qtbot, editor)
        assert focus_is(editor.items.search_edit)

    keys.press(Qt.Key.Key_PageDown, CTRL, times=2)  # Shipping, then Payments
    keys.wait(lambda: focus_is(editor.payments.amount_edit))
    assert editor.payments.amount_edit.text() == f"{editor.view.total:.2f}"
    assert editor.payments.method_combo.currentData() == "credit_card"
    keys.press(Qt.Key.Key_D, ALT)  # Card number
    keys.wait(lambda: focus_is(editor.payments.card_edit))
    keys.type("4111111111111111")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.view.paid_total == editor.view.total)
    settle(qtbot, editor)

    keys.press(Qt.Key.Key_Return, CTRL)  # Submit
    keys.wait(lambda: editor.view.status == "pending_payment_authorization")

    assert sorted(item.sku for item in editor.view.items) == ["CAB-1", "GAD-1", "WID-1"]
    assert editor.view.customer_id == world.customer_id
    print(f"\nKEY-1 phone order: {keys.count} keys ({KEY_BUDGET} allowed)")
    assert keys.count <= KEY_BUDGET
