"""Suite-wide pytest hooks, registered by tests/conftest.py.

The packaging group (builds and installs the .deb) is left out unless it is asked
for: ``--packaging``, ``SALESCENTER_TEST_PACKAGING=1``, or a ``-m`` expression
that names ``packaging``. A deselecting hook instead of ``-m 'not packaging'`` in
addopts, because a ``-m`` on the command line replaces addopts' ``-m``, and
``-m "not postgres"`` would silently run the packaging group again.

After each test the surviving objects are frozen out of the cycle collector (gc.freeze):
the desktop runs Python's full collection itself after every widget test
(``wait_for_idle``), and over the whole heap of Qt, SQLAlchemy and hypothesis that
took up to a second per test; frozen, it walks only what the test made.

The suite runs on every core (pytest-xdist, ``-n auto`` in pyproject), a module per
worker at a time so module-scoped data sets are built once; a run naming test files
or node ids stays in one process, where a handful of tests starts quicker.

Skips are reported as counts per reason at the end, not one line per test: with no
PostgreSQL server several hundred tests skip for one reason and would bury the result.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from typing import Any

import pytest

PACKAGING_ENV = "SALESCENTER_TEST_PACKAGING"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--packaging", action="store_true", default=False,
        help=f"also run the packaging group (builds and installs the .deb); {PACKAGING_ENV}=1 does the same",
    )


def packaging_wanted(config: pytest.Config) -> bool:
    named_by_marker = "packaging" in (config.getoption("markexpr", "") or "")
    return bool(config.getoption("--packaging") or os.environ.get(PACKAGING_ENV) or named_by_marker)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if packaging_wanted(config):
        return
    kept = [item for item in items if item.get_closest_marker("packaging") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    named = [arg for arg in config.args if "::" in arg or arg.split("::")[0].endswith(".py")]
    if named and len(named) == len(config.args):
        return 0
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def pytest_runtest_logfinish() -> None:
    # After the test's fixtures are released (item.funcargs is cleared by then), so what
    # the test made is collected here and only what outlives it is frozen.
    gc.collect()
    gc.freeze()


def skip_reason(report: Any) -> str:
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return reason.removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    skipped = [report for report in terminalreporter.stats.get("skipped", []) if report.when != "teardown"]
    if not skipped:
        return
    counts = Counter(skip_reason(report) for report in skipped)
    terminalreporter.write_sep("-", f"{len(skipped)} skipped")
    for reason, count in counts.most_common():
        terminalreporter.write_line(f"{count:5} {reason}")
