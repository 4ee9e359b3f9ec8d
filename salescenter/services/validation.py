"""Input checks shared by every service.

Each check raises ``errors.ValidationError`` whose message names the field as a
rep knows it ("Quantity", "Email"), never a column or a Python type.
"""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..errors import ValidationError

CENT = Decimal("0.01")
MAX_QUANTITY = 10_000
MAX_MONEY = Decimal("9999999999.99")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def round_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def text(
    value: Any, field: str, *, max_length: int = 200, required: bool = True, multiline: bool = False
) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be text.", field)
    if "\x00" in value:
        raise ValidationError(f"{field} contains an invalid character (NUL).", field)
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        # A lone surrogate (broken paste) cannot be stored as UTF-8 by any database.
        raise ValidationError(f"{field} contains an invalid character.", field)
    cleaned = value.strip()
    if not multiline and any(ch in cleaned for ch in "\r\n"):
        raise ValidationError(f"{field} must be on one line.", field)
    if any(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in cleaned):
        raise ValidationError(f"{field} contains a control character.", field)
    if required and not cleaned:
        raise ValidationError(f"{field} is required.", field)
    if len(cleaned) > max_length:
        raise ValidationError(
            f"{field} is too long: at most {max_length:,} characters, not {len(cleaned):,}.", field
        )
    return cleaned


def optional_text(value: Any, field: str, *, max_length: int = 200) -> str | None:
    cleaned = text(value, field, max_length=max_length, required=False)
    return cleaned or None


def email(value: Any, field: str = "Email", *, required: bool = False) -> str | None:
    cleaned = text(value, field, max_length=254, required=required)
    if not cleaned:
        return None
    if not _EMAIL.match(cleaned):
        raise ValidationError(f"{field} '{cleaned[:60]}' is not a valid email address.", field)
    return cleaned.lower()


def phone(value: Any, field: str = "Phone") -> str | None:
    cleaned = text(value, field, max_length=40, required=False)
    if not cleaned:
        return None
    if not re.fullmatch(r"[0-9+()\-. /xX]+", cleaned) or len(digits_of(cleaned)) < 3:
        raise ValidationError(f"{field} '{cleaned}' is not a phone number.", field)
    return cleaned


