"""Two small dialogs of the Shipping page (SHP-1, PRC-6): send an item, or part of it, to
another ship-to; override a ship-to's shipping charge with a reason.

Opened with ``open()`` like the reason dialogs; the caller acts on ``accepted``. They offer
only what the order's views allow (items whose own actions allow ``assign_item``); the
services check everything again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
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

if TYPE_CHECKING:
    from ...services.views import ItemView, ShipToView

OVERRIDE_REASONS = (
    "Goodwill for a delay",
    "Promised on the phone",
    "Oversize or heavy goods",
    "Matches a competitor's offer",
)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _row(form: QFormLayout, text: str, field: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, field)


class AssignItemDialog(QDialog):
    """Which item, to which ship-to, and how many of it (all: the line moves; fewer: it splits)."""

    def __init__(self, items: Sequence[ItemView], ship_tos: Sequence[ShipToView], to: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Send an item to a ship-to")
        names = {ship_to.id: ship_to.label for ship_to in ship_tos}
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("assign_item")
        for item in items:
            going = names.get(item.ship_to_id or 0, "")
            self.item_combo.addItem(f"{item.sku} {item.name} x {item.quantity} (to {going})", item)
        self.ship_to_combo = QComboBox()
        self.ship_to_combo.setObjectName("assign_to")
        for ship_to in ship_tos:
            self.ship_to_combo.addItem(ship_to.label, ship_to.id)
        if to is not None and self.ship_to_combo.findData(to) >= 0:
            self.ship_to_combo.setCurrentIndex(self.ship_to_combo.findData(to))
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("assign_quantity")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = _buttons(self, "Send")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout()
        _row(form, "&Item:", self.item_combo)
        _row(form, "&To:", self.ship_to_combo)
        _row(form, "&Quantity:", self.quantity_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.item_combo.currentIndexChanged.connect(lambda *_: self._item_chosen())
        self.ship_to_combo.currentIndexChanged.connect(lambda *_: self._update())
        self.quantity_spin.valueChanged.connect(lambda *_: self._update())
        self._item_chosen()

    def item(self) -> ItemView | None:
        found: ItemView | None = self.item_combo.currentData()
        return found

    def _item_chosen(self) -> None:
        item = self.item()
        self.quantity_spin.setRange(1, item.quantity if item else 1)
        self.quantity_spin.setValue(item.quantity if item else 1)
        self._update()

    def _update(self) -> None:
        item = self.item()
        same = item is not None and item.ship_to_id == self.ship_to_combo.currentData()
        self.ok_button.setEnabled(item is not None and not same)
        if item is None:
            self.note.setText("No item can go to another ship-to now.")
        elif same:
            self.note.setText(f"{item.sku} already goes there; choose another ship-to.")
        elif self.quantity_spin.value() < item.quantity:
            self.note.setText(f"{item.sku} splits: {self.quantity_spin.value()} go there, "
                              f"{item.quantity - self.quantity_spin.value()} stay.")
        else:
            self.note.setText(f"All {item.quantity} of {item.sku} go there.")

    def values(self) -> tuple[int, int, int | None]:
        """(item id, ship-to id, quantity to split off or None for the whole line)."""
        item = self.item()
        assert item is not None
        count = self.quantity_spin.value()
        return item.id, int(self.ship_to_combo.currentData()), None if count >= item.quantity else count

    def accept(self) -> None:
        if self.ok_button.isEnabled():
            super().accept()


class OverrideShippingDialog(QDialog):
    """A ship-to's shipping charge typed by the rep, with the reason; or back to the rate."""

    def __init__(self, ship_to: ShipToView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Shipping charge of {ship_to.label}")
        self.prompt = QLabel(
            f"Its rate charges {ship_to.rated_shipping:,.2f}; it charges {ship_to.shipping_total:,.2f} now. "
            "An override further below the rate than your limit blocks the order for review.")
        self.prompt.setWordWrap(True)
        self.amount_edit = QLineEdit(f"{ship_to.shipping_total}" if ship_to.shipping_overridden else "")
        self.amount_edit.setObjectName("override_amount")
        self.amount_edit.setPlaceholderText("e.g. 4.95")
        self.use_rate = QCheckBox("Charge the &rate again")
        self.use_rate.setObjectName("override_use_rate")
        self.use_rate.setEnabled(ship_to.shipping_overridden)
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("reason")
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(list(OVERRIDE_REASONS))
        self.reason_combo.setCurrentText(ship_to.override_reason)
        self.buttons = _buttons(self, "Override")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout()
        _row(form, "&Charge:", self.amount_edit)
        form.addRow("", self.use_rate)
        _row(form, "R&eason:", self.reason_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.amount_edit.textChanged.connect(lambda *_: self._update())
        self.reason_combo.editTextChanged.connect(lambda *_: self._update())
        self.use_rate.toggled.connect(lambda *_: self._update())
        self._update()

    def _update(self) -> None:
        self.amount_edit.setEnabled(not self.use_rate.isChecked())
        has_amount = self.use_rate.isChecked() or bool(self.amount_edit.text().strip())
        self.ok_button.setEnabled(has_amount and bool(self.reason()))

    def reason(self) -> str:
        return self.reason_combo.currentText().strip()

    def values(self) -> tuple[str | None, str]:
        """(the charge as typed, or None for the rate; the reason). The services check the amount."""
        return (None if self.use_rate.isChecked() else self.amount_edit.text().strip()), self.reason()

    def accept(self) -> None:
        if self.ok_button.isEnabled():
            super().accept()
