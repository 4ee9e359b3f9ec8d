"""Payments: the store's payment methods (PAY-1), several per order, what is still due, and
voids and refunds (PAY-3), each enabled and explained from the payment's own actions map.
The payment service the desk goes through is named on the page: the default is simulated."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..dialogs.payment_dialogs import RefundDialog, VoidPaymentDialog
from ..table_model import words
from .commands import reason_in, show_command
from .models import PaymentsModel
from .page import OrderPage, selected_row, table
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.payment_views import GatewayView, PaymentView
    from ...services.views import OrderView, StoreView

ADD_TIP = "Add a payment of the chosen method for the amount typed"
VOID_TIP = "Void the chosen payment: its authorization is let go before anything is captured"
REFUND_TIP = "Refund captured money of the chosen payment (or of the order, newest payment first)"
CHOOSE_PAYMENT = "Choose a payment first."


def payment_name(payment: PaymentView) -> str:
    return f"payment {payment.id} ({words(payment.method)} {payment.authorized_amount:,.2f})"


class PaymentsPage(OrderPage):
    title = "Payments"

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = PaymentsModel(self)
        self.view = table(self.model, stretch=6, name="payments_view")
        chosen = self.view.selectionModel()
        chosen.selectionChanged.connect(lambda *_: self._update_form())
        chosen.currentChanged.connect(lambda *_: self._update_form())
        self.gateway_label = QLabel()
        self.gateway_label.setObjectName("payment_gateway")
        self.gateway_label.setWordWrap(True)  # never widens a narrow window
        self.balance_label = QLabel()
        self.balance_label.setObjectName("balance")
        self.balance_label.setWordWrap(True)
        self.void_button = QPushButton("Void payme&nt...")
        self.void_button.setObjectName("void_payment")
        self.void_button.clicked.connect(self.void_payment)
        self.refund_button = QPushButton("&Refund...")
        self.refund_button.setObjectName("refund")
        self.refund_button.clicked.connect(self.refund)
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.void_button)
        buttons.addWidget(self.refund_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.gateway_label)
        list_label = QLabel("Pa&yments on this order:")
        list_label.setBuddy(self.view)  # Alt+Y: into the list, to void or refund one
        layout.addWidget(list_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.balance_label)
        layout.addWidget(form_box)
        self._store: str | None = None
        self._typed_amount = False
        self._gateway_asked = False

    def show_order(self, view: OrderView) -> None:
        self.model.set_rows(view.payments)
        due = view.payment_due
        parts = [f"Total {view.total:,.2f} {view.currency}", f"Authorized {view.paid_total:,.2f}",
                 f"Due {due:,.2f}"]
        if view.refund_due > 0:
            parts.append(f"Refund due {view.refund_due:,.2f}")
        self.balance_label.setText("   ".join(parts))
        if not self._typed_amount:
            self.amount_edit.setText(f"{due:.2f}" if due > 0 else "")
        if view.store != self._store:
            self._store = view.store
            stores, code = self.desk.stores, view.store
            self.session.run(lambda: stores.get(code), self._show_methods)
        if not self._gateway_asked:
            self._gateway_asked = True
            self.session.run(self.desk.orders.payment_gateway, self._show_gateway)
        self._update_form()

    def landing_field(self) -> QWidget | None:
        """The amount due is filled in (Enter takes it, or type another) while the order takes
        payments; otherwise the list, to void or refund one."""
        return self.amount_edit if self.amount_edit.isEnabled() else self.view

    def _show_gateway(self, gateway: GatewayView) -> None:
        self.gateway_label.setText(f"Payment service: {gateway.name}")

    def _show_methods(self, store: StoreView) -> None:
        self.method_combo.clear()
        for method in store.payment_methods:
            self.method_combo.addItem(words(method), method)

    def _typed(self) -> None:
        self._typed_amount = True

    def selected_payment(self) -> Any:
        return self.model.row_at(selected_row(self.view))

    def _update_form(self) -> None:
        refusal = self.session.refusal("add_payment")
        typing = any(w.hasFocus() for w in (self.method_combo, self.amount_edit, self.card_edit))
        for widget in (self.method_combo, self.amount_edit):
            widget.setEnabled(refusal is None)
        show_command(self.add_button, refusal, ADD_TIP)
        self.card_edit.setEnabled(refusal is None and self.method_combo.currentData() == "credit_card")
        if typing and refusal is not None:  # paid in full: the keyboard stays on the page, in the list
            self.view.setFocus()
        payment = self.selected_payment()
        void = (self.session.refusal("void_payment") or CHOOSE_PAYMENT) if payment is None else (
            reason_in(payment.actions, "void_payment"))
        show_command(self.void_button, void, VOID_TIP)
        refund = self.session.refusal("refund") if payment is None else reason_in(payment.actions, "refund")
        show_command(self.refund_button, refund, REFUND_TIP)

    # actions -----------------------------------------------------------------------------

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

    def void_payment(self) -> None:
        payment = self.selected_payment()
        if payment is None or not self.void_button.isEnabled():
            return
        dialog = VoidPaymentDialog(payment_name(payment), self)
        orders, order_id, payment_id = self.desk.orders, self.session.order_id, payment.id

        def void() -> None:
            reason = dialog.reason()
            self.session.apply(
                lambda v: orders.void_payment(order_id, payment_id, reason, expected_version=v))

        self.session.open_dialog(dialog, void)

    def refund(self) -> None:
        view, payment = self.session.view, self.selected_payment()
        if view is None or not self.refund_button.isEnabled():
            return
        if payment is not None:
            target, payment_id = payment_name(payment), payment.id
            left = payment.captured_amount - payment.refunded_amount
        else:
            target, payment_id = f"order {view.number}", None
            left = view.refund_due or sum(
                (p.captured_amount - p.refunded_amount for p in view.payments), Decimal("0.00"))
        dialog = RefundDialog(target, f"{left:.2f}", self)
        orders, order_id = self.desk.orders, view.id

        def give_back() -> None:
            amount, reason = dialog.amount(), dialog.reason()
            self.session.apply(lambda v: orders.refund(order_id, amount, reason, payment_id=payment_id,
                                                       expected_version=v))

        self.session.open_dialog(dialog, give_back)

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
