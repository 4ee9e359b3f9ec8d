"""Checks one CSV row at a time and turns it into clean column values.

A refused value raises ``RowError`` naming the CSV column, so the report says
exactly which cell of which line to fix. Empty fields mean "no value".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ...errors import ValidationError
from .. import validation as v
from ..catalog import clean_sku
from ..orders import lifecycle
from ..orders.pricing import SHIPPING_RATES
from .formats import FALSE_WORDS, FIELD_NAMES, TRUE_WORDS

ZERO = Decimal("0.00")
HUNDRED = Decimal("100")
MAX_STOCK = 10_000_000
DESCRIPTION_LIMIT = 4000
_ADDRESS = {  # column -> (limit, required when an address is given)
    "line1": (200, True), "line2": (200, False), "city": (100, True),
    "region": (100, False), "postal_code": (20, False), "country": (60, True),
}
# Street lines from older systems carry line breaks ("PO Box 7" / "Back door"): kept as they are.
_STREET = ("line1", "line2", "ship_line1", "ship_line2")
_SHIP_TO = {
    "ship_name": 200, "ship_line1": 200, "ship_line2": 200, "ship_city": 100,
    "ship_region": 100, "ship_postal_code": 20, "ship_country": 60,
}


# Besides text cells: cells a rule checks whose values may start with a formula character.
_FORMULA_CHECKED = frozenset({"email", "sku"})


class RowError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


class _Cells:
    """Reads the cells of one row, turning a ValidationError into a RowError for that column."""

    def __init__(self, values: dict[str, str], formulas: frozenset[str] = frozenset()) -> None:
        self.values = values
        self.formulas = formulas

    def check(self, column: str, rule: Any, *args: Any, **kwargs: Any) -> Any:
        if column in _FORMULA_CHECKED:
            self.no_formula(column)
        try:
            return rule(self.values[column], FIELD_NAMES[column], *args, **kwargs)
        except ValidationError as error:
            raise RowError(column, error.message) from None
        except (ValueError, ArithmeticError):
            # No cell may stop an import: a value a rule could not even parse is that row's problem.
            shown = self.values[column][:40]
            raise RowError(column, f"{FIELD_NAMES[column]} '{shown}' cannot be read.") from None

    def no_formula(self, column: str) -> None:
        if column in self.formulas:
            cell = self.values[column].strip()
            raise RowError(column, (
                f"{FIELD_NAMES[column]} '{cell[:40]}' starts with '{cell[:1]}', which a spreadsheet runs "
                f"as a formula; if it is meant as text, put an apostrophe before it ('{cell[:20]})."))

    def text(self, column: str, limit: int, *, required: bool = False, multiline: bool = False) -> str:
        self.no_formula(column)
        cleaned = self.values[column].strip()
        # Most cells are plain printable text: skip the character-by-character checks for them.
        if cleaned.isprintable() and len(cleaned) <= limit and (cleaned or not required):
            return cleaned
        return str(self.check(column, v.text, max_length=limit, required=required, multiline=multiline))

    def blank(self, column: str) -> bool:
        return not self.values[column].strip()


@dataclass(frozen=True, slots=True)
class CustomerRow:
    ref: str
    profile: dict[str, Any]  # first_name, last_name, company, email, phone
    address: dict[str, str] | None


@dataclass(frozen=True, slots=True)
class ProductRow:
    sku: str
    name: str
    description: str
    list_price: Decimal
    stock: int
    available: bool


@dataclass(frozen=True, slots=True)
class OrderRow:
    line: int
    ref: str
    store: str
    customer_ref: str
    created_at: datetime
    status: str
    ship_to: dict[str, str]
    shipping_method: str
    shipping_total: Decimal
    shipped_at: datetime | None
    required_at: datetime | None


@dataclass(frozen=True, slots=True)
class LineRow:
    line: int
    sku: str
    quantity: int
    placed_price: Decimal
    discount_percent: Decimal


def customer_row(values: dict[str, str], formulas: frozenset[str] = frozenset()) -> CustomerRow:
    cells = _Cells(values, formulas)
    ref = cells.text("customer_ref", 100, required=True)
    profile = {
        "first_name": cells.text("first_name", 100, required=True),
        "last_name": cells.text("last_name", 100, required=True),
        "company": cells.text("company", 200) or None,
        "email": cells.check("email", lambda value, field: v.email(value, field)),
        "phone": cells.check("phone", lambda value, field: v.phone(value, field)),
    }
    address = None
    if any(not cells.blank(column) for column in _ADDRESS):
        address = {
            column: cells.text(column, limit, required=required, multiline=column in _STREET)
            for column, (limit, required) in _ADDRESS.items()
        }
    return CustomerRow(ref, profile, address)


def product_row(values: dict[str, str], formulas: frozenset[str] = frozenset()) -> ProductRow:
    cells = _Cells(values, formulas)
    return ProductRow(
        sku=cells.check("sku", sku),
        name=cells.text("name", 200, required=True),
        description=cells.text("description", DESCRIPTION_LIMIT, multiline=True),
        list_price=cells.check("list_price", lambda value, field: money(value, field)),
        stock=0 if cells.blank("stock") else cells.check("stock", whole_number),
        available=True if cells.blank("available") else cells.check("available", yes_no),
    )


def order_row(
    line: int, values: dict[str, str], now: datetime, formulas: frozenset[str] = frozenset()
) -> OrderRow:
    cells = _Cells(values, formulas)
    created = cells.check("created_at", moment, required=True)
    if created > now:
        raise RowError("created_at", f"Created date {created:%Y-%m-%d %H:%M} is in the future.")
    shipped = cells.check("shipped_at", moment)
    if shipped is not None and shipped > now:
        raise RowError("shipped_at", f"Shipped date {shipped:%Y-%m-%d %H:%M} is in the future.")
    if shipped is not None and shipped < created:
        raise RowError("shipped_at", "Shipped date is before the order was created.")
    method = values["shipping_method"].strip() or "standard"
    if method not in SHIPPING_RATES:
        raise RowError("shipping_method", f"Shipping method must be one of: {', '.join(SHIPPING_RATES)}.")
    status = values["status"].strip()
    if not lifecycle.is_state(status):
        raise RowError("status", f"Status must be one of: {', '.join(lifecycle.STATES)}.")
    return OrderRow(
        line=line,
        ref=cells.text("order_ref", 100, required=True),
        store=cells.text("store", 40, required=True),
        customer_ref=cells.text("customer_ref", 100, required=True),
        created_at=created,
        status=status,
        ship_to={
            column: cells.text(column, limit, multiline=column in _STREET)
            for column, limit in _SHIP_TO.items()
        },
        shipping_method=method,
        shipping_total=ZERO if cells.blank("shipping_total") else cells.check("shipping_total", money),
        shipped_at=shipped,
        required_at=cells.check("required_at", moment),
    )


def line_row(
    line: int, values: dict[str, str], formulas: frozenset[str] = frozenset()
) -> tuple[str, LineRow]:
    cells = _Cells(values, formulas)
    ref = cells.text("order_ref", 100, required=True)
    discount = ZERO
    if not cells.blank("discount_percent"):
        discount = cells.check("discount_percent", money)
        if discount > HUNDRED:
            raise RowError("discount_percent", "Discount percent can be at most 100.")
    clean = LineRow(
        line=line,
        sku=cells.check("sku", sku),
        quantity=cells.check("quantity", quantity),
        placed_price=cells.check("placed_price", money),
        discount_percent=discount,
    )
    if clean.quantity * clean.placed_price > v.MAX_MONEY:
        raise RowError("placed_price", (
            f"Quantity {clean.quantity:,} x placed price {clean.placed_price:,} comes to more than "
            f"{v.MAX_MONEY:,}, the largest amount an order can hold."))
    return ref, clean


def line_total(row: LineRow) -> Decimal:
    """round_half_up(quantity x placed_price x (1 - discount_percent / 100), 2)."""
    return v.round_money(row.quantity * row.placed_price * (1 - row.discount_percent / HUNDRED))


def sku(value: str, field: str) -> str:
    code = value.strip()
    if code and len(code) <= 64 and code.isprintable() and " " not in code:
        return code.upper()
    return clean_sku(value)


def _plain_digits(text: str) -> bool:
    # str.isdigit() is true for "²" and "①", which int() refuses: only 0-9 take the fast path.
    return text.isascii() and text.isdigit()


def quantity(value: str, field: str) -> int:
    text = value.strip()
    if _plain_digits(text) and 0 < int(text) <= v.MAX_QUANTITY:
        return int(text)
    if not text.isascii():
        raise ValidationError(f"{field} must be a whole number written with the digits 0-9.", field)
    return v.quantity(text or None, field)


@lru_cache(maxsize=1 << 16)
def _money(text: str, field: str) -> Decimal:
    return v.money(text, field)


def money(value: str, field: str) -> Decimal:
    # Prices repeat across thousands of rows: parse each once and share the Decimal.
    text = value.strip()
    if not text.isascii():  # Decimal() would read "١٢" or "１２" as 12: a file says 12 as 12
        raise ValidationError(f"{field} must be an amount such as 19.99, written with the digits 0-9.",
                              field)
    return _money(text, field)


def whole_number(value: str, field: str) -> int:
    text = value.strip()
    if not _plain_digits(text) or len(text) > len(str(MAX_STOCK)) or int(text) > MAX_STOCK:
        raise ValidationError(f"{field} must be a whole number from 0 to {MAX_STOCK:,}.", field)
    return int(text)


def yes_no(value: str, field: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(f"{field} must be true or false.", field)


def moment(value: str, field: str, *, required: bool = False) -> datetime | None:
    """An ISO date or date-time; one with a time zone is stored as UTC, like the database clock."""
    text = value.strip()
    if not text:
        if required:
            raise ValidationError(f"{field} is required.", field)
        return None
    try:
        return v.utc_moment(datetime.fromisoformat(text))
    except ValueError:
        raise ValidationError(
            f"{field} '{text[:40]}' is not a date such as 2026-11-21 or 2026-11-21T14:30.", field
        ) from None
    except OverflowError:  # 0001-01-01T00:00+14:00 is before the first day a date can hold
        reason = f"{field} '{text[:40]}' is outside the years 1 to 9999 in UTC."
        raise ValidationError(reason, field) from None
