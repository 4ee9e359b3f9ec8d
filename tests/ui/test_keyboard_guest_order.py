"""KEY-1: a guest order, a hold on it, a tickler about it and, once it shipped, a return, by the
keyboard alone (every key goes to the widget that has the keyboard)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salescenter.ui.dialogs.new_order import NewOrderDialog
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.preferences import Settings
from salescenter.ui.tickler_dialogs import NewTicklerDialog
from salescenter.ui.worker import wait_for_idle
from tests.ui.keyboard_support import ALT, CTRL, SHIFT, Keyboard, focus_is
from tests.ui.order_support import settle
from tests.ui.test_keyboard_phone_order import shown_window


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _dialog(window, kind):
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    return found[0] if found else None


def test_key_1_guest_order_hold_tickler_and_return_by_keyboard_alone(qtbot, csr, supervisor, world):
    window = shown_window(qtbot, csr, Settings())  # no preferred store: the dialog picks
    keys = Keyboard(qtbot)

    keys.press(Qt.Key.Key_G, CTRL | SHIFT)  # New Guest Order
    keys.wait(lambda: _dialog(window, NewOrderDialog) is not None)
    dialog = _dialog(window, NewOrderDialog)
    keys.wait(lambda: focus_is(dialog.guest_fields["first_name"]))
    keys.wait(lambda: dialog.store_combo.count() == 2)
    assert dialog.store_combo.currentData() == world.store  # never the B2B store for a guest
    keys.type("Gail")
    keys.press(Qt.Key.Key_Tab)
    keys.type("Guest")
    keys.press(Qt.Key.Key_Return)  # Create order
    keys.wait(lambda: isinstance(window.current_editor(), OrderEditor))
    editor: OrderEditor = window.current_editor()
    keys.wait(lambda: editor.view is not None and editor.view.is_guest)
    settle(qtbot, editor)
    keys.wait(lambda: focus_is(editor.items.search_edit))

    keys.type("wid")
    keys.wait(lambda: editor.items.results.rows)
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: [item.sku for item in editor.view.items] == ["WID-1"])
    settle(qtbot, editor)

    keys.press(Qt.Key.Key_PageDown, CTRL)  # Shipping: a guest has no address book
    keys.wait(lambda: focus_is(editor.shipping.form.fields["name"]))
    for text in ("Gail Guest", "5 Harbor Road", "", "Boston", "MA", "02110", "US"):
        if text:
            keys.type(text)
        keys.press(Qt.Key.Key_Tab)
    keys.press(Qt.Key.Key_W, ALT)  # Ship to the new address
    keys.wait(lambda: editor.view.shipping_address is not None
              and editor.view.shipping_address.line1 == "5 Harbor Road")
    settle(qtbot, editor)

    keys.press(Qt.Key.Key_Return, CTRL)  # Submit
    keys.wait(lambda: editor.view.status == "pending_payment_authorization")
    settle(qtbot, editor)

    keys.press(Qt.Key.Key_H, CTRL | SHIFT)  # Hold: the reason, Enter
    keys.wait(lambda: editor.session.active_dialog is not None)
    hold = editor.session.active_dialog
    reason = hold.reason_combo
    keys.wait(lambda: QApplication.focusWidget() in (reason, reason.lineEdit()))
    keys.type("Customer asked to wait")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.view.status == "on_hold")
    settle(qtbot, editor)
    assert [h.reason for h in editor.view.holds] == ["Customer asked to wait"]

    keys.press(Qt.Key.Key_T, CTRL)  # New tickler about this order
    keys.wait(lambda: _dialog(window, NewTicklerDialog) is not None)
    tickler = _dialog(window, NewTicklerDialog)
    keys.wait(lambda: focus_is(tickler.reason))
    keys.type("Call the guest back")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: any(t.reason == "Call the guest back" for t in csr.ticklers.mine()))
    found = next(t for t in csr.ticklers.mine() if t.reason == "Call the guest back")
    assert found.order_id == editor.view.id

    keys.wait(lambda: window.ticklers.isAncestorOf(QApplication.focusWidget()))  # the list has it
    keys.press(Qt.Key.Key_Tab, CTRL)  # back to the editor (the only one: it takes the keyboard)
    keys.wait(lambda: editor.isAncestorOf(QApplication.focusWidget()))
    keys.press(Qt.Key.Key_L, CTRL | SHIFT)  # Release hold: the guest called back
    keys.wait(lambda: editor.view.status == "pending_payment_authorization")
    settle(qtbot, editor)
    while editor.tabs.tabText(editor.tabs.currentIndex()) != "Payments":
        keys.press(Qt.Key.Key_PageDown, CTRL)
    keys.wait(lambda: focus_is(editor.payments.amount_edit))
    keys.press(Qt.Key.Key_D, ALT)
    keys.type("4111111111111111")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.view.paid_total == editor.view.total)
    settle(qtbot, editor)
    keys.press(Qt.Key.Key_R, CTRL | SHIFT)  # Release to fulfillment
    keys.wait(lambda: editor.view.status == "released")
    settle(qtbot, editor)

    supervisor.fulfillment.pick(editor.view.id)  # the warehouse, elsewhere
    supervisor.fulfillment.ship(editor.view.id)
    keys.wait(lambda: editor.view.status == "shipped")  # the open order follows
    settle(qtbot, editor)
    returns = editor.returns
    while editor.tabs.tabText(editor.tabs.currentIndex()) != returns.title:
        keys.press(Qt.Key.Key_PageDown, CTRL)
    keys.wait(lambda: focus_is(returns.line_combo))
    keys.press(Qt.Key.Key_N, ALT)  # Reason
    keys.type("Arrived damaged")
    keys.press(Qt.Key.Key_Return)  # Create return
    keys.wait(lambda: len(editor.view.returns) == 1)
    assert editor.view.returns[0].lines[0].sku == "WID-1"
    print(f"\nKEY-1 guest order, hold, tickler and return: {keys.count} keys")
