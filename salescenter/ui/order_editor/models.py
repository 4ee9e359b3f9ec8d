"""Table models over the read views of an order: items, payments, blocks, holds, notes, history.

``RowsModel`` keeps rows by id and reports changes the way views expect:
removed rows with ``beginRemoveRows``, new ones with ``beginInsertRows``,
changed values with ``dataChanged`` — so selections survive a refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
ROW_KEY = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def words(code: str | None) -> str:
    """A code such as ``credit_card`` as a rep reads it: "Credit card"."""
    text = (code or "").replace("_", " ")
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], object]
    editable: bool = False
    checkable: bool = False
    money: bool = False


class RowsModel(QAbstractTableModel):
    columns: Sequence[Column] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    # Qt interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        value = column.value(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if column.checkable else show(value)
        if role == Qt.ItemDataRole.EditRole and column.editable:
            return str(value)
        if role == Qt.ItemDataRole.CheckStateRole and column.checkable:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column.money:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_KEY:
            return getattr(row, "id", index.row())
        if role == SORT_ROLE:
            if isinstance(value, (date, datetime)):
                return value.isoformat()
            if isinstance(value, Decimal):
                return float(value)
            return value if isinstance(value, (int, float, str)) else show(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if self.editable(self.rows[index.row()]):
            if column.editable:
                base |= Qt.ItemFlag.ItemIsEditable
            if column.checkable:
                base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    # hooks ---------------------------------------------------------------------

    def editable(self, row: Any) -> bool:
        return False

    def tooltip(self, row: Any) -> str | None:
        return None

    # rows ------------------------------------------------------------------------

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace the rows, reporting removals, insertions and changed values."""
        new = list(rows)
        new_keys = [self._key(r) for r in new]
        if len(set(new_keys)) != len(new_keys):
            self.beginResetModel()
            self.rows = new
            self.endResetModel()
            return
        wanted = set(new_keys)
        for position in range(len(self.rows) - 1, -1, -1):
            if self._key(self.rows[position]) not in wanted:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self.rows[position]
                self.endRemoveRows()
        kept = [self._key(r) for r in self.rows]
        if kept != [k for k in new_keys if k in set(kept)]:
            self.beginResetModel()
            self.rows = new
            self.endResetModel()
            return
        for position, row in enumerate(new):
            if position >= len(self.rows) or self._key(self.rows[position]) != new_keys[position]:
                self.beginInsertRows(QModelIndex(), position, position)
                self.rows.insert(position, row)
                self.endInsertRows()
            else:
                self.rows[position] = row
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def _key(self, row: Any) -> object:
        return getattr(row, "id", None) or id(row)

    def _valid(self, index: Index) -> bool:
        return (index.isValid() and 0 <= index.row() < len(self.rows)
                and 0 <= index.column() < len(self.columns))


def item_status(item: Any) -> str:
    return words(item.fulfillment_status) if item.fulfillment_status else "Not yet allocated"


def item_exception(item: Any) -> str:
    if not item.flag:
        return ""
    return f"Accepted: {item.flag}" if item.flag_accepted else item.flag


