"""Which order commands this rep may use now, and why not, read from the actions maps of
the order's views (``OrderView.actions``, and ``actions`` of each item, block and hold).

Every order command (a toolbar action, a page's button) names the ``desk.orders`` action
it takes. ``show_command`` is the one place a command is enabled, disabled and explained:
enabled exactly when the map says None, and otherwise showing the map's reason as its
tooltip and status tip, so a disabled command always says why, in the words the services
use when they refuse.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

Command = QAction | QWidget

LOADING = "The order is still loading."


def not_offered(action: str) -> str:
    return f"'{action}' is not offered for this order."


def reason_in(actions: Mapping[str, str | None], action: str) -> str | None:
    """The map's answer for ``action``: None when allowed, else the reason it is not."""
    return actions[action] if action in actions else not_offered(action)


def show_command(command: Command, reason: str | None, tip: str) -> None:
    """Enable ``command`` when ``reason`` is None; otherwise disable it and say the reason."""
    command.setEnabled(reason is None)
    text = tip if reason is None else reason
    command.setToolTip(text)
    command.setStatusTip(text)
