"""PostgreSQL for the tests: a fresh database per test, cloned from a migrated template.

``SALESCENTER_TEST_PG_URL`` names a server and a role allowed to create
databases and roles (``.ci/run`` starts a local server and sets it). Without it
the PostgreSQL half of the suite is skipped, except under CI, where it fails.

The template's name carries a digest of the migrations (and of the retired
login-role schema they install and remove), so a changed migration gets a new
template instead of a stale one; an advisory lock keeps two test runs from
building it at once.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

ENV = "SALESCENTER_TEST_PG_URL"
_DB = Path(__file__).resolve().parents[1] / "salescenter" / "db"
_TEMPLATE_LOCK = 0x5C7E57


def server_url() -> str | None:
    return os.environ.get(ENV) or None


def require_server() -> str:
    url = server_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"{ENV} is not set under CI: PostgreSQL did not start.")
        pytest.skip(f"PostgreSQL tests need {ENV} (see README: Testing on PostgreSQL).")
    return url


def _template_name() -> str:
    digest = hashlib.sha256()
    for path in sorted([*_DB.glob("migrations/versions/*.py"), _DB / "retired_roles.py"]):
        digest.update(path.name.encode() + path.read_bytes())
    return f"sc_template_{digest.hexdigest()[:10]}"


@contextmanager
def fresh_database(test_name: str, *, template: str | None = None) -> Iterator[str]:
    """A new database cloned from the migrated template, or from ``template`` (a database
    ``seeded_template`` made) when one is named."""
    url = require_server()
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    seeded = template
    base = make_url(url).set(drivername="postgresql+psycopg")
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    template = _template_name()
    with admin.connect() as connection:
        if seeded is None:
            _ensure_template(connection, base, template)
        name = "t_" + re.sub(r"\W", "_", test_name.lower())[:30] + "_" + uuid.uuid4().hex[:8]
        # FILE_COPY: one copy of the template's files, far quicker than WAL_LOG's page by page.
        connection.exec_driver_sql(
            f"CREATE DATABASE {name} TEMPLATE {seeded or template} STRATEGY FILE_COPY")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def _ensure_template(connection: Any, base: Any, template: str) -> None:
    """The migrated template, made once (an advisory lock keeps two runs from making it at once)."""
    from salescenter.db.engine import make_engine
    from salescenter.db.migrate import upgrade

    connection.exec_driver_sql("SELECT pg_advisory_lock(%s)", (_TEMPLATE_LOCK,))
    try:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM pg_database WHERE datname = %s", (template,)
        ).scalar()
        if not exists:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {template}_wip")
            connection.exec_driver_sql(f"CREATE DATABASE {template}_wip")
            engine = make_engine(base.set(database=f"{template}_wip").render_as_string(
                hide_password=False))
            upgrade(engine)
            engine.dispose()
            connection.exec_driver_sql(f"ALTER DATABASE {template}_wip RENAME TO {template}")
            _drop_old_templates(connection, keep=template)
    finally:
        connection.exec_driver_sql("SELECT pg_advisory_unlock(%s)", (_TEMPLATE_LOCK,))


def _drop_old_templates(connection: Any, keep: str) -> None:
    """Templates of earlier migrations; one still being cloned from is left for next time."""
    from sqlalchemy.exc import DBAPIError

    old = connection.exec_driver_sql(
        "SELECT datname FROM pg_database WHERE datname LIKE 'sc\\_template%%' AND datname <> %s", (keep,)
    ).scalars().all()
    for name in old:
        with suppress(DBAPIError):
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')


@contextmanager
def seeded_template(label: str, seed: Callable[[str], None]) -> Iterator[str]:
    """A database of this test process, cloned from the migrated template and written by ``seed``
    (given its URL), for ``fresh_database(template=...)``; dropped at the end. ``seed`` must
    close its connections: PostgreSQL copies only a database nobody is connected to."""
    with fresh_database(f"seed_{label}_{os.getpid()}") as url:
        seed(url)
        from sqlalchemy.engine import make_url

        yield make_url(url).database or ""
