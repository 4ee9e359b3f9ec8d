"""Writes batches on a second thread while the next batch is being read and checked.

The database does its part of a batch without holding Python's interpreter
lock, so reading the files and writing the rows overlap on two cores. At most
one batch waits in line, which bounds memory; the first failure stops the
writing and is raised again in the reading thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType

Job = Callable[[], None]


class BatchWriter:
    def __init__(self) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="import-writer", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        self._raise_failure()
        self._jobs.put(job)

    def drain(self) -> None:
        """Wait until every submitted batch is written."""
        self._jobs.join()
        self._raise_failure()

    def _raise_failure(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if self._error is None:  # after a failure the rest is skipped, not written
                    job()
            except BaseException as error:  # handed to the reading thread
                self._error = error
            finally:
                self._jobs.task_done()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._jobs.join()
        self._jobs.put(None)
        self._thread.join()
        if exc is None:
            self._raise_failure()
