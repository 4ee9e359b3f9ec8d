"""Shown for an unexpected exception: what happened, with details a rep can copy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("Copy details")
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Sales Center hit an unexpected problem. Your last action may not have been saved.\n"
            "The details below were written to the log; copy them for your support desk."
        ))
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(640, 400)


def show_crash(details: str, parent: QWidget | None = None) -> CrashDialog:
    """Open the dialog without a nested event loop: the failure that called it has returned."""
    dialog = CrashDialog(details, parent)
    dialog.setObjectName("crashDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
