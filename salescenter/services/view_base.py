"""The base of every read model the services return: built from ORM rows, never changed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class View(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)
