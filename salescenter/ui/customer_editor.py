"""The customer editor: profile, address book, the customer's orders (FND-4) and a context
panel with the order count and lifetime value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .calls import Calls
from .dialogs.address_form import AddressForm, one_line
from .dialogs.new_order import NewOrderDialog
from .editor_base import Editor
from .order_editor.page import selected_row, table
from .returns_list import ReturnsModel
from .table_model import SORT_ROLE, Column, RowsModel, words

if TYPE_CHECKING:
    from ..api import Desk
    from ..services.views import CustomerSummary, CustomerView, OrderSummaryView, ReturnView

REFRESH_DELAY_MS = 300

PROFILE_FIELDS = (("first_name", "Fi&rst name"), ("last_name", "&Last name"), ("company", "Compan&y"),
                  ("email", "&Email"), ("phone", "&Phone"))


class AddressesModel(RowsModel):
    columns = (
        Column("Name", lambda a: a.name),
        Column("Address", lambda a: one_line(a.model_dump(exclude={"name", "phone", "id"}))),
        Column("Phone", lambda a: a.phone),
    )


class CustomerOrdersModel(RowsModel):
    columns = (
        Column("Order", lambda o: o.number),
        Column("Kind", lambda o: words(o.kind)),
        Column("Status", lambda o: o.status_label),
        Column("Store", lambda o: o.store),
        Column("Created", lambda o: o.created_at),
        Column("Total", lambda o: o.total, money=True),
    )


class CustomerEditor(Editor):
    kind = "customer"

    def __init__(self, desk: Desk, object_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, object_id, parent)
        self.customer: CustomerView | None = None
        self.summary: CustomerSummary | None = None
        self.calls = Calls(self, say=self._say)
        self.header = QLabel("Opening the customer...")
        self.header.setObjectName("customer_header")
        self.message = QLabel()
        self.message.setObjectName("customer_message")
        self.message.setWordWrap(True)
        self.message.hide()

        self.profile = {key: QLineEdit() for key, _ in PROFILE_FIELDS}
        profile_form = QFormLayout()
        for key, label in PROFILE_FIELDS:
            edit = self.profile[key]
            edit.setObjectName(f"profile_{key}")
            edit.textEdited.connect(lambda *_: self._mark_profile())
            caption = QLabel(label + ":")
            caption.setBuddy(edit)
            profile_form.addRow(caption, edit)
        self.save_profile_button = QPushButton("&Save profile")
        self.save_profile_button.setObjectName("save_profile")
        self.save_profile_button.setEnabled(False)
        self.save_profile_button.clicked.connect(self.save_profile)
        profile_page = QWidget()
        profile_layout = QVBoxLayout(profile_page)
        profile_layout.addLayout(profile_form)
        profile_layout.addWidget(self.save_profile_button, 0, Qt.AlignmentFlag.AlignRight)
        profile_layout.addStretch(1)
        self._profile_dirty = False

        self.addresses = AddressesModel(self)
        self.addresses_view = table(self.addresses, stretch=1, name="addresses_view")
        self.add_address_button = QPushButton("&Add to address book")
        self.add_address_button.setObjectName("add_address")
        self.add_address_button.setEnabled(False)
        self.address_form = AddressForm()
        self.address_form.edited.connect(lambda: self.add_address_button.setEnabled(True))
        self.add_address_button.clicked.connect(lambda: self.save_address())
        # The address-book entry being changed (ADR-2: its orders keep their own copy); None: a new one.
        self.changing_address_id: int | None = None
        self.change_address_button = QPushButton("Edi&t selected address")
        self.change_address_button.setObjectName("change_address")
        self.change_address_button.setToolTip("Change this address-book entry; orders already placed "
                                              "keep the address they were given")
        self.change_address_button.setEnabled(False)
        self.change_address_button.clicked.connect(self.change_selected_address)
        self.addresses_view.activated.connect(lambda *_: self.change_selected_address())
        self.addresses_view.selectionModel().selectionChanged.connect(
            lambda *_: self.change_address_button.setEnabled(selected_row(self.addresses_view) >= 0))
        self.new_address_button = QPushButton("Ne&w address instead")
        self.new_address_button.setObjectName("new_address")
        self.new_address_button.clicked.connect(self.stop_changing_address)
        self.new_address_button.hide()
        address_page = QWidget()
        address_layout = QVBoxLayout(address_page)
        address_layout.addWidget(self.addresses_view, 1)
        address_layout.addWidget(self.change_address_button, 0, Qt.AlignmentFlag.AlignRight)
        self.address_box = QGroupBox("New address")
        new_layout = QVBoxLayout(self.address_box)
        new_layout.addWidget(self.address_form)
        address_buttons = QHBoxLayout()
        address_buttons.addStretch(1)
        address_buttons.addWidget(self.new_address_button)
        address_buttons.addWidget(self.add_address_button)
        new_layout.addLayout(address_buttons)
        address_layout.addWidget(self.address_box)

        self.orders = CustomerOrdersModel(self)
        self.orders_proxy = QSortFilterProxyModel(self)
        self.orders_proxy.setSourceModel(self.orders)
        self.orders_proxy.setSortRole(SORT_ROLE)
        self.orders_view = table(self.orders_proxy, name="customer_orders")
        self.orders_view.setSortingEnabled(True)
        self.orders_view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.orders_view.activated.connect(lambda *_: self.open_selected_order())
        self.new_order_button = QPushButton("&New order for this customer")
        self.new_order_button.setObjectName("new_order_for_customer")
        self.new_order_button.clicked.connect(self.new_order)
        orders_page = QWidget()
        orders_layout = QVBoxLayout(orders_page)
        orders_layout.addWidget(self.orders_view, 1)
        orders_layout.addWidget(self.new_order_button, 0, Qt.AlignmentFlag.AlignRight)

        # RET-6: the customer's returns, exchanges and misships, each opening in its own editor.
        self.returns = ReturnsModel(self)
        self.returns_view = table(self.returns, stretch=5, name="customer_returns")
        self.returns_view.activated.connect(lambda *_: self.open_selected_return())
        self.open_return_button = QPushButton("Open ret&urn")
        self.open_return_button.setObjectName("open_customer_return")
        self.open_return_button.clicked.connect(self.open_selected_return)
        returns_page = QWidget()
        returns_layout = QVBoxLayout(returns_page)
        returns_layout.addWidget(self.returns_view, 1)
        returns_layout.addWidget(self.open_return_button, 0, Qt.AlignmentFlag.AlignRight)

        self.tabs = QTabWidget()
        self.tabs.addTab(profile_page, "Profile")
        self.tabs.addTab(address_page, "Address book")
        self.tabs.addTab(orders_page, "Orders")
        self.tabs.addTab(returns_page, "Returns")

        self.context = QLabel()
        self.context.setObjectName("customer_context")
        self.context.setWordWrap(True)
        self.context.setAlignment(Qt.AlignmentFlag.AlignTop)
        context_box = QGroupBox("Customer at a glance")
        context_layout = QVBoxLayout(context_box)
        context_layout.addWidget(self.context)
        context_box.setMinimumWidth(240)
        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(context_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.active_dialog: NewOrderDialog | None = None
        # Live (like the order editor): a change to one of the customer's orders, here or on
        # another desk, reloads the Orders tab and the at-a-glance box, a burst of them once.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

    # the editor contract -----------------------------------------------------------------

    def refresh(self) -> None:
        desk, key = self.desk, self.object_id

        def load() -> tuple[CustomerView, CustomerSummary, list[OrderSummaryView], list[ReturnView]]:
            return (desk.customers.get(key), desk.customers.summary(key),
                    desk.orders.search(customer_id=key, kind=None, limit=500),
                    desk.returns.search(customer_id=key, limit=500))

        self._call(load, self._loaded)

    def shows_order(self, order_id: int) -> bool:
        return any(order.id == order_id for order in self.orders.rows)

    def refresh_soon(self) -> None:
        self._refresh_timer.start()

    def has_unsaved_changes(self) -> bool:
        return self._profile_dirty or (self.address_form.dirty and not self.address_form.is_empty())

    def save(self) -> None:
        if self._profile_dirty:
            self.save_profile(then=self.save)
        elif self.address_form.dirty and not self.address_form.is_empty():
            self.save_address(then=self.save)
        else:
            self.saved.emit()

    def is_idle(self) -> bool:
        return self.calls.is_idle()

    # loading -------------------------------------------------------------------------------

    def _call(self, call: Any, on_done: Any) -> None:
        self.calls.run(call, on_done)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("background:#fde2e1; color:#7a1c16; padding:4px;")
        self.message.show()

    def _loaded(self, result: tuple[CustomerView, CustomerSummary, list[OrderSummaryView],
                                    list[ReturnView]]) -> None:
        customer, summary, orders, returns = result
        self.customer, self.summary = customer, summary
        self.title_changed.emit(customer.full_name)
        self.status_changed.emit(None)
        guest = " (guest)" if customer.is_guest else ""
        self.header.setText(f"<b>{customer.full_name}</b>{guest}"
                            + (f" &nbsp; {customer.company}" if customer.company else ""))
        if not self._profile_dirty:
            for key, edit in self.profile.items():
                edit.setText(str(getattr(customer, key) or ""))
        self.addresses.set_rows(customer.addresses)
        self.orders.set_rows(orders)
        self.returns.set_rows(returns)
        self.open_return_button.setEnabled(bool(returns))
        last = summary.last_order_at.strftime("%Y-%m-%d") if summary.last_order_at else "never"
        self.context.setText(
            f"Orders: {summary.order_count}\n"
            f"Lifetime value: {_per_currency(summary)}\n"
            f"Open orders: {summary.open_orders}\n"
            f"Last order: {last}\n"
            f"Addresses: {len(customer.addresses)}"
        )

    # changes -------------------------------------------------------------------------------

    def _mark_profile(self) -> None:
        self._profile_dirty = True
        self.save_profile_button.setEnabled(True)

    def save_profile(self, *, then: Any = None) -> None:
        fields = {key: edit.text().strip() or None for key, edit in self.profile.items()}
        customers, key = self.desk.customers, self.object_id

        def saved(_customer: CustomerView) -> None:
            self._profile_dirty = False
            self.save_profile_button.setEnabled(False)
            self.message.hide()
            self.refresh()
            if then is not None:
                then()

        self._call(lambda: customers.update(key, **fields), saved)

    def add_address(self, *, then: Any = None) -> None:
        """A new address-book entry from the form."""
        self.stop_changing_address(keep_form=True)
        self.save_address(then=then)

    def save_address(self, *, then: Any = None) -> None:
        """Add the form as a new entry, or save it over the entry being changed."""
        if self.address_form.is_empty():
            return
        address = self.address_form.value()
        customers, key, address_id = self.desk.customers, self.object_id, self.changing_address_id

        def saved(_address: Any) -> None:
            self.stop_changing_address()
            self.message.hide()
            self.refresh()
            if then is not None:
                then()

        if address_id is None:
            self._call(lambda: customers.add_address(key, address), saved)
        else:
            self._call(lambda: customers.update_address(key, address_id, address), saved)

    def change_selected_address(self) -> None:
        """Load the selected entry into the form; saving changes the address book only (ADR-2)."""
        address = self.addresses.row_at(selected_row(self.addresses_view))
        if address is None:
            return
        self.changing_address_id = address.id
        self.address_form.set_value(address)
        self.address_box.setTitle(f"Change address: {one_line(address)}")
        self.add_address_button.setText("Save &changes to this address")
        self.add_address_button.setEnabled(False)
        self.new_address_button.show()
        self.address_form.fields["name"].setFocus()

    def stop_changing_address(self, *, keep_form: bool = False) -> None:
        if not keep_form:
            self.address_form.clear()
        self.changing_address_id = None
        self.address_box.setTitle("New address")
        self.add_address_button.setText("&Add to address book")
        self.add_address_button.setEnabled(not self.address_form.is_empty())
        self.new_address_button.hide()

    def open_selected_order(self) -> None:
        position = selected_row(self.orders_view)
        order = self.orders.row_at(position)
        if order is not None:
            self.open_order_requested.emit(order.id)

    def open_selected_return(self) -> None:
        found = self.returns.row_at(selected_row(self.returns_view))
        if found is None and len(self.returns.rows) == 1:
            found = self.returns.rows[0]
        if found is not None:
            self.open_return_requested.emit(found.id)

    def new_order(self) -> None:
        dialog = NewOrderDialog(self.desk, self, customer=self.customer)
        self.active_dialog = dialog
        dialog.order_created.connect(lambda view: self.open_order_requested.emit(view.id))
        dialog.order_created.connect(lambda _view: self.refresh())
        dialog.finished.connect(lambda *_: setattr(self, "active_dialog", None))
        dialog.open()



def _per_currency(summary: CustomerSummary) -> str:
    """Each currency's figure on its own (amounts in different currencies are never added)."""
    values = summary.lifetime_values
    if not values:
        return f"{summary.lifetime_value:,.2f}"
    ordered = sorted(values, key=lambda currency: (currency != summary.lifetime_currency, currency))
    return ", ".join(f"{values[currency]:,.2f} {currency}" for currency in ordered)
