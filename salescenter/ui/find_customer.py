"""Find Customer: one box for a name part (``%`` wildcard), an exact email or a phone.

Results follow the typing (debounced); New Customer is one click away, so a
caller not yet in the system is added without leaving the dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import SalesCenterError
from .calls import Calls
from .models import CustomerResultsModel, SortProxy
from .table_model import fit_columns

if TYPE_CHECKING:
    from ..api import Desk

DEBOUNCE_MS = 250


class NewCustomerDialog(QDialog):
    """Registers a customer; ``created`` carries the new CustomerView."""

    created = Signal(object)

    FIELDS = (
        ("first_name", "First name"), ("last_name", "Last name"), ("company", "Company"),
        ("email", "Email"), ("phone", "Phone"), ("line1", "Street"), ("city", "City"),
        ("region", "State / region"), ("postal_code", "Postal code"), ("country", "Country"),
    )

    def __init__(self, desk: Desk, parent: QWidget | None = None, *, name_hint: str = "") -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("New Customer")
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(key)
            self.inputs[key] = edit
            form.addRow(label + ":", edit)
        self.inputs["country"].setText("US")
        if name_hint and "@" not in name_hint and not any(ch.isdigit() for ch in name_hint):
            parts = name_hint.replace("%", "").split()
            if parts:
                self.inputs["last_name" if len(parts) == 1 else "first_name"].setText(parts[0])
            if len(parts) > 1:
                self.inputs["last_name"].setText(" ".join(parts[1:]))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.buttons)
        self.calls = Calls(self, say=self._say)

    def _say(self, text: str) -> None:
        """A refusal names the field to fix; the dialog stays open with what was typed."""
        self.refusal.setText(text)
        self.refusal.show()

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.inputs.items()}

    def save(self) -> None:
        v = self.values()
        address = None
        if v["line1"] or v["city"]:
            address = {
                "name": f"{v['first_name']} {v['last_name']}".strip(), "line1": v["line1"],
                "city": v["city"], "region": v["region"], "postal_code": v["postal_code"],
                "country": v["country"], "phone": v["phone"],
            }
        self.buttons.setEnabled(False)
        create = self.desk.customers.create

        def call() -> Any:
            return create(
                v["first_name"], v["last_name"], company=v["company"] or None,
                email=v["email"] or None, phone=v["phone"] or None, address=address,
            )

        def done(customer: Any) -> None:
            self.created.emit(customer)
            self.accept()

        self.calls.run(call, done, on_failed=lambda: self.buttons.setEnabled(True))


class FindCustomerDialog(QDialog):
    """``customer_chosen(CustomerView)`` when the rep opens or picks a customer.

    """

    customer_chosen = Signal(object)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.generation = 0
        self.setWindowTitle("Find Customer")
        self.box = QLineEdit()
        self.box.setObjectName("customerSearch")
        self.box.setPlaceholderText("Name (any part, % as wildcard), email, or phone")
        self.box.setClearButtonEnabled(True)
        self.model = CustomerResultsModel(self)
        self.proxy = SortProxy(self.model, self)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Enter (or a double click) on a highlighted result opens that customer.
        self.table.activated.connect(self._choose_index)
        self.status = QLabel("Type a name, an email address or a phone number.")
        self.status.setObjectName("resultStatus")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.box.textChanged.connect(lambda _text: self.timer.start())
        self.box.returnPressed.connect(self._on_return)
        self.calls = Calls(self)

        self.new_button = QPushButton("&New Customer…")
        # Never the dialog's default: Enter belongs to the result the rep highlighted.
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_customer)
        self.open_button = QPushButton("&Open")
        self.open_button.setDefault(False)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.choose_current)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        prompt = QLabel("&Customer:")
        prompt.setBuddy(self.box)
        layout.addWidget(prompt)
        layout.addWidget(self.box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(760, 440)

    # -- searching ----------------------------------------------------------------
    def search_now(self) -> None:
        self.timer.stop()
        text = self.box.text().strip()
        self.generation += 1
        generation = self.generation
        if not text:
            self.model.set_rows([])
            self.status.setText("Type a name, an email address or a phone number.")
            return
        self.status.setText("Searching…")
        find = self.desk.customers.find

        def done(rows: list[Any]) -> None:
            if generation != self.generation:
                return
            self.model.set_rows(rows)
            fit_columns(self.table)  # names and emails whole, not cut to equal widths
            if rows:
                self.table.setCurrentIndex(self.proxy.index(0, 0))  # the first result is the one Enter opens
                self.table.selectRow(0)
                word = "customer" if len(rows) == 1 else "customers"
                self.status.setText(f"{len(rows)} {word} found.")
            else:
                self.status.setText(f"No customer matches “{text}”. Use New Customer to add one.")

        def refused(error: SalesCenterError) -> None:
            if generation == self.generation:  # else a newer search speaks for the box
                self.model.set_rows([])
                self.status.setText(str(error))

        self.calls.run(lambda: find(text), done, on_refused=refused)

    def _on_return(self) -> None:
        if self.timer.isActive():
            self.search_now()
            return
        self.choose_current()

    # -- choosing -----------------------------------------------------------------
    def current_customer(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.proxy.row_object(rows[0].row())
        if self.proxy.rowCount() == 1:
            return self.proxy.row_object(0)
        return None

    def _choose_index(self, index: QModelIndex) -> None:
        self.customer_chosen.emit(self.proxy.row_object(index.row()))
        self.accept()

    def choose_current(self) -> None:
        customer = self.current_customer()
        if customer is not None:
            self.customer_chosen.emit(customer)
            self.accept()

    def new_customer(self) -> None:
        dialog = NewCustomerDialog(self.desk, self, name_hint=self.box.text().strip())
        dialog.created.connect(self._created)
        dialog.open()

    def _created(self, customer: Any) -> None:
        self.model.set_rows([customer])
        self.table.selectRow(0)
        self.status.setText(f"Customer {customer.first_name} {customer.last_name} added.")
        self.customer_chosen.emit(customer)
        self.accept()

    def keyPressEvent(self, event: Any) -> None:
        # Down from the box moves into the results, as in any search-as-you-type list.
        if event.key() == Qt.Key.Key_Down and self.box.hasFocus() and self.proxy.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.proxy.index(0, 0))
            self.table.setFocus()
            return
        super().keyPressEvent(event)
