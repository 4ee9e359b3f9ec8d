"""The bench commands work as the README documents them, on a small data set.

Figures are never asserted here (that is what the bench prints); these tests
prove the data set is what the bench claims and the commands run to the end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from salescenter import SalesCenter, cli
from salescenter.bench import figures as bench_figures
from salescenter.bench import reps, run
from salescenter.bench.generate import BENCH_PASSWORD, BENCH_USER
from tests import server_support


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('bench') / 'bench.db'}"
    assert cli.main(["bench", "generate", "--orders", "400", "--customers", "80", "--db", url]) == 0
    return url


def test_fnd_2_generate_builds_the_promised_data_set(generated: str) -> None:
    engine = create_engine(generated)
    with engine.connect() as connection:
        def one(sql: str) -> int:
            return int(connection.scalar(text(sql)) or 0)

        assert one("SELECT count(*) FROM orders") == 400
        assert one("SELECT count(DISTINCT order_id) FROM ship_tos") == 400  # SHP-1: each its ship-to
        assert one("SELECT count(*) FROM customers") == 80
        lines = connection.execute(text("SELECT count(*) FROM order_items GROUP BY order_id")).scalars().all()
        assert len(lines) == 400 and min(lines) >= 1 and max(lines) <= 25
        assert one("SELECT count(*) FROM customers WHERE is_guest") > 0
        assert one("SELECT count(DISTINCT status) FROM orders") >= 4
        accented = "SELECT count(*) FROM customers WHERE search_name <> lower(first_name || ' ' || last_name)"
        assert one(accented) > 0
        # The search indexes were rebuilt after the load and agree with their tables.
        for table in ("customers_fts", "orders_fts", "order_name_keys_fts"):
            connection.execute(text(f"INSERT INTO {table}({table}) VALUES ('integrity-check')"))
        assert one("SELECT count(*) FROM orders WHERE customer_search NOT IN "
                   "(SELECT key FROM order_name_keys)") == 0
    engine.dispose()
    with SalesCenter.open(generated) as center:
        desk = center.login(BENCH_USER, BENCH_PASSWORD)
        assert center.dialect == "sqlite" and desk.orders.search(limit=5)


def test_fnd_1_bench_run_measures_each_search_three_ways(
    generated: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "SAMPLES", 12)
    monkeypatch.setattr(bench_figures, "WARM_UP", 2)
    monkeypatch.setattr(run, "NAIVE_SAMPLES", 4)
    monkeypatch.setattr(run, "SELF_TEST_RUNS", 1)
    bench = run.Bench(generated)
    try:
        for measure in ("customer_name_search", "email_search", "phone_search", "order_number",
                        "status_date_range"):
            figures = getattr(bench, measure)()
            for way in ("api", "sql_floor", "naive_scan"):
                assert figures[way]["n"] > 0 and figures[way]["p95_ms"] >= figures[way]["p50_ms"] > 0
        for measure in ("order_open", "set_quantity"):
            assert getattr(bench, measure)()["api"]["n"] > 0
        # In a process of its own, as the bench does: a Qt application here would outlive the test.
        scrolled = bench.rss_after_scroll()
        assert scrolled["scrolled_rows"] >= 300 and scrolled["rss_after_scroll_mb"] > 0
    finally:
        bench.close()


def test_lck_4_bench_reps_counts_no_lost_updates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reps.db'}"
    report = reps.bench_reps(url, reps=2, seconds=3, think=0.01)
    assert report["errors"] == {}
    assert report["audit"]["lost updates"] == 0
    assert report["committed_changes"]["count"] > 0
    assert {"search customer", "create order", "submit", "open order"} <= set(report["operations"])
    json.dumps(report)  # what --json writes


def test_srv_1_bench_reps_through_a_server_counts_no_lost_updates(
    tmp_path: Path, test_certificate: server_support.Certificate
) -> None:
    url = f"sqlite:///{tmp_path / 'reps.db'}"
    reps.prepare(url, 2)
    with server_support.running_server(url, tmp_path / "server", test_certificate) as server:
        report = reps.bench_reps(url, reps=2, seconds=3, think=0.01, server=server.url,
                                 ca_file=str(test_certificate.cert))
    assert report["through"] == server.url
    assert report["errors"] == {}
    assert report["audit"]["lost updates"] == 0
    assert report["committed_changes"]["count"] > 0
