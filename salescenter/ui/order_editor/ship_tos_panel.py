"""The ship-tos of an order on the Shipping page (SHP-1): each with its address, method, items,
shipping and tax; send an item (or part of it) to one, override a ship-to's charge (PRC-6),
remove one added by mistake.

Both commands are enabled and explained from the order's actions map only; the dialogs offer
the items whose own map allows ``assign_item``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ...labels import shipping_label
from ..dialogs.address_form import one_line
from ..dialogs.ship_to_dialogs import AssignItemDialog, OverrideShippingDialog
from ..table_model import Column, RowsModel
from .commands import show_command
from .page import selected_row, table
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import OrderView, ShipToView


@dataclass(frozen=True)
class ShipToRow:
    id: int
    label: str
    address: str
    method: str
    items: str
    shipping: Decimal
    tax: Decimal
    override: str


def ship_to_rows(view: OrderView) -> list[ShipToRow]:
    by_id = {item.id: item for item in view.items}
    rows = []
    for ship_to in view.ship_tos:
        lines = [by_id[key] for key in ship_to.item_ids if key in by_id]
        override = ""
        if ship_to.shipping_overridden:
            override = (f"Overridden from {ship_to.rated_shipping:,.2f} by {ship_to.overridden_by}: "
                        f"{ship_to.override_reason}")
        rows.append(ShipToRow(
            ship_to.id, ship_to.label, one_line(ship_to.address), shipping_label(ship_to.method),
            ", ".join(f"{line.sku} x {line.quantity}" for line in lines) or "No items",
            ship_to.shipping_total, ship_to.tax_total, override,
        ))
    return rows


class ShipTosModel(RowsModel):
    columns = (
        Column("Ship-to", lambda r: r.label),
        Column("Address", lambda r: r.address),
        Column("Method", lambda r: r.method),
        Column("Items", lambda r: r.items),
        Column("Shipping", lambda r: r.shipping, money=True),
        Column("Tax", lambda r: r.tax, money=True),
        Column("Override", lambda r: r.override),
    )


class ShipTosPanel(QGroupBox):
    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__("Ship-tos", parent)
        self.session = session
        self.model = ShipTosModel(self)
        self.view = table(self.model, stretch=3, name="ship_tos")
        self.assign_button = QPushButton("Send an item the&re...")
        self.assign_button.setObjectName("assign_item")
        self.assign_button.clicked.connect(self.assign_item)
        self.override_button = QPushButton("Override its &charge...")
        self.override_button.setObjectName("override_shipping")
        self.override_button.clicked.connect(self.override_shipping)
        self.remove_button = QPushButton("Remove this shi&p-to")
        self.remove_button.setObjectName("remove_ship_to")
        self.remove_button.clicked.connect(self.remove_ship_to)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.assign_button)
        row.addWidget(self.override_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())

    def show_order(self, view: OrderView) -> None:
        chosen = self.chosen()
        self.model.set_rows(ship_to_rows(view))
        if chosen is None and self.model.rowCount():
            self.view.selectRow(0)
        self.update_buttons()

    def chosen(self) -> ShipToView | None:
        """The ship-to selected in the table."""
        view, row = self.session.view, selected_row(self.view)
        if view is None or not 0 <= row < len(view.ship_tos):
            return None
        picked = self.model.row_at(row)
        return next((s for s in view.ship_tos if picked is not None and s.id == picked.id), None)

    def choose(self, ship_to_id: int) -> None:
        for position in range(self.model.rowCount()):
            if self.model.row_at(position).id == ship_to_id:
                self.view.selectRow(position)

    def update_buttons(self) -> None:
        show_command(self.assign_button, self.session.refusal("assign_item"),
                     "Send an item, or part of its quantity, to the chosen ship-to")
        refusal = self.session.refusal("override_shipping")
        show_command(self.override_button, refusal or (None if self.chosen() else "Choose a ship-to first."),
                     "Set the chosen ship-to's shipping charge by hand, with the reason")
        chosen, view = self.chosen(), self.session.view
        first = chosen is not None and view is not None and chosen.id == view.ship_tos[0].id
        show_command(self.remove_button, self.session.refusal("remove_ship_to") or (
            "Choose a ship-to first." if chosen is None else
            f"{chosen.label} is the order's shipping address; change it above." if first else None),
                     "Remove the chosen ship-to; its items go to Ship-to 1")

    def assign_item(self) -> None:
        view = self.session.view
        if view is None or not self.assign_button.isEnabled():
            return
        movable = [item for item in view.items if item.actions.get("assign_item", "") is None]
        chosen = self.chosen()
        dialog = AssignItemDialog(movable, view.ship_tos, chosen.id if chosen else None, self)
        orders, order_id = self.session.desk.orders, view.id

        def send() -> None:
            item_id, ship_to_id, quantity = dialog.values()
            self.session.apply(lambda v: orders.assign_item(
                order_id, item_id, ship_to_id, quantity=quantity, expected_version=v))

        self.session.open_dialog(dialog, send)

    def remove_ship_to(self) -> None:
        ship_to = self.chosen()
        if ship_to is None or not self.remove_button.isEnabled():
            return
        orders, order_id, ship_to_id = self.session.desk.orders, self.session.order_id, ship_to.id
        self.session.apply(lambda v: orders.remove_ship_to(order_id, ship_to_id, expected_version=v))

    def override_shipping(self) -> None:
        ship_to = self.chosen()
        if ship_to is None or not self.override_button.isEnabled():
            return
        dialog = OverrideShippingDialog(ship_to, self)
        orders, order_id, ship_to_id = self.session.desk.orders, self.session.order_id, ship_to.id

        def override() -> None:
            amount, reason = dialog.values()
            self.session.apply(lambda v: orders.override_shipping(
                order_id, ship_to_id, amount, reason, expected_version=v))

        self.session.open_dialog(dialog, override)
