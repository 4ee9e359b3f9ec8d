"""Starting an order (Ctrl+O): the New Order dialog asks for the store and the customer (or
a guest), or, for a known customer with a default store, the order is made at once; the
shell opens it when ``order_created`` fires. The services give a new order the rep's
preferred shipping method."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from .calls import Calls
from .dialogs.new_order import NewOrderDialog

if TYPE_CHECKING:
    from ..api import Desk
    from .preferences import Settings


class NewOrderFlow(QObject):
    order_created = Signal(int)

    def __init__(self, desk: Desk, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self.desk = desk
        self.settings = settings
        self.window = window
        self.calls = Calls(window)  # no place to say a refusal: it comes as a message box

    def start(self, customer_id: int | None = None) -> None:
        if customer_id is None:
            self._open_dialog()
            return
        if self.settings.default_store:
            create, store = self.desk.orders.create, self.settings.default_store
            self.calls.run(lambda: create(store, customer_id=customer_id),
                           lambda order: self.order_created.emit(order.id))
            return
        customers = self.desk.customers
        self.calls.run(lambda: customers.get(customer_id),
                       lambda customer: self._open_dialog(customer=customer))

    def start_guest(self) -> None:
        self._open_dialog(guest=True)

    def _open_dialog(self, **kwargs: Any) -> None:
        dialog = NewOrderDialog(self.desk, self.window, store=self.settings.default_store, **kwargs)
        dialog.setObjectName("newOrderDialog")
        dialog.order_created.connect(lambda order: self.order_created.emit(order.id))
        dialog.open()
