"""The lost-update hammer and the crash test, on PostgreSQL (LCK-4).

The hammer is the blocks/locks issue's (scripts/hammer.py) pointed at a server. The
crash test kills a writing client with SIGKILL, and in every other run first
terminates its server backend mid-work: no acknowledged change is lost and every
change that exists has exactly one history entry, and no entry lacks its change.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from salescenter import SalesCenter
from salescenter.api import Desk
from scripts import hammer
from tests import pg
from tests.conftest import PASSWORDS, World
from tests.integration.order_steps import submitted

pytestmark = pytest.mark.postgres

WRITER = """
import os, sys
from salescenter import SalesCenter
url, order_id, acks, start, password = sys.argv[1:6]
order_id, start = int(order_id), int(start)
desk = SalesCenter.open(url, migrate=False).login("csr", password)
with open(acks, "a", encoding="utf-8") as out:
    for n in range(start, start + 10_000):
        desk.orders.add_note(order_id, f"crash note {n}")
        out.write(f"crash note {n}\\n")
        out.flush()
        os.fsync(out.fileno())
"""


@pytest.fixture
def db_url(request: pytest.FixtureRequest) -> Iterator[str]:
    with pg.fresh_database(request.node.name) as url:
        yield url


def test_lck_4_hammer_on_postgresql_loses_no_acknowledged_edit(db_url: str) -> None:
    figures = hammer.run(db_url, processes=4, edits=15, orders=6)
    assert figures.acknowledged == 4 * 15
    assert figures.errors == {}
    assert figures.lost_updates == 0 and figures.duplicated_updates == 0


def _acknowledged(acks: Path) -> list[str]:
    if not acks.exists():
        return []
    return [line for line in acks.read_text(encoding="utf-8").splitlines() if line]


def test_lck_4_killed_client_and_terminated_backend_lose_no_acknowledged_note(
    sc: SalesCenter, csr: Desk, world: World, tmp_path: Path
) -> None:
    order = submitted(csr, world)
    acks = tmp_path / "acks.txt"
    rng = random.Random(7)
    url = sc.engine.url.render_as_string(hide_password=False)
    for run in range(6):
        before = len(_acknowledged(acks))
        arguments = [url, str(order.id), str(acks), str(run * 10_000), PASSWORDS["csr"]]
        writer = subprocess.Popen([sys.executable, "-c", WRITER, *arguments],
                                  cwd=Path(__file__).resolve().parents[2])
        while len(_acknowledged(acks)) < before + 2 and writer.poll() is None:
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 0.3))
        if run % 2:
            with sc.engine.connect() as connection:
                # Every other session of this database: the writer's (the server's role is shared).
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
                connection.commit()
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    acknowledged = _acknowledged(acks)
    assert len(acknowledged) >= 12, "the writer must get work done between kills"
    with sc.engine.connect() as connection:
        notes = connection.execute(text("SELECT text FROM notes WHERE order_id = :o"), {"o": order.id})
        saved = [row[0] for row in notes]
        recorded = connection.execute(text(
            "SELECT count(*) FROM history WHERE order_id = :o AND activity = 'Note added'"
        ), {"o": order.id}).scalar_one()
    assert set(acknowledged) <= set(saved)
    assert len(saved) == len(set(saved)) == recorded
