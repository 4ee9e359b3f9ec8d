"""The order editor inside the main window: its actions in the Order menu, its side views
in the docks, its state in the status bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.conftest import PASSWORDS
from tests.ui.order_support import TIMEOUT_MS, column_values, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _window(qtbot, desk) -> MainWindow:
    window = MainWindow(desk, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    return window


def _open(qtbot, window: MainWindow, order_id: int):
    editor = window.open_order(order_id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    return editor


def test_ord_12_side_views_of_the_current_order_live_in_the_main_window_docks(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    assert window.associations.currentWidget() is editor.items.associations
    assert window.promotions.currentWidget() is editor.items.promotions
    assert editor.items.side.isHidden()
    assert sorted(column_values(editor.items.associations.model, 2)) == ["CAB-1", "GAD-1"]


def test_lck_1_order_menu_holds_the_editor_actions_and_the_status_bar_names_the_lock_holder(
        qtbot, sc, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    csr.orders.submit(order.id)
    csr.orders.begin_edit(order.id)
    other = sc.login("csr2", PASSWORDS["csr2"], workstation="csr2-pc")
    window = _window(qtbot, other)
    editor = _open(qtbot, window, order.id)
    names = [a.objectName() for a in window.order_menu.actions()]
    for name in ("submit_order", "edit_order", "finish_edit", "hold_order", "cancel_order", "reorder"):
        assert name in names
    finish = next(a for a in window.order_menu.actions() if a.objectName() == "finish_edit")
    assert finish.shortcut().toString() == "Ctrl+Alt+U" and not finish.isEnabled()
    assert "Edit" in window.status.order_label.text()
    assert window.status.lock_label.text() == "Locked for editing by csr"
    assert "Order locked for editing (csr)" in editor.banner.text()


def test_ord_2_reorder_opens_the_new_order_in_its_own_tab(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 2)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    editor.order_actions.reorder.trigger()
    qtbot.waitUntil(lambda: window.tabs.count() == 2, timeout=TIMEOUT_MS)
    copy = window.current_editor()
    qtbot.waitUntil(lambda: copy.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, copy)
    assert copy.view.id != order.id
    assert [(i.sku, i.quantity) for i in copy.view.items] == [("WID-1", 2)]
    assert "created from this one" in editor.message_bar.text()


@pytest.mark.parametrize("answer", ["Save", "Discard", "Cancel"])
def test_adr_1_closing_an_order_with_a_typed_address_asks_and_never_loses_it_silently(
        qtbot, monkeypatch, csr, world, answer):
    from PySide6.QtWidgets import QMessageBox

    from salescenter.ui import editor_tabs

    asked: list[str] = []
    monkeypatch.setattr(editor_tabs, "confirm_unsaved", lambda _parent, what: asked.append(what)
                        or getattr(QMessageBox.StandardButton, answer))
    order = csr.orders.create(world.store, world.customer_id)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    form = editor.shipping.form.fields
    for key, text in (("line1", "77 Sunset Blvd"), ("city", "Los Angeles"), ("country", "US")):
        qtbot.keyClicks(form[key], text)
    assert editor.has_unsaved_changes()
    window.close_current()
    assert asked == [f"Order {order.number}"]
    if answer == "Cancel":
        assert window.tabs.count() == 1 and editor.has_unsaved_changes()
        editor.discard()  # so the window itself closes quietly at the end of the test
        assert not editor.has_unsaved_changes()
        return
    qtbot.waitUntil(lambda: window.tabs.count() == 0, timeout=TIMEOUT_MS)
    wait_for_idle()
    saved_line = csr.orders.get(order.id).shipping_address.line1
    assert (saved_line == "77 Sunset Blvd") == (answer == "Save")
