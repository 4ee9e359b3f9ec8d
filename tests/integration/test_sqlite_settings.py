"""The embedded database's connection settings (ARCHITECTURE.md): WAL, foreign keys,
synchronous FULL, a busy timeout, and write transactions that begin IMMEDIATE."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from salescenter import SalesCenter
from salescenter.db.engine import SQLITE_BUSY_TIMEOUT_MS, make_engine
from salescenter.services.uow import UnitOfWork

PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2, "busy_timeout": SQLITE_BUSY_TIMEOUT_MS}


def _pragmas(engine: Engine) -> dict[str, object]:
    with engine.connect() as connection:
        return {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS}


def _other_writer_blocked(path: str) -> bool:
    """Whether a second connection, not willing to wait, is refused a write transaction."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    else:
        other.execute("ROLLBACK")
        return False
    finally:
        other.close()


def test_sqlite_settings_read_back_from_pooled_connections(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        assert _pragmas(engine) == PRAGMAS
        assert _pragmas(engine) == PRAGMAS  # the pooled connection, handed out again
        reader = engine.execution_options(sqlite_begin="DEFERRED")  # two readers need no write lock
        with reader.connect() as first, reader.connect() as second:  # a second connection beside it
            for connection in (first, second):
                values = {n: connection.exec_driver_sql(f"PRAGMA {n}").scalar() for n in PRAGMAS}
                assert values == PRAGMAS
    finally:
        engine.dispose()


def test_sqlite_settings_of_the_opened_sales_center(sqlite_url: str) -> None:
    with SalesCenter.open(sqlite_url) as center:
        assert center.dialect == "sqlite"
        assert _pragmas(center.engine) == PRAGMAS


def test_sqlite_settings_foreign_keys_are_enforced(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO order_items (order_id, sku, name, quantity, list_price, placed_price, "
                "discount_percent, discount, line_total, expedite, allocated, flag_accepted) "
                "VALUES (424242, 'X', 'X', 1, 1, 1, 0, 0, 1, 0, 0, 0)"))
    finally:
        engine.dispose()


def test_sqlite_settings_writes_begin_immediate(sqlite_url: str) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    engine = make_engine(sqlite_url)
    try:
        with engine.begin():
            # Nothing read or written yet: only BEGIN IMMEDIATE already holds the write lock.
            assert _other_writer_blocked(path)
        assert not _other_writer_blocked(path)
        with UnitOfWork(engine) as uow:
            uow.session.connection()
            assert _other_writer_blocked(path)
    finally:
        engine.dispose()


def test_sqlite_settings_reads_do_not_take_the_write_lock(sqlite_url: str) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    engine = make_engine(sqlite_url)
    try:
        with UnitOfWork(engine, readonly=True) as uow:
            assert uow.session.execute(text("SELECT count(*) FROM orders")).scalar() == 0
            assert not _other_writer_blocked(path)
    finally:
        engine.dispose()
