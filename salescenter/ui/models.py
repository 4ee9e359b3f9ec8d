"""Item models of the desktop: plain rows of read models, shown in table views.

``RowsModel`` maps a list of pydantic views to columns. ``OrderSearchModel``
pages search results in lazily (``canFetchMore``/``fetchMore``, as in the Qt
for Python fetchmore example), each page fetched on a worker so the event
loop never waits on the database. Sorting goes through a
``QSortFilterProxyModel`` reading ``SORT_ROLE``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from ..labels import ORDER_STATE_NAMES as STATE_NAMES
from .worker import run_async

if TYPE_CHECKING:
    from ..api import Desk

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


def state_name(status: str | None) -> str:
    """The rep's words for an order state ("Pending payment authorization")."""
    return STATE_NAMES.get(status or "", status or "")


def money(value: Decimal | None, currency: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}"
    return f"{text} {currency}".strip()


def when(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], object]
    text: Callable[[object], str] = str
    align_right: bool = False


def _sort_key(value: object) -> object:
    # Sort keys must be plain Qt-comparable values.
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


class RowsModel(QAbstractTableModel):
    """A read-only table of view objects; one row per object."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder

    # -- Qt interface -------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else column.text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SORT_ROLE:
            return _sort_key(column.value(row))
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    # -- filling ------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any]) -> None:
        if not rows:
            return
        first = len(self.rows)
        self.beginInsertRows(NO_PARENT, first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()
        if self.sort_column >= 0:
            self.sort(self.sort_column, self.sort_order)

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
        keyed = [((value(row) is None, _sort_key(value(row))), position, row)
                 for position, row in enumerate(self.rows)]
        keyed.sort(key=lambda item: item[0], reverse=order == Qt.SortOrder.DescendingOrder)
        new_row_of = {old: new for new, (_key, old, _row) in enumerate(keyed)}
        self.rows = [row for _key, _old, row in keyed]
        self.changePersistentIndexList(
            persistent, [self.index(new_row_of[r], c) for r, c in before]
        )
        self.layoutChanged.emit()

    def replace_row(self, position: int, row: Any) -> None:
        self.rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.columns) - 1))

    def row_at(self, position: int) -> Any:
        return self.rows[position]


ORDER_COLUMNS = (
    Column("Order", lambda o: o.number),
    Column("Name", lambda o: o.name),
    Column("Customer", lambda o: o.customer_name + (" (guest)" if o.is_guest else "")),
    Column("Email", lambda o: o.customer_email),
    Column("Store", lambda o: o.store),
    Column("Status", lambda o: o.status, lambda status: state_name(str(status))),
    Column("Created", lambda o: o.created_at, when),  # type: ignore[arg-type]
    Column("Total", lambda o: o.total, money, align_right=True),  # type: ignore[arg-type]
)

CUSTOMER_COLUMNS = (
    Column("Name", lambda c: f"{c.last_name}, {c.first_name}" + (" (guest)" if c.is_guest else "")),
    Column("Company", lambda c: c.company),
    Column("Email", lambda c: c.email),
    Column("Phone", lambda c: c.phone),
    Column("City", lambda c: c.addresses[0].city if c.addresses else ""),
)


class CustomerResultsModel(RowsModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(CUSTOMER_COLUMNS, parent)


class OrderListModel(RowsModel):
    """Orders already in hand (a customer's orders, the blocked queue)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(ORDER_COLUMNS, parent)


class OrderSearchModel(RowsModel):
    """Search results paged in from ``desk.orders.search(limit, offset)`` on demand.

    ``search(filters)`` starts a new search; views then pull further pages
    through ``fetchMore``. A page still in flight when the filters change is
    dropped on arrival (each search has its own generation number).
    """

    page_loaded = Signal(int, bool)  # rows loaded so far, whether more may follow
    search_failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, desk: Desk, page_size: int = 50, parent: QObject | None = None) -> None:
        super().__init__(ORDER_COLUMNS, parent)
        self.desk = desk
        self.page_size = page_size
        self.filters: dict[str, Any] | None = None
        self.generation = 0
        self.exhausted = True
        self.fetching = False

    def search(self, filters: dict[str, Any]) -> None:
        self.generation += 1
        self.filters = dict(filters)
        self.exhausted = False
        # Marked busy before the reset: views (and the model tester) react to a
        # reset by asking for more, which would fetch the first page twice.
        self.fetching = True
        self.set_rows([])
        self._fetch_page()

    def canFetchMore(self, parent: AnyIndex = NO_PARENT) -> bool:
        if parent.isValid():
            return False
        return self.filters is not None and not self.exhausted and not self.fetching

    def fetchMore(self, parent: AnyIndex = NO_PARENT) -> None:
        if self.canFetchMore(parent):
            self._fetch_page()

    def _fetch_page(self) -> None:
        if self.filters is None:
            return
        generation, offset, limit = self.generation, len(self.rows), self.page_size
        filters = dict(self.filters)
        self.fetching = True
        self.busy_changed.emit(True)
        search = self.desk.orders.search

        def done(rows: list[Any]) -> None:
            if generation != self.generation:
                return
            # Rows first, then not busy: a view asking for more while the rows go
            # in would otherwise fetch the same page again.
            self.exhausted = len(rows) < limit
            self.append_rows(rows)
            self.fetching = False
            self.busy_changed.emit(False)
            self.page_loaded.emit(len(self.rows), not self.exhausted)

        def failed(error: BaseException) -> None:
            if generation != self.generation:
                return
            self.fetching = False
            self.exhausted = True
            self.busy_changed.emit(False)
            self.search_failed.emit(error)

        run_async(self, lambda: search(**filters, limit=limit, offset=offset), done, failed)


class SortProxy(QSortFilterProxyModel):
    """The views' proxy: sorting is handed to the source model, which sorts with
    one key per row (see ``RowsModel.sort``); filtering stays with the proxy."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RowsModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def __init__(self, source: RowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def row_object(self, proxy_row: int) -> Any:
        source = self.mapToSource(self.index(proxy_row, 0))
        return source.data(ROW_ROLE)
