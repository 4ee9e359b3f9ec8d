"""Writes a batch of historical orders with their lines, in one transaction.

An order keeps the date and status it had in the old system: the lifecycle is
not replayed and nothing is repriced beyond the import rule
``line_total = round_half_up(quantity x placed_price x (1 - discount_percent/100), 2)``.
Totals add up the way the desk's own pricing does (subtotal - discounts = sum of
line totals; total = lines + shipping + tax at the store's rate), so a later
change to an imported order reprices it without a jump.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import String, bindparam, cast, delete, insert, select, update

from ...models import Address, Customer, HistoryEntry, Order, OrderItem, ShipTo
from .. import validation as v
from ..orders import lifecycle
from ..orders.create import FIRST_NUMBER
from ..uow import UnitOfWork
from .people_load import Outcome, table
from .rows import ZERO, LineRow, OrderRow, line_total

ORDERS = table(Order)
ITEMS = table(OrderItem)
HISTORY = table(HistoryEntry)
SHIP_TOS = table(ShipTo)
CUSTOMERS = table(Customer)
ADDRESSES = table(Address)
IMPORTED = "Imported"
REIMPORTED = "Updated by import"
# What decides whether a re-imported order differs from the one already stored.
_COMPARED = (
    "store_id", "customer_id", "created_at", "status", "ship_name", "ship_line1", "ship_line2",
    "ship_city", "ship_region", "ship_postal_code", "ship_country", "shipping_method",
    "shipping_total", "shipped_at", "required_at", "customer_name", "customer_email",
)
_ITEM_STATUS = {lifecycle.SHIPPED: "shipped", lifecycle.CANCELED: "canceled"}
_BILL_TO = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")


@dataclass(frozen=True, slots=True)
class Store:
    id: int
    tax_rate: Decimal


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    name: str
    list_price: Decimal


@dataclass
class OrderInput:
    row: OrderRow
    lines: list[LineRow]


@dataclass
class OrderOutcome(Outcome):
    # Orders refused only once the database was asked: (order, column, reason).
    refused: list[tuple[OrderInput, str, str]] = field(default_factory=list)
    lines_imported: int = 0
    lines_updated: int = 0
    lines_unchanged: int = 0


def upsert_orders(
    uow: UnitOfWork, batch: Sequence[OrderInput], stores: dict[str, Store],
    products: dict[str, Product], user: str,
) -> OrderOutcome:
    conn = uow.session.connection()
    customers = _customers(uow, {item.row.customer_ref for item in batch})
    existing = {
        r.external_number: r
        for r in conn.execute(
            select(ORDERS.c.id, ORDERS.c.number, ORDERS.c.external_number, ORDERS.c.total,
                   *(ORDERS.c[k] for k in _COMPARED))
            .where(ORDERS.c.external_number.in_([item.row.ref for item in batch]))
        )
    }
    stored_lines = _stored_lines(uow, [r.id for r in existing.values()])
    outcome = OrderOutcome()
    fresh: list[tuple[OrderInput, dict[str, Any], list[dict[str, Any]]]] = []
    changed: list[tuple[Any, OrderInput, dict[str, Any], list[dict[str, Any]]]] = []
    for item in batch:
        row = item.row
        customer = customers.get(row.customer_ref)
        if customer is None:
            outcome.refused.append((item, "customer_ref", (
                f"There is no customer with customer_ref '{row.customer_ref[:100]}'; "
                "add it to customers.csv.")))
            continue
        values, lines = _order_values(row, item.lines, stores[row.store], products, customer)
        if values["subtotal"] > v.MAX_MONEY or values["total"] > v.MAX_MONEY:
            outcome.refused.append((item, "order_ref", (
                f"The order's total {values['total']:,} is more than {v.MAX_MONEY:,}, "
                "the largest amount an order can hold.")))
            continue
        old = existing.get(row.ref)
        if old is None:
            fresh.append((item, values, lines))
        elif _same(old, values, stored_lines.get(old.id, []), item.lines):
            outcome.unchanged += 1
            outcome.lines_unchanged += len(lines)
        else:
            changed.append((old, item, values, lines))
    _insert(uow, fresh, user)
    _update(uow, changed, user)
    outcome.imported, outcome.updated = len(fresh), len(changed)
    outcome.lines_imported = sum(len(lines) for _, _, lines in fresh)
    outcome.lines_updated = sum(len(lines) for _, _, _, lines in changed)
    return outcome


def _customers(uow: UnitOfWork, refs: set[str]) -> dict[str, dict[str, Any]]:
    rows = uow.session.connection().execute(
        select(CUSTOMERS.c.id, CUSTOMERS.c.external_ref, CUSTOMERS.c.full_name, CUSTOMERS.c.email,
               CUSTOMERS.c.is_guest, ADDRESSES.c.id.label("address_id"),
               *(ADDRESSES.c[k] for k in _BILL_TO))
        .select_from(CUSTOMERS.outerjoin(ADDRESSES, ADDRESSES.c.id == CUSTOMERS.c.billing_address_id))
        .where(CUSTOMERS.c.external_ref.in_(refs))
    )
    found = {}
    for r in rows:
        bill_to = json.dumps({k: getattr(r, k) for k in _BILL_TO}) if r.address_id is not None else ""
        found[r.external_ref] = {
            "customer_id": r.id, "is_guest": r.is_guest, "customer_name": r.full_name,
            "customer_search": v.stored_search_key(r.full_name), "customer_email": r.email,
            "bill_to": bill_to,
        }
    return found


def _stored_lines(uow: UnitOfWork, order_ids: list[int]) -> dict[int, list[tuple[Any, ...]]]:
    found: dict[int, list[tuple[Any, ...]]] = {}
    if not order_ids:
        return found
    rows = uow.session.connection().execute(
        select(ITEMS.c.order_id, ITEMS.c.sku, ITEMS.c.quantity, ITEMS.c.placed_price,
               ITEMS.c.discount_percent)
        .where(ITEMS.c.order_id.in_(order_ids)).order_by(ITEMS.c.order_id, ITEMS.c.id)
    )
    for r in rows:
        found.setdefault(r.order_id, []).append((r.sku, r.quantity, r.placed_price, r.discount_percent))
    return found


def _same(old: Any, values: dict[str, Any], stored: list[tuple[Any, ...]], lines: list[LineRow]) -> bool:
    if any(getattr(old, k) != values[k] for k in _COMPARED):
        return False
    wanted = [(ln.sku, ln.quantity, ln.placed_price, ln.discount_percent) for ln in lines]
    return stored == wanted


def _order_values(
    row: OrderRow, lines: list[LineRow], store: Store, products: dict[str, Product],
    customer: dict[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    item_status = _ITEM_STATUS.get(row.status)
    items = []
    subtotal = discounts = merchandise = ZERO
    for line in lines:
        product = products[line.sku]
        gross = v.round_money(line.placed_price * line.quantity)
        total = line_total(line)
        items.append({
            "product_id": product.id, "sku": line.sku, "name": product.name, "quantity": line.quantity,
            "list_price": product.list_price, "placed_price": line.placed_price,
            "discount_percent": line.discount_percent, "discount": gross - total, "line_total": total,
            "expedite": False, "fulfillment_status": item_status, "allocated": 0, "expected_date": None,
            # a shipped or canceled import is so in its whole quantity (SHP-2's invariant)
            "shipped_quantity": line.quantity if item_status == "shipped" else 0,
            "canceled_quantity": line.quantity if item_status == "canceled" else 0,
            "bundle_sku": None, "flag": None, "flag_accepted": False, "price_approved_by": None,
        })
        subtotal += gross
        discounts += gross - total
        merchandise += total
    tax = v.round_money(merchandise * store.tax_rate)
    values = {
        "store_id": store.id, "created_at": row.created_at, "status": row.status,
        **row.ship_to, "shipping_method": row.shipping_method, "shipping_total": row.shipping_total,
        "shipped_at": row.shipped_at, "required_at": row.required_at,
        "submitted_at": row.created_at if lifecycle.was_submitted(row.status) else None,
        "subtotal": subtotal, "discount_total": discounts, "tax_total": tax,
        "total": merchandise + row.shipping_total + tax, **customer,
    }
    return values, items


def _history(order_id: int, number: str, values: dict[str, Any], user: str, at: Any,
             activity: str, detail: str, before: dict[str, Any] | None = None) -> dict[str, Any]:
    after = {"status": values["status"], "total": str(values["total"])}
    return {
        "order_id": order_id, "customer_id": values["customer_id"], "order_number": number, "at": at,
        "user": user, "activity": activity, "detail": detail,
        "before": json.dumps(before or {}), "after": json.dumps(after),
    }


def _first_ship_to(order_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """An imported order's one ship-to (SHP-1): its address and method stay on the order row;
    this row carries the fixed shipping charge the file gave and the tax."""
    return {"order_id": order_id, "position": 1, "method": values["shipping_method"],
            "shipping_total": values["shipping_total"], "tax_total": values["tax_total"],
            "rated_shipping": values["shipping_total"], "override_amount": None, "override_reason": "",
            "override_by": None, **dict.fromkeys(("name", "line1", "line2", "city", "region",
                                                  "postal_code", "country", "phone"), "")}


def _insert(uow: UnitOfWork, fresh: list[tuple[OrderInput, dict[str, Any], list[dict[str, Any]]]],
            user: str) -> None:
    if not fresh:
        return
    conn, now = uow.session.connection(), uow.now
    conn.execute(
        insert(ORDERS),
        [{**values, "number": f"imp-{uuid.uuid4().hex}", "external_number": item.row.ref, "kind": "order",
          "name": "", "quote_expires": None, "held_from_status": None, "ship_phone": "",
          "coupon_code": None, "fixed_shipping": True, "version": 1, "lock_epoch": 0,
          "created_by": user, "updated_at": now}
         for item, values, _ in fresh],
    )
    # Read back by the unique external number: RETURNING would make SQLite insert row by row.
    found = dict(conn.execute(
        select(ORDERS.c.external_number, ORDERS.c.id)
        .where(ORDERS.c.external_number.in_([item.row.ref for item, _, _ in fresh]))
    ).all())
    ids = [found[item.row.ref] for item, _, _ in fresh]
    # Numbered like every other order once the database has handed out the ids.
    conn.execute(update(ORDERS).where(ORDERS.c.id.in_(ids))
                 .values(number=cast(ORDERS.c.id + FIRST_NUMBER, String)))
    conn.execute(insert(ITEMS), [
        {**line, "order_id": key} for key, (_, _, lines) in zip(ids, fresh, strict=True) for line in lines
    ])
    conn.execute(insert(SHIP_TOS), [
        _first_ship_to(key, values) for key, (_, values, _) in zip(ids, fresh, strict=True)
    ])
    conn.execute(insert(HISTORY), [
        _history(key, str(FIRST_NUMBER + key), values, user, now, IMPORTED,
                 f"Imported order {item.row.ref} (orders.csv line {item.row.line}), "
                 f"created {item.row.created_at:%Y-%m-%d}, status {lifecycle.name_of(item.row.status)}")
        for key, (item, values, _) in zip(ids, fresh, strict=True)
    ])


def _update(uow: UnitOfWork, changed: list[tuple[Any, OrderInput, dict[str, Any], list[dict[str, Any]]]],
            user: str) -> None:
    if not changed:
        return
    conn, now = uow.session.connection(), uow.now
    keys = [old.id for old, _, _, _ in changed]
    names = list(changed[0][2])
    conn.execute(
        update(ORDERS).where(ORDERS.c.id == bindparam("key"))
        .values({**{k: bindparam(f"new_{k}") for k in names}, "version": ORDERS.c.version + 1,
                 "updated_at": bindparam("new_updated_at")}),
        [{"key": old.id, "new_updated_at": now, **{f"new_{k}": values[k] for k in names}}
         for old, _, values, _ in changed],
    )
    conn.execute(delete(ITEMS).where(ITEMS.c.order_id.in_(keys)))
    # The file names one ship-to: it replaces every ship-to the order had (SHP-1).
    conn.execute(delete(SHIP_TOS).where(SHIP_TOS.c.order_id.in_(keys)))
    conn.execute(insert(SHIP_TOS), [_first_ship_to(old.id, values) for old, _, values, _ in changed])
    conn.execute(insert(ITEMS), [
        {**line, "order_id": old.id} for old, _, _, lines in changed for line in lines
    ])
    conn.execute(insert(HISTORY), [
        _history(old.id, old.number, values, user, now, REIMPORTED,
                 f"Order {item.row.ref} imported again with changes (orders.csv line {item.row.line})",
                 before={"status": old.status, "total": str(old.total)})
        for old, item, values, _ in changed
    ])
