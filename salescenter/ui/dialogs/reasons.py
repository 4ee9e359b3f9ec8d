"""Small dialogs that ask why: cancel an order or a line, hold it, place, change or resolve a
block; and the personalization text of an item.

They are opened with ``open()`` (window-modal, not a nested event loop), and the
caller acts on ``accepted``; ``values()`` gives the reason and the comment.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

CANCEL_REASONS = (
    "Customer changed their mind",
    "Ordered by mistake",
    "Delivery would be too late",
    "Found a better price elsewhere",
    "Duplicate order",
)
HOLD_REASONS = (
    "Customer asked to wait",
    "Payment needs checking",
    "Address needs verification",
    "Awaiting stock confirmation",
)


class ReasonDialog(QDialog):
    def __init__(
        self, title: str, prompt: str, parent: QWidget | None = None, *,
        reasons: Sequence[str] = (), reason: str = "", comment: str = "",
        ask_reason: bool = True, ask_comment: bool = True, ok_text: str = "OK",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.ask_reason = ask_reason
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("reason")
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(list(reasons))
        self.reason_combo.setCurrentText(reason)
        self.comment_edit = QPlainTextEdit(comment)
        self.comment_edit.setObjectName("comment")
        self.comment_edit.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        form = self.form = QFormLayout()
        if ask_reason:
            label = QLabel("&Reason:")
            label.setBuddy(self.reason_combo)
            form.addRow(label, self.reason_combo)
        else:
            self.reason_combo.hide()
        if ask_comment:
            label = QLabel("&Comment:")
            label.setBuddy(self.comment_edit)
            form.addRow(label, self.comment_edit)
        else:
            self.comment_edit.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason_combo.editTextChanged.connect(lambda *_: self._update())
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.ask_reason or bool(self.reason()))

    def reason(self) -> str:
        return self.reason_combo.currentText().strip()

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()

    def values(self) -> tuple[str, str]:
        return self.reason(), self.comment()

    def accept(self) -> None:
        if self.ask_reason and not self.reason():
            return
        super().accept()


class CancelReasonDialog(ReasonDialog):
    def __init__(self, order_number: str, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Cancel order {order_number}",
            f"Order {order_number} and all of its items will be canceled. Why?",
            parent, reasons=CANCEL_REASONS, ask_comment=False, ok_text="Cancel order",
        )


class CancelRemainderDialog(ReasonDialog):
    """Supervisor: the lines not yet packed or shipped are canceled; the rest ships."""

    def __init__(self, order_number: str, lines: Sequence[str], parent: QWidget | None = None) -> None:
        now = ", ".join(lines) if lines else "none"
        super().__init__(
            f"Cancel remaining lines of order {order_number}",
            f"The lines of order {order_number} ({now}) that have not been packed or shipped will be "
            "canceled; packed and shipped lines stay. Why?",
            parent, reasons=CANCEL_REASONS, ask_comment=False, ok_text="Cancel remaining lines",
        )


class CancelItemDialog(ReasonDialog):
    """CAN-1: how many of a line to cancel (at most what has not started to leave), and why."""

    def __init__(self, sku: str, cancelable: int, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Cancel {sku}", f"Up to {cancelable} of {sku} can be canceled; their stock goes back "
            "and the order's totals follow. How many, and why?",
            parent, reasons=CANCEL_REASONS, ask_comment=False, ok_text="Cancel items",
        )
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("cancel_quantity")
        self.quantity_spin.setRange(1, max(cancelable, 1))
        self.quantity_spin.setValue(max(cancelable, 1))
        label = QLabel("&Quantity:")
        label.setBuddy(self.quantity_spin)
        self.form.insertRow(0, label, self.quantity_spin)
        self.quantity_spin.setFocus()

    def quantity(self) -> int:
        return self.quantity_spin.value()


class PersonalizeDialog(QDialog):
    """PER-1: the text engraved or embroidered on an item; empty removes it."""

    def __init__(self, sku: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Personalize {sku}")
        self.text_edit = QLineEdit(text)
        self.text_edit.setObjectName("personalization")
        self.text_edit.setPlaceholderText("An engraving or a monogram; leave empty to remove it")
        label = QLabel("&Text:")
        label.setBuddy(self.text_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        prompt = QLabel(f"The personalization of {sku} can change until it is packed.")
        prompt.setWordWrap(True)
        form = QFormLayout()
        form.addRow(label, self.text_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.text_edit.setFocus()
        self.text_edit.selectAll()

    def text(self) -> str:
        return self.text_edit.text().strip()


class HoldDialog(ReasonDialog):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Hold {what}", f"{what[:1].upper() + what[1:]} cannot be released for "
                         "shipment until the hold is released. Why hold it?",
                         parent, reasons=HOLD_REASONS, ask_comment=False, ok_text="Hold")


class PlaceBlockDialog(ReasonDialog):
    """Place a manual block (BLK-1), or change a block's reason and comment (BLK-5)."""

    def __init__(
        self, order_number: str, reasons: Sequence[str], parent: QWidget | None = None, *,
        reason: str = "", comment: str = "", modify: bool = False,
    ) -> None:
        super().__init__(
            f"{'Change block on' if modify else 'Block'} order {order_number}",
            "A blocked order cannot be released for fulfillment until the block is resolved."
            if not modify else "Change the reason or the comment of this block.",
            parent, reasons=reasons, reason=reason, comment=comment,
            ok_text="Save block" if modify else "Place block",
        )


class ResolveBlockDialog(ReasonDialog):
    def __init__(self, block_reason: str, parent: QWidget | None = None) -> None:
        super().__init__("Resolve block", f"Resolve the block '{block_reason}'. A comment is kept "
                         "in the order's history.", parent, ask_reason=False, ok_text="Resolve")
