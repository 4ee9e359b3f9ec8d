"""Unit of work: one transaction that rolls back unless committed.

Writers on PostgreSQL retry serialization failures, deadlocks and lock
timeouts a bounded number of times; the whole unit is re-run from the start,
so no side effect is ever applied twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from tenacity import (
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_random_exponential,
)

from ..db.clock import utcnow
from ..errors import AuthorizationError, ConflictError, SalesCenterError, ValidationError
from .validation import MAX_MONEY

T = TypeVar("T")
log = logging.getLogger(__name__)

RETRY_SQLSTATES = {"40001", "40P01", "55P03"}
NUMERIC_OUT_OF_RANGE = "22003"
MAX_TRIES = 5


class UnitOfWork:
    def __init__(self, engine: Engine, *, readonly: bool = False) -> None:
        self._engine = engine.execution_options(sqlite_begin="DEFERRED") if readonly else engine
        self._committed = False
        self._now: datetime | None = None
        # While an order change runs (orders/base.py), the payment moves it causes (a capture on
        # shipment, a void on cancel) join its one history entry instead of writing their own.
        self.payment_moves: list[dict[str, Any]] | None = None
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = Session(bind=self._engine, expire_on_commit=False, autoflush=True)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self._committed:
                self.session.rollback()
        finally:
            self.session.close()

    @property
    def now(self) -> datetime:
        """The database's clock, read once per unit so every row of it agrees."""
        if self._now is None:
            self._now = self.session.scalar(select(utcnow()))
            if isinstance(self._now, str):  # SQLite without type processing
                self._now = datetime.fromisoformat(self._now)
        assert self._now is not None
        return self._now

    def commit(self) -> None:
        try:
            self.session.commit()
        except StaleDataError:
            raise ConflictError(
                "Someone else saved this order at the same moment; reopen it and try again."
            ) from None
        self._committed = True


def _is_transient(error: BaseException) -> bool:
    return _transient_failure(error)


def _transient_failure(error: BaseException) -> bool:
    if isinstance(error, DBAPIError):
        code = getattr(error.orig, "sqlstate", None)
        if code in RETRY_SQLSTATES:
            return True
        if isinstance(error, OperationalError) and "database is locked" in str(error.orig):
            return True
    return False


def run(engine: Engine, work: Callable[[UnitOfWork], T], *, readonly: bool = False) -> T:
    """Run ``work`` in a fresh unit, retrying transient database failures.

    At most ``MAX_TRIES`` tries with jittered back-off; a unit that still fails
    reaches the rep as a ConflictError, and the server's own refusals (PostgreSQL
    guards, ``salescenter.db.roles``) as an AuthorizationError.
    """
    try:
        return _run_with_retry(engine, work, readonly=readonly)
    except DBAPIError as error:
        code = getattr(error.orig, "sqlstate", None)
        if _transient_failure(error):
            log.warning("gave up after %d tries: %s", MAX_TRIES, error.orig)
            raise ConflictError(
                "The database stayed busy with other reps' changes; try again in a moment."
            ) from None
        if code == "42501":
            reason = str(error.orig).splitlines()[0] if error.orig else "refused"
            raise AuthorizationError(f"The server refused this: {reason}.", reason) from None
        raise


def _run_with_retry(engine: Engine, work: Callable[[UnitOfWork], T], *, readonly: bool) -> T:
    for attempt in Retrying(
        retry=retry_if_exception(_is_transient),
        stop=stop_after_attempt(MAX_TRIES),
        wait=wait_random_exponential(multiplier=0.02, max=0.5),
        reraise=True,
    ):
        with attempt, UnitOfWork(engine, readonly=readonly) as uow:
            try:
                return work(uow)
            except SalesCenterError:
                raise
            except StaleDataError:
                raise ConflictError(
                    "Someone else saved this order at the same moment; reopen it and try again."
                ) from None
            except (IntegrityError, DataError) as error:
                # Services check first; this is the last line against a race.
                log.info("refused by the database: %s", error.orig)
                if getattr(error.orig, "sqlstate", None) == NUMERIC_OUT_OF_RANGE:
                    raise ValidationError(
                        f"An amount is too large to store: at most {MAX_MONEY:,}.", "Amount"
                    ) from None
                raise ValidationError(
                    "That conflicts with a record saved a moment ago; refresh and try again.",
                    "",
                ) from None
    raise AssertionError("unreachable")
