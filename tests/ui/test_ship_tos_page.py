"""SHP-1, PRC-6 on the Shipping page, by the keyboard alone: add a second ship-to, send part of a
line there, override its charge with a reason; the commands say why when they cannot be used,
and the Summary shows the items of each ship-to."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salescenter.labels import shipping_label
from salescenter.ui.dialogs.ship_to_dialogs import AssignItemDialog, OverrideShippingDialog
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.order_editor.ship_tos_panel import ShipTosModel, ship_to_rows
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.integration.order_steps import ELSEWHERE
from tests.ui.keyboard_support import ALT, CTRL, Keyboard, focus_is
from tests.ui.order_support import column_values, open_editor, settle
from tests.ui.test_keyboard_phone_order import shown_window


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def test_shp_1_prc_6_a_second_ship_to_a_split_and_an_override_by_keyboard(qtbot, csr, world):
    order = csr.orders.add_item(csr.orders.create(world.store, world.customer_id).id, "WID-1", 3)
    window = shown_window(qtbot, csr, Settings())
    editor = window.open_order(order.id)
    assert isinstance(editor, OrderEditor)
    keys = Keyboard(qtbot)
    keys.wait(lambda: editor.view is not None)
    settle(qtbot, editor)
    page = editor.shipping
    keys.press(Qt.Key.Key_PageDown, CTRL)  # Items -> Shipping
    keys.wait(page.isVisible)
    panel = page.ship_tos
    assert not panel.assign_button.isEnabled()
    assert "add another ship-to first" in panel.assign_button.toolTip()

    for mnemonic, text in ((Qt.Key.Key_N, ELSEWHERE["name"]), (Qt.Key.Key_S, ELSEWHERE["line1"]),
                           (Qt.Key.Key_Y, ELSEWHERE["city"]), (Qt.Key.Key_U, ELSEWHERE["country"])):
        keys.press(mnemonic, ALT)
        keys.type(text)
    keys.press(Qt.Key.Key_T, ALT)  # Add as another ship-to
    keys.wait(lambda: len(editor.view.ship_tos) == 2)
    settle(qtbot, editor)
    keys.wait(lambda: focus_is(panel.view))
    second = editor.view.ship_tos[1]
    assert panel.chosen() == second and panel.assign_button.isEnabled()

    keys.press(Qt.Key.Key_R, ALT)  # Send an item there...
    keys.wait(lambda: isinstance(editor.session.active_dialog, AssignItemDialog))
    dialog = editor.session.active_dialog
    keys.wait(lambda: QApplication.activeWindow() is dialog)
    assert dialog.ship_to_combo.currentData() == second.id
    keys.press(Qt.Key.Key_Q, ALT)
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("1")
    assert "1 go there, 2 stay" in dialog.note.text()
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: len(editor.view.items) == 2)
    settle(qtbot, editor)
    rows = sorted((i.quantity, i.ship_to_id == second.id) for i in editor.view.items)
    assert rows == [(1, True), (2, False)]

    keys.wait(lambda: QApplication.activeWindow() is window)
    keys.press(Qt.Key.Key_C, ALT)  # Override its charge...
    keys.wait(lambda: isinstance(editor.session.active_dialog, OverrideShippingDialog))
    dialog = editor.session.active_dialog
    keys.wait(lambda: QApplication.activeWindow() is dialog)
    keys.wait(lambda: focus_is(dialog.amount_edit))
    keys.type("6.50")
    keys.press(Qt.Key.Key_E, ALT)
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("Goodwill for a delay")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: editor.view.ship_tos[1].shipping_overridden)
    settle(qtbot, editor)

    ship_to = editor.view.ship_tos[1]
    assert (ship_to.shipping_total, ship_to.override_reason) == (Decimal("6.50"), "Goodwill for a delay")
    assert column_values(panel.model, 3) == ["WID-1 x 2", "WID-1 x 1"]
    assert "Overridden from 7.95 by csr: Goodwill for a delay" in column_values(panel.model, 6)[1]
    activities = [entry.activity for entry in csr.orders.history(order.id)]
    assert activities[-3:] == ["Ship-to added", "Item assigned", "Shipping overridden"]
    summary = editor.summary.text()
    assert "Ship-to 2 (Mercy at work, Chicago)" in summary and "400 Office Park" in summary

    keys.wait(lambda: QApplication.activeWindow() is window)
    assert panel.chosen() == editor.view.ship_tos[1] and panel.remove_button.isEnabled()
    keys.press(Qt.Key.Key_P, ALT)  # Remove this ship-to: its item comes back to Ship-to 1
    keys.wait(lambda: len(editor.view.ship_tos) == 1)
    settle(qtbot, editor)
    assert column_values(panel.model, 3) == ["WID-1 x 2, WID-1 x 1"]
    assert not panel.remove_button.isEnabled()
    print(f"\nSHP-1 ship-to, split and override: {keys.count} keys")


def test_prc_6_a_submitted_order_explains_why_its_ship_tos_cannot_change(qtbot, csr, world):
    order = csr.orders.add_item(csr.orders.create(world.store, world.customer_id).id, "WID-1", 1)
    order = csr.orders.submit(order.id)
    editor = open_editor(qtbot, csr, order.id)
    panel = editor.shipping.ship_tos
    editor.shipping.form.fields["line1"].setText("1 Other Street")
    assert not panel.override_button.isEnabled()
    assert panel.override_button.toolTip() == order.actions["override_shipping"]
    assert "choose Edit" in panel.override_button.toolTip()
    assert not editor.shipping.add_ship_to_button.isEnabled()
    settle(qtbot, editor)


def test_shp_1_ship_tos_model_passes_the_model_tester(qtmodeltester, csr, world):
    order = csr.orders.add_item(csr.orders.create(world.store, world.customer_id).id, "WID-1", 2)
    order = csr.orders.add_ship_to(order.id, ELSEWHERE, method="express")
    model = ShipTosModel()
    model.set_rows(ship_to_rows(order))
    qtmodeltester.check(model, force_py=True)
    assert column_values(model, 2) == [shipping_label("standard"), shipping_label("express")]
    assert column_values(model, 3) == ["WID-1 x 2", "No items"]
