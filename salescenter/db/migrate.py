"""Creates or migrates the schema with the one Alembic tree of the package.

Alembic is imported only when there is something to migrate: a desktop that
starts on an up-to-date database reads one row and moves on.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

_HERE = Path(__file__).resolve().parent
# Alembic keeps the running migration in module globals (alembic.context, alembic.op): two
# databases migrated at once in one process (the self-test's scratch one beside the chosen
# one) take turns.
_ONE_AT_A_TIME = threading.Lock()

# The newest revision of migrations/versions; a test checks it against Alembic's head.
SCHEMA_HEAD = "0014_ship_tos"


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config(str(_HERE / "alembic.ini"))
    config.set_main_option("script_location", str(_HERE / "migrations"))
    return config


def _run(engine: Engine, action: str, target: str) -> None:
    from alembic import command

    config = alembic_config()
    # DEFERRED: DDL on SQLite takes its own write lock; IMMEDIATE adds nothing here.
    with _ONE_AT_A_TIME, engine.execution_options(sqlite_begin="DEFERRED").begin() as connection:
        if connection.dialect.name == "postgresql":
            # An index over a million orders may take longer than a desk's statement may.
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
        config.attributes["connection"] = connection
        getattr(command, action)(config, target)


def up_to_date(engine: Engine) -> bool:
    with engine.execution_options(sqlite_begin="DEFERRED").connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return versions == [SCHEMA_HEAD]


def upgrade(engine: Engine, target: str = "head") -> None:
    if target == "head" and up_to_date(engine):
        return
    _run(engine, "upgrade", target)


def downgrade(engine: Engine, target: str) -> None:
    _run(engine, "downgrade", target)


def heads() -> list[str]:
    from alembic.script import ScriptDirectory

    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
