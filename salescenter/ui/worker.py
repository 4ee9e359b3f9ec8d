"""Runs service calls off the GUI thread and answers on it.

``run_async(owner, call, on_done, on_error)`` queues ``call()`` on a worker
thread; the result or the exception comes back through one long-lived
dispatcher living on the GUI thread, so ``on_done``/``on_error`` always run
there. Callbacks are dropped if ``owner`` was destroyed meanwhile (a closed
editor must not be touched).

Two rules keep Qt objects from being freed on a worker thread, which crashes:
the worker never holds the last reference to the call (the GUI-side registry
does, until the answer is handled), and Python's cycle collector runs only on
the GUI thread, from a timer, as Anki does for the same reason.
"""

from __future__ import annotations

import gc
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)
COLLECT_EVERY_MS = 1_000
FULL_COLLECT_EVERY = 30  # ticks: young generations each second, everything twice a minute


@dataclass
class _Pending:
    owner: QObject
    call: Callable[[], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None


class _Dispatcher(QObject):
    answered = Signal(int, bool, object)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.pending: dict[int, _Pending] = {}
        self.answered.connect(self._deliver)
        gc.disable()
        self.ticks = 0
        self.collector = QTimer(self)
        self.collector.timeout.connect(self._collect)
        self.collector.start(COLLECT_EVERY_MS)

    def _collect(self) -> None:
        self.ticks += 1
        # Young generations are cheap; a full pass over a large heap is kept rare so it
        # never stalls typing.
        gc.collect(2 if self.ticks % FULL_COLLECT_EVERY == 0 else 1)

    @Slot(int, bool, object)
    def _deliver(self, job: int, ok: bool, value: Any) -> None:
        pending = self.pending.pop(job, None)
        if pending is None or not shiboken6.isValid(pending.owner):
            return
        callback = pending.on_done if ok else pending.on_error
        if callback is not None:
            callback(value)
        elif not ok:
            from .errors import report_error

            report_error(pending.owner, value)


class _Job(QRunnable):
    def __init__(self, job: int, call: Callable[[], Any], dispatcher: _Dispatcher) -> None:
        super().__init__()
        self.job, self.dispatcher = job, dispatcher
        self.call: Callable[[], Any] | None = call
        self.setAutoDelete(True)

    def run(self) -> None:
        call, self.call = self.call, None  # the registry keeps the call alive, not this thread
        assert call is not None
        try:
            result = call()
        except BaseException as error:  # noqa: BLE001 - every failure is reported to the GUI
            del call
            self.dispatcher.answered.emit(self.job, False, error)
        else:
            del call
            self.dispatcher.answered.emit(self.job, True, result)


_pool: QThreadPool | None = None
_dispatcher: _Dispatcher | None = None
_ids = itertools.count(1)


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        # Two workers: a slow search never queues a quick save behind it for long.
        _pool.setMaxThreadCount(2)
    return _pool


def dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        _dispatcher = _Dispatcher(QCoreApplication.instance())
    return _dispatcher


def run_async(
    owner: QObject,
    call: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    relay = dispatcher()
    job = next(_ids)
    relay.pending[job] = _Pending(owner, call, on_done, on_error)
    pool().start(_Job(job, call, relay))


def wait_for_idle(msecs: int = 10_000, *, collect: bool = True) -> bool:
    """Tests and shutdown: wait until every queued call has finished.

    ``collect=False`` when the process ends right after: nothing needs freeing.
    """
    finished = pool().waitForDone(msecs)
    if collect:
        gc.collect()  # called on the GUI thread: a safe moment to free cycles
    return finished
