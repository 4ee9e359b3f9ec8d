"""The one table-model base of the desktop: rows of read views shown in table views.

A model declares its ``columns``; ``set_rows`` keeps rows by id and reports changes
the way views expect (removed rows with ``beginRemoveRows``, new ones with
``beginInsertRows``, changed values with ``dataChanged``) so selections survive a
refresh; ``append_rows`` adds a page (lazy paging); ``sort`` sorts in Python with one
key per row. ``ROW_ROLE`` hands a view the row object, ``SORT_ROLE`` a plain sort key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def show(value: object) -> str:
    """A value as a cell shows it: money with cents, dates without seconds."""
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


def sort_key(value: object) -> object:
    """A plain Qt-comparable key (None first, money as a number, dates as text)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float | str):
        return value
    return str(value)


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], object]
    editable: bool = False
    checkable: bool = False
    money: bool = False  # right-aligned


class RowsModel(QAbstractTableModel):
    columns: ClassVar[Sequence[Column]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    # Qt interface --------------------------------------------------------------

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == ROW_ROLE:
            return row
        value = column.value(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if column.checkable else show(value)
        if role == Qt.ItemDataRole.EditRole and column.editable:
            return str(value)
        if role == Qt.ItemDataRole.CheckStateRole and column.checkable:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column.money:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return sort_key(value)
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts in Python with one key per row: a proxy asking data() for every
        comparison would hold the event loop for long on a thousand rows."""
        if not 0 <= column < len(self.columns):
            self.sort_column = -1
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(index.row(), index.column()) for index in persistent]
        value = self.columns[column].value
        keyed = [((value(row) is None, sort_key(value(row))), position, row)
                 for position, row in enumerate(self.rows)]
        keyed.sort(key=lambda item: item[0], reverse=order == Qt.SortOrder.DescendingOrder)
        new_row_of = {old: new for new, (_key, old, _row) in enumerate(keyed)}
        self.rows = [row for _key, _old, row in keyed]
        self.changePersistentIndexList(persistent, [self.index(new_row_of[r], c) for r, c in before])
        self.layoutChanged.emit()

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
        if not new or not self.rows or len(set(new_keys)) != len(new_keys):
            self._reset(new)
            return
        wanted = set(new_keys)
        for position in range(len(self.rows) - 1, -1, -1):
            if self._key(self.rows[position]) not in wanted:
                self.beginRemoveRows(NO_PARENT, position, position)
                del self.rows[position]
                self.endRemoveRows()
        kept = [self._key(r) for r in self.rows]
        if kept != [k for k in new_keys if k in set(kept)]:
            self._reset(new)
            return
        for position, row in enumerate(new):
            if position >= len(self.rows) or self._key(self.rows[position]) != new_keys[position]:
                self.beginInsertRows(NO_PARENT, position, position)
                self.rows.insert(position, row)
                self.endInsertRows()
            else:
                self.rows[position] = row
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def append_rows(self, rows: Sequence[Any]) -> None:
        if not rows:
            return
        first = len(self.rows)
        self.beginInsertRows(NO_PARENT, first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()
        if self.sort_column >= 0:
            self.sort(self.sort_column, self.sort_order)

    def _reset(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def _key(self, row: Any) -> object:
        return getattr(row, "id", None) or id(row)

    def _valid(self, index: Index) -> bool:
        return (index.isValid() and 0 <= index.row() < len(self.rows)
                and 0 <= index.column() < len(self.columns))


def fit_columns(view: QTableView, *, widest: int = 280) -> None:
    """Each column as wide as what it shows now (a Total is never cut off), none wider than
    ``widest`` (a long name elides there and its tooltip shows it); the rep may still drag them."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)
