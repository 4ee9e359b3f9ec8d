"""Void an authorization or refund captured money (PAY-3): the dialogs ask why, and how much.

Opened window-modal with ``open()``; the caller acts on ``accepted``. What may be voided or
refunded, and how much, is the services' answer (the payment's ``actions`` map, and the
refusal of a refund beyond what was captured); these only collect the rep's words.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from .reasons import ReasonDialog

VOID_REASONS = (
    "Customer pays another way",
    "Authorized twice by mistake",
    "Customer asked to cancel the payment",
)
REFUND_REASONS = (
    "Goodwill for a late delivery",
    "Damaged in transit",
    "Price adjustment",
    "Charged twice by mistake",
)


class VoidPaymentDialog(ReasonDialog):
    def __init__(self, payment: str, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Void {payment}", f"The authorization of {payment} is let go; nothing of it will be "
            "captured. Why void it?", parent, reasons=VOID_REASONS, ask_comment=False,
            ok_text="Void payment",
        )


class RefundDialog(ReasonDialog):
    """How much goes back and why; ``amount`` starts at what the services say is refundable."""

    def __init__(self, target: str, amount: str, parent: QWidget | None = None) -> None:
        super().__init__(
            f"Refund {target}", f"Give captured money of {target} back to the customer.",
            parent, reasons=REFUND_REASONS, ask_comment=False, ok_text="Refund",
        )
        self.amount_edit = QLineEdit(amount)
        self.amount_edit.setObjectName("refund_amount")
        label = QLabel("&Amount:")
        label.setBuddy(self.amount_edit)
        form = self.findChild(QFormLayout)
        assert form is not None
        form.insertRow(0, label, self.amount_edit)
        self.amount_edit.textEdited.connect(lambda *_: self._update())
        self.amount_edit.selectAll()
        self.amount_edit.setFocus()
        self._update()

    def _update(self) -> None:
        amount = getattr(self, "amount_edit", None)
        self.ok_button.setEnabled(bool(self.reason()) and (amount is None or bool(amount.text().strip())))

    def amount(self) -> str:
        return self.amount_edit.text().strip().replace(",", "")

    def accept(self) -> None:
        if not self.amount():
            return
        super().accept()
