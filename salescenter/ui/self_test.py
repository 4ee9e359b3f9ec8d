"""``salescenter --self-test``: open the desktop on the chosen database, render
every main view once and exit 0 (installer tests and benchmarks use it).

The database is created and migrated when needed, and the view that opens it is
rendered: the first-run setup when it has no users, else the sign-in. The signed-in
views are rendered as SALESCENTER_SELF_TEST_USER / SALESCENTER_SELF_TEST_PASSWORD when
those are set; without them they are rendered on a scratch database in a temporary
folder, with a throwaway administrator and one order of one customer, which is
removed afterwards. So every main view is rendered whatever the database, and the
chosen one is left as it was (a fresh one still offers the first-run setup).

The scratch database (salescenter/scratch.py: its empty schema copied from the user cache
once made) is prepared on a worker while the chosen one opens and the views are imported
here; scripts/startup_bench.py prints how long the whole run takes against a bare window.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEventLoop,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

from ..scratch import THROWAWAY_ADMIN

USER_ENV, PASSWORD_ENV = "SALESCENTER_SELF_TEST_USER", "SALESCENTER_SELF_TEST_PASSWORD"
WAIT_MS = 15_000


def _needs_offscreen() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    # Qt's chatter (e.g. the offscreen plugin's size-hint notice) goes to the log, not the report.
    level = logging.INFO if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg) else logging.DEBUG
    logging.getLogger("salescenter.qt").log(level, "%s", message)


def pump_until(done: Callable[[], bool], timeout_ms: int = WAIT_MS) -> bool:
    """Process events until ``done()`` or the timeout; the UI stays live meanwhile."""
    clock = QElapsedTimer()
    clock.start()
    while not done():
        if clock.elapsed() > timeout_ms:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.002)
    return True


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.started = time.perf_counter()

    def render(self, name: str, widget: QWidget, ready: Callable[[], bool] = lambda: True) -> None:
        clock = time.perf_counter()
        widget.show()
        if not pump_until(ready):
            raise RuntimeError(f"{name} did not finish loading within {WAIT_MS // 1000} s")
        image = widget.grab()
        if image.isNull() or image.width() < 10:
            raise RuntimeError(f"{name} rendered nothing")
        self.lines.append(f"  {name:<18} {image.width()}x{image.height()}  "
                          f"{(time.perf_counter() - clock) * 1000:6.0f} ms")

    def say(self, text: str) -> None:
        self.lines.append(f"  {text}")


def _open_and_sign_in(db_url: str | None) -> tuple[Any, bool, Any]:
    """On the worker: the database, whether it has users, and the desk of the given sign-in."""
    from ..api import SalesCenter

    center = SalesCenter.open(db_url)
    try:
        has_users = center.has_users()
        user, secret = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        desk = None
        if has_users and user and secret:
            desk = center.login(user, secret, workstation="self-test")
    except BaseException:
        center.close()
        raise
    return center, has_users, desk


def _load_views() -> None:
    """Imported while the sign-in's password check runs on the worker."""
    from . import about_dialog, customer_editor, find_customer, find_order, main_window, preferences  # noqa: F401
    from .order_editor import editor  # noqa: F401


def _render_all(desk: Any, center: Any, call_and_wait: Callable[[Any], Any], report: Report) -> None:
    from .about_dialog import AboutDialog
    from .find_customer import FindCustomerDialog
    from .find_order import FindOrderDialog
    from .main_window import MainWindow
    from .preferences import PreferencesDialog, load_settings

    settings = load_settings()
    window = MainWindow(desk, center.url, settings)
    report.render("main window", window, lambda: window.navigator.loaded)
    find_order = FindOrderDialog(desk, window)
    find_order.search_now()
    report.render("find order", find_order, lambda: not find_order.model.fetching)
    find_customer = FindCustomerDialog(desk, window)
    report.render("find customer", find_customer)
    report.render("preferences", PreferencesDialog(desk, settings, window))
    report.render("about", AboutDialog(center.url, window))
    orders = call_and_wait(lambda: desk.orders.search(limit=1))
    if orders:
        _render_editor(report, "order editor", window, window.open_order, orders[0].id)
    else:
        report.say("order editor       skipped (no orders)")
    customers = call_and_wait(lambda: desk.customers.find("%", limit=1))
    if customers:
        _render_editor(report, "customer editor", window, window.open_customer, customers[0].id)
    else:
        report.say("customer editor    skipped (no customers)")
    window.tabs.editors.clear()  # nothing was changed; close without prompts
    window.close()


