"""Server sessions (SRV-3): a token per signed-in desk, kept in the database as a hash only.

A session ends at sign-out, after ``idle`` without a request, and at once when its user is
disabled: every request reads the session and its user again, so a change made through any
server process counts on the next request to any other (SRV-7).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine, delete, select

from ..errors import AuthenticationError
from ..models import DeskSession, User
from ..services.uow import UnitOfWork, run
from ..services.views import UserView

DEFAULT_IDLE = timedelta(minutes=60)
# last_seen is written at most this often: a request otherwise costs a write.
TOUCH_EVERY = timedelta(seconds=30)
ENDED = "Your session has ended; sign in again."


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass
class SessionInfo:
    token_hash: str
    user: UserView
    workstation: str
    lock_epochs: dict[int, int] = field(default_factory=dict)


def open_session(engine: Engine, user: UserView, workstation: str) -> str:
    """A new session for a signed-in user; returns its token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)

    def work(uow: UnitOfWork) -> None:
        now = uow.now
        uow.session.add(DeskSession(
            token_hash=token_hash(token), user_id=user.id, workstation=workstation[:200],
            created_at=now, last_seen_at=now, lock_epochs="{}",
        ))
        uow.commit()

    run(engine, work)
    return token


def resolve(engine: Engine, token: str, idle: timedelta = DEFAULT_IDLE) -> SessionInfo:
    """The live session of a token, or AuthenticationError (and the session ends if it should)."""
    digest = token_hash(token)

    def look(uow: UnitOfWork) -> tuple[SessionInfo | None, str]:
        row = uow.session.execute(
            select(DeskSession, User).join(User, User.id == DeskSession.user_id)
            .where(DeskSession.token_hash == digest)
        ).first()
        if row is None:
            raise AuthenticationError(ENDED)
        desk_session, user = row
        if not user.active:
            return None, f"The account '{user.username}' is disabled; its session has ended."
        if desk_session.last_seen_at < uow.now - idle:
            minutes = int(idle.total_seconds() // 60)
            return None, f"Your session ended after {minutes} minutes without activity; sign in again."
        info = SessionInfo(digest, UserView.model_validate(user), desk_session.workstation,
                           _epochs(desk_session.lock_epochs))
        return info, "touch" if desk_session.last_seen_at < uow.now - TOUCH_EVERY else ""

    info, outcome = run(engine, look, readonly=True)
    if info is None:
        end(engine, digest)
        raise AuthenticationError(outcome)
    if outcome == "touch":
        run(engine, lambda uow: _touch(uow, digest))
    return info


def end(engine: Engine, digest: str) -> None:
    def work(uow: UnitOfWork) -> None:
        uow.session.execute(delete(DeskSession).where(DeskSession.token_hash == digest))
        uow.commit()

    run(engine, work)


def save_lock_epochs(engine: Engine, digest: str, before: dict[int, int], after: dict[int, int]) -> None:
    """Apply what one request changed of the desk's lock epochs (others may have changed other orders)."""
    def work(uow: UnitOfWork) -> None:
        row = uow.session.scalars(
            select(DeskSession).where(DeskSession.token_hash == digest).with_for_update()
        ).first()
        if row is None:
            return
        epochs = _epochs(row.lock_epochs)
        for order_id in before.keys() - after.keys():
            epochs.pop(order_id, None)
        epochs.update({key: value for key, value in after.items() if before.get(key) != value})
        row.lock_epochs = json.dumps({str(key): value for key, value in epochs.items()})
        uow.commit()

    run(engine, work)


def _touch(uow: UnitOfWork, digest: str) -> None:
    row = uow.session.scalars(select(DeskSession).where(DeskSession.token_hash == digest)).first()
    if row is not None:
        row.last_seen_at = uow.now
        uow.commit()


def _epochs(raw: str) -> dict[int, int]:
    try:
        loaded = json.loads(raw or "{}")
        return {int(key): int(value) for key, value in loaded.items()}
    except (ValueError, TypeError, AttributeError):
        return {}
