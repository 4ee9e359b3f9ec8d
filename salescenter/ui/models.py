"""The desktop's search models: customers found, and orders paged in from a search.

``OrderSearchModel`` pages search results in lazily (``canFetchMore``/``fetchMore``,
as in the Qt for Python fetchmore example), each page fetched on a worker so the
event loop never waits on the database. Sorting goes through ``SortProxy``, which
hands it to the model (one key per row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, Signal

from .table_model import NO_PARENT, ROW_ROLE, SORT_ROLE, Column, Index, RowsModel
from .worker import run_async

if TYPE_CHECKING:
    from ..api import Desk

ORDER_COLUMNS = (
    Column("Order", lambda o: o.number),
    Column("Name", lambda o: o.name),
    Column("Customer", lambda o: o.customer_name + (" (guest)" if o.is_guest else "")),
    Column("Email", lambda o: o.customer_email),
    Column("Store", lambda o: o.store),
    Column("Status", lambda o: o.status_label),
    Column("Created", lambda o: o.created_at),
    Column("Total", lambda o: o.total, money=True),
)

CUSTOMER_COLUMNS = (
    Column("Name", lambda c: f"{c.last_name}, {c.first_name}" + (" (guest)" if c.is_guest else "")),
    Column("Company", lambda c: c.company),
    Column("Email", lambda c: c.email),
    Column("Phone", lambda c: c.phone),
    Column("City", lambda c: c.addresses[0].city if c.addresses else ""),
)


class CustomerResultsModel(RowsModel):
    columns = CUSTOMER_COLUMNS


class OrderSearchModel(RowsModel):
    """Search results paged in from ``desk.orders.search(limit, offset)`` on demand.

    ``search(filters)`` starts a new search; views then pull further pages
    through ``fetchMore``. A page still in flight when the filters change is
    dropped on arrival (each search has its own generation number).
    """

    page_loaded = Signal(int, bool)  # rows loaded so far, whether more may follow
    search_failed = Signal(object)
    busy_changed = Signal(bool)

    columns = ORDER_COLUMNS

    def __init__(self, desk: Desk, page_size: int = 50, parent: QObject | None = None) -> None:
        super().__init__(parent)
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

    def canFetchMore(self, parent: Index = NO_PARENT) -> bool:
        if parent.isValid():
            return False
        return self.filters is not None and not self.exhausted and not self.fetching

    def fetchMore(self, parent: Index = NO_PARENT) -> None:
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
