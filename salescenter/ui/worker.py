"""Runs service calls off the GUI thread and answers on it.

``run_async(owner, call, on_done, on_error)`` queues ``call()`` on a worker
thread; the result or the exception comes back through a queued signal, so
``on_done``/``on_error`` always run on the GUI thread. Callbacks are dropped if
``owner`` was destroyed meanwhile (a closed editor must not be touched).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.call = call
        self.relay = relay
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self.call()
        except BaseException as error:  # noqa: BLE001 - every failure is reported to the GUI
            self.relay.failed.emit(error)
        else:
            self.relay.done.emit(result)


_pool: QThreadPool | None = None
_live: set[_Relay] = set()


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        # Two workers: a slow search never queues a quick save behind it for long.
        _pool.setMaxThreadCount(2)
    return _pool


def run_async(
    owner: QObject,
    call: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    # Parented on the GUI thread so only deleteLater frees it: a parentless relay sits in a
    # reference cycle with its callbacks, and Python's cycle collector, running on whatever
    # thread allocates next, would delete it from a worker thread (a crash).
    relay = _Relay(QCoreApplication.instance())
    _live.add(relay)
    alive = {"owner": True}
    owner.destroyed.connect(lambda *_: alive.update(owner=False))

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _live.discard(relay)
        relay.deleteLater()
        if callback is not None and alive["owner"]:
            callback(value)
        elif isinstance(value, BaseException) and callback is None and alive["owner"]:
            from .errors import report_error

            report_error(owner, value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda error: finish(on_error, error))
    pool().start(_Job(call, relay))


def wait_for_idle(msecs: int = 10_000) -> bool:
    """Tests and shutdown: wait until every queued call has finished."""
    return pool().waitForDone(msecs)
