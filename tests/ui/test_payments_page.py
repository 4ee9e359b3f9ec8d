"""PAY-3 on the desktop: the Payments page voids an authorization and refunds captured money by
keyboard alone, each command enabled and explained from the payment's own actions map, and the
page names the payment service (simulated by default)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.integration.order_steps import paid, released
from tests.ui.keyboard_support import ALT, CTRL, Keyboard, focus_is
from tests.ui.order_support import TIMEOUT_MS, settle
from tests.ui.test_keyboard_phone_order import shown_window


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _payments_page(qtbot, desk, order_id: int):  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, desk, Settings())
    editor: Any = window.open_order(order_id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    keys = Keyboard(qtbot)
    while editor.tabs.tabText(editor.tabs.currentIndex()) != "Payments":
        keys.press(Qt.Key.Key_PageDown, CTRL)
    settle(qtbot, editor)
    return editor, keys


def test_pay_3_void_an_authorization_by_keyboard(qtbot, csr, world):
    order = paid(csr, world, ("WID-1", 1))
    csr.orders.begin_edit(order.id)
    csr.orders.add_item(order.id, "CAB-1", 1)  # payment due now: the amount field still takes input
    csr.orders.finish_edit(order.id)
    editor, keys = _payments_page(qtbot, csr, order.id)
    page = editor.payments
    assert "Simulated" in page.gateway_label.text()
    assert focus_is(page.amount_edit), "a payment is due: the keyboard lands at the amount"
    keys.press(Qt.Key.Key_Y, ALT)  # into the list of payments
    keys.wait(lambda: focus_is(page.view))
    keys.press(Qt.Key.Key_Home)
    keys.wait(lambda: page.selected_payment() is not None)
    assert page.void_button.isEnabled(), page.void_button.toolTip()
    keys.press(Qt.Key.Key_N, ALT)
    keys.wait(lambda: editor.session.active_dialog is not None)
    reason = editor.session.active_dialog.reason_combo
    keys.wait(lambda: QApplication.focusWidget() in (reason, reason.lineEdit()))
    keys.type("Customer pays by check")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.view.payments[0].status == "voided")
    settle(qtbot, editor)
    assert editor.view.payments[0].status == "voided"
    assert page.model.data(page.model.index(0, 5)) == "Voided"
    assert csr.orders.history(order.id)[-1].activity == "Payment voided"


def test_pay_3_refund_part_of_a_shipped_payment_by_keyboard(qtbot, csr, admin, world):
    order = released(csr, world, ("WID-1", 2))
    admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    editor, keys = _payments_page(qtbot, csr, order.id)
    page = editor.payments
    assert focus_is(page.view), "a shipped order takes no payment: the keyboard lands in the list"
    keys.press(Qt.Key.Key_Down)
    keys.wait(lambda: page.selected_payment() is not None)
    assert not page.void_button.isEnabled()
    assert page.void_button.toolTip() == order.payments[0].actions["void_payment"]
    assert page.refund_button.isEnabled()
    keys.press(Qt.Key.Key_R, ALT)
    keys.wait(lambda: editor.session.active_dialog is not None)
    dialog = editor.session.active_dialog
    assert dialog.amount_edit.text() == f"{order.total:.2f}"
    keys.wait(lambda: focus_is(dialog.amount_edit))
    keys.type("5.00")  # the suggested amount is selected: typing replaces it
    keys.press(Qt.Key.Key_Tab)
    keys.type("Damaged in transit")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.view.payments[0].refunded_amount > 0)
    settle(qtbot, editor)
    payment = editor.view.payments[0]
    assert payment.refunded_amount == Decimal("5.00") and payment.status == "captured"
    assert "Refunded" in [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]


def test_pay_3_a_total_raised_above_the_authorization_shows_as_payment_due_on_blocks_and_summary(
    qtbot, csr, world
):
    order = paid(csr, world, ("WID-1", 1))
    csr.orders.begin_edit(order.id)
    csr.orders.add_item(order.id, "CAB-1", 2)
    order = csr.orders.finish_edit(order.id)
    due = order.payment_due
    assert due > 0
    editor, _keys = _payments_page(qtbot, csr, order.id)
    assert f"Due {due:,.2f}" in editor.payments.balance_label.text()
    assert f"payment due: {due}" in editor.blocks.explanation.text()
    assert "Nothing is holding" not in editor.blocks.explanation.text()
    assert f"payment due: {due}" in editor.summary.text()
