"""The service calls of one widget: off the GUI thread, counted while in flight, and every
failure reported by one rule.

``Calls(owner, say)`` runs each call on a worker (``worker.run_async``) and answers on the
GUI thread. While any call is out the widget is busy (``is_idle``, ``idle_changed``), which
tests and the live-update feed wait on. A refusal from the services (a ``SalesCenterError``)
is said in the rep's words where the widget says things (``say``: a status line, a message
bar) unless the caller handles it (``on_refused``); anything else is logged and shown in the
crash dialog (``errors.report_error``), so no widget ever shows an unexpected exception's text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ..errors import SalesCenterError
from .errors import report_error
from .worker import run_async

T = TypeVar("T")


class Calls(QObject):
    idle_changed = Signal(bool)

    def __init__(self, owner: QObject, say: Callable[[str], None] | None = None) -> None:
        super().__init__(owner)
        self.owner = owner
        self.say = say
        self.running = 0

    def is_idle(self) -> bool:
        return self.running == 0

    def run(
        self,
        call: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        *,
        on_refused: Callable[[SalesCenterError], None] | None = None,
        on_failed: Callable[[], None] | None = None,
    ) -> None:
        """``call()`` on a worker, then ``on_done(result)`` here.

        ``on_failed()`` runs first on any failure (re-enable a button, drop queued work);
        then a refusal goes to ``on_refused`` (default: ``say`` it) and anything else to
        the crash dialog and the log.
        """
        self.running += 1
        if self.running == 1:
            self.idle_changed.emit(False)

        def done(value: Any) -> None:
            try:
                if on_done is not None:
                    on_done(value)
            finally:
                self._finished()

        def failed(error: BaseException) -> None:
            try:
                if on_failed is not None:
                    on_failed()
                if on_refused is not None and isinstance(error, SalesCenterError):
                    on_refused(error)
                else:
                    report_error(self.owner, error, self.say)
            finally:
                self._finished()

        run_async(self.owner, call, done, failed)

    def _finished(self) -> None:
        self.running -= 1
        if self.running == 0:
            self.idle_changed.emit(True)
