"""Live updates: every desk showing an order learns within a second that someone changed it.

PostgreSQL: each flush that touches an order sends ``NOTIFY sc_orders`` in the
same transaction, so the server delivers it only if the change commits (and
never for an attempt that was rolled back and retried). A ``ChangeFeed`` keeps
its own connection that LISTENs, on a background thread.

SQLite (one workstation, several windows or processes): the feed polls
``PRAGMA data_version``, which moves whenever another connection commits, and
then reads the history written since it last looked; every order change writes
history in its own transaction (ORD-6).

Callbacks run on the feed's thread: a desktop hands them to its GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, event, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from ..models import HistoryEntry, Order

CHANNEL = "sc_orders"
POLL_SECONDS = 0.25
RECONNECT_SECONDS = 1.0
_PAYLOAD_LIMIT = 7000  # NOTIFY payloads must stay under 8000 bytes
log = logging.getLogger(__name__)

Callback = Callable[["OrderChange"], None]


@dataclass(frozen=True)
class OrderChange:
    """Order ``order_id`` was changed by ``by``; ``version`` is its version after the change when known
    (None when it was deleted or the feed could not tell)."""

    order_id: int
    by: str
    version: int | None = None

    @property
    def message(self) -> str:
        """What a rep with unsaved changes of this order reads instead of a silent refresh."""
        return f"changed by {self.by}"


# --- sending (PostgreSQL) -------------------------------------------------------------------


def _changed_orders(session: Session) -> dict[int, int | None]:
    found: dict[int, int | None] = {}
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Order):
            if obj.id is not None:
                found[obj.id] = None if obj in session.deleted else obj.version
        elif isinstance(getattr(obj, "order_id", None), int) and not isinstance(obj, HistoryEntry):
            found.setdefault(obj.order_id, None)
    for order_id, version in list(found.items()):
        if version is None:
            loaded = session.identity_map.get(identity_key(Order, order_id))
            if isinstance(loaded, Order) and loaded not in session.deleted:
                found[order_id] = loaded.version
    return found


@event.listens_for(Session, "before_flush")
def _remember_changes(session: Session, _context: Any, _instances: Any) -> None:
    bind = session.bind
    if bind is None or bind.dialect.name != "postgresql":
        return
    changed = _changed_orders(session)
    if changed:
        session.info.setdefault("sc_orders_changed", {}).update(changed)


@event.listens_for(Session, "after_flush_postexec")
def _note_versions(session: Session, _context: Any) -> None:
    changed: dict[int, int | None] = session.info.get("sc_orders_changed", {})
    for order_id in changed:
        loaded = session.identity_map.get(identity_key(Order, order_id))
        if isinstance(loaded, Order) and loaded not in session.deleted:
            changed[order_id] = loaded.version  # the version the flush wrote


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop("sc_orders_changed", None)


@event.listens_for(Session, "before_commit")
def _notify(session: Session) -> None:
    """One NOTIFY per committed transaction, with each order's final version."""
    if "sc_orders_changed" not in session.info:
        return
    session.flush()  # what commit would flush anyway, so the versions below are final
    changed: dict[int, int | None] = session.info.pop("sc_orders_changed", {})
    if not changed:
        return
    entries = [f"{key}:{'' if value is None else value}" for key, value in sorted(changed.items())]
    chunks, chunk = [], ""
    for entry in entries:
        if len(chunk) + len(entry) > _PAYLOAD_LIMIT:
            chunks.append(chunk)
            chunk = ""
        chunk = f"{chunk},{entry}" if chunk else entry
    chunks.append(chunk)
    connection = session.connection()
    for payload in chunks:
        # Delivered at commit, dropped on rollback: the same transaction as the change.
        connection.execute(text("SELECT pg_notify(:channel, :payload)"),
                           {"channel": CHANNEL, "payload": payload})


