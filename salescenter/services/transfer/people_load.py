"""Writes a batch of customers or products: insert the new refs, update the changed ones.

Each batch is one transaction of a few executemany statements; a row that
matches what the database holds is left alone, so re-running an import
changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, update

from ...models import Address, Customer, Product
from .. import validation as v
from ..uow import UnitOfWork
from .rows import CustomerRow, ProductRow


def table(model: type[Any]) -> Table:
    found: Table = model.__table__
    return found


CUSTOMERS = table(Customer)
ADDRESSES = table(Address)
PRODUCTS = table(Product)
_PROFILE = ("first_name", "last_name", "company", "email", "phone")
_ADDRESS = ("line1", "line2", "city", "region", "postal_code", "country")
_PRODUCT = ("name", "description", "list_price", "stock", "available")


@dataclass
class Outcome:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0


def _names(profile: dict[str, Any]) -> dict[str, Any]:
    full = f"{profile['first_name']} {profile['last_name']}".strip()
    company = f" {profile['company']}" if profile["company"] else ""
    return {
        **profile, "full_name": full, "search_name": v.stored_search_key(f"{full}{company}"),
        "phone_digits": v.phone_key(profile["phone"]),
    }


def upsert_customers(uow: UnitOfWork, rows: Sequence[CustomerRow]) -> Outcome:
    conn = uow.session.connection()
    found = {
        r.external_ref: r
        for r in conn.execute(
            select(CUSTOMERS.c.id, CUSTOMERS.c.external_ref, CUSTOMERS.c.billing_address_id,
                   *(CUSTOMERS.c[k] for k in _PROFILE),
                   ADDRESSES.c.id.label("address_id"), *(ADDRESSES.c[k] for k in _ADDRESS))
            .select_from(CUSTOMERS.outerjoin(ADDRESSES, ADDRESSES.c.id == CUSTOMERS.c.billing_address_id))
            .where(CUSTOMERS.c.external_ref.in_([row.ref for row in rows]))
        )
    }
    outcome = Outcome()
    fresh = [row for row in rows if row.ref not in found]
    changed_profiles: list[dict[str, Any]] = []
    changed_addresses: list[dict[str, Any]] = []
    added_addresses: list[tuple[int, dict[str, str]]] = []
    for row in rows:
        old = found.get(row.ref)
        if old is None:
            continue
        same_profile = all(getattr(old, k) == row.profile[k] for k in _PROFILE)
        same_address = row.address is None or (
            old.address_id is not None and all(getattr(old, k) == row.address[k] for k in _ADDRESS)
        )
        if same_profile and same_address:
            outcome.unchanged += 1
            continue
        outcome.updated += 1
        if not same_profile:
            names = _names(row.profile)
            changed_profiles.append({"key": old.id, **{f"new_{k}": val for k, val in names.items()}})
        if not same_address and row.address is not None:
            if old.address_id is not None:
                changed_addresses.append(
                    {"key": old.address_id, **{f"new_{k}": row.address[k] for k in _ADDRESS}}
                )
            else:
                added_addresses.append((old.id, row.address))
    if fresh:
        conn.execute(
            insert(CUSTOMERS),
            [{**_names(row.profile), "external_ref": row.ref, "is_guest": False, "credit_limit": None,
              "billing_address_id": None, "created_at": uow.now} for row in fresh],
        )
        # Read back by the unique ref: RETURNING would make SQLite insert row by row.
        ids = dict(conn.execute(
            select(CUSTOMERS.c.external_ref, CUSTOMERS.c.id)
            .where(CUSTOMERS.c.external_ref.in_([row.ref for row in fresh]))
        ).all())
        added_addresses += [(ids[row.ref], row.address) for row in fresh if row.address]
        outcome.imported = len(fresh)
    if changed_profiles:
        columns = ("full_name", "search_name", "phone_digits", *_PROFILE)
        conn.execute(
            update(CUSTOMERS).where(CUSTOMERS.c.id == bindparam("key"))
            .values({k: bindparam(f"new_{k}") for k in columns}),
            changed_profiles,
        )
    if changed_addresses:
        conn.execute(
            update(ADDRESSES).where(ADDRESSES.c.id == bindparam("key"))
            .values({k: bindparam(f"new_{k}") for k in _ADDRESS}),
            changed_addresses,
        )
    if added_addresses:
        owners = [key for key, _ in added_addresses]
        conn.execute(
            insert(ADDRESSES),
            [{"customer_id": key, "name": "", "phone": "", **address} for key, address in added_addresses],
        )
        # These customers had no address book until now: their newest address is the one just added.
        newest = conn.execute(
            select(ADDRESSES.c.customer_id, func.max(ADDRESSES.c.id))
            .where(ADDRESSES.c.customer_id.in_(owners)).group_by(ADDRESSES.c.customer_id)
        ).all()
        conn.execute(
            update(CUSTOMERS).where(CUSTOMERS.c.id == bindparam("key"))
            .values(billing_address_id=bindparam("address")),
            [{"key": key, "address": address_id} for key, address_id in newest],
        )
    return outcome


def upsert_products(uow: UnitOfWork, rows: Sequence[ProductRow]) -> Outcome:
    conn = uow.session.connection()
    found = {
        r.sku: r
        for r in conn.execute(
            select(PRODUCTS.c.id, PRODUCTS.c.sku, *(PRODUCTS.c[k] for k in _PRODUCT))
            .where(PRODUCTS.c.sku.in_([row.sku for row in rows]))
        )
    }
    outcome = Outcome()
    fresh: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for row in rows:
        values = {k: getattr(row, k) for k in _PRODUCT}
        old = found.get(row.sku)
        if old is None:
            fresh.append({"sku": row.sku, "is_bundle": False, "restock_date": None, **values})
        elif all(getattr(old, k) == values[k] for k in _PRODUCT):
            outcome.unchanged += 1
        else:
            changed.append({"key": old.id, **{f"new_{k}": val for k, val in values.items()}})
    if fresh:
        conn.execute(insert(PRODUCTS), fresh)
    if changed:
        conn.execute(
            update(PRODUCTS).where(PRODUCTS.c.id == bindparam("key"))
            .values({k: bindparam(f"new_{k}") for k in _PRODUCT}),
            changed,
        )
    outcome.imported, outcome.updated = len(fresh), len(changed)
    return outcome
