"""`salescenter bench reps`: N simulated reps, each its own process, on one database.

Every rep signs in as their own user (with ``--server URL``: through that Sales Center
server, so every call crosses HTTPS; otherwise on the database itself) and
loops through a call, pausing ``think`` seconds on average after every step
as a rep reads the screen and types: find a customer, create an order, add items, submit;
open a submitted order someone else may also be working on, Edit it, change a
quantity, note the call, Finish; place a block and resolve it. Saves carry the
version the rep opened (``expected_version``), as the desktop does, so a rep
who was too late is told (a conflict) instead of overwriting.

The audit at the end counts lost updates, which must be 0:
- two saves acknowledged with the same (order, version): one overwrote the other;
- a note a rep was told was saved that is not in the database;
- two history entries of one order recording the same new version.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import statistics
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

STORE = "REPS"
PRODUCTS = 12
CUSTOMERS = 120
ADMIN = "reps-admin"
CHANGES = ("create order", "add item", "submit", "begin edit", "change quantity", "add note",
           "finish edit", "place block", "resolve block")
LAST_NAMES = ("Taylor", "Hayes", "Garcia", "Nguyen", "Okafor", "Schmidt", "Rossi", "Kowalski",
              "Silva", "Dubois", "Larsen", "Moreau")


def rep_name(number: int) -> str:
    return f"rep{number:03d}"


def rep_password(number: int) -> str:
    return f"rep-pw-{number:03d}"


class TimeUp(Exception):
    """The bench's time ran out in the middle of a call: the rep stops there."""


@dataclass
class RepResult:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    conflicts: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    acknowledged: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    think: float = 0.0
    deadline: float = float("inf")
    pace: random.Random = field(default_factory=random.Random)

    def pause(self) -> None:
        """A rep reads the screen and types before the next step (exponential, mean ``think``)."""
        if self.think:
            time.sleep(self.pace.expovariate(1 / self.think))


def prepare(url: str, reps: int) -> None:
    """Migrate, and make the bench's store, products, customers and rep users if missing."""
    from sqlalchemy import select

    from .. import SalesCenter
    from ..models import User
    from ..services.uow import run
    from ..services.users import add_user

    admin_password = "reps-admin-pw"
    with SalesCenter.open(url) as center:
        def ensure_users(uow: Any) -> None:
            known = set(uow.session.scalars(select(User.username)))
            wanted = [(ADMIN, admin_password, "admin")]
            wanted += [(rep_name(n), rep_password(n), "csr") for n in range(1, reps + 1)]
            for name, password, role in wanted:
                if name not in known:
                    add_user(uow, name, password, role)
            uow.commit()

        # The owner of the database (the URL's role) is trusted to add users.
        run(center.engine, ensure_users)
        admin = center.login(ADMIN, admin_password)
        if STORE in {s.code for s in admin.stores.list()}:
            return
        admin.stores.create(STORE, "Sales Center Bench", tax_rate="0.07")
        for n in range(1, PRODUCTS + 1):
            admin.catalog.create_product(f"REP-{n}", f"Bench product {n}", f"{5 + n}.99", stock=10_000_000)
        rng = random.Random(5)
        for n in range(CUSTOMERS):
            last = LAST_NAMES[n % len(LAST_NAMES)]
            admin.customers.create(
                f"Caller{n}", last, email=f"caller{n}@bench.example",
                address={"name": f"Caller{n} {last}", "line1": f"{rng.randint(1, 999)} Main Street",
                         "city": "Springfield", "region": "IL", "postal_code": "62701",
                         "country": "US", "phone": "555-010-0000"},
            )


def _timed(result: RepResult, name: str, call: Any, *args: Any, **kwargs: Any) -> Any:
    from ..errors import ConflictError, LockedError, SalesCenterError

    if time.time() >= result.deadline:
        raise TimeUp
    started = time.perf_counter()
    try:
        value = call(*args, **kwargs)
    except (ConflictError, LockedError):
        result.conflicts[name] += 1
        result.pause()
        return None
    except SalesCenterError as error:
        result.errors[f"{name}: {type(error).__name__}: {error}"[:160]] += 1
        result.pause()
        return None
    result.latencies[name].append((time.perf_counter() - started) * 1000)
    result.pause()
    version = getattr(value, "version", None)
    if name in CHANGES and isinstance(version, int):
        result.acknowledged.append((value.id, version))
    return value


def _rep(url: str, number: int, clock: Any, seconds: float, think: float, out: Any,
         ca_file: str | None = None) -> None:
    result = RepResult(think=think, pace=random.Random(-number))
    signed_in = False
    try:
        from .. import SalesCenter

        rng = random.Random(number)
        center = SalesCenter.open(url, migrate=False, ca_file=ca_file)
        desk = center.login(rep_name(number), rep_password(number), workstation=f"bench-{number}")
        clock.ready.put(number)
        signed_in = True
        clock.go.wait()
        result.deadline = clock.start_at.value + seconds
        calls = 0
        try:
            while True:
                _one_call(desk, rng, result, number, calls)
                calls += 1
        except TimeUp:
            pass
        center.close()
    except Exception:
        result.errors["rep crashed: " + traceback.format_exc(limit=3)[-300:]] += 1
        if not signed_in:
            clock.ready.put(number)
    out.put((dict(result.latencies), dict(result.conflicts), dict(result.errors),
             result.acknowledged, result.notes))


