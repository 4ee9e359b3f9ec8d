"""On PostgreSQL the Sales Center server is the only holder of database credentials (SRV-1).

Sales Center users are no longer PostgreSQL roles: a rep's password opens no connection to the
database as any role, so the rules the services enforce cannot be side-stepped with raw SQL.
The server's own sessions are bounded by statement, lock and idle-transaction timeouts.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.db import retired_roles
from salescenter.db.engine import POSTGRES_TIMEOUTS, make_engine
from tests import pg
from tests.conftest import PASSWORDS

pytestmark = pytest.mark.postgres


@pytest.fixture
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with pg.fresh_database(request.node.name) as url:
        yield url


def test_srv_1_no_sales_center_users_password_opens_a_postgresql_connection_as_any_role(
    db_url: str, admin: Desk
) -> None:
    url = make_url(db_url)
    database = url.database or ""
    engine = make_engine(db_url)
    with engine.connect() as connection:
        query = text("SELECT rolname FROM pg_roles WHERE rolcanlogin")
        login_roles = list(connection.execute(query).scalars())
    engine.dispose()
    assert url.username in login_roles  # the owner the server connects as is among those tried
    # Login roles that older versions made for other Sales Center databases of the cluster (other
    # test runs) share these test passwords by coincidence and belong to those databases.
    ours = retired_roles.login_prefix(database)
    login_roles = [role for role in login_roles
                   if not role.startswith("sc_") or role.startswith(ours) or role == url.username]
    tried = 0
    for username, password in PASSWORDS.items():
        candidates = {*login_roles, username, ours + username}
        for role in sorted(candidates):
            with pytest.raises(psycopg.OperationalError):
                psycopg.connect(host=url.host, port=url.port, dbname=database, user=role, password=password,
                                connect_timeout=10).close()
            tried += 1
    assert tried >= 4 * 3


def test_srv_1_the_retired_login_roles_grants_and_guards_are_gone(sc: SalesCenter, admin: Desk) -> None:
    database = make_url(sc.engine.url.render_as_string(hide_password=False)).database or ""
    with sc.engine.connect() as connection:
        logins = connection.execute(text("SELECT count(*) FROM pg_roles WHERE starts_with(rolname, :p)"),
                                    {"p": retired_roles.login_prefix(database)}).scalar_one()
        guards = connection.execute(text(
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'sc_guard'")).scalar_one()
        functions = connection.execute(text(
            "SELECT count(*) FROM pg_proc WHERE proname IN ('sc_set_login', 'sc_create_login')")).scalar_one()
        columns = connection.execute(text(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
            "AND column_name = 'login_role'")).scalar_one()
    assert (logins, guards, functions, columns) == (0, 0, 0, 0)


def test_srv_7_server_sessions_bound_statements_lock_waits_and_idle_transactions(sc: SalesCenter) -> None:
    with sc.engine.connect() as connection:
        shown = {name: connection.execute(text(f"SHOW {name}")).scalar_one() for name in POSTGRES_TIMEOUTS}
    assert shown == POSTGRES_TIMEOUTS


def test_srv_6_a_hostile_notification_neither_stops_live_updates_nor_names_who_changed(
    sc: SalesCenter, admin: Desk
) -> None:
    import queue

    from salescenter.services.live import CHANNEL, OrderChange

    admin.stores.create("US", "Sales Center US")
    customer = admin.customers.create("Mercy", "Taylor")
    order = admin.orders.create("US", customer.id)
    inbox: queue.Queue[OrderChange] = queue.Queue()
    admin.watch(inbox.put)
    with sc.engine.connect() as connection:
        for payload in ("x|\u00b2:1", "garbage", "system|" + "9" * 40 + ":1", f"mallory|{order.id}:999"):
            connection.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": payload})
        connection.commit()
    forged = inbox.get(timeout=20)
    assert (forged.order_id, forged.by) == (order.id, "admin")  # the name from history, not "mallory"
    admin.orders.add_note(order.id, "still listening")
    while (change := inbox.get(timeout=20)).version == 999:
        continue
    assert (change.order_id, change.by) == (order.id, "admin")
