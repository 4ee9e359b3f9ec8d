"""Search indexes: substring search on names that does not scan the tables.

SQLite: FTS5 tables with the trigram tokenizer (SQLite 3.34+) over the
already folded name keys, with external content so the text is stored once,
kept in sync by triggers. PostgreSQL: pg_trgm GIN indexes on the same columns,
which LIKE/ILIKE use directly. Both: B-tree indexes for the name prefix used by
phrases too short for trigrams and for walking customers in name order.

A later migration that rebuilds ``orders`` or ``customers`` in batch mode on
SQLite drops these triggers with the old table: it must call
``create_sqlite_search_triggers()`` again (tests/integration/test_search_index.py
fails otherwise).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 22:50:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (FTS table, content table, indexed columns)
SQLITE_FTS = (
    ("customers_fts", "customers", ("search_name",)),
    ("orders_fts", "orders", ("customer_search", "name")),
)
# Plain B-tree indexes on both databases.
BTREE = (
    ("ix_orders_customer_search", "orders", ("customer_search",)),
    ("ix_customers_name_order", "customers", ("last_name", "first_name")),
)
# pg_trgm GIN indexes: (index, table, expression)
PG_TRIGRAM = (
    ("ix_customers_search_name_trgm", "customers", "search_name"),
    ("ix_orders_customer_search_trgm", "orders", "customer_search"),
    ("ix_orders_name_trgm", "orders", "name"),
)


def upgrade() -> None:
    for name, table, columns in BTREE:
        op.create_index(name, table, list(columns))
    if op.get_bind().dialect.name == "sqlite":
        for fts, content, columns in SQLITE_FTS:
            cols = ", ".join(columns)
            op.execute(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{content}', "
                "content_rowid='id', tokenize='trigram case_sensitive 0')"
            )
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        create_sqlite_search_triggers()
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in PG_TRIGRAM:
        op.execute(f"CREATE INDEX {name} ON {table} USING gin (({expression}) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        drop_sqlite_search_triggers()
        for fts, _content, _columns in SQLITE_FTS:
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    else:
        for name, _table, _expression in PG_TRIGRAM:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, table, _columns in BTREE:
        op.drop_index(name, table_name=table)


def create_sqlite_search_triggers() -> None:
    """Every insert, delete and change of an indexed column reaches the FTS table."""
    for fts, content, columns in SQLITE_FTS:
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
        remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {content} BEGIN {add} END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {content} BEGIN {remove} END")
        # Only a change of an indexed column touches the index: saving an order
        # (version, totals) must not rewrite its trigrams.
        op.execute(
            f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {content} "
            f"BEGIN {remove} {add} END"
        )


def drop_sqlite_search_triggers() -> None:
    for fts, _content, _columns in SQLITE_FTS:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
