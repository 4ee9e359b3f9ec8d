"""Writing the audit trail: one row per changed field, in the change's own unit of work."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ...models import AuditRecord
from ..uow import UnitOfWork

ENTITIES = {
    "customer": "Customer",
    "user": "User",
    "store": "Store",
    "product": "Product",
    "promotion": "Promotion",
}
# What the trail follows of each record. Stock is left out: it moves with every order.
FIELDS: dict[str, tuple[str, ...]] = {
    "customer": ("first_name", "last_name", "company", "email", "phone", "credit_limit", "tax_exempt"),
    "user": ("username", "role", "active"),
    "store": ("code", "name", "kind", "currency", "review_threshold", "tax_rate", "payment_methods",
              "block_reasons", "return_days"),
    "product": ("sku", "name", "description", "list_price", "restock_date", "available", "is_bundle"),
    "promotion": ("name", "percent_off", "amount_off", "coupon_code", "sku", "min_subtotal", "starts",
                  "ends", "active", "uses_per_customer", "max_uses", "currency"),
}
# The name a person searches a record by.
_NAMES = {"customer": "full_name", "user": "username", "store": "code", "product": "sku",
          "promotion": "name"}
MAX_VALUE = 4000


def shown(value: Any) -> str:
    """A value as the trail keeps it: the text a person reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(shown(item) for item in value)
    return str(value)[:MAX_VALUE]


def snapshot(record: object, fields: Iterable[str]) -> dict[str, str]:
    return {name: shown(getattr(record, name)) for name in fields}


def record_changes(
    uow: UnitOfWork, user: str, entity: str, entity_id: int, entity_name: str,
    before: Mapping[str, Any], after: Mapping[str, Any],
) -> int:
    """One row per field whose value differs; returns how many were written."""
    assert entity in ENTITIES, entity
    written = 0
    for name in after:
        old, new = shown(before.get(name)), shown(after[name])
        if old == new:
            continue
        uow.session.add(AuditRecord(
            at=uow.now, user=user, entity=entity, entity_id=entity_id, entity_name=entity_name[:200],
            field=name[:80], before=old, after=new,
        ))
        written += 1
    return written


def record_created(
    uow: UnitOfWork, user: str, entity: str, entity_id: int, entity_name: str, after: Mapping[str, Any],
) -> int:
    """A new record: its first values, each against an empty before."""
    return record_changes(uow, user, entity, entity_id, entity_name, {}, after)


def snapshot_of(entity: str, record: object) -> dict[str, str]:
    """The followed fields of a record as they are now: take it before changing it."""
    return snapshot(record, FIELDS[entity])


def created(uow: UnitOfWork, user: str, entity: str, record: Any) -> int:
    """A new record (flushed, so it has its id): its first values."""
    return record_changes(uow, user, entity, record.id, str(getattr(record, _NAMES[entity])), {},
                          snapshot_of(entity, record))


def changed(uow: UnitOfWork, user: str, entity: str, record: Any, before: Mapping[str, Any],
            extra: Mapping[str, tuple[Any, Any]] | None = None) -> int:
    """The fields that differ from ``before`` (a ``snapshot_of``), plus ``extra``
    (field: (before, after)) for what is not a column: an address, a component."""
    old, new = dict(before), snapshot_of(entity, record)
    for name, (was, now) in (extra or {}).items():
        old[name], new[name] = shown(was), shown(now)
    return record_changes(uow, user, entity, record.id, str(getattr(record, _NAMES[entity])), old, new)


def address_line(row: Any) -> str:
    """An address-book entry on one line, as the trail shows it."""
    parts = (row.name, row.line1, row.line2, row.city, row.region, row.postal_code, row.country, row.phone)
    return ", ".join(part for part in parts if part)


def field_changed(uow: UnitOfWork, user: str, entity: str, record: Any, field: str, before: Any,
                  after: Any) -> int:
    """One field that is not a column of the record: an address, an association."""
    return record_changes(uow, user, entity, record.id, str(getattr(record, _NAMES[entity])),
                          {field: before}, {field: after})
