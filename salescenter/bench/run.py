"""`salescenter bench run`: the figures a rep feels, measured on a generated data set.

Each search is measured three ways on the same data in the same run: the API
call (what the desk does), the same query written as plain SQL and run through
the driver with the index (the floor), and a naive ``LIKE '%x%'`` scan with no
index (what a simple implementation does). SQL floors and scans are measured
on SQLite; on PostgreSQL they are reported as null.
"""

from __future__ import annotations

import gc
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from ..api import Desk, SalesCenter
from ..models import Customer, Order, OrderItem
from ..services.validation import phone_key, search_key
from . import names
from .figures import machine, percentiles, rss_mb, timed
from .generate import BENCH_PASSWORD, BENCH_USER

SAMPLES = 200
NAIVE_SAMPLES = 25  # a full scan per sample: enough for p50/p95 without taking minutes
SELF_TEST_RUNS = 10
SCROLL_ROWS = 100_000
SCROLL_PAGE = 500

ORDER_COLUMNS = "id, number, status, store_id, customer_id, customer_name, customer_email, created_at, total"
NAME_FLOOR = (
    f"SELECT {ORDER_COLUMNS} FROM orders WHERE id IN "
    "(SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?) "
    "AND customer_search LIKE ? ESCAPE '\\' AND kind = 'order' "
    "ORDER BY created_at DESC, id DESC LIMIT 50"
)
NAME_NAIVE = (
    f"SELECT {ORDER_COLUMNS} FROM orders NOT INDEXED WHERE customer_search LIKE ? ESCAPE '\\' "
    "AND kind = 'order' ORDER BY created_at DESC, id DESC LIMIT 50"
)
CUSTOMER_COLUMNS = "id, first_name, last_name, company, email, phone"


