"""Customer-name search on orders that stays fast at a million orders.

Orders repeat their customers' names: a million orders carry a few hundred
thousand distinct names at most. SQLite keeps those distinct folded names in
``order_name_keys``, with its own trigram index, filled by triggers on
``orders``. A phrase is first matched against the distinct names (exact LIKE,
the trigrams only narrow the candidates), which tells exactly how many orders
match before any order row is read; the search then either reads those orders
through ``ix_orders_customer_search`` or, when matches are many, walks the
newest-first index.

``ix_orders_created`` gains ``customer_search`` so that walk tests the name in
the index itself and reads only the rows it keeps (both databases, so the
models describe one schema).

Quotes are few among many orders: two partial indexes find the newest quotes
(of a store, or of all stores) without walking the orders. Queries name the
kind as a constant, so both planners can prove the partial index applies.

Keys are never removed when an order is deleted or renamed: a stale key
matches no order, and the table only grows with new names.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 02:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ADD_KEY = (
    "INSERT INTO order_name_keys(key) SELECT new.customer_search "
    "WHERE NOT EXISTS (SELECT 1 FROM order_name_keys WHERE key = new.customer_search);"
)


QUOTE_INDEXES = (
    ("ix_orders_quotes_created", ["created_at"]),
    ("ix_orders_quotes_store_created", ["store_id", "created_at"]),
)


def upgrade() -> None:
    op.drop_index("ix_orders_created", table_name="orders")
    op.create_index("ix_orders_created", "orders", ["created_at", "customer_search"])
    for name, columns in QUOTE_INDEXES:
        op.create_index(name, "orders", columns, sqlite_where=sa.text("kind = 'quote'"),
                        postgresql_where=sa.text("kind = 'quote'"))
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE order_name_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)")
    op.execute(
        "CREATE VIRTUAL TABLE order_name_keys_fts USING fts5(key, content='order_name_keys', "
        "content_rowid='id', tokenize='trigram case_sensitive 0')"
    )
    op.execute("INSERT INTO order_name_keys(key) SELECT DISTINCT customer_search FROM orders")
    op.execute("INSERT INTO order_name_keys_fts(order_name_keys_fts) VALUES ('rebuild')")
    create_sqlite_name_key_triggers()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("orders_name_keys_ai", "orders_name_keys_au",
                        "order_name_keys_fts_ai", "order_name_keys_fts_ad"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS order_name_keys_fts")
        op.execute("DROP TABLE IF EXISTS order_name_keys")
    for name, _columns in QUOTE_INDEXES:
        op.drop_index(name, table_name="orders")
    op.drop_index("ix_orders_created", table_name="orders")
    op.create_index("ix_orders_created", "orders", ["created_at"])


def create_sqlite_name_key_triggers() -> None:
    """A later migration that rebuilds ``orders`` in batch mode must call this again."""
    # NOT EXISTS rather than INSERT OR IGNORE: an outer INSERT OR REPLACE would
    # turn a trigger's OR IGNORE into a replace and orphan the trigram entry.
    op.execute(f"CREATE TRIGGER orders_name_keys_ai AFTER INSERT ON orders BEGIN {ADD_KEY} END")
    op.execute(
        f"CREATE TRIGGER orders_name_keys_au AFTER UPDATE OF customer_search ON orders "
        f"BEGIN {ADD_KEY} END"
    )
    op.execute(
        "CREATE TRIGGER order_name_keys_fts_ai AFTER INSERT ON order_name_keys BEGIN "
        "INSERT INTO order_name_keys_fts(rowid, key) VALUES (new.id, new.key); END"
    )
    op.execute(
        "CREATE TRIGGER order_name_keys_fts_ad AFTER DELETE ON order_name_keys BEGIN "
        "INSERT INTO order_name_keys_fts(order_name_keys_fts, rowid, key) "
        "VALUES ('delete', old.id, old.key); END"
    )
