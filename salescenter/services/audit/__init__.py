"""The audit trail (AUD-1): who changed which field of a customer, user, store, product or
promotion, when, and the values before and after.

Services call ``record_changes`` (or ``record_created``) inside the unit of work that
makes the change, so the trail commits or rolls back with it. Values are kept as the
text a person reads; a password is never kept, only that it was set.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from ...errors import ValidationError
from ...models import AuditRecord
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..uow import UnitOfWork
from ..views import View
from .trail import (
    ENTITIES,
    address_line,
    changed,
    created,
    field_changed,
    record_changes,
    shown,
    snapshot,
    snapshot_of,
)

__all__ = [
    "ENTITIES", "AuditEntry", "AuditEntryView", "AuditService", "address_line", "changed", "created",
    "field_changed", "record_changes", "shown", "snapshot", "snapshot_of",
]
MAX_PAGE = 500


class AuditEntryView(View):
    id: int
    at: datetime
    user: str
    entity: str
    entity_id: int
    entity_name: str = ""
    field: str
    before: str = ""
    after: str = ""


AuditEntry = AuditEntryView


class AuditService(Service):
    def search(
        self, *, entity: str | None = None, entity_id: int | str | None = None, user: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> list[AuditEntryView]:
        """Newest first. ``entity_id`` is a record number, or the name one reads:
        a user name, a store code, a SKU."""
        self.ctx.require(Authority.VIEW_AUDIT, "Reading the audit trail")
        kind = None if entity is None else v.choice(entity, "Record type", ENTITIES)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
            raise ValidationError(f"Show from 1 to {MAX_PAGE} entries at a time.", "Results per page")
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValidationError("Page start must be zero or more.", "Page")
        by = None if user is None else v.text(user, "User", max_length=64).lower()
        key: int | str | None = None
        if isinstance(entity_id, str):
            key = v.text(entity_id, "Record", max_length=200).lower()
        elif entity_id is not None:
            key = v.identifier(entity_id, "Record")

        def work(uow: UnitOfWork) -> list[AuditEntryView]:
            query = select(AuditRecord)
            if kind is not None:
                query = query.where(AuditRecord.entity == kind)
            if isinstance(key, int):
                query = query.where(AuditRecord.entity_id == key)
            elif key is not None:
                query = query.where(func.lower(AuditRecord.entity_name) == key)
            if by is not None:
                query = query.where(AuditRecord.user == by)
            query = query.order_by(AuditRecord.id.desc()).limit(limit).offset(offset)
            return [AuditEntryView.model_validate(row) for row in uow.session.scalars(query)]

        return self.ctx.read(work)

    def entities(self) -> dict[str, str]:
        """Record types and the names a person reads, for a search form."""
        return dict(ENTITIES)
