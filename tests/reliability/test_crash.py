"""Crash consistency: a writer killed with SIGKILL mid-save, 50 times on one SQLite file.

``python -m scripts.crash --runs 1000`` is the long run.
"""

from __future__ import annotations

from pathlib import Path

from scripts import crash


def test_lck_4_sigkill_mid_save_loses_no_acknowledged_order_and_no_history(tmp_path: Path) -> None:
    figures = crash.run(tmp_path, runs=50, max_delay=0.5, seed=3)
    assert figures.runs == 50 and figures.killed_mid_run == 50
    assert figures.acknowledged >= 10, "the writer must get work done between kills"
    assert figures.integrity_failures == 0
    assert figures.missing_acknowledged == 0
    assert figures.without_history == 0
    assert figures.problems == []
