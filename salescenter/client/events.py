"""Live updates of a remote desk: the server's event stream, read on a background thread.

It behaves as the local ``ChangeFeed``: ``subscribe`` returns once changes committed from now
on will be reported, callbacks run on the stream's thread, and a lost connection is made again,
naming the last event it had (``Last-Event-ID``) so the server first sends what it missed.
An event that cannot be read is dropped and logged; it never stops the stream (SRV-6).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

import httpx

from ..services.live import OrderChange

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 1.0

Callback = Callable[[OrderChange], None]


def parse_event(data: str) -> OrderChange | None:
    """One event's data, or None (logged) when it is not a well-formed order change."""
    try:
        raw: Any = json.loads(data)
        order_id, by, version = raw["order_id"], raw["by"], raw.get("version")
        if (type(order_id) is not int or not isinstance(by, str)
                or (version is not None and type(version) is not int)):
            raise ValueError("wrong types")
        return OrderChange(order_id, by, version)
    except (ValueError, TypeError, KeyError) as error:
        log.warning("live update dropped (%s): %r", error, data[:200])
        return None


class RemoteChangeFeed:
    def __init__(self, client: httpx.Client, token: str) -> None:
        self._client = client
        self._token = token
        self._callbacks: list[Callback] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._response: httpx.Response | None = None
        self._last_event_id: str | None = None  # the server's cursor, sent again on reconnecting

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        with self._lock:
            self._callbacks.append(callback)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="salescenter-remote-live", daemon=True)
            self._thread.start()
        self._ready.wait(10.0)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return unsubscribe

    def stop(self) -> None:
        self._stop.set()
        response = self._response
        if response is not None:
            response.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None

    def _emit(self, change: OrderChange) -> None:
        with self._lock:
            callbacks = list(self._callbacks)
        for callback in callbacks:
            try:
                callback(change)
            except Exception:  # one broken view must not silence the others
                log.exception("live update subscriber failed")

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self._read_stream():
                    return  # the session ended: nothing more will come
            except httpx.HTTPError as error:
                if not self._stop.is_set():
                    log.warning("live updates lost the server, reconnecting: %s", error)
            self._stop.wait(RECONNECT_SECONDS)

    def _read_stream(self) -> bool:
        """Read events until the stream ends; True when the server refused the session."""
        headers = {"authorization": f"Bearer {self._token}", "accept": "text/event-stream"}
        if self._last_event_id is not None:
            headers["last-event-id"] = self._last_event_id
        timeout = httpx.Timeout(10.0, read=60.0)  # the server sends a keep-alive every 15 s
        with self._client.stream("GET", "/api/events", headers=headers, timeout=timeout) as response:
            if response.status_code == 401:
                log.info("live updates stopped: the session has ended")
                self._ready.set()
                return True
            response.raise_for_status()
            self._response = response
            event, data, event_id = "", list[str](), None
            for line in response.iter_lines():
                if self._stop.is_set():
                    return True
                if line == "":
                    self._dispatch(event, "\n".join(data))
                    if event_id is not None:  # after the event is handled: a replay never skips it
                        self._last_event_id = event_id
                    event, data, event_id = "", [], None
                elif line.startswith(":"):
                    continue
                elif line.startswith("id:"):
                    event_id = line[3:].strip()
                elif line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip())
        return False

    def _dispatch(self, event: str, data: str) -> None:
        if event == "ready":
            self._ready.set()
            return
        if event or not data:
            return
        change = parse_event(data)
        if change is not None:
            self._emit(change)
