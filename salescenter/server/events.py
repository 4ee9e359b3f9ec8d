"""Live updates for remote desks (SRV-6): committed order changes as server-sent events.

One ``ChangeFeed`` per server process turns committed changes into ``OrderChange``s (PostgreSQL
LISTEN, or SQLite's data version and history); every open ``GET /api/events`` stream gets each
one as ``data: {"order_id": ..., "by": ..., "version": ...}``. The "changed by" name comes from
the database's history, never from a payload a client could send. A slow stream loses its
oldest events rather than holding the others up.

Each event's ``id:`` is a history cursor (the newest history entry when the change was sent).
A desk that lost its stream (the network, a server restarted, another server behind the load
balancer) asks again with ``Last-Event-ID`` and first gets every order changed since, from the
history every change writes (ORD-6), so no change is missed. The replay starts ``REPLAY_OVERLAP``
entries before the cursor: a change still being committed when the cursor was taken has an
older entry than the cursor. Duplicates cost a desk one refresh; a missed change costs a rep
a stale order.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable

from sqlalchemy import Engine, text

from ..services.live import ChangeFeed, OrderChange

log = logging.getLogger(__name__)
QUEUE_SIZE = 1000
KEEP_ALIVE_SECONDS = 15.0
REPLAY_OVERLAP = 500
REPLAY_LIMIT = 20_000

Stamped = tuple[int, OrderChange]  # (history cursor, change)


class Broadcaster:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._feed: ChangeFeed | None = None
        self._lock = threading.Lock()
        self._queues: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[Stamped]]] = set()

    def _ensure_feed(self) -> None:
        with self._lock:
            if self._feed is None:
                self._feed = ChangeFeed(self._engine)
                self._feed.subscribe(self._publish)  # waits until the feed listens

    def _publish(self, change: OrderChange) -> None:
        with self._lock:
            targets = list(self._queues)
        if not targets:
            return
        stamped = (self.cursor(), change)
        for loop, queue in targets:
            loop.call_soon_threadsafe(_offer, queue, stamped)

    def cursor(self) -> int:
        """The newest history entry: what a desk has seen once it has this event."""
        with self._engine.connect() as connection:
            return int(connection.execute(text("SELECT coalesce(max(id), 0) FROM history")).scalar_one())

    def missed(self, since: int) -> tuple[int, list[Stamped]]:
        """The orders changed after cursor ``since`` (and a little before), each once with its newest
        state, oldest first, each stamped with its own newest history entry; and the cursor now."""
        with self._engine.connect() as connection:
            cursor = int(connection.execute(text("SELECT coalesce(max(id), 0) FROM history")).scalar_one())
            rows = connection.execute(
                text('SELECT h.id, h.order_id, h."user", o.version FROM history h '
                     "JOIN orders o ON o.id = h.order_id WHERE h.id > :since AND h.id <= :cursor "
                     "ORDER BY h.id DESC LIMIT :limit"),
                {"since": max(since - REPLAY_OVERLAP, 0), "cursor": cursor, "limit": REPLAY_LIMIT},
            ).all()
        if len(rows) == REPLAY_LIMIT:
            log.warning("a desk reconnected after more than %d changes; it gets the newest", REPLAY_LIMIT)
        latest: dict[int, Stamped] = {}
        for entry_id, order_id, by, version in rows:  # newest first: the first seen is the newest
            latest.setdefault(order_id, (int(entry_id), OrderChange(order_id, by, version)))
        return cursor, sorted(latest.values(), key=lambda stamped: stamped[0])

    async def stream(self, still_valid: Callable[[], bool], check_every: float = 10.0,
                     last_event_id: str | None = None) -> AsyncIterator[str]:
        """Events for one desk until it goes away or its session ends; after ``last_event_id``
        (a reconnecting desk's cursor) first the changes it missed."""
        await asyncio.to_thread(self._ensure_feed)
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Stamped] = asyncio.Queue(QUEUE_SIZE)
        entry = (loop, queue)
        with self._lock:
            self._queues.add(entry)  # before the replay is read: nothing falls between the two
        try:
            since = _cursor_of(last_event_id)
            if since is None:
                cursor = await asyncio.to_thread(self.cursor)
            else:  # each missed change carries its own cursor: a stream lost mid-replay resumes there
                cursor, missed = await asyncio.to_thread(self.missed, since)
                for stamp, change in missed:
                    yield _event(stamp, change)
            yield f"event: ready\nid: {cursor}\ndata: {{}}\n\n"
            waited = 0.0
            while True:
                try:
                    stamp, change = await asyncio.wait_for(queue.get(),
                                                           timeout=min(KEEP_ALIVE_SECONDS, check_every))
                except TimeoutError:
                    waited += min(KEEP_ALIVE_SECONDS, check_every)
                    if waited >= check_every:
                        waited = 0.0
                        if not await asyncio.to_thread(still_valid):
                            return
                    yield ": keep-alive\n\n"
                    continue
                yield _event(stamp, change)
        finally:
            with self._lock:
                self._queues.discard(entry)

    def close(self) -> None:
        with self._lock:
            feed, self._feed = self._feed, None
        if feed is not None:
            feed.stop()


def _event(cursor: int, change: OrderChange) -> str:
    payload = {"order_id": change.order_id, "by": change.by, "version": change.version}
    return f"id: {cursor}\ndata: {json.dumps(payload)}\n\n"


def _cursor_of(last_event_id: str | None) -> int | None:
    """A reconnecting desk's cursor; anything but a plain number is treated as a first connection."""
    value = (last_event_id or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 19 else None


def _offer(queue: asyncio.Queue[Stamped], stamped: Stamped) -> None:
    if queue.full():
        queue.get_nowait()
        log.warning("a desk's live updates fell behind; its oldest update was dropped")
    queue.put_nowait(stamped)
