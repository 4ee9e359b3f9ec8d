"""Helpers for the order editor's widget tests: open an editor and wait for its calls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from salescenter.ui.order_editor import OrderEditor

TIMEOUT_MS = 15_000


def settle(qtbot: Any, editor: OrderEditor) -> None:
    """Wait until every call the editor started has answered on the GUI thread."""
    qtbot.waitUntil(editor.is_idle, timeout=TIMEOUT_MS)


def open_editor(qtbot: Any, desk: Any, order_id: int) -> OrderEditor:
    editor = OrderEditor(desk, order_id)
    qtbot.addWidget(editor)
    editor.resize(1280, 820)
    editor.show()
    editor.refresh()
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    return editor


def cell(model: Any, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def column_values(model: Any, column: int) -> list[str]:
    return [cell(model, row, column) for row in range(model.rowCount())]


def answer_dialog(qtbot: Any, editor: OrderEditor, *, reason: str = "", comment: str = "") -> None:
    """Fill the dialog the editor opened and press its OK button, as a rep would."""
    qtbot.waitUntil(lambda: editor.session.active_dialog is not None, timeout=TIMEOUT_MS)
    dialog: Any = editor.session.active_dialog
    if reason:
        dialog.reason_combo.setCurrentText("")
        qtbot.keyClicks(dialog.reason_combo.lineEdit(), reason)
    if comment:
        qtbot.keyClicks(dialog.comment_edit, comment)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
