"""New order: a store, and a registered customer or a guest (ORD-1, GST-1).

The order is created on a worker; a refusal (a guest in a B2B store, say) is
shown in the dialog, which stays open so the rep can choose differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..calls import Calls

if TYPE_CHECKING:
    from ...api import Desk
    from ...services.views import CustomerView, OrderSummaryView, OrderView, StoreView

SEARCH_DELAY_MS = 250


def customer_line(customer: CustomerView) -> str:
    parts = [f"{customer.last_name}, {customer.first_name}"]
    if customer.company:
        parts.append(customer.company)
    if customer.email:
        parts.append(customer.email)
    if customer.is_guest:
        parts.append("guest")
    return " · ".join(parts)


class NewOrderDialog(QDialog):
    order_created = Signal(object)  # OrderView

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, customer: CustomerView | None = None,
        guest: bool = False, store: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.created: OrderView | None = None
        self.setWindowTitle("New guest order" if guest else "New order")
        self.store_combo = QComboBox()
        self.store_combo.setObjectName("store")
        self._wanted_store = store
        self._customer_store: str | None = None
        self._stores: dict[str, StoreView] = {}
        self._store_by_rep = False  # a store the rep chose stands; refusals say why (GST-1)
        self._choosing = False
        self.customer_radio = QRadioButton("&Registered customer")
        self.guest_radio = QRadioButton("&Guest (consumer-direct stores only)")
        group = QButtonGroup(self)
        group.addButton(self.customer_radio)
        group.addButton(self.guest_radio)
        (self.guest_radio if guest else self.customer_radio).setChecked(True)

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("customer_find")
        self.find_edit.setPlaceholderText("Name (% wildcard), exact email or phone")
        self.results = QListWidget()
        self.results.setObjectName("customer_results")
        self.results.setMaximumHeight(140)
        self.guest_fields = {key: QLineEdit() for key in ("first_name", "last_name", "email", "phone")}
        for key, edit in self.guest_fields.items():
            edit.setObjectName(f"guest_{key}")

        customer_box = QGroupBox("Customer")
        customer_layout = QVBoxLayout(customer_box)
        customer_layout.addWidget(self.customer_radio)
        customer_layout.addWidget(self.find_edit)
        customer_layout.addWidget(self.results)
        customer_layout.addWidget(self.guest_radio)
        guest_form = QFormLayout()
        for key, label in (("first_name", "&First name:"), ("last_name", "&Last name:"),
                           ("email", "E&mail:"), ("phone", "&Phone:")):
            caption = QLabel(label)
            caption.setBuddy(self.guest_fields[key])
            guest_form.addRow(caption, self.guest_fields[key])
        customer_layout.addLayout(guest_form)

        self.error_label = QLabel()
        self.error_label.setObjectName("new_order_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#a31d14;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create order")
        self.buttons.accepted.connect(self.create_order)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        store_label = QLabel("&Store:")
        store_label.setBuddy(self.store_combo)
        form.addRow(store_label, self.store_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(customer_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.find_edit.textEdited.connect(lambda *_: self._timer.start())
        self.find_edit.textEdited.connect(lambda *_: self.customer_radio.setChecked(True))
        for edit in self.guest_fields.values():
            edit.textEdited.connect(lambda *_: self.guest_radio.setChecked(True))
        self.customer_radio.toggled.connect(lambda *_: self._update())
        self.guest_radio.toggled.connect(lambda *_: self._choose_store())
        self.store_combo.currentIndexChanged.connect(lambda *_: self._store_changed())
        self.results.currentRowChanged.connect(lambda *_: self._update())
        self.calls = Calls(self, say=self._say)
        if customer is not None:
            self._show_customers([customer])
            self.results.setCurrentRow(0)
            self.find_edit.setText(customer.full_name)
            if not store:
                search, customer_id = desk.orders.search, customer.id
                self._call(lambda: search(customer_id=customer_id, kind=None, limit=1),
                           self._customer_store_found)
        # The keyboard starts where this dialog is filled in: the guest's name or the search.
        (self.guest_fields["first_name"] if guest else self.find_edit).setFocus()
        stores = desk.stores
        self._call(stores.list, self._show_stores)
        self._update()

    # loading ---------------------------------------------------------------------------

    def _call(self, call: Any, on_done: Any) -> None:
        self.calls.run(call, on_done, on_failed=self._update)

    def is_idle(self) -> bool:
        return self.calls.is_idle()

    def _show_stores(self, stores: list[StoreView]) -> None:
        self._choosing = True  # filling the list is not the rep choosing
        self.store_combo.clear()
        for store in stores:
            kind = "B2B" if store.kind == "b2b" else "consumer direct"
            self.store_combo.addItem(f"{store.code} — {store.name} ({kind})", store.code)
        self._choosing = False
        self._stores = {store.code: store for store in stores}
        self._choose_store()
        self._update()

    def _store_changed(self) -> None:
        if not self._choosing:
            self._store_by_rep = True

    def _choose_store(self) -> None:
        """The rep's preferred store, else the store of the customer's latest order, else the
        first consumer-direct one; never a B2B store for a guest, who is refused there (GST-1)."""
        if self._store_by_rep:
            return
        guest = self.guest_radio.isChecked()
        usable = [code for code, store in self._stores.items() if not (guest and store.kind == "b2b")]
        consumer = [code for code, store in self._stores.items() if store.kind != "b2b"]
        for code in (self._wanted_store, self._customer_store, *consumer, *usable):
            if code in usable:
                self._choosing = True
                try:
                    self.store_combo.setCurrentIndex(self.store_combo.findData(code))
                finally:
                    self._choosing = False
                return

    def _customer_store_found(self, orders: list[OrderSummaryView]) -> None:
        self._customer_store = orders[0].store if orders else None
        if not self._wanted_store:
            self._choose_store()

    def search(self) -> None:
        text = self.find_edit.text().strip()
        if not text:
            self.results.clear()
            return
        customers = self.desk.customers
        self._call(lambda: customers.find(text, include_guests=False), self._show_customers)

    def _show_customers(self, customers: list[CustomerView]) -> None:
        self.results.clear()
        for customer in customers:
            item = QListWidgetItem(customer_line(customer))
            item.setData(Qt.ItemDataRole.UserRole, customer)
            self.results.addItem(item)
        if len(customers) == 1:
            self.results.setCurrentRow(0)
        self._update()

    def chosen_customer(self) -> CustomerView | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update(self) -> None:
        guest = self.guest_radio.isChecked()
        ready = self.store_combo.count() > 0 and (guest or self.chosen_customer() is not None)
        self.create_button.setEnabled(ready)

    # creating ----------------------------------------------------------------------------

    def create_order(self) -> None:
        store = self.store_combo.currentData()
        if not store:
            return
        orders = self.desk.orders
        self.error_label.hide()
        if self.guest_radio.isChecked():
            guest = {key: edit.text().strip() for key, edit in self.guest_fields.items()}
            call = lambda: orders.create(store, guest=guest)  # noqa: E731
        else:
            customer = self.chosen_customer()
            if customer is None:
                return
            customer_id = customer.id
            call = lambda: orders.create(store, customer_id)  # noqa: E731
        self.create_button.setEnabled(False)
        self._call(call, self._created)

    def _created(self, view: OrderView) -> None:
        self.created = view
        self.order_created.emit(view)
        self.accept()

    def _say(self, text: str) -> None:
        """A refusal stays in the dialog, which stays open so the rep can choose differently."""
        self.error_label.setText(text)
        self.error_label.show()
