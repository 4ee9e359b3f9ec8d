"""Which Desk operations a request may call, and calling one for a session.

Every request gets a fresh ``Desk`` for its session's user, built from what the database holds
(the user's current role, the lock epochs the desk took), so no state lives only in one server
process (SRV-7). Only public methods of the Desk's service namespaces can be called; the
services check the user's authority and the order's state exactly as on the embedded desk.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from ..api import Desk
from ..errors import NotFoundError
from ..services.context import DeskContext
from ..services.views import Changes
from .sessions import SessionInfo, save_lock_epochs

# Import and export read and write files where the service runs: on a server that is the
# server's disk, so they stay on the command line of the server's machine.
NOT_REMOTE = frozenset({"transfer"})


def build_desk(engine: Engine, info: SessionInfo) -> Desk:
    user = info.user
    context = DeskContext(engine=engine, user_id=user.id, username=user.username, role=user.role,
                          workstation=info.workstation, lock_epochs=dict(info.lock_epochs))
    return Desk(context, user, [])


def _public_methods(service: object) -> list[str]:
    cls = type(service)
    return sorted(
        name for name in dir(cls)
        if not name.startswith("_") and inspect.isfunction(inspect.getattr_static(cls, name))
    )


def namespaces(desk: Desk) -> dict[str, list[str]]:
    """The service namespaces of a desk (``orders``, ``customers``, ...) and their public methods."""
    found = {}
    for name, value in vars(desk).items():
        if name.startswith("_") or name in NOT_REMOTE:
            continue
        if getattr(value, "ctx", None) is desk.context:
            found[name] = _public_methods(value)
    return found


@dataclass
class Outcome:
    result: Any
    changes: list[Changes] = field(default_factory=list)


def call(engine: Engine, info: SessionInfo, service: str, method: str,
         args: list[Any], kwargs: dict[str, Any]) -> Outcome:
    desk = build_desk(engine, info)
    if method not in namespaces(desk).get(service, ()):
        raise NotFoundError(f"This server offers no operation {service}.{method}.")
    # Checked like every desk call (services.arguments): wrong arguments are a ValidationError here too.
    target: Callable[..., Any] = getattr(getattr(desk, service), method)
    before = dict(desk.context.lock_epochs)
    outcome = Outcome(None)
    desk.context.listeners.append(outcome.changes.append)
    try:
        outcome.result = target(*args, **kwargs)
    finally:
        if desk.context.lock_epochs != before:
            save_lock_epochs(engine, info.token_hash, before, desk.context.lock_epochs)
    return outcome