def _parse(payload: str) -> dict[int, int | None]:
    """Order ids and versions of a notification; anything else in it is ignored.

    Anyone who reaches the database could send on the channel, so the payload is
    only a hint of which orders to look at: who changed them is read from history.
    """
    found: dict[int, int | None] = {}
    for entry in payload.rpartition("|")[2].split(","):
        key, _, version = entry.partition(":")
        if key.isascii() and key.isdigit() and len(key) < 19:
            found[int(key)] = int(version) if version.isascii() and version.isdigit() and len(version) < 19 \
                else None
    return found


def _changed_by(engine: Engine, changed: dict[int, int | None]) -> list[OrderChange]:
    """Who changed each order, from its newest history entry (ORD-6 writes one per change)."""
    if not changed:
        return []
    with engine.connect() as connection:
        rows = connection.execute(
            text('SELECT h.order_id, h."user" FROM history h WHERE h.id IN '
                 "(SELECT max(id) FROM history WHERE order_id IN :ids GROUP BY order_id)")
            .bindparams(bindparam("ids", expanding=True)),
            {"ids": list(changed)},
        ).all()
    by = {order_id: user for order_id, user in rows}
    return [OrderChange(key, by.get(key, "another desk"), version) for key, version in changed.items()]


# --- receiving -----------------------------------------------------------------------------


class ChangeFeed:
    """Tells subscribers about every committed order change, from any desk, on a background thread."""

    def __init__(self, engine: Engine, *, poll_seconds: float = POLL_SECONDS) -> None:
        self._engine = engine
        self._poll_seconds = poll_seconds
        self._callbacks: list[Callback] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Start the feed if needed; return a function that unsubscribes."""
        with self._lock:
            self._callbacks.append(callback)
        self.start()

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return unsubscribe

    def start(self, timeout: float = 10.0) -> None:
        """Start listening; returns once changes committed from now on will be reported."""
        if self._thread is None:
            target = self._listen if self._engine.dialect.name == "postgresql" else self._poll
            self._thread = threading.Thread(target=target, name="salescenter-live", daemon=True)
            self._thread.start()
        self._ready.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> ChangeFeed:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _emit(self, changes: list[OrderChange]) -> None:
        with self._lock:
            callbacks = list(self._callbacks)
        for change in changes:
            for callback in callbacks:
                try:
                    callback(change)
                except Exception:  # one broken view must not silence the others
                    log.exception("live update subscriber failed")

    def _listen(self) -> None:
        import psycopg

        url = self._engine.url
        while not self._stop.is_set():
            try:
                with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=url.username,
                                     password=url.password, autocommit=True,
                                     application_name="salescenter-live") as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=self._poll_seconds):
                            self._deliver(note.payload)
            except psycopg.Error as error:
                log.warning("live updates lost the server, reconnecting: %s", error)
                self._stop.wait(RECONNECT_SECONDS)

    def _deliver(self, payload: str) -> None:
        """A malformed or hostile notification is dropped and logged; the feed goes on (SRV-6)."""
        try:
            self._emit(_changed_by(self._engine, _parse(payload)))
        except Exception:
            log.warning("live update dropped: %r", payload[:200], exc_info=True)

    def _poll(self) -> None:
        # A plain connection in autocommit: each statement is its own short read, so this
        # feed never holds a snapshot, a write lock or a checkpoint back.
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            seen = _scalar(cursor, "SELECT coalesce(max(id), 0) FROM history")
            version = _scalar(cursor, "PRAGMA data_version")
            self._ready.set()
            while not self._stop.wait(self._poll_seconds):
                now = _scalar(cursor, "PRAGMA data_version")
                if now == version:
                    continue
                version = now
                cursor.execute(
                    "SELECT h.id, h.order_id, h.user, o.version FROM history h "
                    "LEFT JOIN orders o ON o.id = h.order_id "
                    "WHERE h.id > ? AND h.order_id IS NOT NULL ORDER BY h.id", (seen,)
                )
                rows = cursor.fetchall()
                if rows:
                    seen = rows[-1][0]
                    latest = {key: OrderChange(key, by, current) for _, key, by, current in rows}
                    self._emit(list(latest.values()))
        finally:
            raw.close()


def _scalar(cursor: Any, sql: str) -> Any:
    cursor.execute(sql)
    row = cursor.fetchone()
    return row[0] if row else None
