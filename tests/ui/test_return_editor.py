"""RET-2, RET-3, RET-6 at the desk: the return editor enables and explains approve, receive and
cancel from ReturnView.actions alone; the customer editor's Returns page lists the returns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from salescenter.ui.customer_editor import CustomerEditor
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.return_editor import ReturnEditor
from salescenter.ui.worker import wait_for_idle
from tests.integration.order_steps import released, set_order_columns
from tests.ui.keyboard_support import ALT, Keyboard
from tests.ui.order_support import TIMEOUT_MS, column_values


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _late_return(sc, csr, supervisor, world):  # type: ignore[no-untyped-def]
    order = released(csr, world, ("WID-1", 2))
    supervisor.fulfillment.pick(order.id)
    order = supervisor.fulfillment.ship(order.id)
    set_order_columns(sc, order.id, shipped_at=order.created_at - timedelta(days=60))
    return csr.returns.create(order.id, {order.items[0].id: 1}, "Found it in a drawer")


def _editor(qtbot, desk, return_id: int) -> ReturnEditor:  # type: ignore[no-untyped-def]
    editor = ReturnEditor(desk, return_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.refresh()
    qtbot.waitUntil(lambda: editor.view is not None and editor.is_idle(), timeout=TIMEOUT_MS)
    return editor


def test_ret_2_a_csr_sees_why_only_a_supervisor_approves(qtbot, sc, csr, supervisor, world):
    ret = _late_return(sc, csr, supervisor, world)
    editor = _editor(qtbot, csr, ret.id)
    assert "Waiting for approval" in editor.header.text()
    assert not editor.approve_button.isEnabled()
    assert editor.approve_button.toolTip() == ret.actions["approve"]
    assert "Supervisor" in (ret.actions["approve"] or "")
    assert not editor.receive_button.isEnabled()
    assert "return window" in editor.details.text()


def test_ret_3_a_supervisor_approves_and_receives_by_keyboard(qtbot, sc, csr, supervisor, world):
    ret = _late_return(sc, csr, supervisor, world)
    editor = _editor(qtbot, supervisor, ret.id)
    keys = Keyboard(qtbot)
    editor.lines_view.setFocus()
    keys.press(Qt.Key.Key_P, ALT)  # Approve
    keys.wait(lambda: editor.view.status == "approved" and editor.is_idle())
    assert editor.receive_button.isEnabled() and not editor.approve_button.isEnabled()
    keys.press(Qt.Key.Key_G, ALT)  # Receive goods
    keys.wait(lambda: editor.view.status == "received" and editor.is_idle())
    assert column_values(editor.lines, 3) == ["1"]  # received
    assert not editor.cancel_button.isEnabled()
    assert editor.cancel_button.toolTip() == editor.view.actions["cancel"]


def test_ret_6_the_customer_editor_lists_the_customers_returns(qtbot, sc, csr, supervisor, world):
    ret = _late_return(sc, csr, supervisor, world)
    editor = CustomerEditor(csr, world.customer_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.refresh()
    qtbot.waitUntil(lambda: editor.customer is not None and editor.is_idle(), timeout=TIMEOUT_MS)
    assert [editor.tabs.tabText(i) for i in range(editor.tabs.count())][-1] == "Returns"
    assert column_values(editor.returns, 0) == [ret.number]
    assert column_values(editor.returns, 3) == ["Waiting for approval"]
    opened: list[int] = []
    editor.open_return_requested.connect(opened.append)
    editor.open_return_button.click()
    assert opened == [ret.id]


def test_ret_2_the_supervisors_tickler_opens_the_return_waiting_for_approval(qtbot, sc, csr, supervisor,
                                                                             world):
    ret = _late_return(sc, csr, supervisor, world)
    window = MainWindow(supervisor, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    panel = window.ticklers
    qtbot.waitUntil(lambda: panel.calls.is_idle() and any(
        t.return_id == ret.id for t in panel.model.rows), timeout=TIMEOUT_MS)
    row = next(i for i, t in enumerate(panel.model.rows) if t.return_id == ret.id)
    panel.table.selectRow(row)
    panel.open_selected()
    qtbot.waitUntil(lambda: isinstance(window.current_editor(), ReturnEditor), timeout=TIMEOUT_MS)
    editor = window.current_editor()
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    assert editor.view.id == ret.id and editor.approve_button.isEnabled()


def test_ret_6_an_open_return_follows_another_desks_approval(qtbot, sc, csr, supervisor, world):
    ret = _late_return(sc, csr, supervisor, world)
    window = MainWindow(csr, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.live._unsubscribe is not None, timeout=TIMEOUT_MS)
    editor = window.open_return(ret.id)
    assert isinstance(editor, ReturnEditor)
    qtbot.waitUntil(lambda: editor.view is not None and editor.is_idle(), timeout=TIMEOUT_MS)
    assert not editor.cancel_reason.text()
    supervisor.returns.approve(ret.id)  # on the Supervisor's own desk
    qtbot.waitUntil(lambda: editor.view.approved_by == "supervisor", timeout=TIMEOUT_MS)
    assert "Approved" in editor.header.text()
    window.close()
