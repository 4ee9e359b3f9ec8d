"""Writes the four CSV files an import reads, from one consistent read of the database.

Customers and orders created at the desk have no external ref; they are
exported as ``SC-<customer id>-<tag>`` and ``SC-<order number>-<tag>``, the tag
a digest of the record's id and creation time: the same record gets the same ref
in every export, and a record of another database (whose ids and numbers repeat
these) another one, so an import elsewhere neither merges two customers nor
refuses an order as a duplicate. Imported records keep the ref they came with;
a desk ref that one of those already uses gets a ``-2`` (``-3``…). Quotes are not
exported. Lines canceled on a live order are left out, as they no longer count
in its totals; a canceled order keeps all of its lines. The file format knows
a line's discount percent only: a discount a promotion gave at the desk is not
carried, so such an order re-imports at its percent-only total.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, select

from ...models import Address, Customer, Order, OrderItem, Product, Store
from ..orders import lifecycle
from ..uow import UnitOfWork, run
from ..views import OrderSummaryView
from .csvio import CsvWriter
from .formats import CUSTOMERS, FILES, ORDER_LINES, ORDERS, PRODUCTS
from .formulas import neutralize
from .report import ExportSummary

STREAM = 2000


DESK_PREFIX = "SC-"


def desk_ref(kind: str, key: int, label: object, created_at: datetime) -> str:
    """The ref a record made at the desk is exported under (see the module's docstring)."""
    digest = hashlib.sha256(f"{kind}|{key}|{created_at.isoformat()}".encode()).hexdigest()[:10]
    return f"{DESK_PREFIX}{label}-{digest}"


class RefBook:
    """Desk refs of one file, kept apart from the imported refs that start like them."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken

    def claim(self, ref: str) -> str:
        candidate, count = ref, 1
        while candidate in self.taken:
            count += 1
            candidate = f"{ref}-{count}"
        self.taken.add(candidate)
        return candidate


def _imported_desk_like(conn: Connection, column: Any) -> RefBook:
    return RefBook(set(conn.execute(select(column).where(column.like(f"{DESK_PREFIX}%"))).scalars()))


def _when(value: datetime | None) -> str:
    return "" if value is None else value.isoformat(sep="T")


def _stream(conn: Connection, query: Select[Any]) -> Any:
    return conn.execution_options(yield_per=STREAM).execute(query)


class Exporter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def run(self, folder: Path) -> ExportSummary:
        folder.mkdir(parents=True, exist_ok=True)
        partial = {name: folder / f".{name}.part" for name in FILES}
        writers: dict[str, CsvWriter] = {}
        try:
            for name in FILES:
                writers[name] = CsvWriter(partial[name], name)
            run(self.engine, lambda uow: self._write_all(uow, writers), readonly=True)
        except BaseException:
            _discard(writers, partial)
            raise
        for writer in writers.values():
            writer.close()
        # Only a complete export replaces the files of an earlier one.
        for name in FILES:
            partial[name].replace(folder / name)
        return ExportSummary(rows={name: writers[name].rows for name in FILES})

    def _write_all(self, uow: UnitOfWork, writers: dict[str, CsvWriter]) -> None:
        conn = uow.session.connection()
        refs = self._customers(conn, writers[CUSTOMERS].write)
        self._products(conn, writers[PRODUCTS].write)
        self._orders(conn, refs, writers[ORDERS].write, writers[ORDER_LINES].write)

    def _customers(self, conn: Connection, write: Callable[[list[object]], None]) -> dict[int, str]:
        c, a = Customer.__table__, Address.__table__
        query = (
            select(c.c.id, c.c.external_ref, c.c.created_at, c.c.first_name, c.c.last_name, c.c.company,
                   c.c.email, c.c.phone, a.c.line1, a.c.line2, a.c.city, a.c.region, a.c.postal_code,
                   a.c.country)
            .select_from(c.outerjoin(a, a.c.id == c.c.billing_address_id)).order_by(c.c.id)
        )
        refs = {}
        book = _imported_desk_like(conn, c.c.external_ref)
        for r in _stream(conn, query):
            ref = r.external_ref or book.claim(desk_ref("customer", r.id, r.id, r.created_at))
            refs[r.id] = ref
            write([ref, r.first_name, r.last_name, r.company, r.email, r.phone, r.line1, r.line2,
                   r.city, r.region, r.postal_code, r.country])
        return refs

    def _products(self, conn: Connection, write: Callable[[list[object]], None]) -> None:
        p = Product.__table__
        query = select(p.c.sku, p.c.name, p.c.description, p.c.list_price, p.c.stock,
                       p.c.available).order_by(p.c.id)
        for r in _stream(conn, query):
            write([r.sku, r.name, r.description, r.list_price, r.stock, "true" if r.available else "false"])

    def _orders(
        self, conn: Connection, refs: dict[int, str], write_order: Callable[[list[object]], None],
        write_line: Callable[[list[object]], None],
    ) -> None:
        o, s, i = Order.__table__, Store.__table__, OrderItem.__table__
        orders = (
            select(o.c.id, o.c.number, o.c.external_number, s.c.code, o.c.customer_id, o.c.created_at,
                   o.c.status, o.c.ship_name, o.c.ship_line1, o.c.ship_line2, o.c.ship_city,
                   o.c.ship_region, o.c.ship_postal_code, o.c.ship_country, o.c.shipping_method,
                   o.c.shipping_total, o.c.shipped_at, o.c.required_at)
            .join(s, s.c.id == o.c.store_id)
            .where(o.c.kind == "order", o.c.customer_id.is_not(None)).order_by(o.c.id)
        )
        refs_by_order: dict[int, tuple[str, str]] = {}
        book = _imported_desk_like(conn, o.c.external_number)
        for r in _stream(conn, orders):
            ref = r.external_number or book.claim(desk_ref("order", r.id, r.number, r.created_at))
            refs_by_order[r.id] = (ref, r.status)
            write_order([ref, r.code, refs[r.customer_id], _when(r.created_at), r.status, r.ship_name,
                         r.ship_line1, r.ship_line2, r.ship_city, r.ship_region, r.ship_postal_code,
                         r.ship_country, r.shipping_method, r.shipping_total, _when(r.shipped_at),
                         _when(r.required_at)])
        lines = (
            select(i.c.order_id, i.c.sku, i.c.quantity, i.c.placed_price, i.c.discount_percent,
                   i.c.fulfillment_status)
            .join(o, o.c.id == i.c.order_id).where(o.c.kind == "order").order_by(i.c.order_id, i.c.id)
        )
        for r in _stream(conn, lines):
            found = refs_by_order.get(r.order_id)
            if found is None:
                continue
            ref, status = found
            # A canceled order lists its lines; a live one leaves out the lines canceled from it.
            if lifecycle.line_canceled(r) and status != lifecycle.CANCELED:
                continue
            write_line([ref, r.sku, r.quantity, r.placed_price, r.discount_percent])


def _discard(writers: dict[str, CsvWriter], partial: dict[str, Path]) -> None:
    """A failed export leaves no half-written files behind (and the earlier export as it was)."""
    for writer in writers.values():
        writer.close()
    for path in partial.values():
        path.unlink(missing_ok=True)


SEARCH_COLUMNS = ("order_number", "order_ref", "created_at", "status", "store", "customer_name",
                  "customer_email", "total")
SEARCH_PAGE = 500


def write_search_results(
    path: Path, search: Callable[..., list[OrderSummaryView]], filters: dict[str, Any]
) -> int:
    """The Find Order results as a spreadsheet: every page, newest first, as the view lists them."""
    partial = path.with_name(f".{path.name}.part")
    try:
        written = _write_search_pages(partial, search, filters)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written


def _write_search_pages(
    partial: Path, search: Callable[..., list[OrderSummaryView]], filters: dict[str, Any]
) -> int:
    written = 0
    with partial.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(SEARCH_COLUMNS)
        while True:
            page = search(**filters, limit=SEARCH_PAGE, offset=written)
            for o in page:
                writer.writerow([neutralize(cell) for cell in (
                    o.number, o.external_number or "", _when(o.created_at), lifecycle.name_of(o.status),
                    o.store, o.customer_name, o.customer_email or "", o.total)])
            written += len(page)
            if len(page) < SEARCH_PAGE:
                break
    return written
