"""Find Order's "Export to CSV…": every order the current search matches (all pages, not
just those scrolled into view), written by ``desk.transfer.export_search`` on a worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from .calls import Calls

if TYPE_CHECKING:
    from ..api import Desk
    from .models import OrderSearchModel


def ask_path(parent: QWidget) -> str:
    """The file to write (a seam tests replace); empty when the rep canceled."""
    path, _filter = QFileDialog.getSaveFileName(parent, "Export search results", "orders.csv",
                                                "CSV files (*.csv);;All files (*)")
    return path


class SearchExport(QObject):
    exported = Signal(str, int)  # path, orders written

    def __init__(self, desk: Desk, model: OrderSearchModel, status: QLabel, parent: QWidget) -> None:
        super().__init__(parent)
        self.desk = desk
        self.model = model
        self.status = status
        self.window = parent
        self.busy = False
        self.button = QPushButton("E&xport to CSV…")
        self.button.setObjectName("exportSearch")
        self.button.setAutoDefault(False)
        self.button.setToolTip("Write every order these filters match to a CSV file")
        self.button.clicked.connect(self.export)
        model.page_loaded.connect(lambda *_: self._update())
        model.modelReset.connect(self._update)
        model.rowsRemoved.connect(lambda *_: self._update())
        self._update()
        self.calls = Calls(parent, say=lambda text: self.status.setText(f"Nothing was exported. {text}"))

    def _update(self) -> None:
        self.button.setEnabled(not self.busy and self.model.filters is not None
                               and self.model.rowCount() > 0)

    def export(self) -> None:
        filters: dict[str, Any] | None = self.model.filters
        if filters is None or self.busy:
            return
        path = ask_path(self.window)
        if not path:
            return
        if not path.lower().endswith(".csv") and not Path(path).suffix:
            path += ".csv"
        self.busy = True
        self._update()
        self.status.setText("Exporting…")
        transfer, chosen = self.desk.transfer, dict(filters)
        self.calls.run(lambda: transfer.export_search(path, **chosen),
                       lambda count: self._done(path, count), on_failed=self._failed)

    def _done(self, path: str, count: int) -> None:
        self.busy = False
        self._update()
        orders = "1 order" if count == 1 else f"{count:,} orders"
        self.status.setText(f"Exported {orders} to {path}.")
        self.exported.emit(path, count)

    def _failed(self) -> None:
        self.busy = False
        self._update()
