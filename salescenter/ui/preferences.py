"""Preferences (ORD-15): default store, shipping method, results per page, database.

The settings are a typed, versioned model kept as JSON in the user config
folder; the order preferences are also saved for the user on the server
(``desk.users.set_preferences``) so they follow the rep to another desk.
Window geometry lives in ``QSettings`` (see the main window).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..paths import config_dir
from .calls import Calls

if TYPE_CHECKING:
    from ..api import Desk

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: int = SETTINGS_VERSION
    default_store: str | None = None
    shipping_method: str | None = None
    results_per_page: int = Field(default=50, ge=10, le=500)
    database_url: str | None = None  # None: the embedded database; https://...: a Sales Center server
    server_ca_file: str | None = None  # the server's certificate (or CA) to trust; None: the system's
    last_user: str | None = None


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults when missing or unreadable (never fails start-up)."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        log.warning("Settings file %s unreadable (%s); using defaults", path, error)
        return Settings()
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as error:
        log.warning("Settings file %s invalid (%s); using defaults", path, error)
        return Settings()
    # Older versions carry the same fields; the version is simply brought forward.
    return settings.model_copy(update={"version": SETTINGS_VERSION})


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(settings.model_dump_json(indent=2), encoding="utf-8")
    temporary.replace(path)


class PreferencesDialog(QDialog):
    def __init__(self, desk: Desk, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.settings = settings
        self.setWindowTitle("Preferences")
        self.store = QComboBox()
        self.store.setObjectName("defaultStore")
        self.store.addItem("Ask each time", None)
        self.shipping = QComboBox()
        self.shipping.setObjectName("shippingMethod")
        self.shipping.addItem("Store default", None)
        # The names the services give the methods (labels.SHIPPING_NAMES), never our own.
        for code, label in desk.shipping_methods().items():
            self.shipping.addItem(label, code)
        self.shipping.setCurrentIndex(max(0, self.shipping.findData(settings.shipping_method)))
        self.per_page = QSpinBox()
        self.per_page.setObjectName("resultsPerPage")
        self.per_page.setRange(10, 500)
        self.per_page.setSingleStep(10)
        self.per_page.setValue(settings.results_per_page)
        self.database = QLineEdit(settings.database_url or "")
        self.database.setObjectName("databaseUrl")
        self.database.setPlaceholderText("Embedded database (leave empty), or https://server:8443")
        self.ca_file = QLineEdit(settings.server_ca_file or "")
        self.ca_file.setObjectName("serverCaFile")
        self.ca_file.setPlaceholderText("The system's certificates (leave empty)")
        form = QFormLayout()
        form.addRow("Default &store:", self.store)
        form.addRow("S&hipping method:", self.shipping)
        form.addRow("&Results per page:", self.per_page)
        form.addRow("&Database or server:", self.database)
        form.addRow("Server &certificate file:", self.ca_file)
        note = QLabel("A new database or server takes effect the next time Sales Center starts.")
        note.setObjectName("hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.calls = Calls(self, say=self._say)
        self._load_stores()

    def _load_stores(self) -> None:
        def done(stores: list[Any]) -> None:
            for store in stores:
                self.store.addItem(f"{store.code} — {store.name}", store.code)
            self.store.setCurrentIndex(max(0, self.store.findData(self.settings.default_store)))

        self.calls.run(self.desk.stores.list, done)

    def chosen(self) -> Settings:
        return self.settings.model_copy(update={
            "default_store": self.store.currentData(),
            "shipping_method": self.shipping.currentData(),
            "results_per_page": self.per_page.value(),
            "database_url": self.database.text().strip() or None,
            "server_ca_file": self.ca_file.text().strip() or None,
        })

    def save(self) -> None:
        chosen = self.chosen()
        self.buttons.setEnabled(False)
        set_preferences = self.desk.users.set_preferences

        def call() -> object:
            return set_preferences(default_store=chosen.default_store,
                                   shipping_method=chosen.shipping_method,
                                   results_per_page=chosen.results_per_page)

        def done(_result: object) -> None:
            save_settings(chosen)
            self.settings = chosen
            self.accept()

        self.calls.run(call, done, on_failed=lambda: self.buttons.setEnabled(True))

    def _say(self, text: str) -> None:
        """A refusal names the preference to fix; the dialog stays open with the choices made."""
        self.refusal.setText(text)
        self.refusal.show()
