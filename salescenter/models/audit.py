"""The audit trail of AUD-1: who changed which field of which record, from what, to what."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AuditRecord(Base):
    """Append-only: the database refuses UPDATE and DELETE (migration 0007).

    ``entity_id`` carries no foreign key: the trail outlives what it describes.
    ``entity_name`` is the name a person searches by (user name, store code, SKU).
    """

    __tablename__ = "audit_trail"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    user: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    entity_name: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str] = mapped_column(String(80))
    before: Mapped[str] = mapped_column(Text, default="")
    after: Mapped[str] = mapped_column(Text, default="")


Index("ix_audit_trail_entity", AuditRecord.entity, AuditRecord.entity_id, AuditRecord.id)
Index("ix_audit_trail_user", AuditRecord.user, AuditRecord.id)
