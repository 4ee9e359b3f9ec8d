"""An address typed by a rep: the keys of API.md (name, line1, line2, city, region, postal_code,
country, phone), with a changed signal so editors know there is something unsaved."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

COUNTRY_HINT = "Two-letter code, e.g. US or CA"

FIELDS = (
    ("name", "&Name"),
    ("line1", "&Street"),
    ("line2", "Street (&2)"),
    ("city", "Cit&y"),
    ("region", "State / re&gion"),
    ("postal_code", "&ZIP / postal code"),
    ("country", "Co&untry"),
    ("phone", "Phon&e"),
)


def one_line(address: object) -> str:
    """An address as one line, for lists and labels."""
    if address is None:
        return ""
    get = address.get if isinstance(address, Mapping) else lambda key: getattr(address, key, "")
    parts = [get("name"), get("line1"), get("line2"), get("city"),
             " ".join(p for p in (get("region"), get("postal_code")) if p), get("country")]
    return ", ".join(p for p in parts if p)


class AddressForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QLineEdit] = {}
        for key, label in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"address_{key}")
            edit.textEdited.connect(lambda *_: self._mark())
            self.fields[key] = edit
            layout.addRow(label, edit)
        # A bare "US" in grey read as filled in: the hint says it is one to type.
        self.fields["country"].setPlaceholderText(COUNTRY_HINT)
        self.dirty = False

    def _mark(self) -> None:
        self.dirty = True
        self.edited.emit()

    def value(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.fields.items()}

    def is_empty(self) -> bool:
        return not any(self.value().values())

    def set_value(self, address: object) -> None:
        for key, edit in self.fields.items():
            if address is None:
                edit.clear()
            elif isinstance(address, Mapping):
                edit.setText(str(address.get(key) or ""))
            else:
                edit.setText(str(getattr(address, key, "") or ""))
        self.dirty = False

    def clear(self) -> None:
        self.set_value(None)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 - reads like Qt's own
        for edit in self.fields.values():
            edit.setReadOnly(read_only)
