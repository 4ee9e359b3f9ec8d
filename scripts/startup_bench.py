"""Start-up benchmark: ``salescenter --self-test`` against a bare PySide6 window, same run.

    python scripts/startup_bench.py             # median of 5 of each, a new process each time
    python scripts/startup_bench.py --runs 9    # more runs

Each run is a new Python process timed from spawn to exit. The bare window is the floor any
PySide6 desktop pays (interpreter, Qt libraries, platform plugin, one shown and grabbed
window); the self-test opens an existing database (created once before the runs), signs in
on its scratch database and renders every main view. Goal: the self-test's median within 4x
the bare window's. The figures are printed; nothing here passes or fails on time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 4.0

BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(640, 480)
window.show()
app.processEvents()
assert not window.grab().isNull()
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each (default 5)")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    with tempfile.TemporaryDirectory(prefix="salescenter-startup-") as folder:
        # A private config/data home: the self-test reads the desktop's settings file.
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = folder
        db = f"sqlite:///{folder}/startup.db"
        self_test = [sys.executable, "-m", "salescenter", "--db", db, "--self-test"]
        timed(self_test, env)  # creates and migrates the database; not counted
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        bare, desk = [], []
        for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits both
            bare.append(timed(bare_cmd, env))
            desk.append(timed(self_test, env))
    bare_median, desk_median = statistics.median(bare), statistics.median(desk)
    ratio = desk_median / bare_median
    print(f"bare PySide6 window   median {bare_median:.3f} s   runs {', '.join(f'{s:.3f}' for s in bare)}")
    print(f"salescenter self-test median {desk_median:.3f} s   runs {', '.join(f'{s:.3f}' for s in desk)}")
    print(f"ratio {ratio:.2f}x (goal <= {GOAL_RATIO:.0f}x): {'within' if ratio <= GOAL_RATIO else 'over'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
