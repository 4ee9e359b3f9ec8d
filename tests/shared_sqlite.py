"""One SQLite dialect and one compiled-statement cache for every engine of a test process.

SQLAlchemy caches a statement's compiled SQL per engine, keyed by the engine's dialect
object. The suite opens a new engine (a new database file) for nearly every test, so
every test compiled every statement it ran again: about a sixth of the suite's CPU
time. Engines made by ``salescenter.db.engine`` for SQLite files get the process's one
dialect and cache instead; a fresh database behaves the same, a compiled statement is
reused. PostgreSQL engines are left alone (they differ per login role and server).

Only the suite does this (tests/conftest.py installs it); the desktop has one engine.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.util import LRUCache

from salescenter.db import engine as engine_module

CACHE_SIZE = 5_000  # statements; a process's distinct statements fit many times over

_shared: dict[str, Any] = {}


def _sqlite_dialect_and_cache(create_engine: Any) -> tuple[Any, LRUCache[Any, Any]]:
    if not _shared:
        probe = create_engine("sqlite://")
        with probe.connect():  # the dialect learns the SQLite version on its first connection
            pass
        _shared["dialect"], _shared["cache"] = probe.dialect, LRUCache(CACHE_SIZE)
        probe.dispose()
    return _shared["dialect"], _shared["cache"]


def install() -> None:
    original = engine_module.create_engine
    if getattr(original, "shares_sqlite_dialect", False):
        return

    def create_engine(url: Any, *args: Any, **kwargs: Any) -> Engine:
        engine = original(url, *args, **kwargs)
        if engine.dialect.name == "sqlite" and type(engine.dialect).__name__ == "SQLiteDialect_pysqlite":
            dialect, cache = _sqlite_dialect_and_cache(original)
            # The pool keeps the engine's own dialect for its connections; statements are
            # compiled and run with the shared one, whose cache key the shared cache holds.
            engine.dialect = dialect
            engine._compiled_cache = cache
        return engine

    create_engine.shares_sqlite_dialect = True  # type: ignore[attr-defined]
    engine_module.create_engine = create_engine  # type: ignore[assignment]
