"""The PostgreSQL server itself refuses what a CSR may not do, even to raw SQL.

Each test signs in to the server as the CSR's own login role with plain psycopg,
the way a rep who bypassed the desktop would, and proves one refusal; the same
statement by an administrator's role (or the desk's own path) still works.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.db import roles
from salescenter.errors import AuthenticationError
from tests import pg
from tests.conftest import PASSWORDS, World
from tests.integration.order_steps import submitted

pytestmark = pytest.mark.postgres


@pytest.fixture
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with pg.fresh_database(request.node.name) as url:
        yield url


def raw(sc: SalesCenter, username: str, password: str | None = None) -> psycopg.Connection[Any]:
    """A plain psycopg connection as the user's own login role, autocommit off."""
    url = make_url(sc.engine.url.render_as_string(hide_password=False))
    return psycopg.connect(
        host=url.host, port=url.port, dbname=url.database,
        user=roles.login_role(url.database or "", username),
        password=password or PASSWORDS[username],
    )


def refused(connection: psycopg.Connection[Any], sql: str, *params: object) -> str:
    """Run one statement; it must fail for want of privilege. Returns the server's message."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as caught:
        connection.execute(sql, params or None)
    connection.rollback()
    return str(caught.value)


def automatic_block(csr: Desk, admin: Desk, world: World) -> tuple[int, int]:
    admin.catalog.create_product("TV-1", "Wall Television", "2999.00", stock=10)
    order = submitted(csr, world, ("TV-1", 2))
    block = next(b for b in order.blocks if b.kind == "automatic")
    return order.id, block.id


def test_blk_4_csr_role_cannot_resolve_an_automatic_block_with_raw_sql(
    sc: SalesCenter, csr: Desk, admin: Desk, world: World
) -> None:
    order_id, block_id = automatic_block(csr, admin, world)
    with raw(sc, "csr") as connection:
        message = refused(connection, "UPDATE blocks SET resolved = true, resolved_by = 'csr' WHERE id = %s",
                          block_id)
        assert "automatic block needs an administrator" in message
        refused(connection, "UPDATE blocks SET kind = 'manual' WHERE id = %s", block_id)
        refused(connection, "DELETE FROM blocks WHERE id = %s", block_id)
    assert not next(b for b in csr.orders.get(order_id).blocks if b.id == block_id).resolved
    with raw(sc, "admin") as connection:
        connection.execute("UPDATE blocks SET resolved = true WHERE id = %s", (block_id,))
    assert next(b for b in csr.orders.get(order_id).blocks if b.id == block_id).resolved


def test_blk_3_csr_role_still_resolves_a_manual_block_with_raw_sql(
    sc: SalesCenter, csr: Desk, world: World
) -> None:
    order = csr.orders.place_block(submitted(csr, world).id, "Customer asked to wait")
    block_id = order.blocks[-1].id
    with raw(sc, "csr") as connection:
        count = connection.execute(
            "UPDATE blocks SET resolved = true, resolved_by = 'csr' WHERE id = %s", (block_id,)
        ).rowcount
    assert count == 1


def test_ord_6_csr_role_cannot_change_delete_or_forge_history(
    sc: SalesCenter, csr: Desk, world: World
) -> None:
    order = submitted(csr, world)
    with raw(sc, "csr") as connection:
        refused(connection, "UPDATE history SET detail = 'nothing happened' WHERE order_id = %s", order.id)
        refused(connection, "DELETE FROM history WHERE order_id = %s", order.id)
        refused(connection, "TRUNCATE history")
        message = refused(
            connection,
            "INSERT INTO history (order_id, order_number, at, \"user\", activity, detail, before, after) "
            "VALUES (%s, 'x', now(), 'supervisor', 'Price approved', '', '', '')", order.id,
        )
        assert "own name" in message
    assert [h.activity for h in csr.orders.history(order.id)][-1] == "Order submitted"


def test_lck_3_csr_role_cannot_unlock_another_users_lock(
    sc: SalesCenter, csr: Desk, csr2: Desk, world: World
) -> None:
    order = submitted(csr, world)
    csr.orders.begin_edit(order.id)
    with raw(sc, "csr2") as connection:
        message = refused(connection, "DELETE FROM edit_locks WHERE order_id = %s", order.id)
        assert "Order locked for editing (csr)" in message
        refused(connection, "UPDATE edit_locks SET expires_at = now() - interval '1 day' WHERE order_id = %s",
                order.id)
        me = connection.execute("SELECT sc_user_id()").fetchone()
        refused(connection, "UPDATE edit_locks SET user_id = %s, username = 'csr2' WHERE order_id = %s",
                me[0] if me else None, order.id)
    assert csr.orders.get(order.id).locked_by == "csr"
    assert csr.orders.finish_edit(order.id).locked_by is None  # the holder's own path still works


def test_lck_3_administrator_role_unlocks_a_stranded_lock(
    sc: SalesCenter, csr: Desk, admin: Desk, world: World
) -> None:
    order = submitted(csr, world)
    csr.orders.begin_edit(order.id)
    assert admin.admin.unlock_order(order.id).locked_by is None


def test_ord_8_csr_role_cannot_delete_orders(sc: SalesCenter, csr: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    with raw(sc, "csr") as connection:
        refused(connection, "DELETE FROM orders WHERE id = %s", order.id)
    with raw(sc, "supervisor") as connection:
        refused(connection, "DELETE FROM orders WHERE id = %s", order.id)
    assert csr.orders.get(order.id).id == order.id


def test_users_csr_role_cannot_change_users_or_roles(sc: SalesCenter, csr: Desk, admin: Desk) -> None:
    with raw(sc, "csr") as connection:
        refused(connection, "UPDATE users SET role = 'admin' WHERE username = 'csr'")
        refused(connection, "UPDATE users SET active = false WHERE username = 'admin'")
        message = refused(connection, "UPDATE users SET password_hash = 'x' WHERE username = 'admin'")
        assert "Changing users needs an administrator" in message
        refused(connection, "DELETE FROM users WHERE username = 'csr2'")
        refused(connection, "INSERT INTO users (username, password_hash, role, active, created_at) "
                            "VALUES ('mole', 'x', 'admin', true, now())")
        refused(connection, "SELECT password_hash FROM users")
        refused(connection, "SELECT sc_create_login('mole', 'SCRAM-SHA-256$x', 'sc_admin')")
        refused(connection, "CREATE ROLE mole LOGIN")
        refused(connection, "GRANT sc_admin TO CURRENT_USER")
    assert {u.username: (u.role, u.active) for u in admin.users.list()} == {
        "admin": ("admin", True), "csr": ("csr", True), "csr2": ("csr", True),
        "supervisor": ("supervisor", True),
    }


def test_users_added_by_an_administrator_sign_in_with_their_own_role(sc: SalesCenter, admin: Desk) -> None:
    admin.users.create("newrep", "new-pw-1", "csr")
    with raw(sc, "newrep", "new-pw-1") as connection:
        groups = connection.execute(
            "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid "
            "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = current_user"
        ).fetchall()
        assert groups == [("sc_csr",)]
        assert connection.execute("SELECT sc_username()").fetchone() == ("newrep",)
    desk = sc.login("newrep", "new-pw-1")
    assert desk.user.role == "csr"
    with pytest.raises(AuthenticationError):
        sc.login("newrep", "wrong-password")


def test_users_a_desktop_names_only_the_server_and_signs_in_as_the_rep(
    sc: SalesCenter, csr: Desk, world: World
) -> None:
    url = sc.engine.url.set(username=None, password=None).render_as_string(hide_password=False)
    with SalesCenter.open(url) as desktop:
        assert desktop.has_users()
        desk = desktop.login("csr", PASSWORDS["csr"])
        assert desk.context.engine.url.username == roles.login_role(url.split("/")[-1], "csr")
        order = desk.orders.create(world.store, world.customer_id)
        assert desk.orders.get(order.id).id == order.id
        with pytest.raises(AuthenticationError):
            desktop.login("csr", "not-the-password")


def test_users_disabling_a_user_disables_their_login_role(sc: SalesCenter, admin: Desk) -> None:
    admin.users.set_active("csr2", False)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        raw(sc, "csr2").close()
    with pytest.raises(AuthenticationError, match="disabled"):
        sc.login("csr2", PASSWORDS["csr2"])
    admin.users.set_active("csr2", True)
    raw(sc, "csr2").close()


def test_users_password_changes_reach_the_server(sc: SalesCenter, csr: Desk, admin: Desk) -> None:
    csr.users.set_password("csr", "brand-new-pw")
    csr.context.engine.dispose()  # the desk's next connections sign in with the new password
    assert csr.users.preferences()["results_per_page"] == 50
    raw(sc, "csr", "brand-new-pw").close()
    with pytest.raises(psycopg.OperationalError):
        raw(sc, "csr").close()
    admin.users.set_password("csr2", "reset-by-admin")
    assert sc.login("csr2", "reset-by-admin").user.username == "csr2"