def _one_call(desk: Any, rng: random.Random, result: RepResult, number: int, calls: int) -> None:
    found = _timed(result, "search customer", desk.customers.find, f"%{rng.choice(LAST_NAMES)[:4]}")
    if not found:
        return
    customer = rng.choice(found[:20])
    order = _timed(result, "create order", desk.orders.create, STORE, customer.id)
    if order is None:
        return
    for _ in range(2):
        sku = f"REP-{rng.randint(1, PRODUCTS)}"
        order = _timed(result, "add item", desk.orders.add_item, order.id, sku, rng.randint(1, 3),
                       expected_version=order.version) or order
    _timed(result, "submit", desk.orders.submit, order.id, expected_version=order.version)
    # Work on an order someone else may have open too: the most recent submitted ones.
    recent = _timed(result, "search orders", desk.orders.search, store=STORE,
                    status=["pending_payment_authorization"], limit=10)
    if not recent:
        return
    target = _timed(result, "open order", desk.orders.get, rng.choice(recent).id)
    if target is None:
        return
    edited = _timed(result, "begin edit", desk.orders.begin_edit, target.id, expected_version=target.version)
    if edited is not None:
        line = next((i for i in edited.items if i.fulfillment_status != "canceled"), None)
        if line is not None:
            edited = _timed(result, "change quantity", desk.orders.set_quantity, edited.id, line.id,
                            line.quantity % 5 + 1, expected_version=edited.version) or edited
        token = f"call {number}-{calls}"
        noted = _timed(result, "add note", desk.orders.add_note, edited.id, token,
                       expected_version=edited.version)
        if noted is not None:
            result.notes.append(token)
            edited = noted
        _timed(result, "finish edit", desk.orders.finish_edit, edited.id, expected_version=edited.version)
    target = _timed(result, "open order", desk.orders.get, rng.choice(recent).id)
    if target is None or target.status != "pending_payment_authorization":
        return
    blocked = _timed(result, "place block", desk.orders.place_block, target.id, "Customer asked to wait",
                     expected_version=target.version)
    if blocked is not None:
        mine = [b for b in blocked.blocks if b.kind == "manual" and not b.resolved]
        if mine:
            _timed(result, "resolve block", desk.orders.resolve_block, blocked.id, mine[-1].id,
                   "Customer confirmed", expected_version=blocked.version)


def audit(url: str, acknowledged: list[tuple[int, int]], notes: list[str]) -> dict[str, int]:
    from sqlalchemy import select

    from ..db.engine import make_engine
    from ..models import HistoryEntry, Note

    twice = sum(count - 1 for count in Counter(acknowledged).values() if count > 1)
    engine = make_engine(url)
    with engine.connect() as connection:
        saved = Counter(connection.scalars(select(Note.text).where(Note.text.like("call %"))))
        versions: Counter[tuple[int, int]] = Counter()
        for order_id, after in connection.execute(select(HistoryEntry.order_id, HistoryEntry.after)):
            version = json.loads(after or "{}").get("version")
            if order_id is not None and isinstance(version, int):
                versions[(order_id, version)] += 1
    engine.dispose()
    missing = sum(1 for token in notes if saved[token] < 1)
    doubled_history = sum(count - 1 for count in versions.values() if count > 1)
    return {"acknowledged twice": twice, "notes missing": missing,
            "history versions doubled": doubled_history, "lost updates": twice + missing + doubled_history}


def bench_reps(url: str, reps: int, seconds: float, think: float = 0.0, *,
               server: str | None = None, ca_file: str | None = None) -> dict[str, Any]:
    """``url`` is the database (prepared and audited directly); with ``server`` the reps sign in to
    that Sales Center server instead and every call goes through it."""
    prepare(url, reps)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    # The clock starts once every rep has signed in, so slow process start-up is not measured.
    clock = _Clock(context.Queue(), context.Event(), context.Value("d", 0.0))
    workers = [context.Process(target=_rep, args=(server or url, n, clock, seconds, think, out, ca_file))
               for n in range(1, reps + 1)]
    for worker in workers:
        worker.start()
    for _ in workers:
        clock.ready.get(timeout=600)
    clock.start_at.value = start_at = time.time()
    clock.go.set()
    merged = RepResult()
    for _ in workers:
        latencies, conflicts, errors, acknowledged, notes = out.get(timeout=seconds + 600)
        for name, values in latencies.items():
            merged.latencies[name].extend(values)
        merged.conflicts.update(conflicts)
        merged.errors.update(errors)
        merged.acknowledged.extend(acknowledged)
        merged.notes.extend(notes)
    for worker in workers:
        worker.join()
    late = max(0.0, time.time() - start_at - seconds)
    operations = {
        name: {"count": len(values), "p50_ms": _percentile(values, 50), "p95_ms": _percentile(values, 95),
               "conflicts": merged.conflicts.get(name, 0)}
        for name, values in sorted(merged.latencies.items())
    }
    changes = [v for name, values in merged.latencies.items() if name in CHANGES for v in values]
    total = sum(len(values) for values in merged.latencies.values())
    return {
        "reps": reps, "seconds": seconds, "think_s": think, "cores": os.cpu_count(),
        "through": server or "embedded",
        "operations_per_s": total / seconds, "operations": operations,
        "committed_changes": {"count": len(changes), "p50_ms": _percentile(changes, 50),
                              "p95_ms": _percentile(changes, 95)},
        "conflicts": sum(merged.conflicts.values()), "errors": dict(merged.errors),
        "finished_late_s": round(late, 1),
        "audit": audit(url, merged.acknowledged, merged.notes),
    }


@dataclass
class _Clock:
    ready: Any
    go: Any
    start_at: Any


def _percentile(values: list[float], percent: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[percent - 1], 1)
