"""Renders the main screens from the demo data to docs/screenshots/*.png.

    python scripts/screenshots.py                  # a fresh demo database (small), then the shots
    python scripts/screenshots.py --db URL         # a database the demo data is already loaded into

Runs offscreen (QWidget.grab), so it works on a build server without a display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1440, 900)
STARTED = time.monotonic()


def pump(ready: Callable[[], bool] = lambda: False, seconds: float = 15.0, settle: float = 0.15) -> None:
    """Let the event loop run until ``ready()`` (then a moment more for painting)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not ready():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    end = time.monotonic() + settle
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def shoot(widget: QWidget, name: str) -> Path:
    widget.show()
    pump(lambda: True, settle=0.3)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT)} ({time.monotonic() - STARTED:.1f} s)")
    return path


def idle(editor: Any) -> Callable[[], bool]:
    check = getattr(editor, "is_idle", None)
    return (lambda: bool(check())) if callable(check) else (lambda: True)


def open_center(args: argparse.Namespace) -> Any:
    from salescenter import SalesCenter
    from salescenter.demo import has_orders, load_demo

    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='sc-shots-')) / 'demo.db'}"
    center = SalesCenter.open(url)
    if not has_orders(center):
        print(f"loading the demo data ({args.orders} orders)…")
        load_demo(center, orders=args.orders, customers=args.customers)
    return center


def shoot_ticklers(supervisor: Any, window: Any, order: Any, customer_id: int) -> None:
    """The Ticklers view with due and later ones, then the audit trail (TKL-1, AUD-1)."""
    from datetime import UTC, datetime, timedelta

    from salescenter.ui.audit_view import AuditDialog

    now = datetime.now(UTC)
    if not any(t.created_by == "supervisor" for t in supervisor.ticklers.mine()):
        supervisor.ticklers.create("Confirm the delivery date with the customer", order_id=order.id,
                                   remind_at=now - timedelta(hours=1))
        supervisor.ticklers.create("Call back about the business account", customer_id=customer_id,
                                   remind_at=now + timedelta(days=2), comment="Asked for a call after 4 pm")
    supervisor.customers.update(customer_id, credit_limit="2500.00")  # the newest audit entry
    panel = window.ticklers
    panel.refresh()
    pump(panel.calls.is_idle)
    panel.dock.raise_()
    shoot(window, "ticklers")
    audit = AuditDialog(supervisor, window)
    audit.search()
    pump(lambda: audit.calls.is_idle() and audit.model.rowCount() > 0)
    shoot(audit, "audit-trail")


def shoot_admin(center: Any, database: str, settings: Any) -> None:
    """The administrator's window on its Stores and Rates and Locks and Carts screens (ADM-1)."""
    from salescenter.demo import DEMO_PASSWORDS
    from salescenter.ui.main_window import MainWindow

    admin = center.login("admin", DEMO_PASSWORDS["admin"], workstation="desk-01")
    window: Any = MainWindow(admin, database, settings)  # the Administration menu's attributes
    window.resize(*SIZE)
    pump(lambda: window.navigator.loaded)
    shots = (("stores", "admin-stores"), ("catalog", "admin-catalog"), ("orders", "admin-locks-carts"))
    for key, name in shots:
        page = window.open_admin_screen(key)
        if key == "catalog":
            page.phrase.setText("head")
            page.refresh()
        pump(page.calls.is_idle)
        window.admin_window.resize(1100, 680)
        shoot(window.admin_window, name)
    window.admin_window.close()
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=None, help="database URL with the demo data loaded")
    parser.add_argument("--orders", type=int, default=150, help="demo orders for a fresh database")
    parser.add_argument("--customers", type=int, default=60, help="demo customers for a fresh database")
    args = parser.parse_args()

    from salescenter.demo import DEMO_PASSWORDS
    from salescenter.ui.app import make_application

    app = make_application()
    OUT.mkdir(parents=True, exist_ok=True)
    center = open_center(args)
    supervisor = center.login("supervisor", DEMO_PASSWORDS["supervisor"], workstation="desk-07")

    from salescenter.ui.about_dialog import AboutDialog
    from salescenter.ui.find_customer import FindCustomerDialog
    from salescenter.ui.find_order import FindOrderDialog
    from salescenter.ui.login_dialog import LoginDialog
    from salescenter.ui.main_window import MainWindow
    from salescenter.ui.preferences import PreferencesDialog, Settings

    settings = Settings(default_store="US")
    database = "sqlite: SalesCenter/salescenter.db" if args.db is None else center.url
    shoot(LoginDialog(center, database, username="csr"), "login")

    window = MainWindow(supervisor, database, settings)
    window.resize(*SIZE)
    pump(lambda: window.navigator.loaded)
    shoot(window, "welcome")

    pending = supervisor.orders.search(status="pending_payment_authorization", limit=40)
    order = max(pending, key=lambda o: o.total) if pending else supervisor.orders.search(limit=1)[0]
    editor = window.open_order(order.id)
    pump(idle(editor))
    shoot(window, "main-window")
    show_page = getattr(editor, "show_page", None)
    if callable(show_page):
        for title, name in (("Items", "order-items"), ("Blocks and holds", "order-blocks"),
                            ("History", "order-history")):
            show_page(title)
            pump(idle(editor))
            shoot(window, name)

    customer_id = order.customer_id or supervisor.customers.find("%", limit=1)[0].id
    customer_editor = window.open_customer(customer_id)
    pump(idle(customer_editor))
    shoot(window, "customer-editor")

    shoot_ticklers(supervisor, window, order, customer_id)

    find_order = FindOrderDialog(supervisor, window)
    find_order.customer_name.setText("%son")
    find_order.refresh_results()
    pump(lambda: not find_order.model.fetching and find_order.model.rowCount() > 0)
    shoot(find_order, "find-order")

    find_customer = FindCustomerDialog(supervisor, window)
    find_customer.box.setText("%an")
    find_customer.search_now()
    pump(lambda: find_customer.model.rowCount() > 0)
    shoot(find_customer, "find-customer")

    preferences = PreferencesDialog(supervisor, settings, window)
    pump(lambda: preferences.store.count() > 1)
    shoot(preferences, "preferences")
    shoot(AboutDialog(database, window), "about")
    from salescenter.ui.keyboard import KeyboardReference

    shoot(KeyboardReference(window), "keyboard-reference")  # F1 (KEY-1)

    shoot_admin(center, database, settings)

    locked = supervisor.orders.search(status="edit", limit=5)
    if locked:
        rep = center.login("csr2", DEMO_PASSWORDS["csr2"], workstation="desk-12")
        other = MainWindow(rep, database, settings)
        other.resize(*SIZE)
        pump(lambda: other.navigator.loaded)
        held = other.open_order(locked[0].id)
        pump(idle(held))
        shoot(other, "locked-order")
        other.tabs.editors.clear()
        other.close()

    window.tabs.editors.clear()  # nothing was changed: close without prompts
    window.close()
    from salescenter.ui.worker import wait_for_idle

    wait_for_idle(30_000)
    center.close()
    del app
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter teardown: Qt objects torn down in arbitrary order at exit can crash
    # after all the work is done and saved.
    os._exit(code)
