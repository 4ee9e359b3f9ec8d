"""The one place a failed call is reported: a domain error becomes a message in the rep's
words, anything else a log entry and the crash dialog."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ..errors import (
    AuthorizationError,
    ConflictError,
    LockedError,
    SalesCenterError,
    ValidationError,
)

log = logging.getLogger("salescenter.ui")

TITLES = {
    AuthorizationError: "Not allowed",
    ValidationError: "Please check",
    LockedError: "Order locked",
    ConflictError: "Changed by someone else",
}


def title_for(error: SalesCenterError) -> str:
    for kind, title in TITLES.items():
        if isinstance(error, kind):
            return title
    return "Sales Center"


def report_error(parent: object, error: BaseException, say: Callable[[str], None] | None = None) -> None:
    """A ``SalesCenterError`` is said (``say``, or a message box when there is nowhere to
    say it); any other exception is logged with its traceback and opens the crash dialog."""
    widget = parent if isinstance(parent, QWidget) else None
    if isinstance(error, SalesCenterError):
        if say is not None:
            say(str(error))
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title_for(error), str(error),
                          QMessageBox.StandardButton.Ok, widget)
        box.setObjectName("refusalBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("Unexpected error:\n%s", details)
    from .crash_dialog import show_crash

    show_crash(details, widget)
