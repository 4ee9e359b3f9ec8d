"""Every public call's arguments checked against its type hints before any work starts.

A service method's hints are its contract: ``quantity: int`` takes a whole number and
not True, "5" or 5.0; ``placed_price: Decimal | str`` takes an amount and not NaN. The
hints are checked with pydantic in strict mode (nothing is converted: the method gets
the caller's own values), and every value, whatever its hint, is scanned for what no
field may hold: a lone surrogate or NUL in text, an integer beyond what the database
stores, a NaN or infinite number, nesting deeper than any record has. An unknown
keyword, a missing or surplus argument is refused the same way. A refusal is an
``errors.ValidationError`` naming the field in a rep's words, raised before the
database is touched, so it changes nothing.

``checked_methods`` applies it to a class; ``Service`` does so for every subclass, so
each namespace of a Desk, local or behind a server, gets it without listing anything.
"""

from __future__ import annotations

import functools
import inspect
import math
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter
from pydantic import ValidationError as PydanticError

from ..errors import ValidationError

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)

# Sums of two such numbers (an offset plus a page size) still fit a 64-bit column.
MAX_INTEGER = 2**62
MAX_DEPTH = 12
_STRICT = ConfigDict(strict=True, arbitrary_types_allowed=True)
_UNCHECKED = (Any, object, inspect.Parameter.empty)
_PARTS = {"line1", "line2", "city", "region", "postal_code", "country", "first_name", "last_name", "email",
          "phone"}
_PYDANTIC_NATIVE = {"builtins", "decimal", "datetime", "pathlib", "uuid"}

# Parameters in a rep's words, the words the services' own checks use: by class, method and
# name ("StoreService.create.name"), by method and name ("add_note.text"), or by name; any
# other name reads as itself ("review_threshold": "Review threshold").
LABELS = {
    "order_id": "Order", "order_ids": "Orders", "item_id": "Item", "customer_id": "Customer",
    "address_id": "Address", "block_id": "Block", "hold_id": "Hold", "sku": "SKU", "other_sku": "Other SKU",
    "skus": "SKU", "phrase": "Search phrase", "placed_price": "Placed price", "after": "Page start",
    "path": "Folder or file", "expected_version": "Expected version", "limit": "Results per page",
    "offset": "Page", "username": "User name", "starts": "Start date", "ends": "End date",
    "quote_expires": "Quote expiry date", "min_subtotal": "Minimum subtotal", "card_number": "Card number",
    "number": "Order number", "customer_name": "Customer name", "store": "Store",
    "add_note.text": "Note", "find.text": "Search", "place_block.reason": "Block reason",
    "place_block.comment": "Block comment", "modify_block.reason": "Block reason",
    "modify_block.comment": "Block comment", "hold.reason": "Hold reason", "cancel.reason": "Cancel reason",
    "cancel_remainder.reason": "Cancel reason", "cancel_item.reason": "Cancel reason",
    "cancel_item.quantity": "Cancel quantity", "personalize.text": "Personalization",
    "set_ship_complete.on": "Ship complete", "apply_coupon.code": "Coupon code",
    "add_payment.method": "Payment method", "add_payment.amount": "Payment amount",
    "set_shipping.method": "Shipping method", "add_ship_to.method": "Shipping method",
    "ship_to_id": "Ship-to", "assign_item.quantity": "Quantity to move",
    "override_shipping.amount": "Shipping charge", "override_shipping.reason": "Override reason",
    "associate.kind": "Association kind",
    "create_product.name": "Product name", "create_bundle.name": "Bundle name",
    "create_promotion.name": "Promotion name", "search.name": "Order name",
    "StoreService.create.code": "Store code", "StoreService.get.code": "Store",
    "StoreService.create.name": "Store name", "StoreService.create.kind": "Store kind",
    "OrderCreation.create.name": "Order name",
    "ReturnService.create.lines": "Items", "ReturnService.create.reason": "Return reason",
    "ReturnService.create.kind": "Return kind", "ReturnService.create.replacements": "Replacement SKU",
    "ReturnService.search.number": "Return number", "return_id": "Return",
    "ReturnService.receive.quantities": "Received quantity",
    # the parts of an address or a guest, wherever one is nested
    "line1": "Street address", "line2": "Address line 2", "city": "City", "region": "State/region",
    "postal_code": "Postal code", "country": "Country", "first_name": "First name", "last_name": "Last name",
    "email": "Email", "phone": "Phone",
}
# What a value must be, where its type alone says it poorly.
EXPECTATIONS = {
    "order_ids": "an order number or a list of them",
    "status": "a state or a list of states",
    "components": "each SKU with its quantity, such as {'WID-1': 2}",
    "guest": "the guest's first name, last name, email and phone",
    "after": "the last row of the page before",
    "tax_rate": "a fraction such as 0.0825",
    "percent_off": "a percentage such as 10",
}


