"""Name search that does not scan: the trigram index first, an exact LIKE after.

A phrase is matched against the folded name keys (validation.search_key), with
``%`` standing for any run of characters (FND-2). Three ways to answer it, all
bounded by the size of one page rather than by the size of the tables:

- SQLite, a literal run of 3+ characters: the FTS5 trigram index names the
  candidate rows; LIKE keeps the exact matches. When the index names few rows
  the query is driven from them; when it names many, matches are common, so
  walking the result order and testing LIKE fills a page after a short walk.
- Phrases with no run of 3 characters ("ta", "j%n") match at the start of the
  name through a B-tree range, the same two ways; trigrams cannot help there.
- SQLite, customer names on orders: the phrase is matched against the distinct
  names (``order_name_keys``, migration 0005), which says exactly how many
  orders match before any order is read. Few: those orders, through the name
  index. Many: the newest-first index, which carries the name, is walked.
- PostgreSQL: LIKE/ILIKE alone; the pg_trgm GIN indexes serve them.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from ..models import Customer, Order

TRIGRAM = 3
# Bounds of the number of candidates a query may sort itself (see candidate_cap).
MIN_CAP, MAX_CAP = 200, 20_000
CANDIDATE_COST = 4
SAMPLE = 500
# Reading an order row by its name costs about this many steps of the walk of
# the newest-first index (measured at 1,000,000 orders: 2.6 us against 0.28 us).
DRIVE_COST = 10

# SQLite only, created by migration 0005 and outside the models: the distinct
# folded customer names of orders.
ORDER_NAME_KEYS = Table(
    "order_name_keys", MetaData(), Column("id", Integer, primary_key=True), Column("key", String)
)


@dataclass(frozen=True)
class NamePhrase:
    """A search phrase, folded, and what each strategy needs of it."""

    key: str

    @property
    def runs(self) -> list[str]:
        return [run for run in self.key.split("%") if run]

    @property
    def indexable(self) -> bool:
        return any(len(run) >= TRIGRAM for run in self.runs)

    @property
    def loose(self) -> bool:
        """The trigrams say less than the phrase: % between parts, or parts under 3 characters."""
        return len(self.runs) > 1 or not all(len(run) >= TRIGRAM for run in self.runs)

    @property
    def contains_pattern(self) -> str:
        """LIKE pattern for 'any part of': % stays a wildcard, _ and \\ match themselves."""
        return f"%{_escape(self.key)}%"

    @property
    def prefix_pattern(self) -> str:
        return f"{_escape(self.key)}%"

    @property
    def literal_prefix(self) -> str:
        """The characters every prefix match starts with (before the first %)."""
        return self.key.split("%", 1)[0]

    def fts_query(self, column: str) -> str:
        """Each run of 3+ characters as a trigram phrase, all required, in one column."""
        phrases = [run for run in self.runs if len(run) >= TRIGRAM]
        return " AND ".join(f'{column} : "{run.replace(chr(34), chr(34) * 2)}"' for run in phrases)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("_", "\\_")


def phrase_of(folded: str) -> NamePhrase:
    return NamePhrase(folded)


def candidate_cap(
    session: Session, id_column: Any, page_end: int, cost: int = CANDIDATE_COST
) -> int:
    """Where driving from candidates stops paying off against walking the order.

    Sorting c candidates costs about k * c (each is looked up by key: k is about 4
    steps of the walk, measured at 1,000,000 orders); walking the result order
    until a page of p rows is found costs about p * n / c for n rows. They meet
    at sqrt(p * n / k).
    """
    rows = table_size(session, id_column)
    return max(MIN_CAP, min(MAX_CAP, int(math.sqrt(max(page_end, 1) * rows / cost))))


# (database, table) -> (highest id, when read): the size moves slowly and only steers the
# plan, so a search as the rep types does not ask for it every keystroke.
_SIZES: dict[tuple[str, str], tuple[int, float]] = {}
SIZE_TTL_S = 30.0


def table_size(session: Session, id_column: Any) -> int:
    key = (str(session.get_bind().engine.url), str(id_column.table.name))
    known = _SIZES.get(key)
    now = time.monotonic()
    if known is not None and now - known[1] < SIZE_TTL_S:
        return known[0]
    # Core, not ORM, execution: the small statements of a search run on every keystroke.
    rows = int(session.connection().scalar(select(func.max(id_column))) or 0)
    _SIZES[key] = (rows, now)
    return rows


def _bounded_count(session: Session, rows: Any, cap: int) -> int:
    limited = rows.limit(cap + 1).subquery()
    return int(session.connection().scalar(select(func.count()).select_from(limited)) or 0)


def _fts_rowids(table: str, query: str) -> Any:
    # unique: a search may hold two of these (customer name and order name).
    match = text(f"{table} MATCH :fts_q").bindparams(bindparam("fts_q", query, unique=True))
    return select(text("rowid")).select_from(text(table)).where(match)


def order_name_filter(
    session: Session, phrase: NamePhrase, *, column: str = "customer_search", page_end: int = 50,
) -> ColumnElement[bool]:
    """customer_search (folded customer name) or name (order name, matched case-insensitively)."""
    if column == "customer_search" and session.get_bind().dialect.name == "sqlite":
        return _through_name_keys(session, phrase, page_end)
    target = Order.customer_search if column == "customer_search" else Order.name
    return _name_filter(session, phrase, target, column, "orders_fts", Order.id, page_end)


def customer_name_filter(
    session: Session, phrase: NamePhrase, *, page_end: int = 50
) -> ColumnElement[bool]:
    return _name_filter(
        session, phrase, Customer.search_name, "search_name", "customers_fts", Customer.id, page_end
    )


def _exact(target: Any, column: str, pattern: str) -> ColumnElement[bool]:
    if column == "name":  # order names are stored as typed: compare case-insensitively
        return target.ilike(pattern.lower(), escape="\\")  # type: ignore[no-any-return]
    return target.like(pattern, escape="\\")  # type: ignore[no-any-return]


def _name_filter(
    session: Session, phrase: NamePhrase, target: Any, column: str, fts_table: str, id_column: Any,
    page_end: int,
) -> ColumnElement[bool]:
    """The condition for a phrase. With few candidates it names them (the planner then
    drives from them by primary key); with many it is LIKE alone, and the planner walks
    the index of the result order, where matches are dense."""
    dialect = session.get_bind().dialect.name
    if phrase.indexable:
        exact = _exact(target, column, phrase.contains_pattern)
        if dialect != "sqlite":
            return exact
        candidates = _fts_rowids(fts_table, phrase.fts_query(column))
        cap = candidate_cap(session, id_column, page_end)
        if _bounded_count(session, candidates, cap) <= cap:
            return and_(id_column.in_(candidates), exact)
        if phrase.loose and _rare_among(session, candidates, exact, id_column, page_end):
            return and_(id_column.in_(candidates), exact)
        return exact
    exact = _exact(target, column, phrase.prefix_pattern)
    start = phrase.literal_prefix
    if not start or column == "name":
        # Nothing to range on (a leading %, or names stored unfolded): LIKE alone.
        return exact
    in_range = and_(target >= start, target < _next_key(start))
    if dialect != "sqlite":
        return and_(in_range, exact)
    cap = candidate_cap(session, id_column, page_end)
    if _bounded_count(session, select(id_column).where(in_range), cap) <= cap:
        return and_(in_range, exact)
    return exact


def _through_name_keys(session: Session, phrase: NamePhrase, page_end: int) -> ColumnElement[bool]:
    """Distinct names first: exactly the orders that match are counted, from the name index."""
    keys = ORDER_NAME_KEYS.c
    if phrase.indexable:
        pattern = phrase.contains_pattern
        named = keys.id.in_(_fts_rowids("order_name_keys_fts", phrase.fts_query("key")))
        matching = and_(named, keys.key.like(pattern, escape="\\"))
    else:
        pattern = phrase.prefix_pattern
        start = phrase.literal_prefix
        matching = keys.key.like(pattern, escape="\\")
        if start:
            matching = and_(keys.key >= start, keys.key < _next_key(start), matching)
    matched = Order.customer_search.in_(select(keys.key).where(matching))
    cap = candidate_cap(session, Order.id, page_end, DRIVE_COST)
    if _bounded_count(session, select(Order.id).where(matched), cap) <= cap:
        return matched
    return Order.customer_search.like(pattern, escape="\\")


def _rare_among(
    session: Session, candidates: Any, exact: ColumnElement[bool], id_column: Any, page_end: int
) -> bool:
    """Whether LIKE keeps so few of many candidates that walking the order would take long.

    "z%son": every "son" is a candidate, few have a z before it. The newest
    candidates are a sample of how many the LIKE keeps; the cheaper plan wins.
    """
    total = int(session.scalar(select(func.count()).select_from(candidates.subquery())) or 0)
    sample = candidates.order_by(text("rowid DESC")).limit(SAMPLE)
    kept = int(session.scalar(select(func.count()).where(id_column.in_(sample), exact)) or 0)
    rows = table_size(session, id_column)
    expected_matches = max(kept / SAMPLE * total, 0.5)
    walk_cost = page_end * rows / expected_matches
    return CANDIDATE_COST * total < walk_cost


def _next_key(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def orders_after(created_at: datetime, order_id: int) -> ColumnElement[bool]:
    """Keyset paging in (created_at desc, id desc): rows after the last one shown.

    Written with a plain range on created_at first so that the index serves it.
    """
    return and_(
        Order.created_at <= created_at,
        or_(Order.created_at < created_at, Order.id < order_id),
    )
