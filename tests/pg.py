"""PostgreSQL for the tests: a fresh database per test, cloned from a migrated template.

``SALESCENTER_TEST_PG_URL`` names a server and a role allowed to create
databases (``.ci/run`` starts a local server and sets it). Without it the
PostgreSQL half of the suite is skipped, except under CI, where it fails.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ENV = "SALESCENTER_TEST_PG_URL"


def server_url() -> str | None:
    return os.environ.get(ENV) or None


@contextmanager
def fresh_database(test_name: str) -> Iterator[str]:
    url = server_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"{ENV} is not set under CI: PostgreSQL did not start.")
        pytest.skip(f"PostgreSQL tests need {ENV} (see README: Testing on PostgreSQL).")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from salescenter.db.engine import make_engine
    from salescenter.db.migrate import upgrade

    base = make_url(url).set(drivername="postgresql+psycopg")
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    template = "sc_template"
    with admin.connect() as connection:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM pg_database WHERE datname = %s", (template,)
        ).scalar()
        if not exists:
            connection.exec_driver_sql(f"CREATE DATABASE {template}")
            engine = make_engine(base.set(database=template).render_as_string(hide_password=False))
            upgrade(engine)
            engine.dispose()
        name = "t_" + re.sub(r"\W", "_", test_name.lower())[:30] + "_" + uuid.uuid4().hex[:8]
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
