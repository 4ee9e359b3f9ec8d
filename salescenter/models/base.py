"""Declarative base, naming convention and the column types shared by all models."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from sqlalchemy import DateTime, MetaData, Numeric, String
from sqlalchemy.orm import DeclarativeBase, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Annotated[Decimal, mapped_column(Numeric(12, 2, asdecimal=True))]
Rate = Annotated[Decimal, mapped_column(Numeric(7, 4, asdecimal=True))]
Timestamp = Annotated[datetime, mapped_column(DateTime())]
ShortText = Annotated[str, mapped_column(String(200))]
Code = Annotated[str, mapped_column(String(40))]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Money is the default meaning of Decimal here; rates say so explicitly.
    type_annotation_map = {Decimal: Numeric(12, 2, asdecimal=True), datetime: DateTime()}
