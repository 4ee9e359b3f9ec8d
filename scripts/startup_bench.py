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
import resource
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


CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str], name: str = "") -> float:
    """Wall seconds from spawn to exit; the CPU seconds the process used go to ``CPU[name]``
    (a figure a busy machine disturbs far less than the wall clock)."""
    cpu_before, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    CPU.setdefault(name, []).append(_children_cpu() - cpu_before)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each (default 5)")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    with tempfile.TemporaryDirectory(prefix="salescenter-startup-") as folder:
        # A private config/data/cache home: the self-test reads the desktop's settings file and
        # keeps its scratch schema in the cache (made by the first, uncounted run).
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = env["XDG_CACHE_HOME"] = folder
        db = f"sqlite:///{folder}/startup.db"
        self_test = [sys.executable, "-m", "salescenter", "--db", db, "--self-test"]
        cold = timed(self_test, env)  # creates and migrates the database; not counted
        bare_cmd = [sys.executable, "-c", BARE_WINDOW]
        bare, desk = [], []
        for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits both
            bare.append(timed(bare_cmd, env, "bare"))
            desk.append(timed(self_test, env, "desk"))
    bare_median, desk_median = statistics.median(bare), statistics.median(desk)
    ratio = desk_median / bare_median
    print(f"bare PySide6 window   median {bare_median:.3f} s   runs {', '.join(f'{s:.3f}' for s in bare)}")
    print(f"salescenter self-test median {desk_median:.3f} s   runs {', '.join(f'{s:.3f}' for s in desk)}")
    bare_cpu, desk_cpu = statistics.median(CPU["bare"]), statistics.median(CPU["desk"])
    print(f"CPU seconds, medians: bare {bare_cpu:.3f}, self-test {desk_cpu:.3f}, "
          f"ratio {desk_cpu / bare_cpu:.2f}x; load average {os.getloadavg()[0]:.1f}")
    print(f"(first start on a new database and cache, not counted: {cold:.3f} s)")
    print(f"ratio {ratio:.2f}x (goal <= {GOAL_RATIO:.0f}x): {'within' if ratio <= GOAL_RATIO else 'over'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
