"""Creates or migrates the schema with the one Alembic tree of the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

_HERE = Path(__file__).resolve().parent


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config(str(_HERE / "alembic.ini"))
    config.set_main_option("script_location", str(_HERE / "migrations"))
    return config


def _run(engine: Engine, action: str, target: str) -> None:
    config = alembic_config()
    # DEFERRED: DDL on SQLite takes its own write lock; IMMEDIATE adds nothing here.
    with engine.execution_options(sqlite_begin="DEFERRED").begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, target)


def upgrade(engine: Engine, target: str = "head") -> None:
    _run(engine, "upgrade", target)


def downgrade(engine: Engine, target: str) -> None:
    _run(engine, "downgrade", target)


def heads() -> list[str]:
    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
