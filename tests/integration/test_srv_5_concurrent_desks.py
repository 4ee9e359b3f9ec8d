"""Invariants across orders under concurrent desks, through real servers on PostgreSQL (SRV-5).

Two ``salescenter serve`` processes over one fresh PostgreSQL database (as behind a load
balancer, SRV-7); every desk is a process of its own that reaches Sales Center only through
one of them. The data is arranged beforehand on the database itself, and checked there after.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.models import OrderItem, Product
from tests import pg
from tests.conftest import HOME, PASSWORDS, first_admin
from tests.desk_processes import Login, StockPlan, StockReport, credit_payer, stock_worker
from tests.server_support import Certificate, running_server

pytestmark = pytest.mark.postgres

CREDIT_TRIALS = 20
STOCK_SECONDS = 30.0
SPAWN = multiprocessing.get_context("spawn")  # a desk shares nothing with the test process


@dataclass
class Call:
    """One database behind two servers, and the test's own embedded way in to arrange and check."""

    local: SalesCenter
    admin: Desk
    servers: list[str]
    ca_file: str

    def login(self, index: int, username: str) -> Login:
        return Login(self.servers[index % len(self.servers)], self.ca_file, username, PASSWORDS[username])


@pytest.fixture
def call(request: pytest.FixtureRequest, tmp_path: Path, test_certificate: Certificate) -> Iterator[Call]:
    with pg.fresh_database(request.node.name) as url, ExitStack() as stack:
        local = stack.enter_context(SalesCenter.open(url))
        admin = first_admin(local)
        servers = [stack.enter_context(running_server(url, tmp_path / f"server-{n}", test_certificate)).url
                   for n in range(2)]
        yield Call(local, admin, servers, str(test_certificate.cert))


def _credit_blocked(desk: Desk, order_id: int) -> bool:
    return any(b.rule == "credit_limit" and not b.resolved for b in desk.orders.get(order_id).blocks)


def _run(processes: list[Any], results: Any, expected: int) -> list[tuple[Any, ...]]:
    for process in processes:
        process.start()
    answers: list[tuple[Any, ...]] = []
    try:
        while len(answers) < expected:
            try:
                answer = results.get(timeout=600)
            except queue.Empty:
                pytest.fail(f"the desks stopped answering after {len(answers)} of {expected} answers")
            assert answer[0] != "crashed", answer[-1]
            answers.append(answer)
    finally:
        for process in processes:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
    return answers


def test_srv_5_two_desks_paying_on_account_at_once_never_both_pass_the_credit_limit(call: Call) -> None:
    admin = call.admin
    admin.stores.create("B2B", "Sales Center Business", kind="b2b")
    admin.catalog.create_product("SRV-600", "Six hundred", "600.00", stock=10 * CREDIT_TRIALS)
    pairs: list[tuple[int, int]] = []
    for trial in range(CREDIT_TRIALS):
        customer = admin.customers.create("Trial", f"Account {trial}", company=f"Skew {trial} Ltd",
                                          address=HOME, credit_limit="1000.00")
        orders = []
        for _ in range(2):
            order = admin.orders.create("B2B", customer.id)
            admin.orders.add_item(order.id, "SRV-600", 1)
            orders.append(admin.orders.submit(order.id).id)
        pairs.append((orders[0], orders[1]))

    barrier, results = SPAWN.Barrier(2), SPAWN.Queue()
    desks = [SPAWN.Process(target=credit_payer, args=(call.login(n, name), [pair[n] for pair in pairs],
                                                       "600.00", barrier, results))
             for n, name in enumerate(("csr", "csr2"))]
    answers = _run(desks, results, 2 * CREDIT_TRIALS)

    assert [a for a in answers if a[0] != "paid"] == []  # both payments of every trial went through
    both_unblocked = [pair for pair in pairs if not any(_credit_blocked(admin, o) for o in pair)]
    print(f"\ncredit skew: {len(both_unblocked)} of {CREDIT_TRIALS} trials left both orders unblocked")
    assert both_unblocked == []


def test_srv_5_stock_is_conserved_under_concurrent_payments_cancels_quantity_changes_and_receipts(
    call: Call,
) -> None:
    admin = call.admin
    admin.stores.create("US", "Sales Center US")
    initial = {"STK-1": 12, "STK-2": 8, "STK-3": 20}
    for sku, stock in initial.items():
        admin.catalog.create_product(sku, f"Stock {sku}", "4.00", stock=stock)
    customer = admin.customers.create("Stock", "Tester", email="stock@example.com",
                                      address=HOME)
    plans = [("csr", False), ("csr2", False), ("supervisor", True), ("admin", True)]

    start, results = SPAWN.Barrier(len(plans)), SPAWN.Queue()
    workers = [
        SPAWN.Process(target=stock_worker, args=(
            call.login(n, name),
            StockPlan("US", customer.id, list(initial), STOCK_SECONDS, seed=500 + n, receives=receives),
            start, results))
        for n, (name, receives) in enumerate(plans)
    ]
    reports: list[StockReport] = [answer[1] for answer in _run(workers, results, len(plans))]

    received: Counter[str] = sum((r.received for r in reports), Counter())
    done: Counter[str] = sum((r.done for r in reports), Counter())
    refused: Counter[str] = sum((r.refused for r in reports), Counter())
    print(f"\nstock conservation: done {dict(done)}; refused {dict(refused)}; received {dict(received)}")
    print({kind: text for r in reports for kind, text in r.examples.items()})
    # Every kind of change happened, or the invariant below proves little.
    assert all(done[step] > 0 for step in ("order", "cancel", "quantity", "receive", "ship")), done

    with call.local.engine.connect() as connection:
        on_hand: dict[str, int] = {sku: int(n) for sku, n in connection.execute(
            select(Product.sku, Product.stock))}
        allocated: Counter[str] = Counter({sku: int(n or 0) for sku, n in connection.execute(
            select(OrderItem.sku, func.sum(OrderItem.allocated_quantity)).group_by(OrderItem.sku))})
        shipped: Counter[str] = Counter({sku: int(n or 0) for sku, n in connection.execute(
            select(OrderItem.sku, func.sum(OrderItem.shipped_quantity)).group_by(OrderItem.sku))})
    accounts = {sku: (on_hand[sku] + allocated[sku], initial[sku] + received[sku] - shipped[sku])
                for sku in initial}
    print(f"stock + allocated vs initial + received - shipped: {accounts}")
    assert all(have == expected for have, expected in accounts.values()), accounts
    assert all(on_hand[sku] >= 0 for sku in initial), on_hand
