"""The Items page's after-the-sale commands: cancel part of a line (CAN-1), personalize it
(PER-1), and whether the order ships complete (SHP-2). Each is enabled and explained from
the chosen line's ``actions`` map, or the order's, as every order command is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget

from ..dialogs.reasons import CancelItemDialog, PersonalizeDialog
from .commands import reason_in, show_command
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import OrderView

CHOOSE_ITEM = "Choose an item of the order first."


class LineCommands(QWidget):
    def __init__(self, session: OrderSession, selected: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selected = selected
        self.cancel_button = QPushButton("Cancel i&tem...")
        self.cancel_button.setObjectName("cancel_item")
        self.personalize_button = QPushButton("Personali&ze...")
        self.personalize_button.setObjectName("personalize_item")
        self.ship_complete_box = QCheckBox("Ship co&mplete")
        self.ship_complete_box.setObjectName("ship_complete")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.personalize_button.clicked.connect(self.personalize_selected)
        self.ship_complete_box.clicked.connect(self.toggle_ship_complete)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.cancel_button, self.personalize_button, self.ship_complete_box):
            layout.addWidget(widget)

    def refresh(self, view: OrderView | None) -> None:
        item = self.selected()

        def refusal(action: str) -> str | None:
            if item is None:
                return self.session.refusal(action) or CHOOSE_ITEM
            return reason_in(item.actions, action)

        show_command(self.cancel_button, refusal("cancel_item"),
                     "Cancel some or all of the chosen item that has not shipped (CAN-1)")
        show_command(self.personalize_button, refusal("personalize"),
                     "Add, change or remove the chosen item's personalization (PER-1)")
        self.ship_complete_box.setChecked(bool(view and view.ship_complete))
        show_command(self.ship_complete_box, self.session.refusal("set_ship_complete"),
                     "Ship the order's lines together once all are in stock; expedited lines "
                     "still go alone (SHP-2)")

    def cancel_selected(self) -> None:
        item = self.selected()
        if item is None or not self.cancel_button.isEnabled():
            return
        dialog = CancelItemDialog(item.sku, item.cancelable_quantity, self)
        orders, order_id, item_id = self.session.desk.orders, self.session.order_id, item.id

        def cancel() -> None:
            count, reason = dialog.quantity(), dialog.reason()
            self.session.apply(lambda v: orders.cancel_item(order_id, item_id, reason, quantity=count,
                                                            expected_version=v))

        self.session.open_dialog(dialog, cancel)

    def personalize_selected(self) -> None:
        item = self.selected()
        if item is None or not self.personalize_button.isEnabled():
            return
        dialog = PersonalizeDialog(item.sku, item.personalization or "", self)
        orders, order_id, item_id = self.session.desk.orders, self.session.order_id, item.id

        def personalize() -> None:
            text = dialog.text()
            self.session.apply(lambda v: orders.personalize(order_id, item_id, text, expected_version=v))

        self.session.open_dialog(dialog, personalize)

    def toggle_ship_complete(self) -> None:
        view = self.session.view
        if view is None or not self.session.allows("set_ship_complete"):
            return
        on, orders, order_id = not view.ship_complete, self.session.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.set_ship_complete(order_id, on, expected_version=v))
