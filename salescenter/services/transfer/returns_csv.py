"""Returns out to ``returns.csv`` and in again (RET-1): one row per returned line.

Export writes every return, newest first, with its order's ref (the ref the orders export
gives it) and number. Import groups the rows by return number and creates each return
through ``desk.returns.create``, so every rule holds as at the desk: the goods must have
shipped on that order, within what was not returned yet, and RET-2 decides again whether
it is approved at once. The status, receipts and refunds of the source are not replayed
(they are another database's money); the comment says where the return came from, which
also makes a second import of the same file change nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlalchemy import or_, select

from ...errors import SalesCenterError, ValidationError
from ...models import Order, OrderItem, Return
from ..context import DeskContext
from ..returns.service import ReturnService
from ..uow import UnitOfWork
from ..views import ReturnView
from .csvio import CsvWriter, Row, check_header, check_utf8, read_rows
from .exporter import desk_ref
from .formats import RETURNS
from .report import Rejection

PAGE = 500
SOURCE = "Imported from "


class ReturnImportSummary(BaseModel):
    """What an import of returns.csv did: returns created, already there, and refused rows."""

    model_config = ConfigDict(frozen=True)
    read: int = 0
    imported: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = []


def export_returns(path: Path, search: Callable[..., list[ReturnView]],
                   refs: Callable[[list[int]], dict[int, str]]) -> int:
    """Write every return to ``path`` (through a part file); the rows written."""
    partial = path.with_name(f".{path.name}.part")
    writer = CsvWriter(partial, RETURNS)
    try:
        offset = 0
        while True:
            page = search(limit=PAGE, offset=offset)
            order_refs = refs(sorted({r.order_id for r in page}))
            for ret in page:
                for line in ret.lines:
                    writer.write([
                        ret.number, order_refs.get(ret.order_id, ""), ret.order_number, ret.kind, ret.status,
                        ret.reason, ret.comment, line.sku, line.quantity, line.received_quantity,
                        line.credit, line.replacement_sku or "", ret.replacement_order_number or "",
                        ret.created_at.isoformat(sep="T"), ret.created_by,
                    ])
            offset += len(page)
            if len(page) < PAGE:
                break
        writer.close()
        partial.replace(path)
    except BaseException:
        writer.close()
        partial.unlink(missing_ok=True)
        raise
    return writer.rows


def order_refs(uow: UnitOfWork, order_ids: list[int]) -> dict[int, str]:
    """The ref each order has in an orders export: its imported ref, else its desk ref."""
    if not order_ids:
        return {}
    rows = uow.session.execute(select(Order.id, Order.external_number, Order.number, Order.created_at)
                               .where(Order.id.in_(order_ids)))
    return {key: external or desk_ref("order", key, number, created)
            for key, external, number, created in rows}


def grouped(path: Path) -> Iterator[tuple[str, list[Row]]]:
    """The rows of each return number, in the order the file names them first."""
    check_utf8(path)
    check_header(path)
    groups: dict[str, list[Row]] = {}
    for row in read_rows(path, lambda _read: None):
        key = row.values.get("return_number", "").strip().upper() if not row.problem else f"#{row.line}"
        groups.setdefault(key, []).append(row)
    yield from groups.items()


def find_order(uow: UnitOfWork, *, first: Row) -> tuple[int, dict[str, list[int]], set[str]]:
    """The order a return's rows name (by ref, else by number), its item ids by SKU, and what
    identifies the returns it already holds (number and time, or the source they came from)."""
    ref, number = first.values["order_ref"].strip(), first.values["order_number"].strip()
    wanted = [c for c in ((Order.external_number == ref) if ref else None,
                          (Order.number == number) if number else None) if c is not None]
    if not wanted:
        raise ValidationError("Name the order: its ref or its number.", "Order number")
    order = uow.session.scalars(select(Order).where(or_(*wanted)).order_by(Order.id).limit(1)).first()
    if order is None:
        raise ValidationError(f"There is no order {number or ref} here; import the orders first.",
                              "Order number")
    items: dict[str, list[int]] = {}
    for item_id, sku in uow.session.execute(select(OrderItem.id, OrderItem.sku)
                                            .where(OrderItem.order_id == order.id).order_by(OrderItem.id)):
        items.setdefault(sku, []).append(item_id)
    held: set[str] = set()
    for number, created, comment in uow.session.execute(
            select(Return.number, Return.created_at, Return.comment).where(Return.order_id == order.id)):
        held.add(f"{number} {created.isoformat(sep='T')}")  # the very return, exported from here
        if comment.startswith(SOURCE):
            held.add(comment.split("\n", 1)[0])  # one imported before
    return order.id, items, held


def rejection(row: Row, error: SalesCenterError | str) -> Rejection:
    field = getattr(error, "field", "") if isinstance(error, SalesCenterError) else ""
    return Rejection(file=RETURNS, line=row.line, field=field or "", reason=str(error))


def import_returns(path: Path, ctx: DeskContext) -> ReturnImportSummary:
    """Create the returns of ``path`` that this database does not hold yet (see the module)."""
    service = ReturnService(ctx)
    read = imported = unchanged = 0
    rejections: list[Rejection] = []
    for number, rows in grouped(path):
        read += len(rows)
        first = rows[0]
        broken = next((row for row in rows if row.problem), None)
        if broken is not None:
            rejections.append(rejection(broken, broken.problem))
            continue
        try:
            order_id, items, sources = ctx.read(functools.partial(find_order, first=first))
            source = f"{SOURCE}{number}"
            if source in sources or f"{number} {first.values['created_at'].strip()}" in sources:
                unchanged += 1
                continue
            lines, swaps = _lines(rows, items)
            note = first.values["comment"].strip()
            service.create(order_id, lines, first.values["reason"],
                           kind=first.values["kind"].strip().lower() or "return",
                           replacements=swaps or None, comment=source + (f"\n{note}" if note else ""))
            imported += 1
        except SalesCenterError as error:
            rejections.append(rejection(first, error))
    return ReturnImportSummary(read=read, imported=imported, unchanged=unchanged, rejections=rejections)


def _lines(rows: list[Row], items: dict[str, list[int]]) -> tuple[dict[int, int], dict[int, str]]:
    """The ``{item_id: quantity}`` and replacements of one return's rows."""
    lines: dict[int, int] = {}
    swaps: dict[int, str] = {}
    for row in rows:
        sku = row.values["sku"].strip().upper()
        found = items.get(sku)
        if not found:
            raise ValidationError(f"The order has no item {sku or '(none)'}.", "SKU")
        item_id = next((key for key in found if key not in lines), found[0])
        cell = row.values["quantity"].strip()
        if not cell.isdigit():
            raise ValidationError(f"Quantity '{cell[:20]}' is not a whole number.", "Quantity")
        lines[item_id] = lines.get(item_id, 0) + int(cell)
        if row.values["replacement_sku"].strip():
            swaps[item_id] = row.values["replacement_sku"].strip()
    return lines, swaps
