"""Desks in processes of their own, for the SRV-5 tests: each signs in to a server and works.

Run by multiprocessing (spawn), so this module imports nothing from the test configuration:
a worker is a desktop on another workstation, reaching Sales Center only through its server.
Every worker reports what it did on a queue; a refusal (a typed error) is counted, anything
else ends the worker with the error, which the test then reports.
"""

from __future__ import annotations

import random
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

GOOD_CARD = "4111111111111111"


@dataclass(frozen=True)
class Login:
    server: str
    ca_file: str
    username: str
    password: str


def credit_payer(login: Login, order_ids: list[int], amount: str, barrier: Any, results: Any) -> None:
    """For each trial: wait for the other desk, then pay ``amount`` on account at the same moment."""
    try:
        from salescenter import SalesCenter
        from salescenter.errors import SalesCenterError

        center = SalesCenter.open(login.server, ca_file=login.ca_file)
        desk = center.login(login.username, login.password, workstation=f"{login.username}-pc")
        desk.orders.get(order_ids[0])  # the connection is open before the first trial starts
        for order_id in order_ids:
            barrier.wait(timeout=300)
            try:
                desk.orders.add_payment(order_id, "on_account", amount)
                results.put(("paid", order_id, ""))
            except SalesCenterError as error:
                results.put(("refused", order_id, f"{type(error).__name__}: {error}"))
        center.close()
    except BaseException:  # noqa: BLE001 - the test reports it
        results.put(("crashed", 0, traceback.format_exc()))


@dataclass
class StockPlan:
    store: str
    customer_id: int
    skus: list[str]
    seconds: float
    seed: int
    receives: bool  # a role with the fulfillment authority: also receives and ships


@dataclass
class StockReport:
    username: str
    received: Counter[str] = field(default_factory=Counter)
    done: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # one refusal's message per kind


def stock_worker(login: Login, plan: StockPlan, start: Any, results: Any) -> None:
    """Pay, cancel, change quantities (and receive and ship) until the time is up."""
    try:
        from salescenter import SalesCenter

        center = SalesCenter.open(login.server, ca_file=login.ca_file)
        desk = center.login(login.username, login.password, workstation=f"{login.username}-pc")
        report = StockReport(login.username)
        start.wait(timeout=300)
        _stock_work(desk, plan, report)
        center.close()
        results.put(("done", report))
    except BaseException:  # noqa: BLE001 - the test reports it
        results.put(("crashed", traceback.format_exc()))


def _stock_work(desk: Any, plan: StockPlan, report: StockReport) -> None:
    from salescenter.errors import SalesCenterError

    rng = random.Random(plan.seed)
    mine: list[int] = []
    deadline = time.monotonic() + plan.seconds
    steps = [("order", 4), ("cancel", 2), ("quantity", 3)]
    if plan.receives:
        steps += [("receive", 3), ("ship", 2)]
    names, weights = zip(*steps, strict=True)
    while time.monotonic() < deadline:
        step = rng.choices(names, weights)[0] if mine else "order"
        try:
            if step == "order":
                mine.append(_paid_order(desk, plan, rng))
            elif step == "cancel":
                desk.orders.cancel(mine.pop(rng.randrange(len(mine))), "Customer changed their mind")
            elif step == "quantity":
                _change_quantity(desk, rng.choice(mine), rng)
            elif step == "receive":
                sku, count = rng.choice(plan.skus), rng.randint(1, 6)
                desk.inventory.receive(sku, count)
                report.received[sku] += count
            else:
                _ship(desk, rng.choice(mine))
            report.done[step] += 1
        except SalesCenterError as error:
            kind = f"{step}: {type(error).__name__}"
            report.refused[kind] += 1
            report.examples.setdefault(kind, str(error))


def _paid_order(desk: Any, plan: StockPlan, rng: random.Random) -> int:
    order = desk.orders.create(plan.store, plan.customer_id)
    for sku in rng.sample(plan.skus, rng.randint(1, 2)):
        order = desk.orders.add_item(order.id, sku, rng.randint(1, 4))
    order = _accept_backorders(desk, order)
    order = desk.orders.submit(order.id)
    desk.orders.add_payment(order.id, "credit_card", order.total, card_number=GOOD_CARD)
    return int(order.id)


def _change_quantity(desk: Any, order_id: int, rng: random.Random) -> None:
    order = desk.orders.begin_edit(order_id)
    try:
        item = rng.choice(order.items)
        order = _accept_backorders(desk, desk.orders.set_quantity(order_id, item.id, rng.randint(1, 5)))
    finally:
        order = desk.orders.finish_edit(order_id)
    owed = order.total - order.paid_total
    if owed > 0:
        desk.orders.add_payment(order_id, "credit_card", owed, card_number=GOOD_CARD)


def _accept_backorders(desk: Any, order: Any) -> Any:
    """More than is on the shelf: the customer takes it backordered, so the line awaits stock."""
    for item in order.items:
        if item.flag and not item.flag_accepted:
            order = desk.orders.accept_item(order.id, item.id)
    return order


def _ship(desk: Any, order_id: int) -> None:
    desk.orders.release(order_id)
    desk.fulfillment.pick(order_id)
    desk.fulfillment.ship(order_id)
