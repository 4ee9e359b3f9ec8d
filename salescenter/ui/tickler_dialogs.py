"""The dialogs of the Ticklers view (TKL-1): a new tickler, an action or a resolution, a reassignment.

Each is non-modal (opened with ``open()``) and runs its service call through ``Calls``;
a refusal is said inside the dialog, which stays open so the rep can fix the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..labels import ROLE_NAMES
from .calls import Calls

if TYPE_CHECKING:
    from ..api import Desk

ME = "Me"
ROLE_PREFIX = "Everyone in role: "


class AssigneePicker(QComboBox):
    """Me, a colleague's user name (typed), or everyone in a role."""

    def __init__(self, *, include_me: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setObjectName("assignee")
        if include_me:
            self.addItem(ME)
        for code, name in ROLE_NAMES.items():
            self.addItem(f"{ROLE_PREFIX}{name}", code)
        editor = self.lineEdit()
        if editor is not None:
            editor.setPlaceholderText("a colleague's user name, or a role")
        self.setToolTip("Type a colleague's user name, or choose everyone in a role")

    def choice(self) -> dict[str, str]:
        """The keywords the desk takes: {} for me, {"assignee": name} or {"role": code}."""
        typed = self.currentText().strip()
        if typed in ("", ME):
            return {}
        for code, name in ROLE_NAMES.items():
            if typed == f"{ROLE_PREFIX}{name}":
                return {"role": code}
        return {"assignee": typed}


class _CallDialog(QDialog):
    """OK runs ``call()`` off the GUI thread; a refusal stays in the dialog."""

    succeeded = Signal(object)  # the view the desk answered with

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.calls = Calls(self, say=self._say)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        # Enter in a comment box starts a new line; Ctrl+Enter finishes the dialog.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._submit)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def call(self) -> Callable[[], Any]:
        raise NotImplementedError

    def _submit(self) -> None:
        if not self.buttons.isEnabled():
            return  # already sent: one keypress, one call
        self.buttons.setEnabled(False)
        self.calls.run(self.call(), self._finished, on_failed=lambda: self.buttons.setEnabled(True))

    def _finished(self, view: Any) -> None:
        self.succeeded.emit(view)
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class NewTicklerDialog(_CallDialog):
    def __init__(self, desk: Desk, subject: dict[str, int], about: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("New Tickler", parent)
        self.setObjectName("newTicklerDialog")
        self.desk, self.subject = desk, subject
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText("e.g. Call back about the delivery date")
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("comment")
        self.comment.setTabChangesFocus(True)
        self.remind = QCheckBox("Remind me &on")
        self.remind.setObjectName("remindOn")
        self.when = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(
            int((datetime.now() + timedelta(hours=1)).timestamp())))
        self.when.setObjectName("remindAt")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setEnabled(False)
        self.remind.toggled.connect(self.when.setEnabled)
        self.assignee = AssigneePicker()
        self.form.addRow("About:", QLabel(about))
        self.form.addRow("&Reason:", self.reason)
        self.form.addRow("Co&mment:", self.comment)
        self.form.addRow(self.remind, self.when)
        self.form.addRow("Assign &to:", self.assignee)
        self.reason.setFocus()

    def call(self) -> Callable[[], Any]:
        reason, comment = self.reason.text(), self.comment.toPlainText()
        when: datetime | None = None
        if self.remind.isChecked():
            # The picked time is local; the desk keeps it in UTC.
            when = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch()).astimezone()
        who: dict[str, Any] = dict(self.assignee.choice())
        subject: dict[str, Any] = dict(self.subject)
        return lambda: self.desk.ticklers.create(reason, comment=comment, remind_at=when, **subject, **who)


class ActionDialog(_CallDialog):
    """Record what was done about a tickler, or resolve it with a comment."""

    def __init__(self, desk: Desk, tickler: Any, *, resolve: bool, parent: QWidget | None = None) -> None:
        super().__init__("Resolve Tickler" if resolve else "Record Action", parent)
        self.setObjectName("resolveDialog" if resolve else "actionDialog")
        self.desk, self.tickler_id, self.resolve = desk, tickler.id, resolve
        self.text = QPlainTextEdit()
        self.text.setObjectName("actionText")
        self.text.setTabChangesFocus(True)
        self.form.addRow(QLabel(tickler.reason))
        self.form.addRow("&Comment:" if resolve else "&What was done:", self.text)
        self.text.setFocus()

    def call(self) -> Callable[[], Any]:
        text, key = self.text.toPlainText(), self.tickler_id
        if self.resolve:
            return lambda: self.desk.ticklers.resolve(key, text)
        return lambda: self.desk.ticklers.record(key, text)


class ReassignDialog(_CallDialog):
    def __init__(self, desk: Desk, tickler: Any, parent: QWidget | None = None) -> None:
        super().__init__("Reassign Tickler", parent)
        self.setObjectName("reassignDialog")
        self.desk, self.tickler_id = desk, tickler.id
        self.assignee = AssigneePicker(include_me=False)
        self.assignee.setEditText("")
        self.form.addRow(QLabel(f"{tickler.reason} — now with {tickler.assigned_to}"))
        self.form.addRow("&Give to:", self.assignee)
        self.assignee.setFocus()

    def call(self) -> Callable[[], Any]:
        who, key = self.assignee.choice(), self.tickler_id
        return lambda: self.desk.ticklers.reassign(key, **who)
