"""The one place a domain error becomes a message, and anything else a crash dialog."""

from __future__ import annotations

import logging
import traceback

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


def report_error(parent: object, error: BaseException) -> None:
    widget = parent if isinstance(parent, QWidget) else None
    if isinstance(error, SalesCenterError):
        QMessageBox.warning(widget, title_for(error), str(error))
        return
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    log.error("Unexpected error:\n%s", details)
    from .crash_dialog import CrashDialog

    CrashDialog(details, widget).exec()
