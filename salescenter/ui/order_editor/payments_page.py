"""Payments: the store's payment methods (PAY-1), several per order, and what is still due."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..table_model import words
from .commands import show_command
from .models import PaymentsModel
from .page import OrderPage, table
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import OrderView, StoreView

ADD_TIP = "Add a payment of the chosen method for the amount typed"


class PaymentsPage(OrderPage):
    title = "Payments"

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = PaymentsModel(self)
        self.view = table(self.model, stretch=4, name="payments_view")
        self.balance_label = QLabel()
        self.balance_label.setObjectName("balance")
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("payment_method")
        self.method_combo.currentIndexChanged.connect(lambda *_: self._update_form())
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("payment_amount")
        self.amount_edit.textEdited.connect(lambda *_: self._typed())
        self.card_edit = QLineEdit()
        self.card_edit.setObjectName("card_number")
        self.card_edit.setPlaceholderText("Card number (12 to 19 digits)")
        self.card_edit.textEdited.connect(lambda *_: self._typed())
        self.add_button = QPushButton("Add &payment")
        self.add_button.setObjectName("add_payment")
        self.add_button.clicked.connect(self.add_payment)
        self.amount_edit.returnPressed.connect(self.add_payment)
        self.card_edit.returnPressed.connect(self.add_payment)

        form_box = QGroupBox("Add a payment")
        form = QFormLayout(form_box)
        for text, widget in (("&Method:", self.method_combo), ("&Amount:", self.amount_edit),
                             ("Car&d number:", self.card_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.balance_label)
        layout.addWidget(form_box)
        self._store: str | None = None
        self._typed_amount = False

    def show_order(self, view: OrderView) -> None:
        self.model.set_rows(view.payments)
        due = max(view.total - view.paid_total, Decimal("0.00"))
        self.balance_label.setText(
            f"Total {view.total:,.2f} {view.currency}   Authorized {view.paid_total:,.2f}   Due {due:,.2f}"
        )
        if not self._typed_amount:
            self.amount_edit.setText(f"{due:.2f}" if due > 0 else "")
        if view.store != self._store:
            self._store = view.store
            stores, code = self.desk.stores, view.store
            self.session.run(lambda: stores.get(code), self._show_methods)
        self._update_form()

    def landing_field(self) -> QWidget | None:
        return self.amount_edit  # the amount due is filled in: Enter takes it, or type another

    def _show_methods(self, store: StoreView) -> None:
        self.method_combo.clear()
        for method in store.payment_methods:
            self.method_combo.addItem(words(method), method)

    def _typed(self) -> None:
        self._typed_amount = True

    def _update_form(self) -> None:
        refusal = self.session.refusal("add_payment")
        for widget in (self.method_combo, self.amount_edit):
            widget.setEnabled(refusal is None)
        show_command(self.add_button, refusal, ADD_TIP)
        self.card_edit.setEnabled(refusal is None and self.method_combo.currentData() == "credit_card")

    def add_payment(self) -> None:
        method = self.method_combo.currentData()
        amount = self.amount_edit.text().strip().replace(",", "")
        if not method or not self.add_button.isEnabled():
            return
        card = self.card_edit.text().strip() if method == "credit_card" else None
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(
            lambda v: orders.add_payment(order_id, method, amount, card_number=card or None,
                                         expected_version=v),
            lambda _view: self._added(),
        )

    def _added(self) -> None:
        self.card_edit.clear()
        self._typed_amount = False
        if self.session.view is not None:
            self.show_order(self.session.view)

    def has_unsaved_changes(self) -> bool:
        return bool(self.card_edit.text().strip()) or (self._typed_amount and bool(self.amount_edit.text()))

    def save(self) -> bool:
        if not self.has_unsaved_changes() or not self.add_button.isEnabled():
            return False
        self.add_payment()
        return True

    def discard(self) -> None:
        self.card_edit.clear()
        self._typed_amount = False
