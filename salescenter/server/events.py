"""Live updates for remote desks (SRV-6): committed order changes as server-sent events.

One ``ChangeFeed`` per server process turns committed changes into ``OrderChange``s (PostgreSQL
LISTEN, or SQLite's data version and history); every open ``GET /api/events`` stream gets each
one as ``data: {"order_id": ..., "by": ..., "version": ...}``. The "changed by" name comes from
the database's history, never from a payload a client could send. A slow stream loses its
oldest events rather than holding the others up.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable

from sqlalchemy import Engine

from ..services.live import ChangeFeed, OrderChange

log = logging.getLogger(__name__)
QUEUE_SIZE = 1000
KEEP_ALIVE_SECONDS = 15.0


class Broadcaster:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._feed: ChangeFeed | None = None
        self._lock = threading.Lock()
        self._queues: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[OrderChange]]] = set()

    def _ensure_feed(self) -> None:
        with self._lock:
            if self._feed is None:
                self._feed = ChangeFeed(self._engine)
                self._feed.subscribe(self._publish)  # waits until the feed listens

    def _publish(self, change: OrderChange) -> None:
        with self._lock:
            targets = list(self._queues)
        for loop, queue in targets:
            loop.call_soon_threadsafe(_offer, queue, change)

    async def stream(self, still_valid: Callable[[], bool], check_every: float = 10.0) -> AsyncIterator[str]:
        """Events for one desk until it goes away or its session ends."""
        await asyncio.to_thread(self._ensure_feed)
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[OrderChange] = asyncio.Queue(QUEUE_SIZE)
        entry = (loop, queue)
        with self._lock:
            self._queues.add(entry)
        try:
            yield "event: ready\ndata: {}\n\n"
            waited = 0.0
            while True:
                try:
                    change = await asyncio.wait_for(queue.get(), timeout=min(KEEP_ALIVE_SECONDS, check_every))
                except TimeoutError:
                    waited += min(KEEP_ALIVE_SECONDS, check_every)
                    if waited >= check_every:
                        waited = 0.0
                        if not await asyncio.to_thread(still_valid):
                            return
                    yield ": keep-alive\n\n"
                    continue
                payload = {"order_id": change.order_id, "by": change.by, "version": change.version}
                yield f"data: {json.dumps(payload)}\n\n"
        finally:
            with self._lock:
                self._queues.discard(entry)

    def close(self) -> None:
        with self._lock:
            feed, self._feed = self._feed, None
        if feed is not None:
            feed.stop()


def _offer(queue: asyncio.Queue[OrderChange], change: OrderChange) -> None:
    if queue.full():
        queue.get_nowait()
        log.warning("a desk's live updates fell behind; its oldest update was dropped")
    queue.put_nowait(change)
