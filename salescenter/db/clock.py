"""The database clock: leases and history use the server's time, not the desktop's."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class utcnow(FunctionElement[datetime]):  # noqa: N801 - reads as SQL
    type = DateTime()
    inherit_cache = True


@compiles(utcnow, "sqlite")
def _sqlite_utcnow(_element: Any, _compiler: Any, **_kw: Any) -> str:
    return "strftime('%Y-%m-%d %H:%M:%f', 'now')"


@compiles(utcnow, "postgresql")
def _pg_utcnow(_element: Any, _compiler: Any, **_kw: Any) -> str:
    return "(clock_timestamp() AT TIME ZONE 'utc')"


@compiles(utcnow)
def _default_utcnow(_element: Any, _compiler: Any, **_kw: Any) -> str:
    return "CURRENT_TIMESTAMP"
