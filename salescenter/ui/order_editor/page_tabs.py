"""The order editor's pages, each built the first time it is shown or asked for.

Opening an order builds only the pages the rep sees first; the others cost
nothing until their tab is chosen, and an unbuilt page does not redraw on
every change of the order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from .page import OrderPage
from .session import OrderSession

P = TypeVar("P", bound=OrderPage)


class PageTabs(QTabWidget):
    def __init__(self, session: OrderSession, kinds: Sequence[type[OrderPage]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kinds = list(kinds)
        self.built: dict[type[OrderPage], OrderPage] = {}
        self.holders: list[QVBoxLayout] = []
        for kind in self.kinds:
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.holders.append(layout)
            self.addTab(holder, kind.title)
        self.currentChanged.connect(self._shown)

    def page(self, kind: type[P]) -> P:
        found = self.built.get(kind)
        if found is None:
            found = kind(self.session)
            self.built[kind] = found
            self.holders[self.kinds.index(kind)].addWidget(found)
            found.catch_up()
        assert isinstance(found, kind)
        return found

    def built_pages(self) -> list[OrderPage]:
        """In tab order; a page never built holds nothing the rep typed."""
        return [self.built[kind] for kind in self.kinds if kind in self.built]

    def show_title(self, title: str) -> None:
        for position, kind in enumerate(self.kinds):
            if kind.title == title:
                self.setCurrentIndex(position)

    def _shown(self, position: int) -> None:
        if 0 <= position < len(self.kinds):
            self.page(self.kinds[position])
