"""Starting an order (Ctrl+O): pick the customer (or a guest) and the store, then
create the order on a worker; the shell opens it when ``order_created`` fires."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .errors import report_error
from .find_customer import FindCustomerDialog
from .worker import run_async

if TYPE_CHECKING:
    from ..api import Desk
    from .preferences import Settings


class GuestDialog(QDialog):
    """The few details a guest order needs (no registration)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guest Order")
        self.inputs = {key: QLineEdit() for key in ("first_name", "last_name", "email", "phone")}
        form = QFormLayout()
        for key, label in (("first_name", "First name"), ("last_name", "Last name"),
                           ("email", "Email"), ("phone", "Phone")):
            self.inputs[key].setObjectName(key)
            form.addRow(label + ":", self.inputs[key])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def guest(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.inputs.items()}


class NewOrderFlow(QObject):
    order_created = Signal(int)

    def __init__(self, desk: Desk, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self.desk = desk
        self.settings = settings
        self.window = window
        self.stores: list[Any] | None = None

    def start(self, customer_id: int | None = None) -> None:
        """For a known customer with a default store the order is made at once;
        otherwise the New Order dialog asks for the store and the customer."""
        if customer_id is not None and self.settings.default_store:
            self._create(self.settings.default_store, customer_id=customer_id)
            return
        dialog_class = _order_dialog_class()
        if dialog_class is None:
            self._start_without_dialog(customer_id)
            return
        if customer_id is None:
            self._open_dialog(dialog_class)
            return
        run_async(self, lambda: self.desk.customers.get(customer_id),
                  lambda customer: self._open_dialog(dialog_class, customer=customer),
                  lambda error: report_error(self.window, error))

    def start_guest(self) -> None:
        dialog_class = _order_dialog_class()
        if dialog_class is not None:
            self._open_dialog(dialog_class, guest=True)
            return
        dialog = GuestDialog(self.window)
        dialog.accepted.connect(
            lambda: self._with_store(lambda store: self._create(store, guest=dialog.guest()))
        )
        dialog.open()

    def _open_dialog(self, dialog_class: Any, **kwargs: Any) -> None:
        dialog = dialog_class(self.desk, self.window, store=self.settings.default_store, **kwargs)
        dialog.setObjectName("newOrderDialog")
        dialog.order_created.connect(lambda order: self.order_created.emit(order.id))
        dialog.open()

    def _start_without_dialog(self, customer_id: int | None) -> None:
        if customer_id is not None:
            self._with_store(lambda store: self._create(store, customer_id=customer_id))
            return
        dialog = FindCustomerDialog(self.desk, self.window, for_new_order=True)
        dialog.setObjectName("newOrderFindCustomer")
        dialog.customer_chosen.connect(lambda customer: self.start(customer.id))
        dialog.guest_requested.connect(self.start_guest)
        dialog.open()

    def _with_store(self, then: Any) -> None:
        if self.settings.default_store:
            then(self.settings.default_store)
            return

        def choose(stores: list[Any]) -> None:
            if not stores:
                report_error(self.window, _no_stores())
                return
            if len(stores) == 1:
                then(stores[0].code)
                return
            labels = [f"{s.code} — {s.name}" for s in stores]
            label, ok = QInputDialog.getItem(self.window, "New Order", "Store:", labels, 0, False)
            if ok:
                then(stores[labels.index(label)].code)

        run_async(self, self.desk.stores.list, choose, lambda e: report_error(self.window, e))

    def _create(self, store: str, **kwargs: Any) -> None:
        create = self.desk.orders.create
        method = self.settings.shipping_method
        set_shipping_method = getattr(self.desk.orders, "set_shipping_method", None)

        def call() -> Any:
            order = create(store, **kwargs)
            if method and set_shipping_method is not None:
                order = set_shipping_method(order.id, method)
            return order

        run_async(self, call, lambda order: self.order_created.emit(order.id),
                  lambda error: report_error(self.window, error))


def _order_dialog_class() -> Any:
    try:
        from .dialogs.new_order import NewOrderDialog
    except ImportError:
        return None
    return NewOrderDialog


def _no_stores() -> Exception:
    from ..errors import StateError

    return StateError("There is no store yet; an administrator adds a store first.")
