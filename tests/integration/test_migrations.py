"""The one Alembic tree: an empty database upgrades to head; downgrade and upgrade keep working
with data present (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, func, inspect, select
from sqlalchemy.engine import make_url

from salescenter import SalesCenter
from salescenter.db.engine import make_engine
from salescenter.db.migrate import current_revision, downgrade, heads, upgrade
from salescenter.models import Base, Order, OrderItem
from tests import pg
from tests.conftest import HOME, PASSWORDS

TABLES = set(Base.metadata.tables)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all, as on a fresh machine or a new server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server = pg.server_url()
    if server is None:
        pytest.skip(f"PostgreSQL tests need {pg.ENV}.")
    base = make_url(server).set(drivername="postgresql+psycopg")
    name = "t_empty_" + re.sub(r"\W", "_", request.node.name.lower())[:20] + "_" + uuid.uuid4().hex[:8]
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def _schema_drift(engine: Engine) -> list[object]:
    """Differences between the models and the migrated schema, for the models' own tables."""

    def ours(obj: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
        if kind == "table":
            return name in TABLES
        if kind == "index" and reflected and compare_to is None:
            return False  # indexes a migration adds for search speed, beyond the models
        table = getattr(obj, "table", None)
        return table is None or getattr(table, "name", None) in TABLES

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": ours}
        )
        return list(compare_metadata(context, Base.metadata))


def test_migrations_have_a_single_head() -> None:
    assert len(heads()) == 1


def test_start_up_knows_the_newest_migration() -> None:
    # SalesCenter.open skips Alembic when the database is at SCHEMA_HEAD: a new
    # migration must move SCHEMA_HEAD along or desktops would never run it.
    from salescenter.db.migrate import SCHEMA_HEAD

    assert heads() == [SCHEMA_HEAD]


def test_migrations_upgrade_an_empty_database_to_head(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        assert current_revision(engine) is None
        assert not TABLES & set(inspect(engine).get_table_names())
        upgrade(engine)
        assert current_revision(engine) == heads()[0]
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert _schema_drift(engine) == []
        upgrade(engine)  # a second run finds nothing to do
        assert current_revision(engine) == heads()[0]
    finally:
        engine.dispose()


def test_migrations_open_creates_the_schema_and_first_user(empty_url: str) -> None:
    with SalesCenter.open(empty_url) as center:
        assert not center.has_users()
        center.create_user("admin", PASSWORDS["admin"], role="admin")
        assert center.login("admin", PASSWORDS["admin"]).user.role == "admin"


def test_migrations_downgrade_and_upgrade_with_data_present(db_url: str) -> None:
    center = SalesCenter.open(db_url)
    center.create_user("admin", PASSWORDS["admin"], role="admin")
    desk = center.login("admin", PASSWORDS["admin"])
    desk.stores.create("US", "Sales Center US", tax_rate="0.0825")
    desk.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100)
    customer = desk.customers.create("Mercy", "Taylor", email="mercy@example.com",
                                     address=HOME)
    order = desk.orders.create("US", customer.id)
    order = desk.orders.add_item(order.id, "WID-1", 2)
    order = desk.orders.submit(order.id)
    center.close()

    engine = make_engine(db_url)
    try:
        # one step down and back up keeps the data
        downgrade(engine, "-1")
        assert current_revision(engine) != heads()[0]
        upgrade(engine)
        with engine.connect() as connection:
            assert connection.scalar(select(func.count(Order.id))) == 1
        # all the way down and back up on a database holding data
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert not TABLES & set(inspect(engine).get_table_names())
        upgrade(engine)
        assert current_revision(engine) == heads()[0]
        assert _schema_drift(engine) == []
    finally:
        engine.dispose()

    with SalesCenter.open(db_url) as center:
        assert not center.has_users()
        center.create_user("admin", PASSWORDS["admin"], role="admin")
        desk = center.login("admin", PASSWORDS["admin"])
        desk.stores.create("US", "Sales Center US")
        desk.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100)


def test_migrations_step_down_keeps_data(db_url: str) -> None:
    """Each downgrade step below head and back keeps existing orders intact."""
    with SalesCenter.open(db_url) as center:
        center.create_user("admin", PASSWORDS["admin"], role="admin")
        desk = center.login("admin", PASSWORDS["admin"])
        desk.stores.create("US", "Sales Center US")
        desk.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100)
        customer = desk.customers.create("Mercy", "Taylor",
                                         address=HOME)
        order = desk.orders.create("US", customer.id)
        before = desk.orders.add_item(order.id, "WID-1", 2)
    engine = make_engine(db_url)
    try:
        downgrade(engine, "-1")
        upgrade(engine)
        with engine.connect() as connection:
            order = connection.execute(select(Order.total, Order.customer_name)).one()
            skus = connection.scalars(select(OrderItem.sku)).all()
    finally:
        engine.dispose()
    assert (order.total, order.customer_name, skus) == (before.total, "Mercy Taylor", ["WID-1"])
