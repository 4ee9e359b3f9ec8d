"""About: the version, the database in use and where data, settings and logs live."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..paths import config_dir, data_dir, log_dir


def about_facts(database: str) -> dict[str, str]:
    return {
        "Version": __version__,
        "Database": database,
        "Data folder": str(data_dir()),
        "Settings folder": str(config_dir()),
        "Log folder": str(log_dir()),
        "Platform": f"Python {platform.python_version()}, Qt for Python {pyside_version}, "
                    f"{platform.system()} {platform.release()}",
    }


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Sales Center")
        self.facts = about_facts(database)
        title = QLabel(f"Sales Center {__version__}")
        title.setObjectName("aboutTitle")
        blurb = QLabel("The call-center order desk: orders, customers, blocks and holds.")
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for name, value in self.facts.items():
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.values[name] = label
            form.addRow(name + ":", label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("Copy")
        copy.clicked.connect(self.copy)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 260)

    def text(self) -> str:
        return "\n".join(f"{name}: {value}" for name, value in self.facts.items())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