class Bench:
    def __init__(self, url: str, seed: int = 7) -> None:
        self.url = url
        self.rng = random.Random(seed)
        self.center = SalesCenter.open(url)
        self.desk: Desk = self.center.login(BENCH_USER, BENCH_PASSWORD)
        parsed = make_url(url)
        self.raw = sqlite3.connect(parsed.database or "") if parsed.get_backend_name() == "sqlite" else None

    def close(self) -> None:
        if self.raw is not None:
            self.raw.close()
        self.center.close()

    def sql(self, statement: str, *params: Any) -> Callable[[], Any]:
        raw = self.raw
        assert raw is not None
        return lambda: raw.execute(statement, params).fetchall()

    def three_ways(
        self, api: Sequence[Callable[..., Any]], floor: Sequence[Callable[..., Any]],
        naive: Sequence[Callable[..., Any]],
    ) -> dict[str, Any]:
        result: dict[str, Any] = {"api": timed(api)}
        if self.raw is None:
            result.update(sql_floor=None, naive_scan=None)
            return result
        result["sql_floor"] = timed(floor)
        result["naive_scan"] = timed(naive[:NAIVE_SAMPLES], warm_up=2)
        return result

    # --- the phrases a rep types -------------------------------------------------
    def name_phrases(self) -> list[str]:
        phrases: list[str] = []
        while len(phrases) < SAMPLES:
            name = search_key(self.rng.choice(names.LAST_NAMES + names.FIRST_NAMES))
            if len(name) < 4:
                continue
            size = self.rng.randint(3, min(6, len(name)))
            start = self.rng.randint(0, len(name) - size)
            part = name[start:start + size]
            if self.rng.random() < 0.2:  # "m%tay": a letter, then a later part of the name
                part = f"{search_key(self.rng.choice(names.FIRST_NAMES))[0]}%{part}"
            elif self.rng.random() < 0.2:
                part = f"%{part}"
            phrases.append(part)
        return phrases

    def sample_rows(self, model: Any, columns: list[Any], count: int) -> list[Any]:
        with self.center.engine.connect() as connection:
            top = connection.scalar(select(func.max(model.id))) or 0
            keys = [self.rng.randint(1, top) for _ in range(count * 2)]
            rows = list(connection.execute(select(*columns).where(model.id.in_(keys))).all())
        self.rng.shuffle(rows)
        return rows[:count]

    # --- the measures --------------------------------------------------------------
    def customer_name_search(self) -> dict[str, Any]:
        phrases = self.name_phrases()
        api = [lambda p=p: self.desk.orders.search(customer_name=p, limit=50) for p in phrases]
        floor, naive = [], []
        for phrase in phrases:
            runs = [r for r in phrase.split("%") if len(r) >= 3]
            match = " AND ".join(f'customer_search : "{r}"' for r in runs)
            floor.append(self.sql(NAME_FLOOR, match, f"%{phrase}%"))
            naive.append(self.sql(NAME_NAIVE, f"%{phrase}%"))
        result = self.three_ways(api, floor, naive)
        if self.raw is not None:
            # What the API adds to its own SQL: its statements, replayed through the driver alone.
            result["api_sql_replayed"] = timed([self.replayed(call) for call in api])
        return result

    def replayed(self, call: Callable[[], Any]) -> Callable[[], Any]:
        """The SQL an API call sends (statements and parameters as the driver got them),
        run again through the driver alone: the floor of that call, its own plan included."""
        sent: list[tuple[str, Any]] = []

        def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
                sent.append((statement, parameters))

        event.listen(self.center.engine, "before_cursor_execute", capture)
        try:
            call()
        finally:
            event.remove(self.center.engine, "before_cursor_execute", capture)
        raw = self.raw
        assert raw is not None
        return lambda: [raw.execute(statement, parameters).fetchall() for statement, parameters in sent]

    def customer_find(self) -> dict[str, Any]:
        phrases = self.name_phrases()
        return {"api": timed([lambda p=p: self.desk.customers.find(p, limit=50) for p in phrases])}

    def email_search(self) -> dict[str, Any]:
        emails = [row.email for row in self.sample_rows(Customer, [Customer.id, Customer.email], SAMPLES)]
        api = [lambda e=e: self.desk.customers.find(e) for e in emails]
        floor = [self.sql(f"SELECT {CUSTOMER_COLUMNS} FROM customers WHERE email = ?", e) for e in emails]
        naive = [self.sql(f"SELECT {CUSTOMER_COLUMNS} FROM customers WHERE email LIKE ?", f"%{e}%")
                 for e in emails]
        return self.three_ways(api, floor, naive)

    def phone_search(self) -> dict[str, Any]:
        phones = [row.phone for row in self.sample_rows(Customer, [Customer.id, Customer.phone], SAMPLES)]
        typed = [p if i % 2 else "".join(ch for ch in p if ch.isdigit()) for i, p in enumerate(phones)]
        api = [lambda p=p: self.desk.customers.find(p) for p in typed]
        floor = [self.sql(f"SELECT {CUSTOMER_COLUMNS} FROM customers WHERE phone_digits = ?", phone_key(p))
                 for p in typed]
        naive = [self.sql(f"SELECT {CUSTOMER_COLUMNS} FROM customers WHERE phone LIKE ?", f"%{p[-8:]}%")
                 for p in phones]
        return self.three_ways(api, floor, naive)

    def order_number(self) -> dict[str, Any]:
        numbers = [row.number for row in self.sample_rows(Order, [Order.id, Order.number], SAMPLES)]
        api = [lambda n=n: self.desk.orders.search(number=n) for n in numbers]
        floor = [self.sql(f"SELECT {ORDER_COLUMNS} FROM orders WHERE number = ?", n) for n in numbers]
        naive = [self.sql(f"SELECT {ORDER_COLUMNS} FROM orders WHERE number LIKE ?", f"%{n}%")
                 for n in numbers]
        return self.three_ways(api, floor, naive)

    def status_date_range(self) -> dict[str, Any]:
        with self.center.engine.connect() as connection:
            first, last = connection.execute(
                select(func.min(Order.created_at), func.max(Order.created_at))
            ).one()
        span = (last - first).total_seconds()
        choices = (["pending"], ["shipped"], ["on_hold"], ["released", "shipped"],
                   ["pending_payment_authorization", "on_hold"], ["canceled"])
        cases = []
        for _ in range(SAMPLES):
            start = first + (last - first) * self.rng.random()
            length = self.rng.choice((1, 7, 30, 90)) * 86400
            end = start + (last - first) * min(1.0, length / span)
            cases.append((self.rng.choice(choices), start, end))
        api = [lambda s=s, a=a, b=b: self.desk.orders.search(status=s, created_from=a, created_to=b)
               for s, a, b in cases]
        floor, naive = [], []
        for statuses, start, end in cases:
            marks = ", ".join("?" for _ in statuses)
            where = (f"status IN ({marks}) AND created_at >= ? AND created_at <= ? AND kind = 'order' "
                     "ORDER BY created_at DESC, id DESC LIMIT 50")
            bounds = (f"{start:%Y-%m-%d %H:%M:%S.%f}", f"{end:%Y-%m-%d %H:%M:%S.%f}")
            floor.append(self.sql(f"SELECT {ORDER_COLUMNS} FROM orders WHERE {where}", *statuses, *bounds))
            naive.append(self.sql(f"SELECT {ORDER_COLUMNS} FROM orders NOT INDEXED WHERE {where}",
                                  *statuses, *bounds))
        return self.three_ways(api, floor, naive)

    def large_orders(self, count: int) -> list[int]:
        """Orders with the most lines among a random sample (20 or so, up to 25)."""
        ids = [row.id for row in self.sample_rows(Order, [Order.id], 20_000)]
        with self.center.engine.connect() as connection:
            counted = connection.execute(
                select(OrderItem.order_id, func.count()).where(OrderItem.order_id.in_(ids))
                .group_by(OrderItem.order_id).order_by(func.count().desc()).limit(count)
            ).all()
        return [key for key, _lines in counted]

    def order_open(self) -> dict[str, Any]:
        keys = self.large_orders(SAMPLES)
        result: dict[str, Any] = {"api": timed([lambda k=k: self.desk.orders.get(k) for k in keys])}
        with self.center.engine.connect() as connection:
            lines = connection.scalar(
                select(func.count()).select_from(OrderItem).where(OrderItem.order_id.in_(keys))
            )
        result["lines_per_order"] = round((lines or 0) / max(1, len(keys)), 1)
        return result

    def set_quantity(self) -> dict[str, Any]:
        with self.center.engine.connect() as connection:
            rows = connection.execute(
                select(OrderItem.order_id, OrderItem.id)
                .join(Order, Order.id == OrderItem.order_id)
                .where(Order.status == "pending").order_by(Order.id.desc()).limit(SAMPLES * 3)
            ).all()
        picks = rows[::3][:SAMPLES]
        calls = [lambda o=o, i=i, n=n: self.desk.orders.set_quantity(o, i, 1 + n % 7)
                 for n, (o, i) in enumerate(picks)]
        return {"api": timed(calls, warm_up=0)}

    def self_test_start(self) -> dict[str, Any]:
        """A new process each run, with compiled bytecode as an installed copy has it.

        The first run is not timed: it writes the bytecode (into a folder of its own
        when the environment forbids writing it beside the sources).
        """
        env = dict(os.environ, SALESCENTER_SELF_TEST_USER=BENCH_USER,
                   SALESCENTER_SELF_TEST_PASSWORD=BENCH_PASSWORD, QT_QPA_PLATFORM="offscreen")
        if env.pop("PYTHONDONTWRITEBYTECODE", None):
            bytecode = os.path.join(tempfile.gettempdir(), "salescenter-bench-pyc")
            env.setdefault("PYTHONPYCACHEPREFIX", bytecode)
        command = [sys.executable, "-m", "salescenter", "--self-test", "--db", self.url]
        samples, failure = [], None
        for run in range(SELF_TEST_RUNS + 1):
            started = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                failure = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["failed"]
                break
            if run:
                samples.append(time.perf_counter() - started)
        if failure is not None:
            return {"api": None, "note": f"--self-test not available: {failure[0][:200]}"}
        return {"api": percentiles(samples)}

    def rss_after_scroll(self) -> dict[str, Any]:
        """In a process of its own, as the desktop is: only what scrolling costs is counted."""
        command = [sys.executable, "-c", "import sys; from salescenter.bench.run import scroll_main; "
                   "scroll_main(sys.argv[1])", self.url]
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800)
        for line in reversed(done.stdout.splitlines()):
            if line.startswith("{"):
                return dict(json.loads(line))
        return {"rss_after_scroll_mb": None, "note": (done.stderr.strip().splitlines() or ["failed"])[-1]}

    def scroll(self) -> dict[str, Any]:
        """Pages 100,000 results through the UI's search model, as a view scrolling would."""
        try:
            from PySide6.QtCore import QCoreApplication, QEventLoop

            from ..ui.models import OrderSearchModel
        except ImportError as error:
            return {"rss_after_scroll_mb": None, "note": f"UI model not available: {error}"}
        app = QCoreApplication.instance() or QCoreApplication([])
        model = OrderSearchModel(self.desk, page_size=SCROLL_PAGE)
        loop = QEventLoop()
        model.page_loaded.connect(lambda *_: loop.quit())
        model.search_failed.connect(lambda *_: loop.quit())
        started = time.perf_counter()
        model.search({})
        loop.exec()
        while model.rowCount() < SCROLL_ROWS and model.canFetchMore():
            model.fetchMore()
            loop.exec()
        seconds = time.perf_counter() - started
        gc.collect()
        app.processEvents()
        return {"rss_after_scroll_mb": round(rss_mb(), 1), "scrolled_rows": model.rowCount(),
                "scroll_seconds": round(seconds, 1), "scroll_page": SCROLL_PAGE,
                "rss_model": "salescenter.ui.models.OrderSearchModel"}


