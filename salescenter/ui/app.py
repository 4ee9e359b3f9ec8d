"""Starting the desktop: application, logging, crash handling, first run, sign-in.

``run_desktop`` is what ``salescenter`` with no command runs. The database
is opened on a worker; the first run offers the first administrator or the
demo data; then the login dialog; then the main window.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory

from ..paths import log_dir, private_file

log = logging.getLogger("salescenter")
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
LOG_FILE = "salescenter.log"


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The rotating log, each file of it created 0600 (it names customers and users)."""

    def _open(self):  # type: ignore[no-untyped-def]
        private_file(Path(self.baseFilename))
        return super()._open()


def setup_logging(folder: Path | None = None) -> Path:
    """A rotating log file in the user log folder (five files of a megabyte)."""
    path = (folder or log_dir()) / LOG_FILE
    handler = PrivateLogFile(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == handler.baseFilename for h in root.handlers):
        handler.close()
    else:
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def handle_uncaught(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log it, then show the crash dialog instead of dying silently."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.error("Uncaught exception:\n%s", "".join(traceback.format_exception(kind, error, tb)))
    if QApplication.instance() is None:
        return
    from .crash_dialog import show_crash

    show_crash("".join(traceback.format_exception(kind, error, tb)), QApplication.activeWindow())


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = RESOURCES / "icons" / f"salescenter-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    if icon.isNull() and (RESOURCES / "icons" / "salescenter.svg").exists():
        icon.addFile(str(RESOURCES / "icons" / "salescenter.svg"))
    return icon


def apply_theme(app: QApplication) -> None:
    app.setStyle(QStyleFactory.create("Fusion"))
    sheet = RESOURCES / "style.qss"
    if sheet.exists():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
    app.setWindowIcon(app_icon())


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Sales Center")
    app.setOrganizationName("SalesCenter")
    app.setApplicationDisplayName("Sales Center")
    apply_theme(app)
    return app


def call_and_wait(call: Any, meanwhile: Any = None) -> Any:
    """Run a blocking call on a worker while the event loop keeps the UI alive.

    ``meanwhile`` runs on this thread once the call has started (work that can
    overlap it, such as imports while a password hash is checked).
    """
    from .worker import run_async

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(value: Any) -> None:
        outcome["value"] = value
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    holder = QApplication.instance()
    assert holder is not None
    run_async(holder, call, done, failed)
    if meanwhile is not None:
        meanwhile()
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def run_desktop(db_url: str | None = None, self_test: bool = False, ca_file: str | None = None) -> int:
    """``db_url`` may name a Sales Center server (https://...): the desktop then works through it."""
    if self_test:
        from .self_test import run_self_test

        return run_self_test(db_url)
    app = make_application()
    log_path = setup_logging()
    sys.excepthook = handle_uncaught
    log.info("Sales Center starting; log at %s", log_path)
    from ..api import SalesCenter
    from .preferences import load_settings, save_settings

    settings = load_settings()
    url = db_url or settings.database_url
    try:
        trusted = ca_file or settings.server_ca_file
        center = call_and_wait(lambda: SalesCenter.open(url, ca_file=trusted))
        has_users = call_and_wait(center.has_users)
    except Exception as error:  # noqa: BLE001 - any failure to open is shown, then we stop
        log.exception("Could not open the database %s", url or "(embedded)")
        QMessageBox.critical(None, "Sales Center", f"The database could not be opened:\n\n{error}")
        return 2
    from .login_dialog import FirstRunDialog, LoginDialog

    username, hint = settings.last_user or "", ""
    if not has_users:
        first = FirstRunDialog(center)
        if first.exec() != FirstRunDialog.DialogCode.Accepted:
            center.close()
            return 0
        username, hint = first.username, first.hint
    login = LoginDialog(center, center.url, username=username, hint=hint)
    if login.exec() != LoginDialog.DialogCode.Accepted:
        center.close()
        return 0
    desk = login.desk
    settings = settings.model_copy(update={"last_user": desk.user.username})
    save_settings(settings)
    from .main_window import MainWindow

    window = MainWindow(desk, center.url, settings)
    window.show()
    code = app.exec()
    from .worker import wait_for_idle

    wait_for_idle(30_000)
    center.close()
    return int(code)
