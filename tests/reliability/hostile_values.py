"""Hypothesis strategies of hostile argument values, and of plausible ones chosen by type hint.

Hostile: None, bools where numbers belong, integers past 64 bits, NaN, sNaN and
infinite Decimals and floats, lone surrogates, NUL, huge strings, wrong and nested
containers, objects no caller should pass. Plausible: what the type hint of the
parameter asks for, so a call also gets past its first check often enough to reach
deeper ones.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

SPECIAL_TEXT = [
    "\x00", "a\x00b", "'; DROP TABLE orders; --", '" OR 1=1 --', "%", "_%\\", "\\'", "\u202eevil\u202c",
    "😀" * 10, "👩‍👩‍👧‍👦", "ﷺ", "שלום עולם", "\r\n", "Robert'); DROP TABLE history;--", "", "   ",
    "\ufeff", "𝕏" * 300, "\udcff", "a\ud800b", "\udfff" * 3, "NaN", "-1", "1e999", "WID-1", "US",
    "credit_card", "²", "①", "٣", "0x10", "1_000", "12.345", "2026-02-30", "9999-12-31T23:59:59+14:00",
]
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPECIAL_TEXT),
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "é", "😀", "\u202e", "%", "\x00", "\udcff"]),
              st.integers(300, 120_000)),
)
HUGE_INTS = [2**31, 2**53 + 1, 2**62, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64, 10**30, -(10**30)]
ODD_DECIMALS = [Decimal("sNaN"), Decimal("-sNaN"), Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"),
                Decimal("1e999999"), Decimal("-0"), Decimal("1E-999999"), Decimal("12.345")]
NUMBER = st.one_of(
    st.integers(-5, 5),
    st.integers(),
    st.sampled_from(HUGE_INTS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(ODD_DECIMALS),
    st.booleans(),
)


ODD_OBJECTS = [
    object(), b"bytes", bytearray(b"x\x00"), memoryview(b"m"), 1j, Ellipsis, NotImplemented,
    date.min, datetime.max, datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=14))), timedelta(days=-1),
    range(3), frozenset({1}), type, print, Path("."), (), [], {}, set(),
]
SCALAR = st.one_of(st.none(), TEXT, NUMBER, st.sampled_from(ODD_OBJECTS))
CONTAINER = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.tuples(inner, inner), st.sets(st.integers(), max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=5), st.integers(), st.none()), inner, max_size=3),
    ),
    max_leaves=6,
)
DEEP = st.integers(50, 5_000).map(lambda n: _nest(n))
HOSTILE = st.one_of(SCALAR, CONTAINER, DEEP)


def _nest(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


ADDRESS = st.fixed_dictionaries(
    {"line1": st.just("12 Elm Street") | TEXT, "city": st.just("Springfield") | TEXT,
     "country": st.just("US") | TEXT},
    optional={"name": TEXT, "postal_code": TEXT, "phone": TEXT, "region": HOSTILE, "line2": TEXT,
              "id": HOSTILE, "planet": TEXT},
)
GUEST = st.fixed_dictionaries(
    {"first_name": st.just("Gail") | TEXT, "last_name": st.just("Guest") | TEXT},
    optional={"email": st.just("gail@example.com") | TEXT, "phone": st.just("555-010-3000") | TEXT,
              "shoe_size": HOSTILE},
)
WORDS = ["cross_sell", "up_sell", "accessory", "replacement", "consumer_direct", "b2b", "USD", "EUR",
         "order", "quote", "credit_card", "check", "paypal", "on_account", "standard", "express",
         "csr", "supervisor", "admin", "Suspected fraud", "Customer request", "pending", "released"]
PLAUSIBLE_TEXT = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=20), TEXT)
AMOUNT = st.one_of(st.decimals(min_value=0, max_value=2000, places=2), st.sampled_from(["19.99", "0", "5"]))
MOMENT = st.one_of(st.dates(), st.datetimes(), st.sampled_from(["2026-11-21", "2026-11-21T10:00:00+14:00"]))


def _callable_stub(*args: object, **kwargs: object) -> None:
    return None


def _plausible_for_origin(origin: Any, args: tuple[Any, ...]) -> st.SearchStrategy[Any] | None:
    if origin in (list, Iterable, typing.Sequence) or origin is getattr(typing, "List", None):
        return st.lists(plausible(args[0] if args else Any), max_size=3)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(plausible(args[0]), max_size=3).map(tuple)
        return st.tuples(*(plausible(a) for a in args))
    if origin in (dict, Mapping):
        key, value = args if args else (Any, Any)
        return st.dictionaries(plausible(key), plausible(value), max_size=3)
    if origin is Callable:
        return st.just(_callable_stub)
    if origin is typing.Literal:
        return st.sampled_from(args)
    return None


def plausible(hint: Any) -> st.SearchStrategy[Any]:
    """A value of the kind the hint asks for (not necessarily one the service accepts)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return plausible(args[0])
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(plausible(a) for a in args))
    if origin is not None:
        found = _plausible_for_origin(origin, args)
        return HOSTILE if found is None else found
    simple: dict[Any, st.SearchStrategy[Any]] = {
        type(None): st.none(), bool: st.booleans(), int: st.integers(0, 30), str: PLAUSIBLE_TEXT,
        Decimal: AMOUNT.map(Decimal), float: st.floats(0, 100), date: st.dates(), datetime: st.datetimes(),
        object: HOSTILE, Any: HOSTILE,
    }
    if hint in simple:
        return simple[hint]
    if hint is Callable or (isinstance(hint, type) and issubclass(hint, Callable)):  # type: ignore[arg-type]
        return st.just(_callable_stub)
    return HOSTILE


def either(plausible_values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Half plausible, half hostile: deep checks get reached and the first ones get tried."""
    return st.one_of(plausible_values, HOSTILE)


__all__ = ["ADDRESS", "AMOUNT", "GUEST", "HOSTILE", "MOMENT", "TEXT", "either", "plausible"]
