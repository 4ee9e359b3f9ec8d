"""A phone order end to end, driven through the widgets only, in the real main window:
find the customer, new order, two items by search and a bundle, expedite one item, a new
shipping address also saved to the address book, a payment, submit."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salescenter.ui.customer_editor import CustomerEditor
from salescenter.ui.find_customer import FindCustomerDialog
from salescenter.ui.main_window import MainWindow
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, column_values, settle

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _type_and_add(qtbot, editor: OrderEditor, phrase: str, sku: str) -> None:
    page = editor.items
    page.search_edit.setFocus()
    qtbot.keyClicks(page.search_edit, phrase)
    qtbot.waitUntil(lambda: sku in column_values(page.results, 0), timeout=TIMEOUT_MS)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)  # into the results
    row = column_values(page.results, 0).index(sku)
    for _ in range(row):
        qtbot.keyClick(page.results_view, Qt.Key.Key_Down)
    qtbot.keyClick(page.results_view, Qt.Key.Key_Return)
    settle(qtbot, editor)


def test_ord_1_phone_order_end_to_end_through_the_widgets(qtbot, csr, world):
    window = MainWindow(csr, "test database", Settings(default_store=world.store))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT_MS)

    # Find Customer (Ctrl+Shift+F): the caller says her name
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
    finder = window.findChild(FindCustomerDialog)
    assert finder is not None
    qtbot.keyClicks(finder.box, "Taylor")
    qtbot.waitUntil(lambda: finder.model.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.keyClick(finder.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.current_editor(), CustomerEditor), timeout=TIMEOUT_MS)
    customer_editor = window.current_editor()
    qtbot.waitUntil(customer_editor.is_idle, timeout=TIMEOUT_MS)
    assert customer_editor.customer.id == world.customer_id

    # New order (Ctrl+O) for the customer whose editor is open
    window.activateWindow()  # the offscreen platform does not hand focus back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT_MS)
    customer_editor.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: isinstance(window.current_editor(), OrderEditor), timeout=TIMEOUT_MS)
    editor: OrderEditor = window.current_editor()
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert editor.view.customer_id == world.customer_id and editor.view.status == "pending"

    # Items: two by search, one bundle
    editor.show_page("Items")
    _type_and_add(qtbot, editor, "sturdy", "WID-1")
    _type_and_add(qtbot, editor, "gadget", "GAD-1")
    _type_and_add(qtbot, editor, "starter", "KIT-1")
    skus = column_values(editor.items.items, 0)
    assert sorted(skus) == ["CAB-1", "GAD-1", "WID-1", "WID-1"]

    # Expedite the gadget: select its row, Alt+X
    editor.items.items_view.setFocus()
    editor.items.items_view.selectRow(skus.index("GAD-1"))
    qtbot.keyClick(editor.items.items_view, Qt.Key.Key_X, ALT)  # a mnemonic clicks after a beat
    qtbot.waitUntil(lambda: any(i.expedite for i in editor.view.items), timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert [i.sku for i in editor.view.items if i.expedite] == ["GAD-1"]

    # Shipping: a new address, also kept in the address book
    editor.show_page("Shipping")
    form = editor.shipping.form.fields
    for key, text in (("name", "Mercy Taylor"), ("line1", "400 Lake Shore Drive"), ("city", "Chicago"),
                      ("region", "IL"), ("postal_code", "60611"), ("country", "US")):
        qtbot.keyClicks(form[key], text)
    qtbot.keyClick(form["country"], Qt.Key.Key_B, ALT)
    qtbot.waitUntil(editor.shipping.save_to_book.isChecked, timeout=TIMEOUT_MS)
    qtbot.keyClick(editor.shipping.save_to_book, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: editor.view.shipping_address.line1 == "400 Lake Shore Drive",
                    timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert editor.view.shipping_address.line1 == "400 Lake Shore Drive"

    # Payment: the card for the amount due
    editor.show_page("Payments")
    payments = editor.payments
    payments.method_combo.setCurrentIndex(payments.method_combo.findData("credit_card"))
    assert payments.amount_edit.text() == f"{editor.view.total:.2f}"
    qtbot.keyClicks(payments.card_edit, "4111 1111 1111 1111")
    qtbot.keyClick(payments.card_edit, Qt.Key.Key_Return)
    settle(qtbot, editor)
    assert editor.view.paid_total == editor.view.total

    # Submit (Ctrl+Return)
    editor.tabs.setFocus()
    qtbot.keyClick(editor.tabs, Qt.Key.Key_Return, CTRL)
    settle(qtbot, editor)
    assert editor.view.status == "pending_payment_authorization"

    # The status bar reads the order's state; Summary shows the totals; History every step
    qtbot.waitUntil(lambda: "Pending payment authorization" in window.status.order_label.text(),
                    timeout=TIMEOUT_MS)
    view = editor.view
    subtotal = Decimal("19.99") + Decimal("5.00") + Decimal("19.99") + 2 * Decimal("9.99")
    assert view.subtotal == subtotal
    assert view.total == view.subtotal - view.discount_total + view.shipping_total + view.tax_total
    summary = editor.summary.text()
    for amount in (view.subtotal, view.shipping_total, view.tax_total):
        assert f"{amount:,.2f}" in summary
    assert f"{view.total:,.2f} USD" in summary
    assert "400 Lake Shore Drive" in summary and "Credit card" in summary
    editor.show_page("History")
    assert editor.history.activities() == [
        "Order created", "Item added", "Item added", "Bundle added", "Item expedited",
        "Shipping changed", "Payment added", "Order submitted",
    ]
    assert window.status.order_label.text() == f"Order {view.number}: Pending payment authorization"
    book = csr.customers.get(world.customer_id).addresses
    assert "400 Lake Shore Drive" in [a.line1 for a in book]
