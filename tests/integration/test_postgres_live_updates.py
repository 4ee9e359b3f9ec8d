"""Live updates between desks of two separate SalesCenter instances, on SQLite and PostgreSQL.

PostgreSQL delivers NOTIFY from the changing transaction; SQLite is polled with
PRAGMA data_version. The waits below only bound a hung test; they assert nothing
about speed (the one-second target is measured by ``salescenter bench reps``).
"""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.models import Order
from salescenter.services.live import OrderChange
from tests.conftest import PASSWORDS, World
from tests.integration.order_steps import submitted

HUNG = 20.0


@pytest.fixture
def other_desk(db_url: str, admin: Desk) -> Iterator[Desk]:
    """csr2 working in another SalesCenter instance (another desktop) on the same database."""
    center = SalesCenter.open(db_url)
    yield center.login("csr2", PASSWORDS["csr2"], workstation="csr2-pc")
    center.close()


def watched(desk: Desk) -> queue.Queue[OrderChange]:
    inbox: queue.Queue[OrderChange] = queue.Queue()
    desk.watch(inbox.put)
    return inbox


def next_change_of(inbox: queue.Queue[OrderChange], order_id: int) -> OrderChange:
    while True:
        change = inbox.get(timeout=HUNG)
        if change.order_id == order_id:
            return change


def test_lck_1_desk_learns_another_desk_took_the_edit_lock(
    csr: Desk, other_desk: Desk, world: World
) -> None:
    order = submitted(csr, world)
    inbox = watched(csr)
    locked = other_desk.orders.begin_edit(order.id)
    change = next_change_of(inbox, order.id)
    assert (change.by, change.version) == ("csr2", locked.version)
    assert change.message == "changed by csr2"
    assert csr.orders.get(order.id).locked_by == "csr2"


def test_lck_4_every_committed_change_is_announced_with_its_version(
    csr: Desk, other_desk: Desk, world: World
) -> None:
    order = submitted(csr, world)
    inbox = watched(csr)
    noted = other_desk.orders.add_note(order.id, "Customer called back")
    assert next_change_of(inbox, order.id).version == noted.version
    held = other_desk.orders.hold(order.id, "Waiting for the customer")
    assert next_change_of(inbox, order.id).version == held.version


def test_lck_4_a_rolled_back_change_is_never_announced(
    csr: Desk, other_desk: Desk, world: World
) -> None:
    abandoned = submitted(csr, world)
    kept = submitted(csr, world)
    inbox = watched(csr)
    with Session(bind=other_desk.context.engine) as session:
        order = session.get(Order, abandoned.id)
        assert order is not None
        order.name = "never saved"
        session.flush()
        session.rollback()
    other_desk.orders.add_note(kept.id, "This one is saved")
    first = inbox.get(timeout=HUNG)
    assert (first.order_id, first.by) == (kept.id, "csr2")
    assert csr.orders.get(abandoned.id).version == abandoned.version


def test_lck_4_unsubscribed_views_are_not_called(csr: Desk, other_desk: Desk, world: World) -> None:
    order = submitted(csr, world)
    stopped: list[OrderChange] = []
    stop = csr.watch(stopped.append)
    inbox = watched(csr)
    stop()
    other_desk.orders.add_note(order.id, "After the view closed")
    next_change_of(inbox, order.id)
    assert stopped == []
