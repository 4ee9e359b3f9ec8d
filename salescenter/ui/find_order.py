"""Find Order (FND-1..5): combinable filters, results as you type, paged lazily.

Typing refreshes the results after a short pause; Enter (or Search) searches
at once, and when exactly one order matches it opens that order (FND-5).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..labels import ORDER_STATE_NAMES
from .calls import Calls
from .errors import report_error
from .models import OrderSearchModel, SortProxy
from .search_export import SearchExport
from .table_model import fit_columns

if TYPE_CHECKING:
    from ..api import Desk

DEBOUNCE_MS = 300
PRESETS = ("Any time", "Today", "Last 7 days", "Last 30 days", "This month", "This year", "Date range")


def preset_range(preset: str, today: date) -> tuple[date | None, date | None]:
    """The created-date range a preset stands for (both ends inclusive)."""
    if preset == "Today":
        return today, today
    if preset == "Last 7 days":
        return today - timedelta(days=6), today
    if preset == "Last 30 days":
        return today - timedelta(days=29), today
    if preset == "This month":
        return today.replace(day=1), today
    if preset == "This year":
        return today.replace(month=1, day=1), today
    return None, None


class FindOrderDialog(QDialog):
    order_chosen = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None, *, page_size: int = 50) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Find Order")
        self.open_single_match = False
        self.model = OrderSearchModel(desk, page_size=page_size, parent=self)
        self.proxy = SortProxy(self.model, self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh_results)

        self.number = self._line("orderNumber", "e.g. 100042 or an external number")
        self.order_name = self._line("orderName", "any part of the order name")
        self.customer_name = self._line("customerName", "any part, % as wildcard")
        self.email = self._line("customerEmail", "exact address")
        self.store = QComboBox()
        self.store.setObjectName("store")
        self.store.addItem("All stores", None)
        self.store.currentIndexChanged.connect(lambda _i: self.timer.start())
        self.kind = QComboBox()
        self.kind.addItem("Orders", "order")
        self.kind.addItem("Quotes", "quote")
        self.kind.addItem("Orders and quotes", None)
        self.kind.currentIndexChanged.connect(lambda _i: self.timer.start())
        self.preset = QComboBox()
        self.preset.setObjectName("datePreset")
        self.preset.addItems(PRESETS)
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.date_to = QDateEdit(QDate.currentDate())
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.timer.start())
        self.preset.currentTextChanged.connect(self._preset_changed)
        self.status_boxes: dict[str, QCheckBox] = {}
        statuses = QGridLayout()
        for position, (code, label) in enumerate(ORDER_STATE_NAMES.items()):
            box = QCheckBox(label)
            box.setObjectName(f"status_{code}")
            box.toggled.connect(lambda _on: self.timer.start())
            self.status_boxes[code] = box
            statuses.addWidget(box, position // 4, position % 4)

        filters = QGroupBox("Search orders")
        form = QFormLayout()
        form.addRow("Order &number:", self.number)
        form.addRow("Order na&me:", self.order_name)
        form.addRow("C&ustomer name:", self.customer_name)
        form.addRow("Customer &email:", self.email)
        right = QFormLayout()
        right.addRow("S&tore:", self.store)
        right.addRow("Type:", self.kind)
        right.addRow("&Created:", self.preset)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.date_to)
        right.addRow("", dates)
        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(right, 1)
        box_layout = QVBoxLayout(filters)
        box_layout.addLayout(columns)
        box_layout.addWidget(QLabel("Status (none checked: any):"))
        box_layout.addLayout(statuses)

        self.table = QTableView()
        self.table.setObjectName("orderResults")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((80, 150, 170, 190, 60, 190, 130)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        self.result_status = QLabel("Enter any combination of filters.")
        self.result_status.setObjectName("resultStatus")

        self.search_button = QPushButton("&Search")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search_now)
        clear = QPushButton("C&lear")
        clear.setAutoDefault(False)
        clear.clicked.connect(self.clear)
        self.open_button = QPushButton("&Open")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_current)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.export = SearchExport(desk, self.model, self.result_status, self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_status, 1)
        for button in (self.search_button, clear, self.open_button, self.export.button, close):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1040, 620)

        self.model.page_loaded.connect(self._page_loaded)
        self.model.search_failed.connect(self._search_failed)
        self.calls = Calls(self, say=self.result_status.setText)
        self._load_stores()

    def _line(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(lambda _t: self.timer.start())
        edit.returnPressed.connect(self.search_now)
        return edit

    def _load_stores(self) -> None:
        def done(stores: list[Any]) -> None:
            for store in stores:
                self.store.addItem(f"{store.code} — {store.name}", store.code)

        self.calls.run(self.desk.stores.list, done)

    def _preset_changed(self, preset: str) -> None:
        custom = preset == "Date range"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self.timer.start()

    # -- the query ---------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        f: dict[str, Any] = {}
        for key, edit in (("number", self.number), ("name", self.order_name),
                          ("customer_name", self.customer_name), ("email", self.email)):
            text = edit.text().strip()
            if text:
                f[key] = text
        if self.store.currentData():
            f["store"] = self.store.currentData()
        f["kind"] = self.kind.currentData()
        preset = self.preset.currentText()
        if preset == "Date range":
            f["created_from"] = self.date_from.date().toPython()
            f["created_to"] = self.date_to.date().toPython()
        else:
            start, end = preset_range(preset, date.today())
            if start:
                f["created_from"], f["created_to"] = start, end
        statuses = [code for code, box in self.status_boxes.items() if box.isChecked()]
        if statuses:
            f["status"] = statuses
        return f

    def refresh_results(self) -> None:
        """Results as you type: no order opens by itself while the rep is typing."""
        self.timer.stop()
        self.open_single_match = False
        self._run()

    def search_now(self) -> None:
        """An explicit search: one match opens the order (FND-5)."""
        self.timer.stop()
        self.open_single_match = True
        self._run()

    def _run(self) -> None:
        filters = self.filters()
        if "email" in filters and "@" not in filters["email"]:
            self.result_status.setText("Customer email must be the whole address.")
            return
        self.result_status.setText("Searching…")
        self.model.search(filters)

    def clear(self) -> None:
        for edit in (self.number, self.order_name, self.customer_name, self.email):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        for box in self.status_boxes.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self.store.setCurrentIndex(0)
        self.preset.setCurrentIndex(0)
        self.timer.stop()
        self.model.filters = None
        self.model.set_rows([])
        self.result_status.setText("Enter any combination of filters.")

    def _page_loaded(self, loaded: int, more: bool) -> None:
        if loaded == 1 and not more and self.open_single_match:
            self.open_single_match = False
            self.order_chosen.emit(self.model.row_at(0).id)
            self.accept()
            return
        self.open_single_match = False
        if loaded == 0:
            self.result_status.setText("No orders match these filters.")
        elif more:
            self.result_status.setText(f"{loaded} orders shown; scroll for more.")
        else:
            self.result_status.setText("1 order found." if loaded == 1 else f"{loaded} orders found.")
        if loaded and loaded <= self.model.page_size:
            fit_columns(self.table)  # the first page sizes the columns; later pages keep them
        if loaded and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _search_failed(self, error: BaseException) -> None:
        self.open_single_match = False
        report_error(self, error, self.result_status.setText)

    # -- opening -----------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        self.order_chosen.emit(self.proxy.row_object(index.row()).id)

    def open_current(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.order_chosen.emit(self.proxy.row_object(rows[0].row()).id)
