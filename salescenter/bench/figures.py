"""Figures every bench prints: percentiles of timed calls, and the machine they ran on."""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

WARM_UP = 20


def _p95(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def percentiles(samples: list[float], cpu: list[float] | None = None) -> dict[str, Any]:
    if not samples:
        return {"p50_ms": None, "p95_ms": None, "n": 0}
    ordered = sorted(samples)
    figures = {"p50_ms": round(statistics.median(ordered) * 1000, 3),
               "p95_ms": round(_p95(ordered) * 1000, 3), "n": len(ordered)}
    if cpu:
        # This process's own CPU time per call: what the figure would be on an idle
        # machine when other programs compete for the cores (waits for disk excluded).
        spent = sorted(cpu)
        figures.update(cpu_p50_ms=round(statistics.median(spent) * 1000, 3),
                       cpu_p95_ms=round(_p95(spent) * 1000, 3))
    return figures


def timed(calls: Sequence[Callable[..., Any]], warm_up: int | None = None) -> dict[str, Any]:
    for call in calls[:WARM_UP if warm_up is None else warm_up]:
        call()
    samples, cpu = [], []
    for call in calls:
        started, started_cpu = time.perf_counter(), time.thread_time()
        call()
        samples.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
    return percentiles(samples, cpu)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> dict[str, Any]:
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            found = (line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
            model = next(found, "")
    except OSError:
        pass
    memory = 0.0
    try:
        with open("/proc/meminfo") as info:
            memory = int(next(line for line in info if line.startswith("MemTotal")).split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        pass
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(memory, 1),
            "python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version,
            "load_average": os.getloadavg()[0]}
