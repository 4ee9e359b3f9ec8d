"""TKL-1 and AUD-1 on a shared server: the database refuses a rep's raw SQL the desk would refuse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter import SalesCenter
from salescenter.api import Desk
from tests import pg
from tests.conftest import PASSWORDS, World
from tests.integration.test_postgres_authority import raw, refused

pytestmark = pytest.mark.postgres


@pytest.fixture
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with pg.fresh_database(request.node.name) as url:
        yield url


def test_tkl_1_a_csr_cannot_reassign_or_work_anothers_tickler_with_raw_sql(
    sc: SalesCenter, csr: Desk, csr2: Desk, world: World
) -> None:
    theirs = csr2.ticklers.create("csr2's own", customer_id=world.customer_id)
    mine = csr.ticklers.create("Mine", customer_id=world.customer_id)
    with raw(sc, "csr") as connection:
        assert "someone else" in refused(
            connection, "UPDATE ticklers SET status = 'resolved' WHERE id = %s", theirs.id)
        assert "Supervisor" in refused(
            connection, "UPDATE ticklers SET assignee = 'csr' WHERE id = %s", theirs.id)
        assert "Supervisor" in refused(
            connection, "UPDATE ticklers SET role = 'csr', assignee = NULL WHERE id = %s", mine.id)
        assert "own name" in refused(
            connection, "INSERT INTO tickler_actions (tickler_id, at, \"user\", text) "
            "VALUES (%s, now(), 'csr2', 'forged')", mine.id)
        # The desk's own path still works: one's own tickler, in one's own name.
        connection.execute("UPDATE ticklers SET comment = 'noted' WHERE id = %s", (mine.id,))
        connection.commit()
    assert csr.ticklers.get(mine.id).comment == "noted"


def test_aud_1_a_csr_cannot_read_or_forge_the_trail_with_raw_sql(sc: SalesCenter, csr: Desk,
                                                                  world: World) -> None:
    csr.customers.update(world.customer_id, phone="555-010-4000")
    with raw(sc, "csr") as connection:
        refused(connection, "SELECT before, after FROM audit_trail")
        assert "own name" in refused(
            connection, "INSERT INTO audit_trail (at, \"user\", entity, entity_id, entity_name, field, "
            "before, after) VALUES (now(), 'admin', 'customer', 1, '', 'x', '', '')")


def test_aud_1_a_new_role_moves_the_users_login_to_that_group(sc: SalesCenter, admin: Desk,
                                                             csr: Desk) -> None:
    admin.users.set_role("csr", "supervisor")
    promoted = sc.login("csr", PASSWORDS["csr"])
    # Reading the trail needs the Supervisor group on the server, not only the role column.
    assert promoted.audit.search(entity="user", entity_id="csr")[0].after == "supervisor"
    with raw(sc, "csr") as connection:
        assert connection.execute("SELECT count(*) FROM audit_trail").fetchone() is not None
