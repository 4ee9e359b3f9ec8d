"""Signing in, and the first run: create the first administrator or load the demo."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import SalesCenterError
from .calls import Calls

if TYPE_CHECKING:
    from ..api import SalesCenter


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorText")
    label.setWordWrap(True)
    label.hide()
    return label


class LoginDialog(QDialog):
    """``desk`` holds the signed-in Desk once the dialog is accepted."""

    def __init__(self, center: SalesCenter, database: str, parent: QWidget | None = None, *,
                 username: str = "", hint: str = "") -> None:
        super().__init__(parent)
        self.calls = Calls(self, say=self._show_error)
        self.center = center
        self.desk: Any = None
        self.setWindowTitle("Sign in to Sales Center")
        title = QLabel("Sales Center")
        title.setObjectName("loginTitle")
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("&User name:", self.username)
        form.addRow("&Password:", self.password)
        self.error = _error_label()
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        where = QLabel(f"Database: {database}")
        where.setObjectName("hint")
        where.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in = QPushButton("&Sign In")
        self.sign_in.setDefault(True)
        self.buttons.addButton(self.sign_in, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(380)

    def try_sign_in(self) -> None:
        name, secret = self.username.text().strip(), self.password.text()
        if not name or not secret:
            self._show_error("Enter your user name and password.")
            return
        self.sign_in.setEnabled(False)
        self.error.hide()
        login = self.center.login

        def done(desk: Any) -> None:
            self.desk = desk
            self.accept()

        def refused(error: SalesCenterError) -> None:
            self._show_error(str(error))
            self.password.selectAll()
            self.password.setFocus()

        self.calls.run(lambda: login(name, secret), done, on_refused=refused,
                       on_failed=lambda: self.sign_in.setEnabled(True))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def demo_available() -> bool:
    return importlib.util.find_spec("salescenter.demo") is not None


class _Progress(QObject):
    message = Signal(str)


class FirstRunDialog(QDialog):
    """No user exists yet: create the first administrator, or load the demo data.

    Afterwards ``username`` and ``hint`` say how to sign in.
    """

    def __init__(self, center: SalesCenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls = Calls(self, say=self._say)
        self.center = center
        self.username = ""
        self.hint = ""
        self.setWindowTitle("Welcome to Sales Center")
        intro = QLabel("This database has no users yet. Create the first administrator, "
                       "or load the demo data to explore Sales Center with sample stores, "
                       "customers and orders.")
        intro.setWordWrap(True)
        self.admin_name = QLineEdit(center.FIRST_ADMINISTRATOR)
        self.admin_name.setObjectName("adminName")
        self.admin_password = QLineEdit()
        self.admin_password.setObjectName("adminPassword")
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_confirm = QLineEdit()
        self.admin_confirm.setObjectName("adminConfirm")
        self.admin_confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("Administrator &name:", self.admin_name)
        form.addRow("&Password:", self.admin_password)
        form.addRow("&Confirm password:", self.admin_confirm)
        self.create_button = QPushButton("Create &Administrator")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_admin)
        self.demo_button = QPushButton("Load &Demo Data")
        self.demo_button.setEnabled(demo_available())
        self.demo_button.clicked.connect(self.load_demo)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.error = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _busy(self, busy: bool, text: str = "") -> None:
        self.create_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy and demo_available())
        self.progress.setVisible(busy)
        self.status.setText(text)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def create_admin(self) -> None:
        name, secret = self.admin_name.text().strip(), self.admin_password.text()
        if secret != self.admin_confirm.text():
            self.error.setText("The two passwords differ; type the same password twice.")
            self.error.show()
            return
        self.error.hide()
        self._busy(True, "Creating the administrator…")
        create = self.center.create_user

        def done(user: Any) -> None:
            self.username = user.username
            self.hint = "Sign in with the administrator you just created."
            self.accept()

        # The first user is the administrator (create_user's default role).
        self.calls.run(lambda: create(name, secret), done, on_failed=lambda: self._busy(False))

    def load_demo(self) -> None:
        from ..demo import DEMO_FIRST_SIGN_IN, DEMO_PASSWORDS, load_demo

        self.error.hide()
        self._busy(True, "Loading the demo data (about a minute)…")
        relay = _Progress(self)
        relay.message.connect(self.status.setText)
        center = self.center

        def done(_report: Any) -> None:
            self.username = DEMO_FIRST_SIGN_IN
            self.hint = "Demo sign-ins: " + ", ".join(
                f"{name} / {password}" for name, password in DEMO_PASSWORDS.items()
            )
            self.accept()

        self.calls.run(lambda: load_demo(center, progress=relay.message.emit), done,
                       on_failed=lambda: self._busy(False))
