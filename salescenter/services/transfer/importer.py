"""Imports a folder of the four CSV files in dependency order, batch by batch.

Every file is checked for UTF-8 and for its columns before anything is written.
Rows are then read as a stream and written in batches, each batch one
transaction; an order and all of its lines always travel in the same batch, so
no order is ever half imported, and canceling stops between batches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine, select

from ...errors import ValidationError
from ...models import Product as ProductModel
from ...models import Store as StoreModel
from ..uow import UnitOfWork, run
from .csvio import Row, check_header, check_utf8, read_rows
from .formats import CUSTOMERS, FILES, ORDER_LINES, ORDERS, PRODUCTS
from .order_load import OrderInput, Product, Store, upsert_orders
from .people_load import Outcome, upsert_customers, upsert_products
from .report import ImportSummary, ProgressCallback, Tally, TransferProgress
from .rows import LineRow, RowError, customer_row, line_row, order_row, product_row
from .writer import BatchWriter

BATCH = 1000
PROGRESS_EVERY = 5000
T = TypeVar("T")


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


class Importer:
    def __init__(
        self, engine: Engine, username: str, *, progress: ProgressCallback | None = None,
        cancel: CancelFlag | None = None, batch_size: int = BATCH,
    ) -> None:
        self.engine = engine
        self.username = username
        self.progress = progress
        self.cancel = cancel
        self.batch_size = batch_size
        self.tally = Tally.for_files(FILES)
        self.done = 0
        self.total = 0
        self.file = ""

    # the whole run ----------------------------------------------------------

    def run(self, folder: Path) -> ImportSummary:
        paths = self._check_folder(folder)
        self.total = sum(path.stat().st_size for path in paths.values())
        self.now = run(self.engine, lambda uow: uow.now, readonly=True)
        canceled = False
        with BatchWriter() as self.writer:
            if CUSTOMERS in paths:
                canceled = self._people(paths[CUSTOMERS], CUSTOMERS, _customer, upsert_customers)
            if not canceled and PRODUCTS in paths:
                canceled = self._people(paths[PRODUCTS], PRODUCTS, _product, upsert_products)
            # Orders name customers and products: those must be in the database first.
            self.writer.drain()
            if not canceled and ORDERS in paths:
                canceled = self._orders(paths[ORDERS], paths[ORDER_LINES])
        self._report(force=True)
        return self.tally.summary(canceled=canceled)

    def _check_folder(self, folder: Path) -> dict[str, Path]:
        if not folder.is_dir():
            raise ValidationError(f"There is no folder {folder}.", "Folder")
        paths = {name: folder / name for name in FILES if (folder / name).is_file()}
        if not paths:
            raise ValidationError(
                f"{folder} holds none of the import files: {', '.join(FILES)}.", "Folder"
            )
        if (ORDERS in paths) != (ORDER_LINES in paths):
            have, lacking = (ORDERS, ORDER_LINES) if ORDERS in paths else (ORDER_LINES, ORDERS)
            raise ValidationError(f"{have} needs {lacking} beside it in {folder}.", lacking)
        for path in paths.values():
            check_utf8(path)
            check_header(path)
        return paths

    # progress and cancel ----------------------------------------------------

    def _on_read(self, count: int) -> None:
        self.done += count

    def _report(self, *, force: bool = False) -> None:
        if self.progress is not None:
            self.progress(TransferProgress(
                file=self.file, done=self.done if not force else max(self.done, self.total),
                total=self.total, rows=self.tally.rows, rejected=self.tally.rejected,
            ))

    def _canceled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def _rows(self, path: Path) -> Iterator[Row]:
        self.file = path.name
        counts = self.tally.files[path.name]
        for row in read_rows(path, self._on_read):
            counts.read += 1
            if row.problem:
                self.tally.reject(path.name, row.line, "", row.problem)
                continue
            yield row

    # customers and products -------------------------------------------------

    def _people(
        self, path: Path, name: str, clean: Callable[[Row], tuple[str, Any]],
        upsert: Callable[[UnitOfWork, list[Any]], Outcome],
    ) -> bool:
        return self._in_batches(
            self._clean_people(path, name, clean), lambda batch: self._write_people(name, batch, upsert)
        )

    def _clean_people(
        self, path: Path, name: str, clean: Callable[[Row], tuple[str, Any]]
    ) -> Iterator[Any]:
        seen: dict[str, int] = {}
        for row in self._rows(path):
            try:
                key, value = clean(row)
            except RowError as error:
                self.tally.reject(name, row.line, error.column, error.reason)
                continue
            if key in seen:
                column = "customer_ref" if name == CUSTOMERS else "sku"
                reason = f"'{key[:100]}' appears again; first on line {seen[key]}."
                self.tally.reject(name, row.line, column, reason)
                continue
            seen[key] = row.line
            yield value

    def _in_batches(self, items: Iterable[T], write: Callable[[list[T]], None]) -> bool:
        """Hand ``items`` to ``write`` a batch at a time; True when canceled between batches."""
        batch: list[T] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                write(batch)
                batch = []
                if self._canceled():
                    return True
        if batch and self._canceled():
            return True
        if batch:
            write(batch)
        return False

    def _write_people(
        self, name: str, batch: list[Any], upsert: Callable[[UnitOfWork, list[Any]], Outcome]
    ) -> None:
        def job() -> None:
            outcome = self._write(lambda uow: upsert(uow, batch))
            with self.tally.lock:
                counts = self.tally.files[name]
                counts.imported += outcome.imported
                counts.updated += outcome.updated
                counts.unchanged += outcome.unchanged
            self._report()

        self.writer.submit(job)

    def _write(self, work: Callable[[UnitOfWork], T]) -> T:
        def unit(uow: UnitOfWork) -> T:
            result = work(uow)
            uow.commit()
            return result

        return run(self.engine, unit)

    # orders and their lines -------------------------------------------------

    def _orders(self, orders_path: Path, lines_path: Path) -> bool:
        stores, products = self._reference_data()
        lines, bad_lines = self._read_lines(lines_path, products)
        if lines is None:
            return True
        seen: dict[str, int] = {}
        checked = (self._order(row, stores, lines, bad_lines, seen) for row in self._rows(orders_path))
        orders = (item for item in checked if item is not None)
        if self._in_batches(orders, lambda batch: self._write_orders(batch, stores, products)):
            return True
        self.writer.drain()
        for ref, orphans in lines.items():
            for line in orphans:
                reason = f"There is no order '{ref[:100]}' in orders.csv."
                self.tally.reject(ORDER_LINES, line.line, "order_ref", reason)
        return False

    def _reference_data(self) -> tuple[dict[str, Store], dict[str, Product]]:
        def work(uow: UnitOfWork) -> tuple[dict[str, Store], dict[str, Product]]:
            conn = uow.session.connection()
            stores = {r.code: Store(r.id, r.tax_rate) for r in conn.execute(
                select(StoreModel.id, StoreModel.code, StoreModel.tax_rate))}
            products = {r.sku: Product(r.id, r.name, r.list_price) for r in conn.execute(
                select(ProductModel.id, ProductModel.sku, ProductModel.name, ProductModel.list_price))}
            return stores, products

        return run(self.engine, work, readonly=True)

    def _read_lines(
        self, path: Path, products: dict[str, Product]
    ) -> tuple[dict[str, list[LineRow]] | None, dict[str, int]]:
        """All lines by order ref, and the first refused line of each order that has one."""
        lines: dict[str, list[LineRow]] = {}
        bad: dict[str, int] = {}
        for count, row in enumerate(self._rows(path), 1):
            if count % PROGRESS_EVERY == 0:
                self._report()
                if self._canceled():
                    return None, bad
            ref = row.values["order_ref"].strip()
            try:
                ref, line = line_row(row.line, row.values, row.formulas)
                if line.sku not in products:
                    reason = f"There is no product with SKU '{line.sku[:64]}'; add it to products.csv."
                    raise RowError("sku", reason)
            except RowError as error:
                self.tally.reject(ORDER_LINES, row.line, error.column, error.reason)
                bad.setdefault(ref, row.line)
                continue
            lines.setdefault(ref, []).append(line)
        return lines, bad

    def _order(
        self, row: Row, stores: dict[str, Store], lines: dict[str, list[LineRow]],
        bad_lines: dict[str, int], seen: dict[str, int],
    ) -> OrderInput | None:
        ref = row.values["order_ref"].strip()
        try:
            clean = order_row(row.line, row.values, self.now, row.formulas)
            if clean.store not in stores:
                raise RowError("store", f"There is no store '{clean.store}'; an administrator adds stores "
                                        "before importing.")
            if ref in seen:
                raise RowError("order_ref", f"'{ref[:100]}' appears again; first on line {seen[ref]}.")
            if ref in bad_lines:
                reason = f"order_lines.csv line {bad_lines[ref]} was refused, so the whole order is left out."
                raise RowError("order_ref", reason)
            if ref not in lines:
                raise RowError("order_ref", "The order has no lines in order_lines.csv.")
        except RowError as error:
            self.tally.reject(ORDERS, row.line, error.column, error.reason)
            if ref not in seen:
                self._reject_lines(ref, lines.pop(ref, []), row.line)
            return None
        seen[ref] = row.line
        return OrderInput(clean, lines.pop(ref))

    def _reject_lines(self, ref: str, lines: list[LineRow], order_line: int) -> None:
        for line in lines:
            self.tally.reject(ORDER_LINES, line.line, "order_ref",
                              f"Order '{ref[:100]}' was left out (orders.csv line {order_line}).")

    def _write_orders(self, batch: list[OrderInput], stores: dict[str, Store],
                      products: dict[str, Product]) -> None:
        def job() -> None:
            outcome = self._write(lambda uow: upsert_orders(uow, batch, stores, products, self.username))
            with self.tally.lock:
                orders, items = self.tally.files[ORDERS], self.tally.files[ORDER_LINES]
                orders.imported += outcome.imported
                orders.updated += outcome.updated
                orders.unchanged += outcome.unchanged
                items.imported += outcome.lines_imported
                items.updated += outcome.lines_updated
                items.unchanged += outcome.lines_unchanged
            for item, column, reason in outcome.refused:
                self.tally.reject(ORDERS, item.row.line, column, reason)
                self._reject_lines(item.row.ref, item.lines, item.row.line)
            self._report()

        self.writer.submit(job)


def _customer(row: Row) -> tuple[str, Any]:
    clean = customer_row(row.values, row.formulas)
    return clean.ref, clean


def _product(row: Row) -> tuple[str, Any]:
    clean = product_row(row.values, row.formulas)
    return clean.sku, clean
