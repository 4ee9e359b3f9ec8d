"""The Ticklers view and the audit trail view (TKL-1, AUD-1), driven as a rep would."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.ticklers import TicklersPanel
from salescenter.ui.worker import wait_for_idle
from tests.conftest import World
from tests.reliability.support import cart
from tests.ui.order_support import TIMEOUT_MS, column_values

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the rules run on both in
# tests/integration; the view is the same code whatever the database.


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _panel(qtbot, desk) -> TicklersPanel:  # type: ignore[no-untyped-def]
    panel = TicklersPanel(desk)
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    panel.activateWindow()
    panel.refresh()
    qtbot.waitUntil(panel.calls.is_idle, timeout=TIMEOUT_MS)
    return panel


def _window(qtbot, desk) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(desk, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ticklers.calls.is_idle() and window.ticklers.reminder.calls.is_idle(),
                    timeout=TIMEOUT_MS)
    return window


def _dialog(qtbot, name: str) -> QDialog:  # type: ignore[no-untyped-def]
    found: list[QDialog] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=TIMEOUT_MS)
    found[0].activateWindow()  # keys reach a dialog's shortcuts once it is the active window
    qtbot.waitUntil(found[0].isActiveWindow, timeout=TIMEOUT_MS)
    return found[0]


def test_tkl_1_the_view_lists_due_ones_first(qtbot, qtmodeltester, csr, world: World) -> None:
    csr.ticklers.create("Next week", customer_id=world.customer_id, remind_at=_now() + timedelta(days=7))
    csr.ticklers.create("Overdue", customer_id=world.customer_id, remind_at=_now() - timedelta(hours=2))
    panel = _panel(qtbot, csr)
    assert column_values(panel.model, 1) == ["Overdue", "Next week"]
    assert column_values(panel.model, 0) == ["Due", ""]
    assert column_values(panel.model, 2) == ["Mercy Taylor", "Mercy Taylor"]
    qtmodeltester.check(panel.model, force_py=True)


def test_tkl_1_record_and_resolve_from_the_keyboard(qtbot, csr, world: World) -> None:
    tickler = csr.ticklers.create("Call back", customer_id=world.customer_id)
    panel = _panel(qtbot, csr)
    panel.table.setFocus()
    assert panel.selected().id == tickler.id and panel.record_button.isEnabled()
    qtbot.keyClick(panel.table, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    dialog = _dialog(qtbot, "actionDialog")
    qtbot.keyClicks(dialog.text, "Left a voicemail")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(csr.ticklers.get(tickler.id).actions), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "voicemail" in panel.details.toPlainText(), timeout=TIMEOUT_MS)
    panel.activateWindow()  # as the window manager does when the dialog closes
    qtbot.waitUntil(panel.isActiveWindow, timeout=TIMEOUT_MS)
    assert panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    dialog = _dialog(qtbot, "resolveDialog")
    qtbot.keyClicks(dialog.text, "Customer called back")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=TIMEOUT_MS)
    assert csr.ticklers.get(tickler.id).status == "resolved"
    assert "resolved" in panel.message.text()


def test_tkl_1_reassign_is_offered_to_a_supervisor_not_to_a_csr(qtbot, csr, supervisor, world: World
                                                               ) -> None:
    tickler = csr.ticklers.create("Discount question", customer_id=world.customer_id, role="supervisor")
    csr.ticklers.create("My own", customer_id=world.customer_id)
    mine = _panel(qtbot, csr)
    assert not mine.reassign_button.isEnabled() and "Supervisor" in mine.reassign_button.toolTip()
    theirs = _panel(qtbot, supervisor)
    assert theirs.selected().id == tickler.id and theirs.reassign_button.isEnabled()
    theirs.table.setFocus()
    qtbot.keyClick(theirs.table, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    dialog = _dialog(qtbot, "reassignDialog")
    qtbot.keyClicks(dialog.assignee, "csr2")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.assignee, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: csr.ticklers.get(tickler.id).assignee == "csr2", timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: theirs.model.rowCount() == 0, timeout=TIMEOUT_MS)


def test_tkl_1_a_supervisor_sees_everyones_ticklers_to_reassign_them(qtbot, csr, supervisor,
                                                                      world: World) -> None:
    csr.ticklers.create("A rep's own", customer_id=world.customer_id)
    assert _panel(qtbot, csr).scope.isHidden()
    panel = _panel(qtbot, supervisor)
    assert panel.model.rowCount() == 0 and panel.scope.isVisible()
    panel.scope.setFocus()
    qtbot.keyClick(panel.scope, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=TIMEOUT_MS)
    assert column_values(panel.model, 4) == ["csr"] and panel.reassign_button.isEnabled()


def test_tkl_1_a_refused_reassignment_stays_in_the_dialog(qtbot, supervisor, world: World) -> None:
    supervisor.ticklers.create("Mine", customer_id=world.customer_id)
    panel = _panel(qtbot, supervisor)
    dialog = panel.reassign_selected()
    qtbot.keyClicks(dialog.assignee, "nobody-here")  # type: ignore[union-attr]
    qtbot.keyClick(dialog.assignee, Qt.Key.Key_Return)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=TIMEOUT_MS)  # type: ignore[union-attr]
    assert "nobody-here" in dialog.error.text() and dialog.isVisible()  # type: ignore[union-attr]


def test_tkl_1_ctrl_t_creates_a_tickler_for_the_open_order(qtbot, csr, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    window = _window(qtbot, csr)
    editor = window.open_order(order.id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, "newTicklerDialog")
    assert QApplication.focusWidget() is dialog.reason  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.reason, "Confirm the delivery date")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(csr.ticklers.mine()), timeout=TIMEOUT_MS)
    tickler = csr.ticklers.mine()[0]
    assert tickler.order_id == order.id and tickler.reason == "Confirm the delivery date"
    qtbot.waitUntil(lambda: window.ticklers.model.rowCount() == 1, timeout=TIMEOUT_MS)


def test_tkl_1_ctrl_t_without_an_open_order_says_what_to_do(qtbot, csr, world: World) -> None:
    window = _window(qtbot, csr)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert "Open an order or a customer first" in window.ticklers.message.text()
    assert not [w for w in QApplication.topLevelWidgets()
                if w.objectName() == "newTicklerDialog" and w.isVisible()]


def test_tkl_1_a_tickler_that_falls_due_is_announced_once_from_a_worker(qtbot, csr, csr2,
                                                                        world: World) -> None:
    csr.ticklers.create("Due before the desk opened", customer_id=world.customer_id)
    window = _window(qtbot, csr)
    # What was due at sign-in is counted on the view's tab, not announced in the status bar.
    qtbot.waitUntil(lambda: window.ticklers.dock.windowTitle() == "Ticklers (1 due)", timeout=TIMEOUT_MS)
    assert "Due before" not in window.statusBar().currentMessage()
    threads: list[str] = []
    looked = csr.ticklers.mine

    def spy(**kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return looked(**kwargs)

    csr.ticklers.mine = spy  # type: ignore[method-assign]
    csr2.ticklers.create("Ring Mercy back", customer_id=world.customer_id, assignee="csr",
                         remind_at=_now() - timedelta(minutes=1))
    window.ticklers.reminder.check_now()
    qtbot.waitUntil(lambda: window.ticklers.notice.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "Ring Mercy back" in window.ticklers.notice.text(), timeout=TIMEOUT_MS)
    assert window.ticklers.notice.text() == "Tickler due: Ring Mercy back (Mercy Taylor)"
    assert "Ring Mercy back" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.ticklers.dock.windowTitle() == "Ticklers (2 due)", timeout=TIMEOUT_MS)
    assert threads and threading.main_thread().name not in threads
    announced = []
    window.ticklers.reminder.fell_due.connect(lambda fresh, _first: announced.append(fresh))
    window.ticklers.reminder.check_now()
    qtbot.waitUntil(window.ticklers.reminder.calls.is_idle, timeout=TIMEOUT_MS)
    assert announced == []


def test_aud_1_the_audit_view_is_for_administrators_only(qtbot, admin, csr, world: World) -> None:
    assert _window(qtbot, csr).audit_action is None
    window = _window(qtbot, admin)
    admin.customers.update(world.b2b_customer_id, credit_limit="1500.00")
    assert window.audit_action is not None
    window.audit_action.trigger()
    dialog = window.audit_dialog  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.calls.is_idle() and dialog.model.rowCount() > 0, timeout=TIMEOUT_MS)
    first = dialog.model.row_at(0)
    assert (first.field, first.before, first.after) == ("credit_limit", "1000.00", "1500.00")
    dialog.entity.setCurrentIndex(dialog.entity.findData("store"))
    qtbot.keyClicks(dialog.record, "B2B")
    qtbot.keyClick(dialog.record, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.calls.is_idle() and dialog.model.rowCount() > 0
                    and dialog.model.row_at(0).entity == "store", timeout=TIMEOUT_MS)
    assert {e.entity_name for e in dialog.model.rows} == {"B2B"}
    assert "found" in dialog.message.text()
