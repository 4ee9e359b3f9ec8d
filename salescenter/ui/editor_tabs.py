"""The editor area: one tab per business object, closing with Save / Discard / Cancel.

Editors are imported when first opened, so start-up stays quick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from .editor_base import Editor, EditorKey
from .lock_tab import TabLocks

if TYPE_CHECKING:
    from ..api import Desk


def editor_class(kind: str) -> type[Editor]:
    """The editor of one kind of business object ("order", "customer")."""
    if kind == "order":
        from .order_editor import OrderEditor

        return OrderEditor
    if kind == "return":
        from .return_editor import ReturnEditor

        return ReturnEditor
    if kind == "customer":
        from .customer_editor import CustomerEditor

        return CustomerEditor
    raise ValueError(f"There is no editor for {kind!r}.")


def confirm_unsaved(parent: QWidget, what: str) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel for pending changes (a seam tests replace)."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    return QMessageBox.question(
        parent, "Unsaved changes", f"{what} has unsaved changes. Save them before closing?",
        buttons, QMessageBox.StandardButton.Save,
    )


class EditorTabs(QTabWidget):
    current_editor_changed = Signal(object)  # Editor | None
    editor_status_changed = Signal(object, object)  # editor, OrderView | None
    open_order_requested = Signal(int)
    open_customer_requested = Signal(int)
    editor_opened = Signal(object)
    editor_closed = Signal(object)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("editorTabs")
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.editors: dict[EditorKey, Editor] = {}
        self.statuses: dict[EditorKey, Any] = {}
        self.locks = TabLocks(self.tabBar())
        self.tabCloseRequested.connect(lambda index: self.close_editor(self.widget(index)))
        self.currentChanged.connect(lambda _index: self.current_editor_changed.emit(self.current()))

    def current(self) -> Editor | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, Editor) else None

    def open(self, kind: str, object_id: int) -> Editor:
        key = (kind, object_id)
        if key in self.editors:
            self.setCurrentWidget(self.editors[key])
            return self.editors[key]
        editor = editor_class(kind)(self.desk, object_id)
        self.editors[editor.key()] = editor
        index = self.addTab(editor, f"{kind.title()} {object_id}")
        editor.title_changed.connect(lambda title, e=editor: self._retitle(e, title))
        editor.status_changed.connect(lambda view, e=editor: self._status(e, view))
        editor.open_order_requested.connect(self.open_order_requested.emit)
        editor.open_customer_requested.connect(self.open_customer_requested.emit)
        editor.notice_for_order.connect(self._notice_for_order)
        editor.open_return_requested.connect(lambda key: self.open("return", key))
        self.editor_opened.emit(editor)
        self.setCurrentIndex(index)
        editor.refresh()
        return editor

    def _notice_for_order(self, order_id: int, text: str) -> None:
        editor = self.editors.get(("order", order_id))
        if editor is not None:
            editor.show_notice(text)

    def _retitle(self, editor: Editor, title: str) -> None:
        index = self.indexOf(editor)
        if index >= 0:
            self.setTabText(index, title)
            self.setTabToolTip(index, title)

    def _status(self, editor: Editor, view: Any) -> None:
        self.statuses[editor.key()] = view
        self.locks.show(self.indexOf(editor), editor, getattr(view, "locked_by", None))
        self.editor_status_changed.emit(editor, view)

    def status_of(self, editor: Editor | None) -> Any:
        return None if editor is None else self.statuses.get(editor.key())

    def dirty_editors(self) -> list[Editor]:
        return [e for e in self.editors.values() if e.has_unsaved_changes()]

    def close_editor(self, widget: QWidget | None, after: Callable[[], None] | None = None) -> bool:
        """Close one tab; pending changes ask first. False when the rep canceled."""
        if not isinstance(widget, Editor):
            return True
        if widget.has_unsaved_changes():
            self.setCurrentWidget(widget)
            answer = confirm_unsaved(self, self.tabText(self.indexOf(widget)))
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save:
                widget.saved.connect(lambda e=widget: e.before_close(lambda: self._remove(e, after)))
                widget.save()
                return True
        # The editor may ask once more (an order's edit lock) and close later, or not at all.
        widget.before_close(lambda: self._remove(widget, after))
        return True

    def settle_all(self, then: Callable[[], None]) -> bool:
        """Before the window closes: each editor in turn may ask (an order's edit lock).

        True when none asked and ``then`` was not needed; otherwise ``then`` runs once
        the last editor agreed, and never when the rep canceled one.
        """
        state = {"asking": False, "settled": False}

        def step(editors: list[Editor]) -> None:
            if not editors:
                state["settled"] = True
                if state["asking"]:
                    then()
                return
            editors[0].before_close(lambda: step(editors[1:]))

        step(list(self.editors.values()))
        if state["settled"]:
            return True
        state["asking"] = True
        return False

    def _remove(self, editor: Editor, after: Callable[[], None] | None = None) -> None:
        index = self.indexOf(editor)
        if index < 0:
            return
        self.editors.pop(editor.key(), None)
        self.statuses.pop(editor.key(), None)
        self.locks.forget(editor)
        self.removeTab(index)
        self.editor_closed.emit(editor)
        editor.deleteLater()
        if after is not None:
            after()
