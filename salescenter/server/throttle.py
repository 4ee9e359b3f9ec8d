"""Sign-in throttling (SRV-3): after 5 wrong passwords in a row a user's sign-in is refused for a
growing time, and the refusal says how long.

The count lives in the database (``sign_in_failures``), so every server process, and every
embedded desk on the same file, sees the same pause (SRV-7). A right password clears it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite

from ..errors import AuthenticationError
from ..models import SignInFailures, User
from ..services import users as user_rules
from ..services.uow import UnitOfWork, run
from ..services.views import LockedOut, UserView

FREE_TRIES = 5
FIRST_PAUSE_SECONDS = 30
LONGEST_PAUSE_SECONDS = 3600


def pause_after(failures: int) -> int:
    """Seconds a user waits after ``failures`` wrong passwords in a row: 30, 60, 120, ... up to an hour."""
    if failures < FREE_TRIES:
        return 0
    return int(min(FIRST_PAUSE_SECONDS * 2 ** (failures - FREE_TRIES), LONGEST_PAUSE_SECONDS))


def _wait_text(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    return f"try again in {whole} second{'s' if whole != 1 else ''}"


@dataclass(frozen=True)
class _Attempt:
    user: UserView | None  # None: refused
    user_id: int | None  # None: no such user (nothing to count)
    failures: int  # wrong passwords in a row before this attempt
    refusal: str = ""


def sign_in(engine: Engine, username: object, password: object) -> UserView:
    """The user behind a name and password, or AuthenticationError; wrong passwords are counted."""
    attempt = run(engine, lambda uow: _check(uow, username, password), readonly=True)
    if attempt.user is None:
        if attempt.user_id is None:
            raise AuthenticationError(attempt.refusal)
        user_id = attempt.user_id
        pause = run(engine, lambda uow: _count_failure(uow, user_id))
        message = attempt.refusal
        if pause:
            message = (f"{message.rstrip('.')}. After {FREE_TRIES} wrong passwords in a row, sign-in for "
                       f"'{_name(username)}' is paused; {_wait_text(pause)}.")
        raise AuthenticationError(message)
    signed_in = attempt.user
    if attempt.failures:
        run(engine, lambda uow: _clear(uow, signed_in.id))
    return signed_in


def _check(uow: UnitOfWork, username: object, password: object) -> _Attempt:
    user_id = _user_id(uow, username)
    row = uow.session.get(SignInFailures, user_id) if user_id is not None else None
    if row is not None and row.locked_until is not None and row.locked_until > uow.now:
        left = (row.locked_until - uow.now).total_seconds()
        raise AuthenticationError(
            f"Sign-in for '{_name(username)}' is paused after {row.failures} wrong passwords "
            f"in a row; {_wait_text(left)}."
        )
    failures = row.failures if row is not None else 0
    try:
        user = UserView.model_validate(user_rules.authenticate(uow, username, password))
    except AuthenticationError as refusal:
        return _Attempt(None, user_id, failures, refusal.message)
    return _Attempt(user, user_id, failures)


def locked_out(engine: Engine) -> list[LockedOut]:
    """Users whose sign-in is paused now, for an administrator."""
    def work(uow: UnitOfWork) -> list[LockedOut]:
        rows = uow.session.execute(
            select(User.username, SignInFailures.failures, SignInFailures.locked_until)
            .join(User, User.id == SignInFailures.user_id)
            .where(SignInFailures.locked_until > uow.now)
            .order_by(User.username)
        ).all()
        return [LockedOut(username=name, failures=failures, locked_until=until,
                          seconds_left=math.ceil((until - uow.now).total_seconds()))
                for name, failures, until in rows if until is not None]

    return run(engine, work, readonly=True)


def _name(username: object) -> str:
    return username.strip().lower() if isinstance(username, str) else ""


def _user_id(uow: UnitOfWork, username: object) -> int | None:
    if not isinstance(username, str) or "\x00" in username:
        return None
    return uow.session.scalar(select(User.id).where(User.username == _name(username)))


def _count_failure(uow: UnitOfWork, user_id: int) -> int:
    # Two processes counting the first failure at once must not both insert the row.
    insert = postgresql.insert if uow.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    uow.session.execute(
        insert(SignInFailures).values(user_id=user_id, failures=0).on_conflict_do_nothing()
    )
    row = uow.session.scalars(
        select(SignInFailures).where(SignInFailures.user_id == user_id)
        .with_for_update().execution_options(populate_existing=True)
    ).one()
    row.failures += 1
    pause = pause_after(row.failures)
    row.locked_until = uow.now + timedelta(seconds=pause) if pause else None
    uow.commit()
    return pause


def _clear(uow: UnitOfWork, user_id: int) -> None:
    row = uow.session.get(SignInFailures, user_id)
    if row is not None:
        uow.session.delete(row)
        uow.commit()
