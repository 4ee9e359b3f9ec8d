"""Items: add by SKU or by a search of three or more characters (ORD-10), bundles (ORD-11),
quantity and placed price typed in the table, expedite (EXP-1), accept an exception (ORD-16);
cancel part of a line, personalize it and ship complete (line_commands.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..command_bar import FlowLayout
from .commands import reason_in, show_command
from .line_commands import CHOOSE_ITEM, LineCommands
from .models import ItemsModel, ProductsModel
from .page import OrderPage, selected_row, table
from .session import OrderSession
from .side_views import AssociationsPanel, PromotionsPanel

if TYPE_CHECKING:
    from ...services.views import OrderView, ProductView

SEARCH_DELAY_MS = 250
MIN_PHRASE = 3


class ItemsPage(OrderPage):
    title = "Items"
    hold_item_requested = Signal(int, str)  # item id, SKU (BLK-6: a hold on one line)

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("item_search")
        self.search_edit.setPlaceholderText("SKU, or 3+ characters of the name or description")
        self.search_edit.setClearButtonEnabled(True)
        self.quantity_spin = QSpinBox()
        self.quantity_spin.setObjectName("item_quantity")
        self.quantity_spin.setRange(1, 99_999)
        self.add_button = QPushButton("&Add to order")
        self.add_button.setObjectName("add_item")
        search_label = QLabel("Find &product:")
        search_label.setBuddy(self.search_edit)
        quantity_label = QLabel("&Qty:")
        quantity_label.setBuddy(self.quantity_spin)

        self.results = ProductsModel(self)
        self.results_view = table(self.results, stretch=1, name="product_results")
        self.results_view.activated.connect(lambda *_: self.add_from_input())
        self.results_label = QLabel("")
        self.items = ItemsModel(self)
        self.items_view = table(self.items, stretch=1, name="items_view")
        self.items.change_requested.connect(self._change_item)
        chosen = self.items_view.selectionModel()
        chosen.selectionChanged.connect(lambda *_: self._update_buttons())
        chosen.currentChanged.connect(lambda *_: self._update_buttons())  # the keyboard's line too

        self.expedite_button = QPushButton("E&xpedite")
        self.expedite_button.setObjectName("expedite_item")
        self.expedite_button.setCheckable(True)
        self.accept_button = QPushButton("A&ccept exception")
        self.accept_button.setObjectName("accept_item")
        self.remove_button = QPushButton("&Remove item")
        self.remove_button.setObjectName("remove_item")
        self.hold_button = QPushButton("Hol&d item...")
        self.hold_button.setObjectName("hold_item")
        self.hold_button.clicked.connect(self.hold_selected)
        self.expedite_button.clicked.connect(self.toggle_expedite)
        self.accept_button.clicked.connect(self.accept_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.line_commands = LineCommands(session, self.selected_item)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("items_totals")

        self.associations = AssociationsPanel(session)
        self.promotions = PromotionsPanel(session)
        side = self.side = QTabWidget()
        side.addTab(self.associations, self.associations.title)
        side.addTab(self.promotions, self.promotions.title)

        add_row = QHBoxLayout()
        for widget in (search_label, self.search_edit, quantity_label, self.quantity_spin, self.add_button):
            add_row.addWidget(widget)
        add_row.setStretchFactor(self.search_edit, 1)
        # The line commands wrap onto a second row in a narrow window instead of widening it.
        buttons = QWidget()
        flow = FlowLayout(buttons)
        flow.setContentsMargins(0, 0, 0, 0)
        for button in (self.expedite_button, self.accept_button, self.remove_button, self.hold_button):
            flow.addWidget(button)
        flow.addWidget(self.line_commands)
        policy = buttons.sizePolicy()
        policy.setHeightForWidth(True)
        buttons.setSizePolicy(policy)
        self.totals_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.totals_label.setWordWrap(True)  # a narrow window wraps it instead of widening

        main = QWidget()
        left = QVBoxLayout(main)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(add_row)
        left.addWidget(self.results_label)
        left.addWidget(self.results_view, 1)
        items_label = QLabel("&Lines of this order:")  # Alt+L: into the lines, to choose one
        items_label.setBuddy(self.items_view)
        left.addWidget(items_label)
        left.addWidget(self.items_view, 2)
        left.addWidget(self.totals_label)
        left.addWidget(buttons)
        splitter = QSplitter()
        splitter.addWidget(main)
        splitter.addWidget(side)
        side.setMinimumWidth(380)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.results_view.setMaximumHeight(200)
        self.results_view.hide()  # shown while there is something found to choose from
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self._searched = ""
        self.search_edit.textEdited.connect(lambda *_: self._timer.start())
        self.search_edit.returnPressed.connect(self.add_from_input)
        self.search_edit.installEventFilter(self)
        self.add_button.clicked.connect(self.add_from_input)

    # drawing -------------------------------------------------------------------

    def show_order(self, view: OrderView) -> None:
        self.items.set_rows(view.items)
        adding = self.session.refusal("add_item")
        for widget in (self.search_edit, self.quantity_spin, self.results_view):
            widget.setEnabled(adding is None)
        show_command(self.add_button, adding, "Add the chosen product, or the SKU typed, to the order")
        # Every figure the total is made of, so the line adds up as the rep reads it.
        self.totals_label.setText(
            f"Subtotal {view.subtotal:,.2f}  − Discounts {view.discount_total:,.2f}  "
            f"+ Shipping {view.shipping_total:,.2f}  + Tax {view.tax_total:,.2f}  "
            f"= Total {view.total:,.2f} {view.currency}"
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected_item()

        def refusal(action: str) -> str | None:
            """The chosen line's own map answers (the order's reason first, then the line's)."""
            if item is None:
                return self.session.refusal(action) or CHOOSE_ITEM
            return reason_in(item.actions, action)

        self.expedite_button.setChecked(bool(item and item.expedite))
        show_command(self.expedite_button, refusal("expedite"), "Ship the chosen item first (EXP-1)")
        show_command(self.accept_button, refusal("accept_item"),
                     "Accept the exception flagged on the chosen item")
        show_command(self.remove_button, refusal("remove_item"), "Remove the chosen item from the order")
        show_command(self.hold_button, refusal("hold_item"), "Hold the chosen item: it is not released "
                     "for shipment until the hold is released")
        self.line_commands.refresh(self.session.view)

    def landing_field(self) -> QWidget | None:
        return self.search_edit

    def selected_item(self) -> Any:
        return self.items.row_at(selected_row(self.items_view))

    # searching and adding ------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box goes to the results, so a rep never leaves the keyboard.
        if (watched is self.search_edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and self.results.rowCount() > 0):
            self.results_view.setFocus()
            self.results_view.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def search(self) -> None:
        phrase = self.search_edit.text().strip()
        if len(phrase) < MIN_PHRASE:
            self.results.set_rows([])
            self.results_view.hide()
            self.results_label.setText("Type a SKU or at least 3 characters." if phrase else "")
            return
        self._searched = phrase
        catalog = self.desk.catalog
        self.session.run(lambda: catalog.find(phrase), lambda found: self._found(phrase, found))

    def _found(self, phrase: str, products: list[ProductView]) -> None:
        if phrase != self.search_edit.text().strip():
            return  # the rep typed on; a newer search is coming
        self.results.set_rows(products)
        self.results_view.setVisible(bool(products))
        count = len(products)
        self.results_label.setText(
            f"{count} product{'s' if count != 1 else ''} found for '{phrase}'." if count
            else f"No product matches '{phrase}'."
        )
        if count:
            self.results_view.selectRow(0)

    def add_from_input(self) -> None:
        if not self.session.allows("add_item"):
            return
        product = self._chosen_product()
        quantity = self.quantity_spin.value()
        orders, order_id = self.desk.orders, self.session.order_id
        if product is not None:
            sku, bundle = product.sku, product.is_bundle
            self.session.apply(
                lambda v: (orders.add_bundle(order_id, sku, quantity, expected_version=v) if bundle
                           else orders.add_item(order_id, sku, quantity, expected_version=v)),
                lambda _view: self._added(),
            )
            return
        self.add_sku(self.search_edit.text().strip(), quantity)

    def add_sku(self, text: str, quantity: int) -> None:
        """Add by SKU: the catalog says whether it is a product or a bundle."""
        if not text or not self.session.allows("add_item"):
            return
        catalog, orders, order_id = self.desk.catalog, self.desk.orders, self.session.order_id

        def by_sku(version: int | None) -> OrderView:
            found = catalog.get(text)
            if found.is_bundle:
                return orders.add_bundle(order_id, found.sku, quantity, expected_version=version)
            return orders.add_item(order_id, found.sku, quantity, expected_version=version)

        self.session.apply(by_sku, lambda _view: self._added())

    def _chosen_product(self) -> Any:
        text = self.search_edit.text().strip().upper()
        if self._searched.strip().upper() != text and text:
            # results belong to an older phrase; only an exact SKU among them counts
            return next((p for p in self.results.rows if p.sku.upper() == text), None)
        exact = next((p for p in self.results.rows if p.sku.upper() == text), None)
        if exact is not None:
            return exact
        chosen = self.results.row_at(selected_row(self.results_view))
        if chosen is not None:
            return chosen
        return self.results.rows[0] if len(self.results.rows) == 1 else None

    def _added(self) -> None:
        self.search_edit.clear()
        self.quantity_spin.setValue(1)
        self.results.set_rows([])
        self.results_view.hide()
        self.results_label.setText("")
        self._searched = ""
        self.search_edit.setFocus()

    # changing lines -------------------------------------------------------------------

    def _change_item(self, item_id: int, what: str, value: object) -> None:
        orders, order_id = self.desk.orders, self.session.order_id
        if what == "quantity":
            count = int(str(value))
            self.session.apply(lambda v: orders.set_quantity(order_id, item_id, count, expected_version=v))
        elif what == "placed_price":
            price = str(value)
            self.session.apply(lambda v: orders.set_price(order_id, item_id, price, expected_version=v))
        elif what == "expedite":
            self.session.apply(lambda v: orders.expedite(order_id, item_id, bool(value), expected_version=v))

    def toggle_expedite(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        self._change_item(item.id, "expedite", not item.expedite)

    def accept_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        orders, order_id, item_id = self.desk.orders, self.session.order_id, item.id
        self.session.apply(lambda v: orders.accept_item(order_id, item_id, expected_version=v))

    def hold_selected(self) -> None:
        item = self.selected_item()
        if item is not None and self.hold_button.isEnabled():
            self.hold_item_requested.emit(item.id, item.sku)

    def remove_selected(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        orders, order_id, item_id = self.desk.orders, self.session.order_id, item.id
        self.session.apply(lambda v: orders.remove_item(order_id, item_id, expected_version=v))

    def has_unsaved_changes(self) -> bool:
        return self.promotions.has_unsaved_changes()

    def save(self) -> bool:
        return self.promotions.save()

    def discard(self) -> None:
        self.promotions.discard()