def label(name: str, where: str = "") -> str:
    """The field ``name`` of the method ``where`` (a qualified name such as "OrderBlocks.hold")."""
    method = where.rsplit(".", 1)[-1]
    for key in (f"{where}.{name}", f"{method}.{name}", name):
        if key in LABELS:
            return LABELS[key]
    words = name.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]


def checked(function: F) -> F:
    """``function`` refusing, as errors.ValidationError, any argument its hints do not allow."""
    if getattr(function, "__checked__", False):
        return function
    plan: list[_Plan] = []

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if not plan:
            plan.append(_Plan(function))  # built on first use: importing stays quick
        plan[0].check(args, kwargs)
        return function(*args, **kwargs)

    call.__checked__ = True  # type: ignore[attr-defined]
    return typing.cast(F, call)


def checked_methods(cls: C) -> C:
    """Check the arguments of every public method ``cls`` itself defines."""
    for name, value in list(vars(cls).items()):
        if not name.startswith("_") and inspect.isfunction(value):
            setattr(cls, name, checked(value))
    return cls


def unresolved_hints(function: Callable[..., Any]) -> list[str]:
    """Parameters whose hint names something the module does not import (checked as Any)."""
    return _Plan(function).unresolved


class _Plan:
    def __init__(self, function: Callable[..., Any]) -> None:
        self.name = function.__name__.replace("_", " ")
        self.where = function.__qualname__
        self.signature = inspect.signature(function)
        self.unresolved: list[str] = []
        self.validators: dict[str, tuple[Callable[[Any], object] | None, str, str]] = {}
        parameters = list(self.signature.parameters.values())
        # For the usual call (no *args, known keywords) a dict build instead of Signature.bind.
        irregular = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD,
                     inspect.Parameter.POSITIONAL_ONLY)
        self.simple = not any(p.kind in irregular for p in parameters)
        self.positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        self.required = {p.name for p in parameters if p.default is p.empty}
        self.skipped = parameters[0].name if parameters and parameters[0].name in ("self", "cls") else ""
        namespace = getattr(function, "__globals__", {})
        for parameter in parameters:
            hint = _resolve(parameter.annotation, namespace)
            if hint is None:
                self.unresolved.append(parameter.name)
                hint = Any
            if parameter.kind is parameter.VAR_POSITIONAL:
                hint = tuple[hint, ...]  # type: ignore[valid-type]
            elif parameter.kind is parameter.VAR_KEYWORD:
                hint = dict[str, hint]  # type: ignore[valid-type]
            self.validators[parameter.name] = (
                _validator(hint), expectation(parameter.name, hint), label(parameter.name, self.where))

    def _bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if self.simple and len(args) <= len(self.positional):
            values = dict(zip(self.positional, args, strict=False))
            if all(k in self.validators and k not in values for k in kwargs):
                values.update(kwargs)
                if self.required <= values.keys():
                    return values
        try:
            return self.signature.bind(*args, **kwargs).arguments
        except TypeError:
            raise self._arity_error(args, kwargs) from None

    def check(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        for name, value in self._bind(args, kwargs).items():
            if name == self.skipped:
                continue
            validate, expected, field = self.validators[name]
            if validate is not None:
                try:
                    validate(value)
                except (PydanticError, TypeError):
                    raise ValidationError(f"{field} must be {expected}.", field) from None
                except RecursionError:
                    raise ValidationError(f"{field} is nested too deeply.", field) from None
            scan(value, field)

    def _arity_error(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> ValidationError:
        parameters = self.signature.parameters
        takes_any_keyword = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
        for name in kwargs:
            parameter = parameters.get(name)
            if (parameter is None and not takes_any_keyword) or (
                    parameter is not None and parameter.kind is parameter.POSITIONAL_ONLY):
                shown = _shown(name)
                return ValidationError(f"{self.name.capitalize()} has no field '{shown}'.", shown)
        positional = [p for p in parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        for parameter in positional[:len(args)]:
            if parameter.name in kwargs:
                field = label(parameter.name, self.where)
                return ValidationError(f"{field} is given twice.", field)
        for parameter in parameters.values():
            given = parameter in positional[:len(args)] or parameter.name in kwargs
            if parameter.default is parameter.empty and parameter.kind not in (
                    parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD) and not given:
                field = label(parameter.name, self.where)
                return ValidationError(f"{field} is required.", field)
        return ValidationError(f"{self.name.capitalize()} was given more values than it takes.", "")


def scan(value: Any, field: str, depth: int = 0) -> None:
    """Refuse what no field may hold, wherever it sits in the value."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationError(f"{field} contains an invalid character (NUL).", field)
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate (a broken paste) has no UTF-8 form
                raise ValidationError(f"{field} contains an invalid character.", field) from None
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not -MAX_INTEGER <= value <= MAX_INTEGER:
            raise ValidationError(f"{field} is too {'large' if value > 0 else 'small'}.", field)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(f"{field} must be a number.", field)
    elif isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValidationError(f"{field} must be a number.", field)
    elif isinstance(value, PurePath):
        scan(str(value), field, depth)
    elif isinstance(value, list | tuple | set | frozenset | Mapping):
        if depth >= MAX_DEPTH:
            raise ValidationError(f"{field} is nested too deeply.", field)
        items = value.items() if isinstance(value, Mapping) else ((None, v) for v in value)
        for key, item in items:
            if key is not None:
                scan(key, field, depth + 1)
            # A part of an address or a guest reads as itself ("Street address"), others as the whole.
            part = LABELS.get(key, field) if isinstance(key, str) and key in _PARTS else field
            scan(item, part, depth + 1)


def expectation(name: str, hint: Any) -> str:
    """What a value for parameter ``name`` must be, in a rep's words."""
    if name in EXPECTATIONS:
        return EXPECTATIONS[name]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return expectation(name, args[0])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if any(_is(a, Decimal) for a in members):
            return "an amount such as 19.99"
        if any(_is(a, PurePath) for a in members):
            return "a folder or file"
        return expectation(name, members[0]) if members else "empty"
    if origin is typing.Literal:
        return "one of: " + ", ".join(map(str, args))
    if origin in (list, tuple, set, frozenset) or origin in (typing.Sequence, typing.Iterable):
        return "a list"
    if origin in (dict, Mapping):
        return "a set of named values"
    if origin is Callable or hint is Callable:
        return "a function"
    whole = "a record number" if name.endswith(("_id", "_ids")) else "a whole number"
    simple = [(bool, "yes or no"), (int, whole),
              (Decimal, "an amount such as 19.99"), (str, "text"), (datetime, "a date and time"),
              (date, "a date such as 2026-11-21"), (PurePath, "a folder or file"), (BaseModel, "a record")]
    for kind, words in simple:
        if _is(hint, kind):
            return words
    return f"a {getattr(hint, '__name__', 'value').lower()}"


def _validator(hint: Any) -> Callable[[Any], object] | None:
    """Raises on a value the hint does not allow; None where the hint allows anything."""
    if hint in _UNCHECKED:
        return None
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and any(
            _own_class(member) for member in typing.get_args(hint)):
        members = [_validator(member) for member in typing.get_args(hint)]
        if None in members:
            return None
        return functools.partial(_any_of, typing.cast(list[Callable[[Any], object]], members))
    if _own_class(hint):
        return functools.partial(_instance_of, hint)
    return TypeAdapter(hint, config=_STRICT).validator.validate_python  # the core's own: a call less


def _own_class(hint: Any) -> bool:
    """One of our own classes (a unit of work, a view, a protocol), not a type pydantic knows."""
    return isinstance(hint, type) and hint.__module__ not in _PYDANTIC_NATIVE


def _instance_of(kind: type, value: Any) -> None:
    if getattr(kind, "_is_protocol", False):
        needed = [name for name in vars(kind) if not name.startswith("_")]
        if all(callable(getattr(value, name, None)) for name in needed):
            return
    elif isinstance(value, kind):
        return
    raise TypeError(kind.__name__)


def _any_of(validators: list[Callable[[Any], object]], value: Any) -> None:
    for validate in validators:
        try:
            validate(value)
            return
        except (PydanticError, TypeError):
            continue
    raise TypeError("none of the kinds allowed")


def _is(hint: Any, kind: type) -> bool:
    return isinstance(hint, type) and issubclass(hint, kind)


def _resolve(annotation: Any, namespace: dict[str, Any]) -> Any:
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, namespace)  # noqa: S307 - a hint of our own code, as typing does
    except (NameError, AttributeError, TypeError):
        return None


def _shown(name: str) -> str:
    return name.encode("utf-8", "replace").decode()[:40].replace("\x00", "")


__all__ = ["LABELS", "MAX_INTEGER", "checked", "checked_methods", "expectation", "label", "scan",
           "unresolved_hints"]
