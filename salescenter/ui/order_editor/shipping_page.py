"""Shipping: the first ship-to's address and method; a new address for this order only, or also
saved to the customer's address book (ADR-1), or as another ship-to; the ship-tos with their
items and charges (SHP-1, PRC-6)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..dialogs.address_form import AddressForm, one_line
from .commands import show_command
from .page import OrderPage
from .session import OrderSession
from .ship_tos_panel import ShipTosPanel

if TYPE_CHECKING:
    from ...services.views import CustomerView, OrderView


class ShippingPage(OrderPage):
    title = "Shipping"

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.ship_to_label = QLabel()
        self.ship_to_label.setObjectName("ship_to")
        self.ship_to_label.setWordWrap(True)
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("shipping_method")
        for code, name in self.desk.shipping_methods().items():
            self.method_combo.addItem(name, code)
        self.method_combo.activated.connect(lambda *_: self.apply_method())

        self.book_combo = QComboBox()
        self.book_combo.setObjectName("address_book")
        self.use_book_button = QPushButton("Ship to this &address")
        self.use_book_button.setObjectName("use_book_address")
        self.use_book_button.clicked.connect(self.use_book_address)

        self.form = AddressForm()
        self.form.edited.connect(self._update_buttons)
        self.save_to_book = QCheckBox("Also save to the address &book")
        self.save_to_book.setObjectName("save_to_address_book")
        self.use_new_button = QPushButton("Ship to the ne&w address")
        self.use_new_button.setObjectName("use_new_address")
        self.use_new_button.clicked.connect(self.use_new_address)
        self.new_method_combo = QComboBox()
        self.new_method_combo.setObjectName("new_ship_to_method")
        for code, name in self.desk.shipping_methods().items():
            self.new_method_combo.addItem(name, code)
        self.add_ship_to_button = QPushButton("Add as another ship-&to")
        self.add_ship_to_button.setObjectName("add_ship_to")
        self.add_ship_to_button.clicked.connect(self.add_ship_to)
        self.ship_tos = ShipTosPanel(session)

        current = QGroupBox("Ship-to 1")
        current_layout = QFormLayout(current)
        current_layout.addRow("Address:", self.ship_to_label)
        method_label = QLabel("Shipping &method:")
        method_label.setBuddy(self.method_combo)
        current_layout.addRow(method_label, self.method_combo)

        book = QGroupBox("From the customer's address book")
        book_layout = QHBoxLayout(book)
        book_layout.addWidget(self.book_combo, 1)
        book_layout.addWidget(self.use_book_button)

        new = QGroupBox("A new address")
        new_layout = QVBoxLayout(new)
        new_layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.save_to_book)
        row.addStretch(1)
        row.addWidget(self.use_new_button)
        new_layout.addLayout(row)
        another = QHBoxLayout()
        another.addStretch(1)
        another.addWidget(QLabel("Its method:"))
        another.addWidget(self.new_method_combo)
        another.addWidget(self.add_ship_to_button)
        new_layout.addLayout(another)

        layout = QVBoxLayout(self)
        layout.addWidget(current)
        layout.addWidget(book)
        layout.addWidget(new)
        layout.addWidget(self.ship_tos, 1)
        self._customer_id: int | None = None

    def show_order(self, view: OrderView) -> None:
        self.ship_to_label.setText(one_line(view.shipping_address) or "No shipping address yet.")
        position = self.method_combo.findData(view.shipping_method)
        if position >= 0:
            self.method_combo.setCurrentIndex(position)
        if view.customer_id != self._customer_id:
            self._customer_id = view.customer_id
            self.load_address_book()
        self.ship_tos.show_order(view)
        self._update_buttons()

    def landing_field(self) -> QWidget | None:
        """The address book when there is one, else the new address's first field."""
        return self.book_combo if self.book_combo.count() else self.form.fields["name"]

    def load_address_book(self) -> None:
        customer_id = self._customer_id
        if customer_id is None:
            self._show_book(None)
            return
        customers = self.desk.customers
        self.session.run(lambda: customers.get(customer_id), self._show_book)

    def _show_book(self, customer: CustomerView | None) -> None:
        self.book_combo.clear()
        for address in (customer.addresses if customer else []):
            self.book_combo.addItem(one_line(address), address)
        guest = customer is None or customer.is_guest
        self.save_to_book.setEnabled(not guest)
        self.save_to_book.setToolTip("A guest has no address book." if guest else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        refusal = self.session.refusal("set_shipping")
        editable = refusal is None
        self.method_combo.setEnabled(editable)
        self.book_combo.setEnabled(editable)
        self.form.setEnabled(editable)
        show_command(self.use_book_button, refusal if refusal or self.book_combo.count() else
                     "The customer's address book is empty.", "Ship to the chosen address-book entry")
        show_command(self.use_new_button, refusal if refusal or not self.form.is_empty() else
                     "Type the new address first.", "Ship to the address typed above")
        adding = self.session.refusal("add_ship_to")
        self.new_method_combo.setEnabled(adding is None)
        show_command(self.add_ship_to_button, adding if adding or not self.form.is_empty() else
                     "Type the new ship-to's address first.",
                     "Add the address typed above as another ship-to")

    # changes -----------------------------------------------------------------------

    def apply_method(self) -> None:
        method = self.method_combo.currentData()
        view = self.session.view
        if not self.session.allows("set_shipping") or view is None or method == view.shipping_method:
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.set_shipping(order_id, method=method, expected_version=v))

    def use_book_address(self) -> None:
        address: Any = self.book_combo.currentData()
        if address is None or not self.session.allows("set_shipping"):
            return
        chosen = address.model_dump(exclude={"id"})
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.set_shipping(order_id, chosen, expected_version=v))

    def use_new_address(self) -> None:
        if self.form.is_empty() or not self.session.allows("set_shipping"):
            return
        address = self.form.value()
        keep = self.save_to_book.isChecked() and self.save_to_book.isEnabled()
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(
            lambda v: orders.set_shipping(order_id, address, save_to_address_book=keep, expected_version=v),
            lambda _view: self._new_address_applied(keep),
        )

    def add_ship_to(self) -> None:
        if self.form.is_empty() or not self.add_ship_to_button.isEnabled():
            return
        address, method = self.form.value(), self.new_method_combo.currentData()
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(
            lambda v: orders.add_ship_to(order_id, address, method=method, expected_version=v),
            self._ship_to_added,
        )

    def _ship_to_added(self, view: OrderView) -> None:
        self.form.clear()
        if view.ship_tos:
            self.ship_tos.choose(view.ship_tos[-1].id)
            self.ship_tos.view.setFocus()
        self._update_buttons()

    def _new_address_applied(self, kept: bool) -> None:
        self.form.clear()
        self.save_to_book.setChecked(False)
        if kept:
            self.load_address_book()
        self._update_buttons()

    def has_unsaved_changes(self) -> bool:
        return self.form.dirty and not self.form.is_empty()

    def save(self) -> bool:
        if not self.has_unsaved_changes():
            return False
        self.use_new_address()
        return True

    def discard(self) -> None:
        self.form.clear()
        self._update_buttons()
