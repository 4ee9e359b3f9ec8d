"""A thin banner above the editors while the documented demo sign-ins still work.

Whether they do is the desk's answer (``desk.users.demo_sign_ins``), asked on a
worker once the window opens; the banner only shows it, and stays hidden on a
database where no demo password signs anyone in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .calls import Calls

if TYPE_CHECKING:
    from ..api import Desk


class DemoBanner(QLabel):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#demoBanner { background: #fff4ce; color: #3b2f00; padding: 3px 8px; }")
        self.hide()
        self.accounts: list[str] = []
        self.answered = False  # the desk has answered (tests wait for it)
        users = desk.users
        # A refusal leaves the banner hidden; anything unexpected reaches the crash dialog.
        self.calls = Calls(self)
        self.calls.run(users.demo_sign_ins, self.show_accounts, on_refused=lambda _refusal: None)

    def show_accounts(self, accounts: list[str]) -> None:
        self.accounts = list(accounts)
        self.answered = True
        if not self.accounts:
            self.hide()
            return
        names = ", ".join(self.accounts)
        self.setText(
            f"Demo sign-ins still work here ({names}): anyone who read the README can sign in. "
            "Before real use, give each its own password or disable it (salescenter users password "
            "NAME, salescenter users disable NAME)."
        )
        self.setToolTip("The demo passwords are published; this banner goes once none of them works.")
        self.show()


def above(banner: QWidget, content: QWidget) -> QWidget:
    """``content`` with ``banner`` on top, taking no room while the banner is hidden."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(content, 1)
    return holder