def digits_of(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def phone_key(value: str | None) -> str | None:
    """The last ten digits: "+1 (555) 010-2000" and "5550102000" are the same line."""
    digits = digits_of(value or "")
    return digits[-10:] or None


def quantity(value: Any, field: str = "Quantity") -> int:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
        raise ValidationError(f"{field} must be a whole number.", field)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(f"{field} must be a whole number.", field) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValidationError(f"{field} must be a whole number.", field)
    if number <= 0:
        raise ValidationError(f"{field} must be at least 1.", field)
    if number > MAX_QUANTITY:
        raise ValidationError(f"{field} can be at most {MAX_QUANTITY:,}.", field)
    return int(number)


def money(value: Any, field: str, *, allow_zero: bool = True) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValidationError(f"{field} must be an amount such as 19.99.", field)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValidationError(f"{field} must be an amount such as 19.99.", field)
        value = repr(value)
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{field} must be an amount such as 19.99.", field) from None
    if not amount.is_finite():
        raise ValidationError(f"{field} must be an amount such as 19.99.", field)
    # Before rounding (a huge amount has no cents to round to), and without abs(): it rounds
    # to the context's precision too and overflows on 1e999999999.
    if amount.copy_abs() > MAX_MONEY:
        raise ValidationError(
            f"{field} is too large." if amount > 0 else f"{field} must be more than zero.", field)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(CENT):
        raise ValidationError(f"{field} can have at most 2 decimals.", field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError(f"{field} must be more than zero.", field)
    if amount > MAX_MONEY:
        raise ValidationError(f"{field} is too large.", field)
    return amount.quantize(CENT)


def percent(value: Any, field: str) -> Decimal:
    amount = money(value, field, allow_zero=False)
    if amount > 100:
        raise ValidationError(f"{field} can be at most 100%.", field)
    return amount


def choice(value: Any, field: str, options: Mapping[str, str] | list[str]) -> str:
    if not isinstance(value, str) or value not in options:
        allowed = ", ".join(options)
        raise ValidationError(f"{field} must be one of: {allowed}.", field)
    return value


def identifier(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**62:
        raise ValidationError(f"{field} must be a record number.", field)
    return value


def utc_moment(moment: datetime) -> datetime:
    """A naive UTC date-time, as the database clock keeps them: a time zone is converted, not dropped.

    Raises OverflowError when the zone moves it outside the years 1 to 9999.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=None)
    return moment.astimezone(UTC).replace(tzinfo=None)


def when(value: Any, field: str) -> datetime | None:
    """A date or date-time; one with a time zone becomes the same instant in UTC (as an import does)."""
    if value is None:
        return None
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(value.strip())
    if moment is not None:
        try:
            return utc_moment(moment)
        except OverflowError:
            raise ValidationError(f"{field} is outside the years 1 to 9999 in UTC.", field) from None
    raise ValidationError(f"{field} must be a date such as 2026-11-21.", field)


def currency(value: Any, field: str = "Currency") -> str:
    """A 3-letter currency code such as USD, upper-cased."""
    code = text(value, field, max_length=3).upper()
    if len(code) != 3 or not code.isalpha():
        raise ValidationError(f"{field} must be a 3-letter code such as USD.", field)
    return code


def until(value: Any, field: str) -> datetime | None:
    """An end date that counts its whole day: a bare date (or midnight) means until 23:59:59."""
    moment = when(value, field)
    if moment is None:
        return None
    if moment.time() == time.min and not (isinstance(value, datetime) and value.time() != time.min):
        return moment + timedelta(days=1) - timedelta(microseconds=1)
    return moment


def search_key(value: str) -> str:
    """Accent-free, case-folded form used to match names ("Zoë" finds "zoe")."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


SEARCH_KEY_LENGTH = 201  # customers.search_name and orders.customer_search


def stored_search_key(value: str) -> str:
    """The search key as a name column stores it: a name and company of 400 characters (or
    letters that decompose into several) would not fit, and a longer key finds nothing more."""
    return search_key(value)[:SEARCH_KEY_LENGTH]


class AddressInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""


_ADDRESS_FIELDS = {
    "name": ("Address name", 200, False),
    "line1": ("Street address", 200, True),
    "line2": ("Address line 2", 200, False),
    "city": ("City", 100, True),
    "region": ("State/region", 100, False),
    "postal_code": ("Postal code", 20, False),
    "country": ("Country", 60, True),
    "phone": ("Address phone", 40, False),
}


def address(value: Any) -> AddressInput:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if not isinstance(value, Mapping):
        raise ValidationError("Address must list street, city and country.", "Address")
    unknown = set(value) - set(_ADDRESS_FIELDS) - {"id"}
    if unknown:
        parts = ", ".join(sorted(map(str, unknown)))
        raise ValidationError(f"Address has unknown parts: {parts}.", "Address")
    cleaned = {
        key: text(value.get(key), label, max_length=limit, required=required)
        for key, (label, limit, required) in _ADDRESS_FIELDS.items()
    }
    if cleaned["phone"]:
        phone(cleaned["phone"], "Address phone")
    return AddressInput(**cleaned)


def rate(value: Any, field: str) -> Decimal:
    """A fraction such as 0.0825; at most 4 decimals, below 1."""
    if isinstance(value, bool) or value is None:
        raise ValidationError(f"{field} must be a fraction such as 0.0825.", field)
    try:
        number = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{field} must be a fraction such as 0.0825.", field) from None
    if not number.is_finite() or number < 0 or number >= 1:
        raise ValidationError(f"{field} must be a fraction from 0 to below 1, such as 0.0825.", field)
    if number != number.quantize(Decimal("0.0001")):
        raise ValidationError(f"{field} can have at most 4 decimals.", field)
    return number.quantize(Decimal("0.0001"))
