"""The audit trail view (AUD-1): who changed which field of a customer, user, store,
product or promotion, when, from what to what. Shown to those the desk lets read it.

``install(window)`` adds View > Audit Trail… (Ctrl+Shift+U) when the signed-in user
holds the authority; the search runs on a worker, newest changes first.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .calls import Calls
from .table_model import Column, RowsModel

if TYPE_CHECKING:
    from ..api import Desk

READ_AUDIT = "Read the audit trail"  # the authority, in the desk's words
PAGE = 200


class AuditModel(RowsModel):
    columns = (
        Column("When", lambda e: e.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)),
        Column("User", lambda e: e.user),
        Column("Record", lambda e: f"{e.entity.capitalize()} {e.entity_id}"),
        Column("Name", lambda e: e.entity_name),
        Column("Field", lambda e: e.field.replace("_", " ")),
        Column("Before", lambda e: e.before),
        Column("After", lambda e: e.after),
    )

    def tooltip(self, row: Any) -> str | None:
        return f"{row.field}: {row.before or '(empty)'} → {row.after or '(empty)'}"


class AuditDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle("Audit Trail")
        self.desk = desk
        self.calls = Calls(self, say=self.say)
        self.entity = QComboBox()
        self.entity.setObjectName("auditEntity")
        self.entity.addItem("Any record", None)
        self.record = QLineEdit()
        self.record.setObjectName("auditRecord")
        self.record.setPlaceholderText("number, or user name / store code / SKU")
        self.user = QLineEdit()
        self.user.setObjectName("auditUser")
        self.user.setPlaceholderText("who made the change")
        self.search_button = QPushButton("&Search")
        self.search_button.setObjectName("auditSearch")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(lambda _checked=False: self.search())
        self.message = QLabel()
        self.message.setObjectName("auditMessage")
        self.message.setWordWrap(True)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        form = QFormLayout()
        form.addRow("Record &type:", self.entity)
        form.addRow("&Record:", self.record)
        form.addRow("Changed &by:", self.user)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addWidget(self.search_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.resize(900, 520)
        self.calls.run(self.desk.audit.entities, self._entities_loaded)

    def _entities_loaded(self, entities: dict[str, str]) -> None:
        for code, name in entities.items():
            self.entity.addItem(name, code)

    def filters(self) -> dict[str, Any]:
        found: dict[str, Any] = {"limit": PAGE}
        if self.entity.currentData() is not None:
            found["entity"] = self.entity.currentData()
        record = self.record.text().strip()
        if record:
            found["entity_id"] = int(record) if record.isdigit() else record
        if self.user.text().strip():
            found["user"] = self.user.text().strip()
        return found

    def search(self) -> None:
        filters = self.filters()
        self.search_button.setEnabled(False)
        self.calls.run(lambda: self.desk.audit.search(**filters), self._found,
                       on_failed=lambda: self.search_button.setEnabled(True))

    def _found(self, entries: list[Any]) -> None:
        self.search_button.setEnabled(True)
        self.model.set_rows(entries)
        more = " (the newest shown; narrow the search for older ones)" if len(entries) == PAGE else ""
        self.say(f"{len(entries)} change{'s' if len(entries) != 1 else ''} found{more}.")

    def say(self, text: str) -> None:
        self.message.setText(text)


def install(window: QMainWindow) -> QAction | None:
    """View > Audit Trail… for those who may read it; nobody else sees the command."""
    desk: Desk = window.desk  # type: ignore[attr-defined]
    if not desk.can(READ_AUDIT):
        return None
    action = QAction("&Audit Trail…", window)
    action.setObjectName("auditTrail")
    action.setShortcut(QKeySequence("Ctrl+Shift+U"))
    action.setStatusTip("Who changed customers, users, stores and the catalog, and how")

    def show_dialog() -> None:
        dialog = AuditDialog(desk, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.search()
        window.audit_dialog = dialog  # type: ignore[attr-defined]

    action.triggered.connect(lambda _checked=False: show_dialog())
    window.addAction(action)
    view_menu = next((a.menu() for a in window.menuBar().actions() if a.text() == "&View"), None)
    if isinstance(view_menu, QMenu):
        view_menu.addAction(action)
    return action
