"""Who may work a tickler, and the checks on what a rep types (TKL-1)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from ...errors import AuthorizationError, StateError, ValidationError
from ...labels import role_label
from ...models import Tickler, User
from .. import validation as v
from ..authority import ROLES, Authority, allowed
from ..context import DeskContext
from ..uow import UnitOfWork

OPEN, RESOLVED = "open", "resolved"
EARLIEST, LATEST = 2000, 2200


def remind_time(value: Any) -> datetime | None:
    """A time to remind on: a datetime (UTC when it carries no zone), a date, or ISO text."""
    wrong = ValidationError("Remind on must be a date and time such as 2026-12-02 09:00.", "Remind on")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise wrong from None
    if isinstance(value, datetime):
        when = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    elif isinstance(value, date):
        when = datetime(value.year, value.month, value.day)
    else:
        raise wrong
    if not EARLIEST <= when.year < LATEST:
        raise ValidationError(f"Remind on must be a date between {EARLIEST} and {LATEST}.", "Remind on")
    return when


def assignment(uow: UnitOfWork, assignee: Any, role: Any) -> tuple[str | None, str | None]:
    """(assignee, role): a user who exists and is active, or a role; never both."""
    if assignee is not None and role is not None:
        raise ValidationError("Assign the tickler to one user or to one role, not both.", "Assignee")
    if role is not None:
        return None, v.choice(role, "Role", {r: role_label(r) for r in ROLES})
    name = v.text(assignee, "Assignee", max_length=64).lower()
    user = uow.session.scalar(select(User.username).where(User.username == name, User.active.is_(True)))
    if user is None:
        raise ValidationError(f"There is no active user '{name}' to assign the tickler to.", "Assignee")
    return user, None


def assigned_to(tickler: Tickler) -> str:
    return tickler.assignee or role_label(tickler.role)


def why_not_work(ctx: DeskContext, tickler: Tickler) -> str | None:
    """None when this user may record actions on and resolve the tickler."""
    if tickler.status != OPEN:
        return f"Tickler {tickler.id} was resolved by {tickler.resolved_by}."
    if tickler.assignee == ctx.username or tickler.role == ctx.role:
        return None
    if allowed(ctx.role, Authority.REASSIGN_TICKLERS):
        return None
    return (f"Tickler {tickler.id} is assigned to {assigned_to(tickler)}; only they or a "
            "Supervisor can work it.")


def why_not_reassign(ctx: DeskContext, tickler: Tickler) -> str | None:
    if tickler.status != OPEN:
        return f"Tickler {tickler.id} was resolved by {tickler.resolved_by}."
    if not allowed(ctx.role, Authority.REASSIGN_TICKLERS):
        return (f"Reassigning a tickler needs the authority '{Authority.REASSIGN_TICKLERS.value}' "
                f"(Supervisor or above); {ctx.username} is signed in as {role_label(ctx.role)}.")
    return None


def require_work(ctx: DeskContext, tickler: Tickler) -> None:
    reason = why_not_work(ctx, tickler)
    if reason is None:
        return
    if tickler.status != OPEN:
        raise StateError(reason)
    raise AuthorizationError(reason, Authority.REASSIGN_TICKLERS.value)


def require_reassign(ctx: DeskContext, tickler: Tickler) -> None:
    ctx.require(Authority.REASSIGN_TICKLERS, "Reassigning a tickler")
    reason = why_not_reassign(ctx, tickler)
    if reason is not None:
        raise StateError(reason)


def commands(ctx: DeskContext, tickler: Tickler) -> dict[str, str | None]:
    work = why_not_work(ctx, tickler)
    return {"record": work, "resolve": work, "reassign": why_not_reassign(ctx, tickler)}
