"""The self-test's scratch database: a throwaway administrator signed in, one customer with one
order, in a folder the caller removes afterwards.

Migrating a new database from nothing is most of what the self-test would otherwise spend, so
the empty schema is kept once per schema version in the user cache folder and copied for each
run: a template holds no users and no data, only tables at the newest migration. A template
that cannot be read is made again from the migrations.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import cache_dir

if TYPE_CHECKING:
    from .api import Desk, SalesCenter

THROWAWAY_ADMIN = "self-test"


def template_path() -> Path:
    from .db.migrate import SCHEMA_HEAD  # here: the self-test imports this module before SQLAlchemy

    return cache_dir() / f"self-test-schema-{SCHEMA_HEAD}.db"


def _keep_template(database: Path, template: Path) -> None:
    """An online copy of the just-migrated, still empty database (SQLite's backup API), put in
    place in one rename so a self-test running beside this one never reads half a file."""
    import sqlite3

    partial = template.with_name(f"{template.name}.{os.getpid()}.partial")
    with contextlib.closing(sqlite3.connect(database)) as source, \
            contextlib.closing(sqlite3.connect(partial)) as target:
        source.backup(target)
    os.replace(partial, template)


def _open_schema(folder: Path) -> SalesCenter:
    from .api import SalesCenter

    path = folder / "self-test.db"
    template = template_path()
    if template.exists():
        shutil.copyfile(template, path)
        try:
            return SalesCenter.open(f"sqlite:///{path}")  # up to date: no migration runs
        except Exception:  # noqa: BLE001 - a damaged template is made again below
            for leftover in folder.glob("self-test.db*"):
                leftover.unlink()
    center = SalesCenter.open(f"sqlite:///{path}")
    with contextlib.suppress(OSError):  # a read-only cache folder only costs the next run time
        _keep_template(path, template)
    return center


def _add_throwaway_admin(center: SalesCenter, password: str) -> None:
    """The administrator of the scratch database, its password hashed with Argon2's lightest
    settings: the password is 18 random bytes, out of any guessing's reach whatever the hash
    costs, and the database is removed when the self-test ends. The full settings would cost
    the self-test two hashes' worth of CPU (this one and the sign-in's check), each more than a
    bare window's whole start."""
    from argon2 import PasswordHasher

    from .models import User
    from .services.uow import UnitOfWork, run

    digest = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(password)

    def work(uow: UnitOfWork) -> None:
        uow.session.add(User(username=THROWAWAY_ADMIN, password_hash=digest, role="admin",
                             created_at=uow.now))
        uow.commit()

    run(center.engine, work)


def scratch_sign_in(folder: Path) -> tuple[SalesCenter, Desk]:
    """The scratch database in ``folder`` with its administrator signed in and one order."""
    center = _open_schema(folder)
    try:
        password = secrets.token_urlsafe(18)
        _add_throwaway_admin(center, password)
        desk = center.login(THROWAWAY_ADMIN, password, workstation="self-test")
        desk.stores.create("SELFTEST", "Self-test store")
        desk.catalog.create_product("SELFTEST-1", "Self-test item", Decimal("1.00"), stock=1)
        customer = desk.customers.create("Self", "Test")
        order = desk.orders.create("SELFTEST", customer.id)
        desk.orders.add_item(order.id, "SELFTEST-1", 1)
    except BaseException:
        center.close()
        raise
    return center, desk
