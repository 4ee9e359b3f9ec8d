"""Overridable conditions as named warnings (ARCHITECTURE.md, tryton's user warnings).

A change that meets one raises ``errors.WarningRequired`` naming it and saves
nothing; the rep is asked, and the caller repeats the same call with
``acknowledge=<name>`` (or several names). The change then goes ahead and its
history entry records what was acknowledged, by whom (the entry's user).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ...errors import ValidationError

# The total rises above what PayPal authorized, within the allowance PAY-2 grants.
PAYPAL_RAISE = "paypal_raise"
# A placed price below the list price (ORD-10), by a user allowed to set one.
PRICE_BELOW_LIST = "price_below_list"
WARNINGS = (PAYPAL_RAISE, PRICE_BELOW_LIST)

Acknowledge = str | Iterable[str] | None
# What the caller has already answered yes to around a call (a desktop repeating the
# change the rep confirmed): the same as passing ``acknowledge=`` to that call.
_ANSWERED: ContextVar[frozenset[str]] = ContextVar("acknowledged_warnings", default=frozenset())


@contextmanager
def answered(names: Iterable[str]) -> Iterator[None]:
    """Calls made inside acknowledge ``names`` (each a name from WARNINGS)."""
    token = _ANSWERED.set(acknowledged(list(names)))
    try:
        yield
    finally:
        _ANSWERED.reset(token)


def acknowledged(value: object) -> frozenset[str]:
    """The warning names a call acknowledges: None, one name, or a collection of names."""
    if value is None:
        return _ANSWERED.get()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list | tuple | set | frozenset):
        raise ValidationError("Acknowledge names a warning, or a list of warnings.", "Acknowledge")
    unknown = [n for n in names if n not in WARNINGS]
    if unknown:
        raise ValidationError(
            f"There is no warning named {unknown[0]!r} to acknowledge; the warnings are "
            f"{', '.join(WARNINGS)}.", "Acknowledge",
        )
    return frozenset(names) | _ANSWERED.get()
