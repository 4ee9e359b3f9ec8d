"""The administrator's screens (ADM-1): users, stores with their tax and shipping rates,
the catalog with store prices, promotions, and stranded locks and carts; and the audit
trail (AUD-1) a click away.

``install(window)`` adds an Administration menu with one entry per screen the signed-in
user's authorities allow (the desk decides: ``Desk.can``); a user holding none sees no
menu. The screens are imported when first opened (start-up does not pay for them); they
share one window, a tab each, and Ctrl+Tab moves between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from ...api import Desk

READ_AUDIT = "Read the audit trail"
# (screen, menu entry, the authority it needs in the desk's words)
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("users", "&Users…", "Manage users"),
    ("stores", "&Stores and Rates…", "Manage stores"),
    ("catalog", "&Catalog and Prices…", "Manage the catalog"),
    ("promotions", "&Promotions…", "Manage the catalog"),
    ("orders", "&Locks and Carts…", "Unlock stranded orders"),
)


def screens_for(desk: Desk) -> list[str]:
    return [key for key, _text, authority in SCREENS if desk.can(authority)]


def install(window: QMainWindow) -> dict[str, QAction]:
    """Administration > one entry per screen this user may use; none, no menu."""
    desk: Desk = window.desk  # type: ignore[attr-defined]
    allowed = screens_for(desk)
    if not allowed:
        return {}
    holder: dict[str, Any] = {}

    def open_screen(key: str) -> Any:
        from .window import AdminWindow

        admin = holder.get("window")
        if admin is None:
            admin = AdminWindow(desk, window)
            admin.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            admin.destroyed.connect(lambda: holder.pop("window", None))
            holder["window"] = admin
        window.admin_window = admin  # type: ignore[attr-defined]
        admin.show()
        admin.raise_()
        admin.activateWindow()
        return admin.show_page(key)

    bar = window.menuBar()
    menu = QMenu("Ad&ministration", bar)
    menu.setObjectName("adminMenu")
    help_menu = next((a for a in bar.actions() if a.text() == "&Help"), None)
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    actions: dict[str, QAction] = {}
    for key, text, _authority in SCREENS:
        if key in allowed:
            action = QAction(text, window)
            action.setObjectName(f"admin_{key}")
            action.triggered.connect(lambda _checked=False, k=key: open_screen(k))
            menu.addAction(action)
            actions[key] = action
    audit = getattr(window, "audit_action", None)
    if isinstance(audit, QAction):
        menu.addSeparator()
        menu.addAction(audit)
    window.open_admin_screen = open_screen  # type: ignore[attr-defined]
    return actions