class ItemsModel(RowsModel):
    """The order lines; quantity and placed price are typed in the table, expedite is a check box."""

    QUANTITY, PLACED_PRICE, EXPEDITE = 2, 4, 7
    columns = (
        Column("SKU", lambda i: i.sku),
        Column("Name", lambda i: i.name + (f" (bundle {i.bundle_sku})" if i.bundle_sku else "")),
        Column("Quantity", lambda i: i.quantity, editable=True),
        Column("List price", lambda i: i.list_price, money=True),
        Column("Placed price", lambda i: i.placed_price, editable=True, money=True),
        Column("Discount", lambda i: i.discount, money=True),
        Column("Line total", lambda i: i.line_total, money=True),
        Column("Expedite", lambda i: i.expedite, checkable=True),
        Column("Status", item_status),
        Column("Expected", lambda i: i.expected_date),
        Column("Exception", item_exception),
    )
    # item id, what ("quantity" | "placed_price" | "expedite"), the new value
    change_requested = Signal(int, str, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.content_editable = False
        self.expedite_editable = False

    def editable(self, row: Any) -> bool:
        return row.fulfillment_status not in ("shipped", "canceled", "packing")

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not self._valid(index):
            return flags
        if not self.content_editable:
            flags &= ~Qt.ItemFlag.ItemIsEditable
        if not self.expedite_editable:
            flags &= ~Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def tooltip(self, row: Any) -> str | None:
        return row.flag

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or not (self.flags(index) & (
                Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)):
            return False
        item, column = self.rows[index.row()], index.column()
        if column == self.EXPEDITE and role == Qt.ItemDataRole.CheckStateRole:
            on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            self.change_requested.emit(item.id, "expedite", on)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        if column == self.QUANTITY:
            if not text.isdigit() or int(text) == item.quantity:
                return False
            self.change_requested.emit(item.id, "quantity", int(text))
            return True
        if column == self.PLACED_PRICE:
            try:
                price = Decimal(text.replace(",", "").lstrip("$"))
            except InvalidOperation:
                return False
            if price == item.placed_price:
                return False
            self.change_requested.emit(item.id, "placed_price", price)
            return True
        return False


class ProductsModel(RowsModel):
    columns = (
        Column("SKU", lambda p: p.sku),
        Column("Name", lambda p: p.name),
        Column("Price", lambda p: p.list_price, money=True),
        Column("In stock", lambda p: p.stock),
        Column("Restock", lambda p: p.restock_date),
        Column("Kind", lambda p: "Bundle" if p.is_bundle else "Product"),
    )

    def tooltip(self, row: Any) -> str | None:
        return row.description or None


class AssociationsModel(RowsModel):
    columns = (
        Column("Kind", lambda a: a.kind.replace("_", "-").capitalize()),
        Column("For", lambda a: a.from_sku),
        Column("SKU", lambda a: a.product.sku),
        Column("Name", lambda a: a.product.name),
        Column("Price", lambda a: a.product.list_price, money=True),
    )

    def _key(self, row: Any) -> object:
        return (row.kind, row.from_sku, row.product.sku)


class PromotionsModel(RowsModel):
    columns = (
        Column("Promotion", lambda p: p.name),
        Column("Applies", lambda p: p.applies),
        Column("Offer", lambda p: f"{p.percent_off}% off" if p.percent_off else f"{p.amount_off} off"),
        Column("Coupon", lambda p: p.coupon_code or ""),
        Column("Why", lambda p: p.why),
    )


class PaymentsModel(RowsModel):
    columns = (
        Column("Method", lambda p: words(p.method)),
        Column("Amount", lambda p: p.amount, money=True),
        Column("Authorized", lambda p: p.authorized_amount, money=True),
        Column("Status", lambda p: words(p.status)),
        Column("Reference", lambda p: p.reference),
        Column("Added", lambda p: p.created_at),
    )


class BlocksModel(RowsModel):
    columns = (
        Column("Kind", lambda b: words(b.kind)),
        Column("Reason", lambda b: b.reason),
        Column("Comment", lambda b: b.comment),
        Column("Placed by", lambda b: b.placed_by),
        Column("Placed", lambda b: b.placed_at),
        Column("State", lambda b: f"Resolved by {b.resolved_by}" if b.resolved else "Open"),
    )


class HoldsModel(RowsModel):
    columns = (
        Column("On", lambda h: "Whole order" if h.item_id is None else f"Item {h.item_id}"),
        Column("Reason", lambda h: h.reason),
        Column("Placed by", lambda h: h.placed_by),
        Column("Placed", lambda h: h.placed_at),
        Column("State", lambda h: f"Released by {h.released_by}" if h.released else "Active"),
    )


class NotesModel(RowsModel):
    columns = (
        Column("When", lambda n: n.created_at),
        Column("Author", lambda n: n.author),
        Column("Note", lambda n: n.text),
    )


class HistoryModel(RowsModel):
    columns = (
        Column("When", lambda h: h.at),
        Column("User", lambda h: h.user),
        Column("Activity", lambda h: h.activity),
        Column("Detail", lambda h: h.detail),
    )
