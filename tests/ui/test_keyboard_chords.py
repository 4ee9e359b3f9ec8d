"""KEY-1: IBM Sales Center's chords in the main window, where the keyboard lands, Enter on a
highlighted customer, and the store a new order starts in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from salescenter.ui.customer_editor import CustomerEditor
from salescenter.ui.dialogs.new_order import NewOrderDialog
from salescenter.ui.find_customer import FindCustomerDialog, NewCustomerDialog
from salescenter.ui.keyboard import KeyboardReference
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.keyboard_support import ALT, CTRL, SHIFT, Keyboard, focus_is
from tests.ui.order_support import TIMEOUT_MS, settle
from tests.ui.test_keyboard_phone_order import shown_window


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _opened(qtbot, window, order_id: int) -> OrderEditor:
    editor = window.open_order(order_id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    return editor


def test_key_1_ctrl_page_keys_step_pages_and_ctrl_tab_steps_editors(qtbot, csr, world):
    window = shown_window(qtbot, csr, Settings())
    first = csr.orders.create(world.store, world.customer_id)
    second = csr.orders.create(world.store, world.customer_id)
    one, two = _opened(qtbot, window, first.id), _opened(qtbot, window, second.id)
    keys = Keyboard(qtbot)
    assert window.current_editor() is two and focus_is(two.items.search_edit)  # a cart: Find product

    keys.press(Qt.Key.Key_PageDown, CTRL)
    assert two.tabs.tabText(two.tabs.currentIndex()) == "Shipping"
    assert two.isAncestorOf(QApplication.focusWidget())  # the page's first field has the keyboard
    keys.press(Qt.Key.Key_PageUp, CTRL, times=2)
    assert two.tabs.currentIndex() == 0 and window.current_editor() is two

    keys.press(Qt.Key.Key_Tab, CTRL)  # the other editor, not the other page
    assert window.current_editor() is one and two.tabs.currentIndex() == 0
    assert one.isAncestorOf(QApplication.focusWidget())
    keys.press(Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert window.current_editor() is two


def test_key_1_payments_page_takes_the_keyboard_at_the_amount(qtbot, csr, world):
    window = shown_window(qtbot, csr, Settings())
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    editor = _opened(qtbot, window, order.id)
    Keyboard(qtbot).press(Qt.Key.Key_PageDown, CTRL, times=2)
    assert editor.tabs.tabText(editor.tabs.currentIndex()) == "Payments"
    assert focus_is(editor.payments.amount_edit)
    assert editor.payments.amount_edit.text() == f"{editor.view.total:.2f}"


def test_key_1_f1_shows_the_keyboard_reference_with_the_window_keys(qtbot, csr, world):
    window = shown_window(qtbot, csr, Settings())
    Keyboard(qtbot).press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(KeyboardReference) is not None, timeout=TIMEOUT_MS)
    listed = window.findChild(KeyboardReference).keys()
    for chord in ("Ctrl+O", "Ctrl+T", "Ctrl+Shift+F", "Ctrl+M", "Shift+F10", "F1"):
        assert chord in listed
    assert "Ctrl+PgDown / Ctrl+PgUp" in listed and "Ctrl+Tab / Ctrl+Shift+Tab" in listed
    assert "&Keyboard Reference" in [a.text() for a in window.help_menu.actions()]


def test_key_1_ctrl_m_maximizes_and_shift_f10_opens_the_context_menu(qtbot, csr, world):
    window = shown_window(qtbot, csr, Settings())
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(window.isMaximized, timeout=TIMEOUT_MS)
    keys.press(Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(lambda: not window.isMaximized(), timeout=TIMEOUT_MS)

    order = csr.orders.create(world.store, world.customer_id)
    editor = _opened(qtbot, window, order.id)
    assert focus_is(editor.items.search_edit)

    keys.press(Qt.Key.Key_F10, SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=TIMEOUT_MS)
    menu = QApplication.activePopupWidget()  # the line edit's own menu (Undo, Cut, Copy, Paste...)
    assert any("Paste" in action.text() for action in menu.actions())
    menu.close()


def test_key_1_enter_on_a_highlighted_result_opens_that_customer(qtbot, csr, admin, world):
    other = admin.customers.create("Ada", "Taylor", email="ada@example.com")
    window = shown_window(qtbot, csr, Settings())
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.findChild(FindCustomerDialog) is not None, timeout=TIMEOUT_MS)
    finder = window.findChild(FindCustomerDialog)
    keys.wait(lambda: focus_is(finder.box))
    keys.type("Taylor")
    keys.wait(lambda: finder.model.rowCount() == 2)
    assert finder.table.currentIndex().row() == 0  # the first result is highlighted
    keys.press(Qt.Key.Key_Down)  # into the results, on the first
    assert focus_is(finder.table) and finder.table.currentIndex().row() == 0
    first = finder.current_customer()
    keys.press(Qt.Key.Key_Down)
    wanted = finder.current_customer()
    assert wanted.id != first.id and wanted.id in (other.id, world.customer_id)
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: isinstance(window.current_editor(), CustomerEditor))
    assert window.current_editor().object_id == wanted.id
    assert window.findChild(NewCustomerDialog) is None


def test_key_1_a_guest_order_never_starts_in_the_b2b_store(qtbot, csr, world):
    dialog = NewOrderDialog(csr, guest=True)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.store_combo.count() == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(dialog.is_idle, timeout=TIMEOUT_MS)
    assert dialog.store_combo.currentData() == world.store  # B2B comes first in the list

    preferred_b2b = NewOrderDialog(csr, guest=True, store=world.b2b_store)
    qtbot.addWidget(preferred_b2b)
    qtbot.waitUntil(lambda: preferred_b2b.store_combo.count() == 2, timeout=TIMEOUT_MS)
    assert preferred_b2b.store_combo.currentData() == world.store


def test_key_1_a_new_order_starts_in_the_customers_own_store(qtbot, csr, world):
    earlier = csr.orders.create(world.b2b_store, world.b2b_customer_id)
    customer = csr.customers.get(world.b2b_customer_id)
    dialog = NewOrderDialog(csr, customer=customer)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.store_combo.count() == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(dialog.is_idle, timeout=TIMEOUT_MS)
    assert dialog.store_combo.currentData() == earlier.store == world.b2b_store

    first_time = NewOrderDialog(csr, customer=csr.customers.get(world.customer_id))
    qtbot.addWidget(first_time)
    qtbot.waitUntil(lambda: first_time.store_combo.count() == 2, timeout=TIMEOUT_MS)
    qtbot.waitUntil(first_time.is_idle, timeout=TIMEOUT_MS)
    assert first_time.store_combo.currentData() == world.store  # no order yet: consumer direct

    preferred = NewOrderDialog(csr, customer=customer, store=world.store)
    qtbot.addWidget(preferred)
    qtbot.waitUntil(lambda: preferred.store_combo.count() == 2, timeout=TIMEOUT_MS)
    assert preferred.store_combo.currentData() == world.store  # the rep's preference first


def test_key_1_after_finish_edit_the_next_chord_reaches_the_editor(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    order = csr.orders.submit(order.id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    window = shown_window(qtbot, csr, Settings())
    editor = _opened(qtbot, window, order.id)
    keys = Keyboard(qtbot)
    editor.take_keyboard()
    keys.press(Qt.Key.Key_E, CTRL | SHIFT)  # Edit: locked to me
    keys.wait(lambda: editor.view.locked_by == "csr")
    settle(qtbot, editor)
    keys.press(Qt.Key.Key_PageDown, CTRL, times=2)  # Shipping: the keyboard in its first field
    typing_in = QApplication.focusWidget()
    assert editor.shipping.isAncestorOf(typing_in)
    keys.press(Qt.Key.Key_U, CTRL | ALT)  # Finish edit: the address turns read-only
    keys.wait(lambda: editor.view.locked_by is None)
    settle(qtbot, editor)
    assert not typing_in.isEnabled()
    keys.press(Qt.Key.Key_R, CTRL | SHIFT)  # Release to fulfillment
    keys.wait(lambda: editor.view.status == "released")
