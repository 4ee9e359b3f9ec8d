"""Builds the one engine of a process from a database URL.

SQLite gets the settings ARCHITECTURE.md asks for on every pooled connection:
WAL, foreign keys, synchronous FULL, a busy timeout, and transactions that
begin with BEGIN IMMEDIATE so two writers queue instead of failing on upgrade.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from ..paths import data_dir, private_file

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Every PostgreSQL session of the server: no statement, lock wait or forgotten transaction holds
# other desks up for long. A lock wait that times out is retried by the unit of work.
POSTGRES_TIMEOUTS = {
    "statement_timeout": "30s",
    "lock_timeout": "5s",
    "idle_in_transaction_session_timeout": "1min",
}


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'salescenter.db'}"


def normalize_url(url: str | None) -> URL:
    parsed = make_url(url or default_database_url())
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 5)
    connect_args = kwargs.pop("connect_args", {})
    options = " ".join(f"-c {name}={value}" for name, value in POSTGRES_TIMEOUTS.items())
    connect_args["options"] = f"{connect_args.get('options', '')} {options}".strip()
    return create_engine(parsed, connect_args=connect_args, **kwargs)


def _sqlite_engine(url: URL, **kwargs: Any) -> Engine:
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        # SQLite gives its -wal and -shm files the mode of the database file.
        private_file(Path(url.database))
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    connect_args.setdefault("check_same_thread", False)
    engine = create_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Python's sqlite3 otherwise opens transactions itself, too late and
        # deferred; SQLAlchemy's documented recipe hands control back to us.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
