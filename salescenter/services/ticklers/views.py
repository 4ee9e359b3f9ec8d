"""Read models of ticklers (API.md "the rep's day")."""

from __future__ import annotations

from datetime import datetime

from ..views import View


class TicklerActionView(View):
    at: datetime
    user: str
    text: str


class TicklerView(View):
    id: int
    reason: str
    comment: str = ""
    status: str  # "open" | "resolved"
    remind_at: datetime | None = None
    assignee: str | None = None
    role: str | None = None
    order_id: int | None = None
    customer_id: int | None = None
    return_id: int | None = None
    created_by: str
    created_at: datetime
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    actions: list[TicklerActionView] = []
    # Beyond API.md: what a list shows without asking again.
    due: bool = False
    order_number: str | None = None
    customer_name: str | None = None
    assigned_to: str = ""  # "csr2", or the role's name: "Supervisor"
    # "record", "resolve", "reassign" mapped to None when this user may do it now,
    # or to the reason in the user's words when not (as OrderView.actions).
    commands: dict[str, str | None] = {}
