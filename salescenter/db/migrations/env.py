"""Alembic environment: always run from salescenter.db.migrate with a live connection."""

from __future__ import annotations

from alembic import context

from salescenter.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through salescenter.db.migrate.upgrade(engine).")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
