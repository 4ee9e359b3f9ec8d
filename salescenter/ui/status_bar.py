"""The status bar: the state of the order being worked on and who holds its
lock, plus the signed-in user and the database (000: the status of any order
on which you are working is displayed in the status bar)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from ..labels import role_label

if TYPE_CHECKING:
    from ..services.views import OrderView


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setContentsMargins(6, 0, 6, 0)
    return label


class DeskStatusBar(QStatusBar):
    def __init__(self, username: str, role: str, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.username = username
        self.order_label = _label("orderState")
        self.lock_label = _label("orderLock")
        self.user_label = _label("signedInUser")
        self.database_label = _label("database")
        self.user_label.setText(f"Signed in: {username} ({role_label(role)})")
        self.database_label.setText(f"Database: {database}")
        self.database_label.setToolTip(database)
        # The order being worked on reads first, at the left; who and where at the right.
        self.addWidget(self.order_label)
        self.addWidget(self.lock_label)
        self.addPermanentWidget(self.user_label)
        self.addPermanentWidget(self.database_label)
        self.show_order(None)

    def show_order(self, view: OrderView | None) -> None:
        if view is None:
            self.order_label.setText("No order open")
            self.lock_label.setText("")
            self.lock_label.hide()
            return
        kind = "Quote" if view.is_quote else "Order"
        self.order_label.setText(f"{kind} {view.number}: {view.status_label}")
        holder = view.locked_by
        if holder:
            who = f"you ({holder})" if holder == self.username else holder
            self.lock_label.setText(f"Locked for editing by {who}")
        else:
            self.lock_label.setText("Not locked")
        self.lock_label.setProperty("locked", bool(holder))
        self.lock_label.style().unpolish(self.lock_label)
        self.lock_label.style().polish(self.lock_label)
        self.lock_label.show()
