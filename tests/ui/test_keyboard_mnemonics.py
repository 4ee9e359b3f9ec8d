"""KEY-1: no Alt+letter reaches two things at once in any window: the main window with each
page of the order and customer editors, and every dialog the desk opens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from salescenter.ui.customer_editor import CustomerEditor
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.keyboard_support import clashes, mnemonic
from tests.ui.order_support import TIMEOUT_MS, settle
from tests.ui.test_keyboard_phone_order import shown_window


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def test_key_1_mnemonic_reads_the_underlined_letter():
    assert mnemonic("Hol&d item...") == "d"
    assert mnemonic("Save && close") is None
    assert mnemonic("&File") == "f"


def _shown(qtbot: Any, dialog: QWidget) -> QWidget:
    dialog.show()
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT_MS)
    return dialog


def test_key_1_no_shortcut_collides_with_a_menu_mnemonic_in_any_window(qtbot, csr, world):
    window = shown_window(qtbot, csr, Settings())
    order = csr.orders.create(world.store, world.customer_id)
    found: dict[str, dict[str, list[str]]] = {}

    editor = window.open_order(order.id)
    assert isinstance(editor, OrderEditor)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    for position in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(position)
        settle(qtbot, editor)
        found[f"order page {editor.tabs.tabText(position)}"] = clashes(window)

    customer = window.open_customer(world.customer_id)
    assert isinstance(customer, CustomerEditor)
    qtbot.waitUntil(customer.is_idle, timeout=TIMEOUT_MS)
    for position in range(customer.tabs.count()):
        customer.tabs.setCurrentIndex(position)
        found[f"customer page {customer.tabs.tabText(position)}"] = clashes(window)

    from salescenter.ui.dialogs.new_order import NewOrderDialog
    from salescenter.ui.dialogs.reasons import CancelReasonDialog, HoldDialog
    from salescenter.ui.find_customer import NewCustomerDialog
    from salescenter.ui.keyboard import KeyboardReference
    from salescenter.ui.tickler_dialogs import NewTicklerDialog

    dialogs = {
        "Find Customer": window.find_customer(),
        "Find Order": window.find_order(),
        "New Customer": NewCustomerDialog(csr, window),
        "New Order": NewOrderDialog(csr, window),
        "Preferences": window.show_preferences(),
        "Keyboard reference": KeyboardReference(window),
        "New Tickler": NewTicklerDialog(csr, {"order_id": order.id}, "Order", window),
        "Hold": HoldDialog("order 1", window),
        "Cancel": CancelReasonDialog("1", window),
    }
    for name, dialog in dialogs.items():
        found[name] = clashes(_shown(qtbot, dialog))
        dialog.close()
    QApplication.processEvents()
    shared = {where: clash for where, clash in found.items() if clash}
    assert not shared, "\n".join(f"{where}: {clash}" for where, clash in shared.items())


def _scopes(action) -> list[QWidget]:
    """Where ``action``'s shortcut works: its widgets (with their children) or their windows."""
    from PySide6.QtCore import Qt

    widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    if action.shortcutContext() in window_wide:
        return [w.window() for w in widgets]
    return widgets


def _overlap(one: list[QWidget], other: list[QWidget]) -> bool:
    return any(a is b or a.isAncestorOf(b) or b.isAncestorOf(a) for a in one for b in other)


def test_key_1_no_two_commands_share_a_shortcut_where_both_work(qtbot, supervisor, world):
    from PySide6.QtGui import QAction

    window = shown_window(qtbot, supervisor, Settings())
    order = supervisor.orders.create(world.store, world.customer_id)
    editor = window.open_order(order.id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    window.open_customer(world.customer_id)
    actions = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    shared = []
    for position, action in enumerate(actions):
        for other in actions[position + 1:]:
            if action.shortcut() == other.shortcut() and _overlap(_scopes(action), _scopes(other)):
                shared.append(f"{action.shortcut().toString()}: {action.text()} / {other.text()}")
    assert shared == []