def scroll_main(url: str) -> None:
    bench = Bench(url)
    figures = bench.scroll()
    print(json.dumps(figures), flush=True)
    # Leave without tearing Qt down: the figure is printed, and PySide6's
    # interpreter-shutdown order is no part of what is measured.
    os._exit(0)


MEASURES = ("customer_name_search", "email_search", "phone_search", "order_number", "status_date_range",
            "order_open", "set_quantity", "customer_find", "self_test_start")


def run_bench(url: str, progress: Callable[[str], None] = print) -> dict[str, Any]:
    bench = Bench(url)
    try:
        with bench.center.engine.connect() as connection:
            orders = connection.scalar(select(func.count()).select_from(Order))
            customers = connection.scalar(select(func.count()).select_from(Customer))
        measures: dict[str, Any] = {}
        for name in MEASURES:
            progress(f"measuring {name}")
            measures[name] = getattr(bench, name)()
        progress("scrolling 100,000 results through the UI model")
        scroll = bench.rss_after_scroll()
        measures["rss_after_scroll_mb"] = scroll.pop("rss_after_scroll_mb")
        measures["rss_scroll"] = scroll
    finally:
        bench.close()
    return {"orders": orders, "customers": customers, "database": make_url(url).get_backend_name(),
            "machine": machine(), "measures": measures}


def table(report: dict[str, Any]) -> list[tuple[str, ...]]:
    rows = []
    for name, value in report["measures"].items():
        if not isinstance(value, dict):
            continue
        for way in ("api", "sql_floor", "naive_scan", "api_sql_replayed"):
            if way not in value:
                continue
            figures = value.get(way) or {}
            cells = [_ms(figures.get(key)) for key in ("p50_ms", "p95_ms", "cpu_p50_ms", "cpu_p95_ms")]
            rows.append((name, way, *cells))
    return rows


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"
