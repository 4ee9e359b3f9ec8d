"""Which order commands this rep may use now, and why not, read from ``OrderView.actions``.

Every order command (a toolbar action, a page's button) names the ``desk.orders`` action
it takes. ``show_command`` is the one place a command is enabled, disabled and explained:
enabled exactly when the order's map says None, and otherwise showing the map's reason
as its tooltip and status tip, so a disabled command always says why, in the words the
services use when they refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from .interim_actions import derived_actions

if TYPE_CHECKING:
    from ...api import Desk
    from ...services.views import OrderView

Command = QAction | QWidget

LOADING = "The order is still loading."


def order_actions(view: OrderView, desk: Desk) -> Mapping[str, str | None]:
    """Every ``desk.orders`` action name: None when this user may take it now, else why not."""
    actions: Mapping[str, str | None] | None = getattr(view, "actions", None)
    return actions if actions is not None else derived_actions(view, desk)


def not_offered(action: str) -> str:
    return f"'{action}' is not offered for this order."


def show_command(command: Command, reason: str | None, tip: str) -> None:
    """Enable ``command`` when ``reason`` is None; otherwise disable it and say the reason."""
    command.setEnabled(reason is None)
    text = tip if reason is None else reason
    command.setToolTip(text)
    command.setStatusTip(text)
