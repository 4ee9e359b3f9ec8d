"""What every page of the order editor shares: the session and a redraw on every new view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import OrderView


class OrderPage(QWidget):
    title = ""

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.desk = session.desk
        session.changed.connect(self.show_order)

    def show_order(self, view: OrderView) -> None:
        """Show ``view``; never overwrite what the rep is typing."""

    def catch_up(self) -> None:
        """Built after the order was loaded: show what the session already holds."""
        if self.session.view is not None:
            self.show_order(self.session.view)

    def landing_field(self) -> QWidget | None:
        """Where the keyboard goes when the rep comes to this page (KEY-1); None: its first field."""
        return None

    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> bool:
        """Apply typed changes; False when there was nothing to apply."""
        return False

    def discard(self) -> None:
        """Forget typed changes (the rep chose Discard)."""


def table(model: object, *, stretch: int = -1, name: str = "") -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        view.horizontalHeader().setStretchLastSection(True)
    if name:
        view.setObjectName(name)
    return view


def selected_row(view: QTableView) -> int:
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if rows:
        index = rows[0]
        model = view.model()
        mapper = getattr(model, "mapToSource", None)
        return mapper(index).row() if mapper else index.row()
    current = view.currentIndex()
    return current.row() if current.isValid() else -1
