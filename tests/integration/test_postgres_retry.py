"""Serialization failures, deadlocks and lock timeouts are retried, never applied twice.

Each test provokes one transient failure for real on PostgreSQL, lets the unit of
work try again, and proves the change and its history entry exist exactly once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.errors import ConflictError
from salescenter.services import uow
from tests import pg
from tests.conftest import World
from tests.integration.order_steps import submitted

# The retries are counted in this process: through a server they happen in the server's process,
# where a test cannot see them. So these run on the embedded desk only.
pytestmark = [pytest.mark.postgres, pytest.mark.embedded_only]


@pytest.fixture
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with pg.fresh_database(request.node.name) as url:
        yield url


@pytest.fixture
def transient_codes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQLSTATE of every failure the unit of work decided to retry."""
    seen: list[str] = []
    original = uow._is_transient

    def spy(error: BaseException) -> bool:
        verdict = original(error)
        if verdict:
            seen.append(getattr(getattr(error, "orig", None), "sqlstate", "?"))
        return verdict

    monkeypatch.setattr(uow, "_is_transient", spy)
    return seen


def owner_connection(sc: SalesCenter) -> psycopg.Connection[object]:
    url = make_url(sc.engine.url.render_as_string(hide_password=False))
    return psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=url.username,
                           password=url.password)


def fail_note_inserts(sc: SalesCenter, times: int) -> None:
    """The first ``times`` note inserts fail as serialization failures (a sequence survives rollback)."""
    with sc.engine.begin() as connection:
        connection.execute(text("CREATE SEQUENCE note_failures"))
        connection.execute(text(
            "CREATE FUNCTION fail_note() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN "
            f"IF nextval('note_failures') <= {times} THEN "
            "RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'serialization_failure'; "
            "END IF; RETURN NEW; END $$"
        ))
        connection.execute(text(
            "CREATE TRIGGER fail_note AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION fail_note()"
        ))


def tries(sc: SalesCenter) -> int:
    with sc.engine.connect() as connection:
        return int(connection.execute(text("SELECT last_value FROM note_failures")).scalar_one())


def activities(desk: Desk, order_id: int, activity: str) -> int:
    return sum(1 for h in desk.orders.history(order_id) if h.activity == activity)


def test_lck_4_serialization_failure_is_retried_once_and_recorded_once(
    sc: SalesCenter, csr: Desk, world: World, transient_codes: list[str]
) -> None:
    order = submitted(csr, world)
    fail_note_inserts(sc, times=1)
    view = csr.orders.add_note(order.id, "Customer called back")
    assert transient_codes == ["40001"]
    assert tries(sc) == 2
    assert [n.text for n in view.notes] == ["Customer called back"]
    assert activities(csr, order.id, "Note added") == 1
    assert csr.orders.get(order.id).version == order.version + 1


def test_lck_4_retry_is_bounded_to_five_tries_then_a_conflict_changes_nothing(
    sc: SalesCenter, csr: Desk, world: World, transient_codes: list[str]
) -> None:
    order = submitted(csr, world)
    fail_note_inserts(sc, times=1000)
    with pytest.raises(ConflictError, match="try again"):
        csr.orders.add_note(order.id, "Never saved")
    assert tries(sc) == uow.MAX_TRIES == 5
    assert len(transient_codes) == 5
    assert activities(csr, order.id, "Note added") == 0
    assert csr.orders.get(order.id).version == order.version


def test_lck_4_lock_timeout_is_retried_and_recorded_once(
    sc: SalesCenter, csr: Desk, world: World, transient_codes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order = submitted(csr, world)
    with sc.engine.connect() as connection:
        connection.execute(text(f"ALTER DATABASE {sc.engine.url.database} SET lock_timeout = '200ms'"))
        connection.commit()
    csr.context.engine.dispose()  # new sessions take the setting
    blocker = owner_connection(sc)
    blocker.execute("SELECT id FROM orders WHERE id = %s FOR UPDATE", (order.id,))
    spy = uow._is_transient

    def other_desk_finishes_after_first_timeout(error: BaseException) -> bool:
        verdict = spy(error)
        if verdict and not blocker.closed:
            blocker.commit()
            blocker.close()
        return verdict

    monkeypatch.setattr(uow, "_is_transient", other_desk_finishes_after_first_timeout)
    try:
        view = csr.orders.add_note(order.id, "Waited for the other desk")
    finally:
        blocker.close()
    assert transient_codes == ["55P03"]
    assert [n.text for n in view.notes] == ["Waited for the other desk"]
    assert activities(csr, order.id, "Note added") == 1


def test_lck_4_deadlock_victim_is_retried_and_each_deletion_recorded_once(
    sc: SalesCenter, admin: Desk, world: World, transient_codes: list[str]
) -> None:
    first = admin.orders.create(world.store, world.customer_id)
    second = admin.orders.create(world.store, world.customer_id)
    blocker = owner_connection(sc)
    blocker.execute("SET deadlock_timeout = '30s'")  # the desk's session detects the deadlock first
    blocker.execute("UPDATE orders SET name = 'other desk' WHERE id = %s", (second.id,))
    blocker_pid = blocker.execute("SELECT pg_backend_pid()").fetchone()
    failures: list[BaseException] = []

    def other_desk() -> None:
        try:
            with owner_connection(sc) as watcher:
                watcher.autocommit = True
                while not watcher.execute(
                    "SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE NOT l.granted AND a.datname = current_database() AND a.pid <> %s",
                    (blocker_pid[0] if blocker_pid else 0,),
                ).fetchone():
                    watcher.execute("SELECT pg_sleep(0.01)")
            # The desk holds the first order and waits for the second: close the circle.
            blocker.execute("UPDATE orders SET name = 'other desk' WHERE id = %s", (first.id,))
            blocker.commit()
        except BaseException as error:  # reported by the test thread
            failures.append(error)
            blocker.rollback()

    thread = threading.Thread(target=other_desk)
    thread.start()
    try:
        deleted = admin.orders.delete([first.id, second.id])
    finally:
        thread.join()
        blocker.close()
    assert not failures
    assert transient_codes == ["40P01"]
    assert deleted == 2
    for order in (first, second):
        assert activities(admin, order.id, "Order deleted") == 1
