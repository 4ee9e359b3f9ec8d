"""The administration window: the screens the user may use, one tab each (ADM-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from . import READ_AUDIT, screens_for
from .base import AdminPage
from .catalog import CatalogPage
from .orders import OrdersPage
from .promotions import PromotionsPage
from .stores import StoresPage
from .users import UsersPage

if TYPE_CHECKING:
    from ...api import Desk

PAGES: dict[str, type[AdminPage]] = {
    "users": UsersPage, "stores": StoresPage, "catalog": CatalogPage, "promotions": PromotionsPage,
    "orders": OrdersPage,
}


class AdminWindow(QDialog):
    """The screens the user may use, one tab each, loaded when first shown."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminWindow")
        self.setWindowTitle("Administration")
        self.desk = desk
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.pages: dict[str, AdminPage] = {}
        for key in screens_for(desk):
            page = PAGES[key](desk, self)
            self.pages[key] = page
            self.tabs.addTab(page, page.title)
        self.loaded: set[AdminPage] = set()
        self.tabs.currentChanged.connect(lambda _index: self._load_current())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Enter belongs to the screens (a search, a table), never to Close: Esc closes.
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.audit_button: QPushButton | None = None
        if desk.can(READ_AUDIT):
            self.audit_button = buttons.addButton("Audit &trail…", QDialogButtonBox.ButtonRole.ActionRole)
            self.audit_button.setObjectName("openAuditTrail")
            self.audit_button.setAutoDefault(False)
            self.audit_button.setToolTip("Who changed users, stores, prices and the catalog, and how")
            self.audit_button.clicked.connect(lambda _checked=False: self.show_audit())
        self.audit_dialog: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(980, 640)

    def show_page(self, key: str) -> AdminPage | None:
        page = self.pages.get(key)
        if page is not None:
            self.tabs.setCurrentWidget(page)
            self._load_current()
            page.focus_first()
        return page

    def _load_current(self) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, AdminPage) and page not in self.loaded:
            self.loaded.add(page)
            page.refresh()

    def show_audit(self) -> Any:
        from ..audit_view import AuditDialog

        dialog = AuditDialog(self.desk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.search()
        self.audit_dialog = dialog
        return dialog
