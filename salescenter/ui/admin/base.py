"""What every administrator screen shares: a table of records with commands beside it, a
message line, forms that save through the desk, and confirmations.

Every call goes through ``Calls`` (a worker, never the GUI thread). A form stays open when
the desk refuses its input and shows the refusal, which names the field; it closes on
success. Commands are buttons with mnemonics, so every screen works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..calls import Calls
from ..table_model import ROW_ROLE, RowsModel

if TYPE_CHECKING:
    from ...api import Desk


def text_or_none(edit: QLineEdit) -> str | None:
    """An optional field: empty means "none"; the desk checks the rest."""
    value = edit.text().strip()
    return value or None


def line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def choices(name: str, options: dict[str, str], current: str | None = None) -> QComboBox:
    """A combo of codes shown by their names (the names come from the desk or labels.py)."""
    box = QComboBox()
    box.setObjectName(name)
    for code, label in options.items():
        box.addItem(label, code)
    if current is not None and box.findData(current) >= 0:
        box.setCurrentIndex(box.findData(current))
    return box


def check(name: str, text: str, on: bool = False) -> QCheckBox:
    box = QCheckBox(text)
    box.setObjectName(name)
    box.setChecked(on)
    return box


def table(name: str, model: RowsModel, *, many: bool = False) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if many
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the commands
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def selected_rows(view: QTableView) -> list[Any]:
    model = view.selectionModel()
    if model is None:
        return []
    return [index.data(ROW_ROLE) for index in sorted(model.selectedRows(), key=lambda i: i.row())]


def select_first(view: QTableView) -> None:
    if view.model().rowCount() and not selected_rows(view):
        view.selectRow(0)


class FormDialog(QDialog):
    """Labelled fields and Save/Cancel. ``build()`` reads the fields here and returns the
    desk call to run on a worker; ``saved`` carries its result."""

    saved = Signal(object)

    def __init__(self, parent: QWidget, title: str, name: str, rows: Sequence[tuple[str, QWidget]],
                 build: Callable[[], Callable[[], Any]]) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.build = build
        self.calls = Calls(self, say=self.say)
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        self.message = QLabel()
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if rows:
            rows[0][1].setFocus()

    def say(self, text: str) -> None:
        self.message.setText(text)

    def accept(self) -> None:
        if not self.calls.is_idle():
            return
        self.save_button.setEnabled(False)
        self.say("Saving…")
        self.calls.run(self.build(), self._saved, on_failed=lambda: self.save_button.setEnabled(True))

    def _saved(self, result: Any) -> None:
        self.saved.emit(result)
        super().accept()


def confirm(parent: QWidget, name: str, title: str, text: str, yes: str,
            on_yes: Callable[[], None]) -> QMessageBox:
    """A question answered before anything happens; No is the default (Enter does not delete)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    go.setObjectName("confirmYes")
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.buttonClicked.connect(lambda button: on_yes() if button is go else None)
    box.open()
    return box


class AdminPage(QWidget):
    """One screen: the records it loads (``load``, on a worker) and its command buttons."""

    title = ""
    authority = ""  # the desk's name for what the screen needs (Desk.can)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.calls = Calls(self, say=self.say)
        self.message = QLabel()
        self.message.setObjectName("adminMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_ = QVBoxLayout(self)
        self.commands: list[QPushButton] = []
        self._tickets: dict[str, int] = {}

    def say(self, text: str) -> None:
        self.message.setText(text)

    def button(self, text: str, name: str, slot: Callable[[], None], tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        self.commands.append(button)
        return button

    def section(self, caption: str, view: QTableView, buttons: Sequence[QPushButton]) -> QWidget:
        """A captioned table with its commands in a column to the right."""
        box = QWidget()
        title = QLabel(caption)
        title.setBuddy(view)
        title.setObjectName("sectionTitle")
        column = QVBoxLayout()
        for button in buttons:
            column.addWidget(button)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(view, 1)
        row.addLayout(column)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(row)
        return box

    def refresh(self) -> None:
        """Load the screen's records again (on a worker)."""

    def latest(self, kind: str, call: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """Run a load whose answer counts only if no later load of the same kind was asked
        for meanwhile (workers may answer out of order: a new search must not be
        overwritten by the previous one)."""
        ticket = self._tickets.get(kind, 0) + 1
        self._tickets[kind] = ticket
        self.calls.run(call, lambda result: on_done(result) if self._tickets[kind] == ticket else None)

    def focus_first(self) -> None:
        """Where the next keystroke belongs when the screen opens: its first table."""
        views = self.findChildren(QTableView)
        if views:
            views[0].setFocus()

    def change(self, call: Callable[[], Any], said: Callable[[Any], str]) -> None:
        """Run a change, say what it did, and reload the screen."""
        self.calls.run(call, lambda result: self.done(said(result)))

    def done(self, text: str) -> None:
        self.say(text)
        self.refresh()

    def form(self, title: str, name: str, rows: Sequence[tuple[str, QWidget]],
             build: Callable[[], Callable[[], Any]], said: Callable[[Any], str]) -> FormDialog:
        dialog = FormDialog(self, title, name, rows, build)
        dialog.saved.connect(lambda result: self.done(said(result)))
        dialog.open()
        return dialog
