"""`salescenter bench generate`: a deterministic, realistic data set, loaded in bulk.

Rows go in through SQLAlchemy Core executemany in large batches, one
transaction per chunk of orders. On SQLite the load runs with synchronous OFF,
no foreign-key checks and a large page cache on its own connection; the
settings are put back before the connection returns to the pool. The search
triggers stay on, so the trigram index is built exactly as the desk builds it.

Every order reads back through the API as it would have been written by it:
number, customer copy and folded search key, line totals rounded to cents that
add up to the order's totals, payments, fulfillment statuses and history rows.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from ..api import SalesCenter
from ..errors import StateError
from ..models import Address, Customer, HistoryEntry, Order, OrderItem, Payment, Product, ShipTo, Store, User
from ..services import users as user_rules
from ..services.orders.create import FIRST_NUMBER
from ..services.uow import run
from ..services.validation import phone_key, search_key
from . import names

BENCH_USER, BENCH_PASSWORD = "bench", "bench-password"
PRODUCTS = 400
ORDER_CHUNK = 20_000
CUSTOMER_CHUNK = 50_000
GUEST_SHARE = 0.15
SPAN = timedelta(days=3 * 365)
# Older orders have mostly shipped; the rest is the day-to-day mix of a desk.
STATUS_MIX = (
    ("shipped", 70), ("released", 6), ("pending_payment_authorization", 8), ("on_hold", 2),
    ("canceled", 7), ("pending", 7),
)
ITEM_STATUS = {
    "pending": None, "pending_payment_authorization": None, "on_hold": "inventory_assigned",
    "released": "released", "shipped": "shipped", "canceled": "canceled",
}
HISTORY_STEPS = {
    "pending": (),
    "pending_payment_authorization": ("Order submitted",),
    "on_hold": ("Order submitted", "Payment added", "Hold placed"),
    "released": ("Order submitted", "Payment added", "Released to fulfillment"),
    "shipped": ("Order submitted", "Payment added", "Released to fulfillment", "Items shipped"),
    "canceled": ("Order submitted", "Order canceled"),
}
TAX_RATE_BASIS_POINTS = 825  # the consumer store's 8.25 %
FREE_SHIPPING_CENTS, STANDARD_SHIPPING_CENTS = 10_000, 795


@dataclass
class Generated:
    orders: int
    customers: int
    items: int
    seconds: float


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _line_count(rng: random.Random) -> int:
    """1 to 25 lines, most orders short: about 4 on average."""
    return min(25, 1 + int(rng.expovariate(1 / 3.0)))


@contextmanager
def _bulk_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # Outside any transaction (foreign_keys is ignored inside one).
            for pragma in ("synchronous = OFF", "foreign_keys = OFF", "cache_size = -262144",
                           "temp_store = MEMORY"):
                raw.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]
        try:
            yield connection
        finally:
            if connection.in_transaction():
                connection.rollback()
            if sqlite:
                for pragma in ("synchronous = FULL", "foreign_keys = ON", "cache_size = -2000",
                               "temp_store = DEFAULT"):
                    raw.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]


@contextmanager
def _search_index_rebuilt_after(connection: Connection, progress: Callable[[str], None]) -> Iterator[None]:
    """SQLite: one FTS rebuild after the load instead of a trigger per row, then the triggers back."""
    if connection.dialect.name != "sqlite":
        yield
        return
    with connection.begin():
        triggers = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE '%\\_fts\\_%' ESCAPE '\\'"
        ).all()
        tables = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).scalars().all()
        for name, _sql in triggers:
            connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        with connection.begin():
            for table in tables:
                progress(f"search index: rebuilding {table}")
                connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            for _name, sql in triggers:
                connection.exec_driver_sql(sql)


def generate(
    url: str, orders: int, customers: int, *, seed: int = 20261121,
    progress: Callable[[str], None] = print,
) -> Generated:
    if orders < 1 or customers < 1:
        raise StateError("Generate at least one order and one customer.")
    started = time.perf_counter()
    center = SalesCenter.open(url)
    try:
        engine = center.engine
        with engine.connect() as connection:
            if connection.scalar(select(func.count()).select_from(Order)):
                raise StateError("The database already has orders; generate into a new database.")
        _ensure_user(engine)
        rng = random.Random(seed)
        now = datetime.utcnow().replace(microsecond=0)  # noqa: DTZ003 - the database keeps naive UTC
        with _bulk_connection(engine) as connection, _search_index_rebuilt_after(connection, progress):
            stores = _stores(connection)
            products = _products(connection, rng)
            people = _customers(connection, rng, customers, now, progress)
            items = _orders(connection, rng, orders, people, stores, products, now, progress)
        if engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                # Sampled statistics: the planner needs the shape of the data, not an exact census.
                connection.exec_driver_sql("PRAGMA analysis_limit = 2000")
                connection.exec_driver_sql("ANALYZE")
                connection.commit()
    finally:
        center.close()
    return Generated(orders, customers, items, time.perf_counter() - started)


def bulk_insert(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """One Core INSERT, compiled once, run as a single executemany of plain tuples.

    The column types' own bind processors convert each value (Decimal and
    datetime for SQLite), so the stored form is exactly what the ORM writes; the
    per-row parameter bookkeeping of a dict executemany is what this skips.
    """
    if not rows:
        return
    table = model.__table__
    # Columns the rows leave out take their model default (columns added by later migrations).
    missing = {column.name: column.default.arg for column in table.columns
               if column.name not in rows[0] and column.default is not None
               and column.default.is_scalar}
    if missing:
        rows = [{**row, **missing} for row in rows]
    columns = list(rows[0])
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=columns)
    processors = [table.c[name].type._cached_bind_processor(dialect) for name in columns]
    converters = [(i, proc) for i, proc in enumerate(processors) if proc is not None]
    sql = str(compiled)
    order = compiled.positiontup or []
    if order:  # positional paramstyle: put the columns in the statement's order
        index = [columns.index(name) for name in order]
    tuples = []
    for row in rows:
        values = list(row.values())
        for i, proc in converters:
            values[i] = proc(values[i])
        tuples.append(tuple(values[i] for i in index) if order else dict(zip(columns, values, strict=True)))
    connection.exec_driver_sql(sql, tuples)


def _ensure_user(engine: Engine) -> None:
    def work(uow: Any) -> None:
        if uow.session.scalar(select(User.id).where(User.username == BENCH_USER)) is None:
            user_rules.add_user(uow, BENCH_USER, BENCH_PASSWORD, "admin")
            uow.commit()

    run(engine, work)


def _stores(connection: Connection) -> dict[str, int]:
    wanted = {
        "US": ("Sales Center US", "consumer_direct", Decimal("0.0825"), "credit_card,paypal,check"),
        "B2B": ("Sales Center Business", "b2b", Decimal("0"), "credit_card,check,on_account"),
    }
    with connection.begin():
        have = {code: key for code, key in connection.execute(select(Store.code, Store.id))}
        for code, (name, kind, rate, methods) in wanted.items():
            if code not in have:
                have[code] = connection.execute(
                    insert(Store).values(code=code, name=name, kind=kind, currency="USD", tax_rate=rate,
                                         payment_methods=methods, block_reasons="")
                ).inserted_primary_key[0]  # type: ignore[index]
    return have


def _products(connection: Connection, rng: random.Random) -> list[tuple[int, str, str, int]]:
    rows = []
    for index in range(PRODUCTS):
        name = f"{rng.choice(names.PRODUCT_ADJECTIVES)} {rng.choice(names.PRODUCT_WORDS)} {index}"
        cents = rng.choice((499, 999, 1499, 1999, 2499, 4999, 7999, 12999)) + rng.randint(0, 50) * 100
        rows.append({"sku": f"BEN-{index:04d}", "name": name, "description": f"{name}, benchmark stock",
                     "list_price": _money(cents), "stock": 1_000_000, "restock_date": None,
                     "available": True, "is_bundle": False})
    with connection.begin():
        connection.execute(insert(Product), rows)
        found = connection.execute(
            select(Product.id, Product.sku, Product.name, Product.list_price).where(Product.sku.like("BEN-%"))
        )
        return [(pid, sku, name, int(price * 100)) for pid, sku, name, price in found]


@dataclass
class Person:
    id: int
    full_name: str
    key: str
    email: str
    guest: bool
    company: str | None
    address: dict[str, str]


def _customers(
    connection: Connection, rng: random.Random, count: int, now: datetime,
    progress: Callable[[str], None],
) -> list[Person]:
    with connection.begin():
        first_id = (connection.scalar(select(func.max(Customer.id))) or 0) + 1
        first_address = (connection.scalar(select(func.max(Address.id))) or 0) + 1
    people: list[Person] = []
    for start in range(0, count, CUSTOMER_CHUNK):
        customer_rows, address_rows = [], []
        for index in range(start, min(count, start + CUSTOMER_CHUNK)):
            key = first_id + index
            first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
            guest = rng.random() < GUEST_SHARE
            company = rng.choice(names.COMPANIES) if not guest and rng.random() < 0.1 else None
            full = f"{first} {last}"
            local = f"{search_key(first)}.{search_key(last)}".encode("ascii", "ignore").decode()
            email = f"{local.replace(' ', '').replace(chr(39), '')}.{key}@example.com"
            phone = f"+1 (555) {key // 10000 % 1000:03d}-{key % 10000:04d}"
            city, region, postal = rng.choice(names.CITIES)
            address = {"name": full, "line1": f"{rng.randint(1, 9999)} {rng.choice(names.STREETS)}",
                       "line2": "", "city": city, "region": region, "postal_code": postal,
                       "country": "US", "phone": phone}
            address_id = None if guest else first_address + len(people)
            customer_rows.append({
                "id": key, "first_name": first, "last_name": last, "full_name": full,
                "search_name": search_key(f"{full} {company}" if company else full),
                "company": company, "email": email, "phone": phone, "phone_digits": phone_key(phone),
                "is_guest": guest, "external_ref": None, "credit_limit": None,
                "billing_address_id": address_id,
                "created_at": now - SPAN - timedelta(days=30) + timedelta(seconds=index),
            })
            if address_id is not None:
                address_rows.append({"id": address_id, "customer_id": key, **address})
            people.append(Person(key, full, search_key(full), email, guest, company, address))
        with connection.begin():
            bulk_insert(connection, Customer, customer_rows)
            bulk_insert(connection, Address, address_rows)
        progress(f"customers: {min(count, start + CUSTOMER_CHUNK):,} of {count:,}")
    return people


def _orders(
    connection: Connection, rng: random.Random, count: int, people: list[Person],
    stores: dict[str, int], products: list[tuple[int, str, str, int]], now: datetime,
    progress: Callable[[str], None],
) -> int:
    with connection.begin():
        first_id = (connection.scalar(select(func.max(Order.id))) or 0) + 1
    statuses = [s for s, _w in STATUS_MIX]
    weights = [w for _s, w in STATUS_MIX]
    companies = [p for p in people if p.company]
    step = SPAN / count
    start_at = now - SPAN
    items_total = 0
    for chunk_start in range(0, count, ORDER_CHUNK):
        batch = _OrderBatch()
        for index in range(chunk_start, min(count, chunk_start + ORDER_CHUNK)):
            order_id = first_id + index
            b2b = bool(companies) and rng.random() < 0.05
            person = rng.choice(companies) if b2b else rng.choice(people)
            status = rng.choices(statuses, weights)[0]
            created = start_at + step * index + timedelta(seconds=rng.randint(0, 59))
            created = created.replace(microsecond=0)
            batch.add(rng, order_id, person, stores["B2B" if b2b else "US"], b2b, status, created,
                      products)
        with connection.begin():
            for table, rows in ((Order, batch.orders), (OrderItem, batch.items), (ShipTo, batch.ship_tos),
                                (Payment, batch.payments), (HistoryEntry, batch.history)):
                bulk_insert(connection, table, rows)
        items_total += len(batch.items)
        progress(f"orders: {min(count, chunk_start + ORDER_CHUNK):,} of {count:,}")
    return items_total


class _OrderBatch:
    def __init__(self) -> None:
        self.orders: list[dict[str, Any]] = []
        self.items: list[dict[str, Any]] = []
        self.payments: list[dict[str, Any]] = []
        self.ship_tos: list[dict[str, Any]] = []
        self.history: list[dict[str, Any]] = []

    def add(
        self, rng: random.Random, order_id: int, person: Person, store_id: int, b2b: bool, status: str,
        created: datetime, products: list[tuple[int, str, str, int]],
    ) -> None:
        item_status = ITEM_STATUS[status]
        merchandise = 0
        for product_id, sku, name, cents in rng.sample(products, _line_count(rng)):
            quantity = rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 10))
            gross = cents * quantity
            live = status != "canceled"
            merchandise += gross if live else 0
            self.items.append({
                "order_id": order_id, "product_id": product_id, "sku": sku, "name": name,
                "quantity": quantity, "list_price": _money(cents), "placed_price": _money(cents),
                "discount_percent": Decimal("0.00"), "discount": Decimal("0.00"),
                "line_total": _money(gross if live else 0), "expedite": False,
                "fulfillment_status": item_status,
                "allocated": quantity if item_status in ("inventory_assigned", "released") else 0,
                "shipped_quantity": quantity if item_status == "shipped" else 0,
                "canceled_quantity": quantity if item_status == "canceled" else 0,
                "expected_date": None, "bundle_sku": None, "flag": None, "flag_accepted": False,
                "price_approved_by": None,
            })
        shipping = 0 if not merchandise or merchandise >= FREE_SHIPPING_CENTS else STANDARD_SHIPPING_CENTS
        tax = 0 if b2b else (merchandise * TAX_RATE_BASIS_POINTS + 5_000) // 10_000
        total = merchandise + shipping + tax
        submitted = created + timedelta(minutes=rng.randint(2, 30)) if status != "pending" else None
        number = str(FIRST_NUMBER + order_id)
        address = person.address
        self.orders.append({
            "id": order_id, "number": number, "external_number": None, "kind": "order",
            "quote_expires": None, "name": rng.choice(names.ORDER_NAMES), "store_id": store_id,
            "customer_id": person.id, "is_guest": person.guest, "customer_name": person.full_name,
            "customer_search": person.key, "customer_email": person.email, "status": status,
            "held_from_status": "pending_payment_authorization" if status == "on_hold" else None,
            "ship_name": address["name"], "ship_line1": address["line1"], "ship_line2": "",
            "ship_city": address["city"], "ship_region": address["region"],
            "ship_postal_code": address["postal_code"], "ship_country": "US",
            "ship_phone": address["phone"], "shipping_method": "standard", "bill_to": "",
            "coupon_code": None, "subtotal": _money(merchandise), "discount_total": Decimal("0.00"),
            "shipping_total": _money(shipping), "tax_total": _money(tax), "total": _money(total),
            "fixed_shipping": False, "version": 1 + len(HISTORY_STEPS[status]), "lock_epoch": 0,
            "created_by": BENCH_USER, "created_at": created, "updated_at": submitted or created,
            "submitted_at": submitted,
            "shipped_at": submitted + timedelta(days=2) if submitted and status == "shipped" else None,
            "required_at": None,
        })
        self.ship_tos.append({  # SHP-1: the one ship-to, its address on the order row
            "order_id": order_id, "position": 1, "method": "standard", "shipping_total": _money(shipping),
            "tax_total": _money(tax), "rated_shipping": _money(shipping),
        })
        if status in ("on_hold", "released", "shipped"):
            self.payments.append({
                "order_id": order_id, "method": "credit_card", "amount": _money(total),
                "authorized_amount": _money(total), "status": "authorized",
                "reference": f"**** {order_id % 10000:04d}", "created_at": submitted,
            })
        for offset, activity in enumerate(("Order created", *HISTORY_STEPS[status])):
            self.history.append({
                "order_id": order_id, "customer_id": person.id, "order_number": number,
                "at": created + timedelta(minutes=offset * 5), "user": BENCH_USER, "activity": activity,
                "detail": "", "before": "{}", "after": "{}",
            })
