"""What crosses the wire between the server and the remote desk: values, views and typed errors.

JSON alone would turn a Decimal into a float and a datetime into a string, so every value that
JSON cannot carry exactly is tagged: ``{"$": "decimal", "v": "19.99"}``. Pydantic views travel
field by field and are rebuilt with their own class (``model_validate``), so the client gets the
same ``OrderView`` with the same Decimal and datetime values the embedded desk returns. Only
classes of Sales Center itself are rebuilt; anything else is refused.

Errors travel as their class name, message and attributes (``field``, ``authority``, ``holder``,
``name``) and are raised again as the same ``salescenter.errors`` class.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from .. import errors

TAG = "$"


class WireError(ValueError):
    """A value that cannot cross the wire (an unknown tag or class)."""


def encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return {TAG: "float", "v": repr(value)}
    if isinstance(value, Decimal):
        return {TAG: "decimal", "v": str(value)}
    if isinstance(value, datetime):
        return {TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, time):
        return {TAG: "time", "v": value.isoformat()}
    if isinstance(value, timedelta):
        return {TAG: "timedelta", "v": value.total_seconds()}
    if isinstance(value, BaseModel):
        fields = {name: encode(getattr(value, name)) for name in type(value).model_fields}
        return {TAG: "model", "type": type(value).__name__, "v": fields}
    if isinstance(value, Enum):
        return {TAG: "enum", "type": type(value).__name__, "v": encode(value.value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {TAG: "dataclass", "type": type(value).__name__, "v": fields}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": [encode(item) for item in value]}
    if isinstance(value, (set, frozenset)):
        return {TAG: "frozenset" if isinstance(value, frozenset) else "set",
                "v": [encode(item) for item in value]}
    if isinstance(value, dict):
        return {TAG: "map", "v": [[encode(key), encode(item)] for key, item in value.items()]}
    raise WireError(f"a {type(value).__name__} cannot cross the wire")


def decode(raw: Any, *, trusted: bool = False) -> Any:
    """A value from the wire. ``trusted`` (the client reading the server) also rebuilds dataclasses
    and enums; the server rebuilds only plain values and Sales Center's pydantic models."""
    if raw is None or isinstance(raw, (bool, int, str)):
        return raw
    if isinstance(raw, float):
        return raw
    if isinstance(raw, list):
        return [decode(item, trusted=trusted) for item in raw]
    if not isinstance(raw, dict) or not isinstance(raw.get(TAG), str):
        raise WireError("an untagged object")
    kind, value = raw[TAG], raw.get("v")
    try:
        return _decode_tagged(kind, raw, value, trusted)
    except (TypeError, ValueError, ArithmeticError, KeyError) as error:
        if isinstance(error, WireError):
            raise
        raise WireError(f"a malformed {kind}") from None


def _decode_tagged(kind: str, raw: dict[str, Any], value: Any, trusted: bool) -> Any:
    simple: dict[str, Any] = {"float": float, "decimal": Decimal, "datetime": datetime.fromisoformat,
              "date": date.fromisoformat, "time": time.fromisoformat}
    if kind in simple:
        if not isinstance(value, str):
            raise WireError(f"a malformed {kind}")
        return simple[kind](value)
    if kind == "timedelta":
        return timedelta(seconds=float(value))
    if kind in ("tuple", "set", "frozenset"):
        items = [decode(item, trusted=trusted) for item in value]
        return {"tuple": tuple, "set": set, "frozenset": frozenset}[kind](items)
    if kind == "map":
        return {decode(key, trusted=trusted): decode(item, trusted=trusted) for key, item in value}
    if kind == "model":
        cls = _lookup("model", str(raw.get("type")))
        if cls is None or not isinstance(value, dict):
            raise WireError(f"an unknown view {raw.get('type')!r}")
        return cls.model_validate({key: decode(item, trusted=trusted) for key, item in value.items()})
    if trusted and kind == "enum":
        enum_cls = _lookup("enum", str(raw.get("type")))
        if enum_cls is None:
            raise WireError(f"an unknown value kind {raw.get('type')!r}")
        return enum_cls(decode(value, trusted=True))
    if trusted and kind == "dataclass":
        data_cls = _lookup("dataclass", str(raw.get("type")))
        if data_cls is None or not isinstance(value, dict):
            raise WireError(f"an unknown record {raw.get('type')!r}")
        return data_cls(**{key: decode(item, trusted=True) for key, item in value.items()})
    raise WireError(f"an unknown kind {kind!r}")