def _render_editor(report: Report, name: str, window: Any, open_editor: Callable[[int], Any],
                   object_id: int) -> None:
    titled: list[str] = []
    # Connected before the editor loads: open() starts the load and the title follows it.
    def watch(editor: Any) -> None:
        editor.title_changed.connect(titled.append)

    window.tabs.editor_opened.connect(watch)
    open_editor(object_id)
    report.render(name, window, lambda: bool(titled))
    window.tabs.editor_opened.disconnect(watch)


class _Started:
    """A call running on a worker from now on; ``result()`` waits for it with the UI live."""

    def __init__(self, call: Callable[[], Any]) -> None:
        from .worker import run_async

        self.outcome: dict[str, Any] = {}
        holder = QApplication.instance()
        assert holder is not None
        run_async(holder, call, lambda value: self.outcome.setdefault("value", value),
                  lambda error: self.outcome.setdefault("error", error))

    def result(self) -> Any:
        if not pump_until(lambda: bool(self.outcome)):
            raise RuntimeError(f"the database did not answer within {WAIT_MS // 1000} s")
        if "error" in self.outcome:
            raise self.outcome["error"]
        return self.outcome["value"]


def run_self_test(db_url: str | None = None) -> int:
    if _needs_offscreen():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .app import make_application

    make_application()
    previous_handler = qInstallMessageHandler(_qt_message)
    report = Report()
    center = None
    opened: list[_Started] = []
    scratch_dir = ""

    def start_scratch() -> _Started:
        from ..scratch import scratch_sign_in

        nonlocal scratch_dir
        scratch_dir = tempfile.mkdtemp(prefix="salescenter-self-test-")
        folder = Path(scratch_dir)
        started = _Started(lambda: scratch_sign_in(folder))
        opened.append(started)
        return started

    try:
        chosen = _Started(lambda: _open_and_sign_in(db_url))
        opened.append(chosen)
        # Without a sign-in to use, the scratch database is made beside the chosen one's opening
        # (the password hashing runs outside the interpreter's lock), and the views are imported
        # meanwhile on this thread.
        scratch = None if os.environ.get(USER_ENV) and os.environ.get(PASSWORD_ENV) else start_scratch()
        _load_views()
        center, has_users, desk = chosen.result()
        report.say(f"database {center.url} opened and up to date")
        from .login_dialog import FirstRunDialog, LoginDialog

        if has_users:
            report.render("login", LoginDialog(center, center.url))
        else:
            report.render("first run", FirstRunDialog(center))
        if desk is not None:
            report.say(f"signed in as '{os.environ.get(USER_ENV)}'")
            shown = center
        else:
            scratch_center, desk = (scratch or start_scratch()).result()
            why = f"no {USER_ENV} / {PASSWORD_ENV} given" if has_users else "database has no users"
            report.say(f"{why}: signed in as '{THROWAWAY_ADMIN}' on a scratch database")
            shown = scratch_center
        from .app import call_and_wait

        _render_all(desk, shown, call_and_wait, report)
    except Exception:  # noqa: BLE001 - the self-test reports any failure and exits non-zero
        print("Sales Center self-test FAILED", file=sys.stderr)
        print("\n".join(report.lines), file=sys.stderr)
        traceback.print_exc()
        return 1
    finally:
        from .worker import wait_for_idle

        wait_for_idle(WAIT_MS, collect=False)  # the process ends next
        qInstallMessageHandler(previous_handler)
        for started in opened:
            value = started.outcome.get("value")
            if value is not None:
                (value[0]).close()
        if scratch_dir:
            shutil.rmtree(scratch_dir, ignore_errors=True)
    total = (time.perf_counter() - report.started) * 1000
    print("Sales Center self-test passed")
    print("\n".join(report.lines))
    print(f"  total              {total:.0f} ms")
    return 0
