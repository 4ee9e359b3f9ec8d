"""An open order follows what other desks commit, within a second or two; what the rep
typed is never overwritten (the PostgreSQL issue's live updates, LCK-4 in the UI)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _window_with_order(qtbot, desk, order_id: int):
    window = MainWindow(desk, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.live._unsubscribe is not None, timeout=TIMEOUT_MS)
    editor = window.open_order(order_id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    return window, editor


def test_lck_4_an_open_order_reloads_when_another_desk_changes_it(qtbot, csr, csr2, world):
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 1)
    window, editor = _window_with_order(qtbot, csr, order.id)
    changed = csr2.orders.add_note(order.id, "Customer called back")
    qtbot.waitUntil(lambda: editor.view.version == changed.version, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert "Customer called back" in [note.text for note in editor.view.notes]
    window.close()


def test_lck_4_typed_changes_are_kept_and_the_rep_reads_who_changed_the_order(qtbot, csr, csr2, world):
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 1)
    window, editor = _window_with_order(qtbot, csr, order.id)
    editor.notes.note_edit.setPlainText("Half-typed note")
    csr2.orders.add_note(order.id, "Someone else's note")
    qtbot.waitUntil(lambda: "changed by csr2" in editor.message_bar.text(), timeout=TIMEOUT_MS)
    assert editor.message_bar.kind == "warning"
    assert editor.view.version == order.version  # not reloaded over what the rep typed
    assert editor.notes.note_edit.toPlainText() == "Half-typed note"
    editor.notes.note_edit.clear()
    window.close()