def _subclasses(base: type) -> list[type]:
    found: list[type] = []
    todo: list[type] = list(base.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _ours(cls: type) -> bool:
    return cls.__module__.startswith("salescenter.")


def _classes(base: type) -> dict[str, Any]:
    return {cls.__name__: cls for cls in reversed(_subclasses(base)) if _ours(cls)}


def _dataclasses() -> dict[str, type]:
    import gc
    import sys

    # ``@dataclass(slots=True)`` builds a second class and drops the first, which lingers
    # until the collector runs: only the class its module names is the real one.
    found: dict[str, type] = {}
    for cls in gc.get_objects():
        if not isinstance(cls, type):
            continue
        kind: type = cls
        if dataclasses.is_dataclass(cls) and _ours(kind) and \
                getattr(sys.modules.get(kind.__module__), kind.__name__, None) is kind:
            found[kind.__name__] = kind
    return found


_KNOWN: dict[str, dict[str, Any]] = {}
_FINDERS = {"model": lambda: _classes(BaseModel), "enum": lambda: _classes(Enum), "dataclass": _dataclasses}


def _lookup(kind: str, name: str) -> Any:
    """Sales Center's own class of that name. A name not found yet may live in a service module this
    process has not imported (a client imports few), so every service module is imported once first."""
    known = _KNOWN.get(kind)
    if known is None or name not in known:
        known = _KNOWN[kind] = _FINDERS[kind]()
    if name not in known and not _ALL_IMPORTED:
        _import_services()
        known = _KNOWN[kind] = _FINDERS[kind]()
    return known.get(name)


_ALL_IMPORTED: list[bool] = []


def _import_services() -> None:
    import importlib
    import pkgutil

    from .. import services

    for module in pkgutil.walk_packages(services.__path__, services.__name__ + "."):
        importlib.import_module(module.name)
    _ALL_IMPORTED.append(True)


# --- errors ---------------------------------------------------------------------------------


def encode_error(error: errors.SalesCenterError) -> dict[str, Any]:
    fields = {}
    for name, value in vars(error).items():
        if name == "message" or name.startswith("_"):
            continue
        try:
            fields[name] = encode(value)
        except WireError:
            continue
    bases = [cls.__name__ for cls in type(error).__mro__
             if isinstance(cls, type) and issubclass(cls, errors.SalesCenterError)]
    return {"class": type(error).__name__, "bases": bases, "message": error.message, "fields": fields}


def decode_error(raw: Any) -> Exception:
    """The error the server sent, as the same class; a server error unknown here becomes its nearest
    known base, and anything unreadable a SalesCenterError."""
    if not isinstance(raw, dict):
        return errors.SalesCenterError("The server sent an answer this desk cannot read.")
    message = str(raw.get("message") or "The server refused this request.")
    known = {cls.__name__: cls for cls in [errors.SalesCenterError, *_subclasses(errors.SalesCenterError)]}
    names = [raw.get("class"), *(raw.get("bases") or [])]
    cls = next((known[name] for name in names if isinstance(name, str) and name in known),
               errors.SalesCenterError)
    error: errors.SalesCenterError = Exception.__new__(cls)
    Exception.__init__(error, message)
    error.message = message
    for name, value in (raw.get("fields") or {}).items():
        if isinstance(name, str) and not name.startswith("_"):
            try:
                setattr(error, name, decode(value, trusted=True))
            except WireError:
                continue
    return error
