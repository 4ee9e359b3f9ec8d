"""Side views of the current order: merchandising associations (ORD-12) and promotions (ORD-13).

They are panels of their own so the main window can also dock them beside
the editors; each follows one ``OrderSession``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..table_model import fit_columns
from .commands import show_command
from .models import AssociationsModel, PromotionsModel
from .page import OrderPage, selected_row, table

if TYPE_CHECKING:
    from ...services.views import OrderView


# A side dock is 300 pixels: a long promotion name elides there (its tooltip shows it whole).
DOCK_COLUMN_WIDEST = 130


class AssociationsPanel(OrderPage):
    title = "Associated products"

    def __init__(self, session, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, parent)
        self.model = AssociationsModel(self)
        self.view = table(self.model, stretch=3, name="associations_view")
        self.view.activated.connect(lambda *_: self.add_selected())
        self.add_button = QPushButton("Add to order")
        self.add_button.setObjectName("add_association")
        self.add_button.clicked.connect(self.add_selected)
        self.hint = QLabel("Products related to the items of this order.")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        layout.addWidget(self.add_button)
        self._skus: tuple[str, ...] | None = None

    def show_order(self, view: OrderView) -> None:
        show_command(self.add_button, self.session.refusal("add_item"),
                     "Add the chosen related product to the order")
        skus = tuple(sorted({i.sku for i in view.items}))
        if skus == self._skus:
            return
        self._skus = skus
        orders, order_id = self.desk.orders, view.id
        self.session.run(lambda: orders.associations(order_id), self.model.set_rows)

    def add_selected(self) -> None:
        association = self.model.row_at(selected_row(self.view))
        if association is None or not self.session.allows("add_item"):
            return
        orders, order_id, product = self.desk.orders, self.session.order_id, association.product
        if product.is_bundle:
            self.session.apply(lambda v: orders.add_bundle(order_id, product.sku, 1, expected_version=v))
        else:
            self.session.apply(lambda v: orders.add_item(order_id, product.sku, 1, expected_version=v))


class PromotionsPanel(OrderPage):
    title = "Promotions"

    def __init__(self, session, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(session, parent)
        self.model = PromotionsModel(self)
        self.view = table(self.model, stretch=4, name="promotions_view")
        self.coupon_edit = QLineEdit()
        self.coupon_edit.setPlaceholderText("Coupon code")
        self.coupon_edit.setObjectName("coupon_edit")
        self.coupon_edit.returnPressed.connect(self.apply_coupon)
        self.coupon_button = QPushButton("Apply coupon")
        self.coupon_button.clicked.connect(self.apply_coupon)
        self.coupon_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.coupon_edit)
        row.addWidget(self.coupon_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.coupon_label)
        layout.addLayout(row)
        self._shown: tuple[object, ...] | None = None

    def show_order(self, view: OrderView) -> None:
        refusal = self.session.refusal("apply_coupon")
        self.coupon_edit.setEnabled(refusal is None)
        show_command(self.coupon_button, refusal, "Apply the coupon code typed beside")
        self.coupon_label.setText(f"Coupon applied: {view.coupon_code}" if view.coupon_code else "")
        shown = (view.total, view.coupon_code, view.customer_id, len(view.items))
        if shown == self._shown:
            return
        self._shown = shown
        orders, order_id = self.desk.orders, view.id
        self.session.run(lambda: orders.promotions(order_id), self._show_promotions)

    def _show_promotions(self, promotions: list[object]) -> None:
        self.model.set_rows(promotions)
        fit_columns(self.view, widest=DOCK_COLUMN_WIDEST)  # a narrow dock shows the offer too

    def apply_coupon(self) -> None:
        code = self.coupon_edit.text().strip()
        if not code or not self.session.allows("apply_coupon"):
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.apply_coupon(order_id, code, expected_version=v),
                           lambda _view: self.coupon_edit.clear())

    def has_unsaved_changes(self) -> bool:
        return bool(self.coupon_edit.text().strip())

    def save(self) -> bool:
        if not self.has_unsaved_changes():
            return False
        self.apply_coupon()
        return True

    def discard(self) -> None:
        self.coupon_edit.clear()
