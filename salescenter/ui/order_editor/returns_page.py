"""Returns (RET-1, RET-4, RET-5, RET-6): the order's returns, exchanges and misships, and a new
one taken on the phone, line by line, by keyboard.

The lines offered are those whose own ``actions["create_return"]`` allows it; the command is
enabled and explained from the order's and the line's maps, never from a state of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...labels import RETURN_KIND_NAMES
from ..returns_list import ReturnsModel
from .commands import reason_in, show_command
from .page import OrderPage, selected_row, table
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import ItemView, OrderView

ACTION = "create_return"
PLAIN_RETURN = next(iter(RETURN_KIND_NAMES))  # the first kind: goods back, nothing sent out


class ReturnsPage(OrderPage):
    title = "Returns"
    open_return_requested = Signal(int)

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = ReturnsModel(self)
        self.view = table(self.model, stretch=5, name="order_returns")
        self.view.activated.connect(lambda *_: self.open_selected())
        self.open_button = QPushButton("Open ret&urn")
        self.open_button.setObjectName("open_return")
        self.open_button.clicked.connect(self.open_selected)

        self.line_combo = QComboBox()
        self.line_combo.setObjectName("return_line")
        self.line_combo.currentIndexChanged.connect(lambda *_: self._line_chosen())
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("return_quantity")
        self.quantity_spin.setMinimum(1)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("return_kind")
        for code, name in RETURN_KIND_NAMES.items():
            self.kind_combo.addItem(name, code)
        self.kind_combo.currentIndexChanged.connect(lambda *_: self._update())
        self.replacement_edit = QLineEdit()
        self.replacement_edit.setObjectName("replacement_sku")
        self.replacement_edit.setPlaceholderText("The same product")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("return_reason")
        self.reason_edit.setPlaceholderText("What the customer said")
        self.reason_edit.textChanged.connect(lambda *_: self._update())
        self.reason_edit.returnPressed.connect(self.create_return)
        self.create_button = QPushButton("Create &return")
        self.create_button.setObjectName("create_return")
        self.create_button.clicked.connect(self.create_return)

        form = QFormLayout()
        for text, field in (("&Line:", self.line_combo), ("Quan&tity:", self.quantity_spin),
                            ("&Kind:", self.kind_combo), ("Replacement &SKU:", self.replacement_edit),
                            ("Reaso&n:", self.reason_edit)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, field)
        self.new_box = QGroupBox("New return, exchange or misship")
        box_layout = QVBoxLayout(self.new_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.new_box)
        self.returnable: list[ItemView] = []
        editor_wants = getattr(session.owner, "open_return_requested", None)
        if editor_wants is not None:  # the editor opens the return in its own tab
            self.open_return_requested.connect(editor_wants)

    def landing_field(self) -> QWidget | None:
        return self.line_combo if self.line_combo.isEnabled() else self.view

    def show_order(self, view: OrderView) -> None:
        self.model.set_rows(view.returns)
        chosen = self.line_combo.currentData()
        self.returnable = [i for i in view.items if reason_in(i.actions, ACTION) is None]
        self.line_combo.blockSignals(True)
        self.line_combo.clear()
        for item in self.returnable:
            self.line_combo.addItem(f"{item.sku} {item.name} ({item.returnable_quantity} to return)",
                                    item.id)
        position = self.line_combo.findData(chosen)
        self.line_combo.setCurrentIndex(position if position >= 0 else 0)
        self.line_combo.blockSignals(False)
        self._line_chosen()
        self.open_button.setEnabled(self.model.rowCount() > 0)

    def _chosen_item(self) -> ItemView | None:
        key = self.line_combo.currentData()
        return next((i for i in self.returnable if i.id == key), None)

    def _line_chosen(self) -> None:
        item = self._chosen_item()
        if item is not None:
            self.quantity_spin.setMaximum(max(item.returnable_quantity, 1))
        self._update()

    def _refusal(self) -> str | None:
        refusal = self.session.refusal(ACTION)
        if refusal is None and self._chosen_item() is None:
            refusal = "No shipped line is left to return."
        if refusal is None and not self.reason_edit.text().strip():
            refusal = "Type the customer's reason first."
        return refusal

    def _update(self) -> None:
        plain = self.kind_combo.currentData() == PLAIN_RETURN
        self.replacement_edit.setEnabled(not plain)
        offered = self.session.refusal(ACTION) is None and bool(self.returnable)
        for field in (self.line_combo, self.quantity_spin, self.kind_combo, self.reason_edit):
            field.setEnabled(offered)
        show_command(self.create_button, self._refusal(),
                     "Create the return; goods within the store's rules are approved at once")

    def create_return(self) -> None:
        item = self._chosen_item()
        if item is None or not self.create_button.isEnabled():
            return
        kind = str(self.kind_combo.currentData())
        sku = self.replacement_edit.text().strip()
        replacements = {item.id: sku} if sku and kind != PLAIN_RETURN else None
        lines, reason = {item.id: self.quantity_spin.value()}, self.reason_edit.text().strip()
        returns, orders, order_id = self.desk.returns, self.desk.orders, self.session.order_id

        def change(_version: int | None) -> OrderView:
            returns.create(order_id, lines, reason, kind=kind, replacements=replacements)
            return orders.get(order_id)

        self.session.apply(change, lambda _view: self._clear())

    def _clear(self) -> None:
        self.reason_edit.clear()
        self.replacement_edit.clear()
        self.kind_combo.setCurrentIndex(0)
        self.quantity_spin.setValue(1)
        self.line_combo.setFocus()

    def open_selected(self) -> None:
        ret = self.model.row_at(selected_row(self.view))
        if ret is None and self.model.rowCount() == 1:
            ret = self.model.rows[0]
        if ret is not None:
            self.open_return_requested.emit(ret.id)

    def has_unsaved_changes(self) -> bool:
        return bool(self.reason_edit.text().strip()) and self.create_button.isEnabled()

    def discard(self) -> None:
        self.reason_edit.clear()
        self.replacement_edit.clear()

