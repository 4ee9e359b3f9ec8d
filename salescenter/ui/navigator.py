"""The navigator: stores with their recent orders, quotes and customers, and
(for supervisors) the blocked-orders queue.

Everything is read in one background call and shown as a tree; activating an
order or a customer asks the shell to open its editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from ..errors import AuthorizationError
from .calls import Calls

if TYPE_CHECKING:
    from ..api import Desk

KIND_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11
RECENT = 15


@dataclass
class StoreNode:
    store: Any
    orders: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)


@dataclass
class NavigatorData:
    stores: list[StoreNode]
    blocked: list[Any] | None  # None: the user may not work the queue


def load_navigator(desk: Desk, recent: int = RECENT) -> NavigatorData:
    """Runs on a worker: everything the tree shows, in one go."""
    nodes = []
    for store in desk.stores.list():
        orders = desk.orders.search(store=store.code, limit=recent)
        quotes = desk.orders.search(store=store.code, kind="quote", limit=recent)
        nodes.append(StoreNode(store, orders, quotes))
    try:
        blocked: list[Any] | None = desk.orders.blocked_queue()
    except AuthorizationError:
        blocked = None  # the services decide who works the queue
    return NavigatorData(nodes, blocked)


def _item(text: str, kind: str = "", object_id: int = 0, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(kind, KIND_ROLE)
    item.setData(object_id, ID_ROLE)
    if tip:
        item.setToolTip(tip)
    return item


def _order_item(order: Any) -> QStandardItem:
    label = f"{order.number}  {order.customer_name or 'Guest'}"
    tip = f"Order {order.number} · {order.status_label} · {order.total:,.2f}"
    return _item(label, "order", order.id, tip)


class Navigator(QWidget):
    order_activated = Signal(int)
    customer_activated = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Sales Center"])
        self.tree = QTreeView()
        self.tree.setObjectName("navigatorTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.activated.connect(self._activated)
        self.tree.doubleClicked.connect(self._activated)
        self.note = QLabel("Loading…")
        self.note.setObjectName("navigatorNote")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        self.loaded = False
        self.calls = Calls(self, say=self._refused)

    def refresh(self) -> None:
        self.note.setText("Loading…")
        self.note.show()
        desk = self.desk
        self.calls.run(lambda: load_navigator(desk), self._show,
                       on_failed=lambda: self.note.setText("Could not load the navigator."))

    def _refused(self, text: str) -> None:
        self.note.setText(f"Could not load the navigator: {text}")

    def _show(self, data: NavigatorData) -> None:
        expanded = self._expanded_paths()
        self.model.removeRows(0, self.model.rowCount())
        root = self.model.invisibleRootItem()
        if data.blocked is not None:  # first: it is the supervisor's work list
            queue = _item(f"Blocked orders ({len(data.blocked)})", "queue",
                          tip="Submitted orders held up by open blocks, oldest first")
            queue.appendRows([_order_item(o) for o in data.blocked])
            root.appendRow(queue)
        for node in data.stores:
            store = _item(f"{node.store.name} ({node.store.code})", "store",
                          tip=f"{node.store.kind.replace('_', ' ')} store · {node.store.currency}")
            orders = _item(f"Orders ({len(node.orders)} recent)", "folder")
            orders.appendRows([_order_item(o) for o in node.orders])
            quotes = _item(f"Quotes ({len(node.quotes)})", "folder")
            quotes.appendRows([_order_item(q) for q in node.quotes])
            customers = _item("Customers", "folder")
            seen: set[int] = set()
            for order in node.orders + node.quotes:
                if order.customer_id and order.customer_id not in seen and not order.is_guest:
                    seen.add(order.customer_id)
                    customers.appendRow(_item(order.customer_name, "customer", order.customer_id))
            customers.setText(f"Customers ({len(seen)})")
            store.appendRows([orders, quotes, customers])
            root.appendRow(store)
        if not data.stores:
            self.note.setText("No stores yet. An administrator adds stores and products.")
        else:
            self.note.hide()
        self._restore(expanded)
        self.loaded = True

    def _expanded_paths(self) -> set[str]:
        paths: set[str] = set()
        for row in range(self.model.rowCount()):
            top = self.model.index(row, 0)
            if self.tree.isExpanded(top):
                paths.add(top.data().split(" (")[0])
            for child_row in range(self.model.rowCount(top)):
                child = self.model.index(child_row, 0, top)
                if self.tree.isExpanded(child):
                    paths.add(top.data().split(" (")[0] + "/" + child.data().split(" (")[0])
        return paths

    def _restore(self, paths: set[str]) -> None:
        # First load: every store open, the first store's orders and the queue unfolded.
        first, first_store = not self.loaded, True
        for row in range(self.model.rowCount()):
            top = self.model.index(row, 0)
            name = top.data().split(" (")[0]
            unfold = top.data(KIND_ROLE) != "queue" or self.model.rowCount(top) <= 10
            self.tree.setExpanded(top, (first and unfold) or name in paths)
            is_store = top.data(KIND_ROLE) == "store"
            for child_row in range(self.model.rowCount(top)):
                child = self.model.index(child_row, 0, top)
                path = name + "/" + child.data().split(" (")[0]
                self.tree.setExpanded(child, (first and first_store and child_row == 0) or path in paths)
            first_store = first_store and not is_store

    def _activated(self, index: QModelIndex) -> None:
        kind, object_id = index.data(KIND_ROLE), index.data(ID_ROLE)
        if kind == "order":
            self.order_activated.emit(object_id)
        elif kind == "customer":
            self.customer_activated.emit(object_id)

    def items_text(self) -> list[str]:
        """Every label in the tree, depth first (what the rep can read)."""
        texts: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                texts.append(index.data())
                walk(index)

        walk(QModelIndex())
        return texts
