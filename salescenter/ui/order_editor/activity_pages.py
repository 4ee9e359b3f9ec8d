"""Notes (ORD-14) and History (ORD-6): what was said about the order and everything done to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ..table_model import SORT_ROLE
from .commands import show_command
from .models import HistoryModel, NotesModel
from .page import OrderPage, table
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import HistoryEntryView, OrderView


class NotesPage(OrderPage):
    title = "Notes"

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = NotesModel(self)
        self.view = table(self.model, stretch=2, name="notes_view")
        self.view.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("note_text")
        self.note_edit.setPlaceholderText("A note about this order, kept with your name and the time")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(100)
        self.note_edit.textChanged.connect(self._update_button)
        self.add_button = QPushButton("Add &note")
        self.add_button.setObjectName("add_note")
        self.add_button.clicked.connect(self.add_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        label = QLabel("New no&te:")
        label.setBuddy(self.note_edit)
        layout.addWidget(label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_order(self, view: OrderView) -> None:
        self.model.set_rows(view.notes)
        self.note_edit.setReadOnly(not self.session.allows("add_note"))
        self._update_button()

    def _update_button(self) -> None:
        refusal = self.session.refusal("add_note")
        if refusal is None and not self.note_edit.toPlainText().strip():
            refusal = "Type the note first."
        show_command(self.add_button, refusal, "Add the note typed above to the order")

    def add_note(self) -> None:
        text = self.note_edit.toPlainText().strip()
        if not text or not self.add_button.isEnabled():
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.add_note(order_id, text, expected_version=v),
                           lambda _view: self.note_edit.clear())

    def has_unsaved_changes(self) -> bool:
        return bool(self.note_edit.toPlainText().strip())

    def save(self) -> bool:
        if not self.has_unsaved_changes() or not self.add_button.isEnabled():
            return False
        self.add_note()
        return True

    def discard(self) -> None:
        self.note_edit.clear()


class HistoryPage(OrderPage):
    title = "History"

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = table(self.proxy, stretch=3, name="history_view")
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.count_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        session.history_loaded.connect(self.show_history)

    def catch_up(self) -> None:
        super().catch_up()
        if self.session.view is not None:
            self.show_history(self.session.history)

    def show_history(self, entries: list[HistoryEntryView]) -> None:
        self.model.set_rows(entries)
        self.count_label.setText(f"{len(entries)} recorded activit{'ies' if len(entries) != 1 else 'y'}.")

    def activities(self) -> list[str]:
        """The activities in the order they happened (for the rep's eye and for tests)."""
        return [entry.activity for entry in self.model.rows]
