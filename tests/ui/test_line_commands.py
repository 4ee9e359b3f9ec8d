"""CAN-1, PER-1, SHP-2 on the Items page by the keyboard alone: choose a line, cancel part of
it, personalize it, mark the order ship-complete; each command enabled and explained from
the order's and the line's actions maps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salescenter.ui.dialogs.reasons import CancelItemDialog, PersonalizeDialog
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.integration.order_steps import released, submitted
from tests.ui.keyboard_support import ALT, CTRL, Keyboard, focus_is
from tests.ui.order_support import TIMEOUT_MS, open_editor, settle
from tests.ui.test_keyboard_phone_order import shown_window


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def test_can_1_per_1_cancel_part_of_a_line_and_personalize_it_by_keyboard(qtbot, csr, world):
    order = submitted(csr, world, ("WID-1", 5), ("CAB-1", 1))
    window = shown_window(qtbot, csr, Settings())
    editor = window.open_order(order.id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    page = editor.items
    commands = page.line_commands
    keys = Keyboard(qtbot)
    keys.wait(lambda: editor.isAncestorOf(QApplication.focusWidget()))
    assert not commands.cancel_button.isEnabled()  # nothing chosen yet: it says so
    assert commands.cancel_button.toolTip() == "Choose an item of the order first."

    keys.press(Qt.Key.Key_PageDown, CTRL)  # a submitted order opens on its Summary; Items is next
    keys.wait(lambda: editor.tabs.tabText(editor.tabs.currentIndex()) == page.title)
    keys.press(Qt.Key.Key_L, ALT)  # into the lines
    keys.wait(lambda: focus_is(page.items_view))
    keys.press(Qt.Key.Key_Home)  # the first line: WID-1 x 5
    keys.wait(lambda: page.selected_item() is not None and page.selected_item().sku == "WID-1")
    keys.wait(commands.cancel_button.isEnabled)
    assert commands.personalize_button.isEnabled()

    keys.press(Qt.Key.Key_T, ALT)  # Cancel item...
    keys.wait(lambda: isinstance(QApplication.activeModalWidget(), CancelItemDialog))
    dialog = QApplication.activeModalWidget()
    assert dialog.quantity_spin.maximum() == 5 and dialog.quantity_spin.value() == 5
    keys.wait(lambda: focus_is(dialog.quantity_spin))
    keys.press(Qt.Key.Key_Down, times=3)  # 5 -> 2
    keys.press(Qt.Key.Key_Tab)
    keys.wait(lambda: focus_is(dialog.reason_combo) or focus_is(dialog.reason_combo.lineEdit()))
    keys.type("Wants only three")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.session.active_dialog is None)
    settle(qtbot, editor)
    widget = next(i for i in editor.view.items if i.sku == "WID-1")
    assert (widget.quantity, widget.canceled_quantity) == (5, 2)
    assert "Wants only three" in csr.orders.history(order.id)[-1].detail

    keys.wait(lambda: page.selected_item() is not None)
    keys.press(Qt.Key.Key_Z, ALT)  # Personalize...
    keys.wait(lambda: isinstance(QApplication.activeModalWidget(), PersonalizeDialog))
    dialog = QApplication.activeModalWidget()
    keys.wait(lambda: focus_is(dialog.text_edit))
    keys.type("For Sam")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.session.active_dialog is None)
    settle(qtbot, editor)
    assert next(i for i in editor.view.items if i.sku == "WID-1").personalization == "For Sam"

    assert not commands.ship_complete_box.isChecked()
    keys.press(Qt.Key.Key_M, ALT)  # Ship complete
    keys.wait(lambda: editor.view.ship_complete)
    settle(qtbot, editor)
    assert commands.ship_complete_box.isChecked()
    assert csr.orders.get(order.id).ship_complete


def test_can_1_the_items_page_says_why_a_csr_cannot_cancel_a_released_line(qtbot, csr, world):
    order = released(csr, world, ("WID-1", 2))
    editor = open_editor(qtbot, csr, order.id)
    page = editor.items
    page.items_view.selectRow(0)
    settle(qtbot, editor)
    button = page.line_commands.cancel_button
    reason = editor.view.items[0].actions["cancel_item"]
    assert reason is not None and "Supervisor" in reason
    assert not button.isEnabled() and button.toolTip() == reason
    assert page.line_commands.personalize_button.isEnabled()  # not packed yet
