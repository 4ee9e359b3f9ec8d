"""Loads the whole demo data set and reports what it made and how long it took."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dt_time

from sqlalchemy import select, update

from ..api import Desk, SalesCenter
from ..errors import StateError
from ..models import Order
from ..services.uow import UnitOfWork, run
from . import data
from .charges import make_store_charges
from .orders import Desks, OrderMaker, plan
from .setup import (
    World,
    login_as,
    make_catalog,
    make_customers,
    make_stores,
    make_users,
)

DEFAULT_ORDERS = 1000
DEFAULT_CUSTOMERS = 300
DEFAULT_SEED = 2026
REORDERS = 3


@dataclass
class DemoReport:
    logins: dict[str, str]
    orders: int = 0
    customers: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)


def _expire(center: SalesCenter, overdue: dict[int, date]) -> None:
    """Quotes whose expiry day has passed, as if they had been written weeks ago."""

    def work(uow: UnitOfWork) -> None:
        for order_id, expires in overdue.items():
            uow.session.execute(update(Order).where(Order.id == order_id).values(
                quote_expires=datetime.combine(expires, dt_time.max)))
        uow.commit()

    if overdue:
        run(center.engine, work)


def has_orders(center: SalesCenter) -> bool:
    return run(center.engine, lambda uow: uow.session.scalar(select(Order.id).limit(1)),
               readonly=True) is not None


def load_demo(
    center: SalesCenter,
    admin: Desk | None = None,
    *,
    orders: int = DEFAULT_ORDERS,
    customers: int = DEFAULT_CUSTOMERS,
    seed: int = DEFAULT_SEED,
    force: bool = False,
    progress: Callable[[str], None] = lambda _message: None,
) -> DemoReport:
    """Fill the database with the demo; ``admin`` is needed once users exist."""
    if has_orders(center) and not force:
        raise StateError("This database already has orders; the demo data is loaded only into a "
                         "database without orders (use --force to add it anyway).")
    if admin is None and center.has_users():
        raise StateError("This database already has users; sign in as an administrator to load the demo.")
    rng = random.Random(seed)
    clock = time.perf_counter()
    admin, made = make_users(center, admin)
    report = DemoReport(logins=made, customers=customers)
    world = World()
    make_stores(admin)
    make_catalog(admin, world, rng)
    make_store_charges(admin)  # PRC-4, PRC-5
    report.seconds["catalog"] = time.perf_counter() - clock
    progress(f"Stores and catalog ready ({report.seconds['catalog']:.1f} s).")

    clock = time.perf_counter()
    make_customers(admin, world, rng, customers)
    report.seconds["customers"] = time.perf_counter() - clock
    progress(f"{customers} customers ready ({report.seconds['customers']:.1f} s).")

    clock = time.perf_counter()
    desks = Desks(admin, login_as(center, "supervisor"), login_as(center, "csr"), login_as(center, "csr2"))
    maker = OrderMaker(desks, world, rng)
    scenarios = plan(orders, rng)
    reorders = min(REORDERS, scenarios.count("cart") - 1)
    for _ in range(reorders):
        scenarios.remove("cart")
    for count, scenario in enumerate(scenarios, start=1):
        report.statuses[maker.make(scenario).status] += 1
        if count % 100 == 0:
            progress(f"{count} orders ({time.perf_counter() - clock:.1f} s).")
    # Stock arrives for a short product: the expedited lines waiting for it get it first (EXP-2).
    desks.supervisor.inventory.receive("DSK-200", 4)
    admin.catalog.set_available(data.RETIRED, False)
    # A reorder without a shipped order of the retired product to copy (a small demo) takes a
    # new cart instead, which must not draw the product it can no longer sell.
    world.retire(data.RETIRED)
    for _ in range(reorders):
        report.statuses[maker.reorder().status] += 1
    _expire(center, maker.overdue_quotes)
    report.orders = sum(report.statuses.values())
    report.seconds["orders"] = time.perf_counter() - clock
    progress(f"{report.orders} orders ready ({report.seconds['orders']:.1f} s).")
    return report
