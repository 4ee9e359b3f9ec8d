"""Closing an order's tab, or the whole window, while this desk holds its edit lock asks
what becomes of the lock (LCK-2)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from salescenter.ui.editor_tabs import EditorTabs
from salescenter.ui.main_window import MainWindow
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


@pytest.fixture
def submitted(csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 2)
    return csr.orders.submit(order.id)


def _tabs_with_order(qtbot, desk, order_id: int) -> tuple[EditorTabs, OrderEditor]:
    tabs = EditorTabs(desk)
    qtbot.addWidget(tabs)
    tabs.resize(1280, 820)
    tabs.show()
    editor = tabs.open("order", order_id)
    assert isinstance(editor, OrderEditor)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    return tabs, editor


def _begin_edit(qtbot, editor: OrderEditor) -> None:
    editor.order_actions.edit.trigger()
    settle(qtbot, editor)
    assert editor.session.editing() and editor.session.began_edit


def _question(qtbot, editor: OrderEditor) -> QMessageBox:
    qtbot.waitUntil(lambda: editor.close_question is not None, timeout=TIMEOUT_MS)
    question = editor.close_question
    assert question is not None and question.isVisible()
    return question


def _click(qtbot, question: QMessageBox, starts_with: str) -> None:
    button = next(b for b in question.buttons() if b.text().replace("&", "").startswith(starts_with))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_lck_2_finish_the_edit_releases_the_lock_and_closes_the_tab(qtbot, csr, submitted):
    tabs, editor = _tabs_with_order(qtbot, csr, submitted.id)
    _begin_edit(qtbot, editor)

    tabs.tabCloseRequested.emit(tabs.indexOf(editor))
    question = _question(qtbot, editor)
    texts = [b.text().replace("&", "") for b in question.buttons()]
    assert "Finish the edit (release the lock)" in texts and "Keep it locked" in texts
    assert "Cancel" in texts
    assert submitted.number in question.text()

    _click(qtbot, question, "Finish")
    qtbot.waitUntil(lambda: ("order", submitted.id) not in tabs.editors, timeout=TIMEOUT_MS)
    order = csr.orders.get(submitted.id)
    assert order.status == "pending_payment_authorization"
    assert order.locked_by is None


def test_lck_2_a_refused_finish_keeps_the_tab_open_and_says_why(qtbot, csr, submitted):
    tabs, editor = _tabs_with_order(qtbot, csr, submitted.id)
    _begin_edit(qtbot, editor)
    for item in editor.view.items:  # the order loses its only line while under edit
        csr.orders.remove_item(submitted.id, item.id)
    editor.refresh()
    settle(qtbot, editor)
    assert not editor.view.items

    tabs.tabCloseRequested.emit(tabs.indexOf(editor))
    _click(qtbot, _question(qtbot, editor), "Finish")
    settle(qtbot, editor)
    assert ("order", submitted.id) in tabs.editors and tabs.indexOf(editor) >= 0
    assert editor.message_bar.kind == "error"
    said = editor.message_bar.text()
    assert "The tab stays open" in said and "has no items" in said
    order = csr.orders.get(submitted.id)
    assert order.status == "edit" and order.locked_by == "csr"


def test_lck_1_keep_it_locked_closes_the_tab_and_leaves_the_lock(qtbot, csr, csr2, submitted):
    tabs, editor = _tabs_with_order(qtbot, csr, submitted.id)
    _begin_edit(qtbot, editor)

    tabs.tabCloseRequested.emit(tabs.indexOf(editor))
    _click(qtbot, _question(qtbot, editor), "Keep")
    qtbot.waitUntil(lambda: ("order", submitted.id) not in tabs.editors, timeout=TIMEOUT_MS)
    order = csr2.orders.get(submitted.id)
    assert order.status == "edit" and order.locked_by == "csr"


def test_lck_2_cancel_keeps_the_tab_and_the_edit(qtbot, csr, submitted):
    tabs, editor = _tabs_with_order(qtbot, csr, submitted.id)
    _begin_edit(qtbot, editor)

    tabs.tabCloseRequested.emit(tabs.indexOf(editor))
    _click(qtbot, _question(qtbot, editor), "Cancel")
    qtbot.waitUntil(lambda: editor.close_question is None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert ("order", submitted.id) in tabs.editors
    assert editor.session.editing() and editor.order_actions.finish_edit.isEnabled()
    assert csr.orders.get(submitted.id).locked_by == "csr"


def test_lck_2_an_order_without_my_edit_closes_without_asking(qtbot, csr, submitted):
    tabs, editor = _tabs_with_order(qtbot, csr, submitted.id)
    tabs.tabCloseRequested.emit(tabs.indexOf(editor))
    assert editor.close_question is None
    assert ("order", submitted.id) not in tabs.editors


def _window_editing(qtbot, desk, order_id: int) -> tuple[MainWindow, OrderEditor]:
    window = MainWindow(desk, "sqlite:///test.db", Settings())
    qtbot.addWidget(window)
    window.show()
    editor = window.open_order(order_id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    _begin_edit(qtbot, editor)
    return window, editor


def test_lck_2_closing_the_window_asks_about_the_lock_and_cancel_keeps_it_open(qtbot, csr, submitted):
    window, editor = _window_editing(qtbot, csr, submitted.id)
    assert not window.close()
    _click(qtbot, _question(qtbot, editor), "Cancel")
    qtbot.waitUntil(lambda: editor.close_question is None, timeout=TIMEOUT_MS)
    assert window.isVisible()
    assert csr.orders.get(submitted.id).locked_by == "csr"


def test_lck_2_closing_the_window_and_finishing_the_edit_releases_the_lock(qtbot, csr, submitted):
    window, editor = _window_editing(qtbot, csr, submitted.id)
    assert not window.close()
    _click(qtbot, _question(qtbot, editor), "Finish")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT_MS)
    order = csr.orders.get(submitted.id)
    assert order.status == "pending_payment_authorization" and order.locked_by is None


def test_lck_1_closing_the_window_keeping_the_lock_leaves_it_to_its_lease(qtbot, csr, csr2, submitted):
    window, editor = _window_editing(qtbot, csr, submitted.id)
    assert not window.close()
    _click(qtbot, _question(qtbot, editor), "Keep")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT_MS)
    order = csr2.orders.get(submitted.id)
    assert order.status == "edit" and order.locked_by == "csr"
