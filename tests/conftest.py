"""Test configuration: offscreen Qt, private data folders, one database per test.

Every test that takes ``db_url`` (directly or through ``sc``) runs on SQLite
and, when a server is configured, on PostgreSQL (see tests/pg.py).
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

# SQLite commits with synchronous=FULL: on a disk every commit waits for an fsync (about
# 10 ms here), on a RAM-backed folder it costs nothing. Test databases are thrown away,
# so they live there unless TMPDIR names another place (subprocesses inherit it).
_RAM_FOLDER = Path("/dev/shm")
if not os.environ.get("TMPDIR") and _RAM_FOLDER.is_dir() and os.access(_RAM_FOLDER, os.W_OK | os.X_OK):
    os.environ["TMPDIR"] = str(_RAM_FOLDER)
    tempfile.tempdir = None  # gettempdir() asks TMPDIR again
_SANDBOX = Path(tempfile.mkdtemp(prefix="salescenter-tests-"))
atexit.register(shutil.rmtree, _SANDBOX, ignore_errors=True)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["SALESCENTER_PASSWORD_PROFILE"] = "test"
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_var] = str(_SANDBOX / _var.lower())
os.environ["HOME"] = str(_SANDBOX / "home")

import pytest  # noqa: E402

from salescenter import SalesCenter  # noqa: E402
from salescenter.api import Desk  # noqa: E402
from salescenter.db.engine import make_engine  # noqa: E402
from salescenter.db.migrate import upgrade  # noqa: E402
from tests import pg, server_support, shared_sqlite, suite_hooks  # noqa: E402
from tests.suite_hooks import (  # noqa: E402, F401 - hooks of this conftest
    pytest_addoption,
    pytest_runtest_logfinish,
    pytest_terminal_summary,
    pytest_xdist_auto_num_workers,
)

shared_sqlite.install()

PASSWORDS = {"admin": "admin-pw", "csr": "csr-pw", "supervisor": "super-pw", "csr2": "csr2-pw"}
ROLES = {"admin": "admin", "csr": "csr", "supervisor": "supervisor", "csr2": "csr"}


@pytest.fixture(scope="session")
def sqlite_template() -> Path:
    """A migrated database file, copied for each test instead of migrating again."""
    path = _SANDBOX / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()  # the last connection to close folds the WAL into the file
    return path


def _backends() -> list[object]:
    chosen = server_support.backend()
    if chosen == "server-sqlite":
        return ["sqlite"]
    if chosen == "server-postgresql":
        return [pytest.param("postgresql", marks=pytest.mark.postgres)]
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Through a server only the tests that reach Sales Center through ``sc`` run: the others
    open their own databases and would only repeat the embedded run. A module that is on
    PostgreSQL whatever the backend (its own ``db_url``) runs in the server-postgresql pass only."""
    suite_hooks.pytest_collection_modifyitems(config, items)
    chosen = server_support.backend()
    if chosen == "embedded":
        return
    kept = [item for item in items if "sc" in getattr(item, "fixturenames", ())
            and item.get_closest_marker("embedded_only") is None
            and not (chosen == "server-sqlite" and item.get_closest_marker("postgres") is not None)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture(scope="session")
def test_certificate() -> server_support.Certificate:
    return server_support.make_certificate(_SANDBOX / "tls")


@pytest.fixture(scope="session")
def server_zygote() -> Iterator[server_support.Zygote]:
    zygote = server_support.Zygote()
    yield zygote
    zygote.close()


@pytest.fixture(params=_backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[str]:
    if request.param == "sqlite":
        target = tmp_path / "salescenter.db"
        shutil.copy(_seeded_source(request, sqlite_template), target)
        yield f"sqlite:///{target}"
        return
    with pg.fresh_database(request.node.name, template=_seeded_database(request)) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """For tests that are about SQLite itself (pragmas, files, crash recovery)."""
    target = tmp_path / "salescenter.db"
    shutil.copy(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def sc(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SalesCenter]:
    """Sales Center as the test's backend reaches it: embedded, or a real server over db_url."""
    if server_support.backend() == "embedded":
        center = SalesCenter.open(db_url)
        yield center
        center.close()
        return
    certificate = request.getfixturevalue("test_certificate")
    zygote = request.getfixturevalue("server_zygote")
    with zygote.server(db_url, tmp_path / "server", certificate) as url:
        remote = SalesCenter.open(url, ca_file=str(certificate.cert))
        # The harness's own way in, for tests that arrange data behind the desks' backs
        # (expired promotions, old dates); desks themselves never hold it.
        harness = make_engine(db_url)
        remote.engine = harness
        yield remote
        remote.close()
        harness.dispose()


def first_admin(sc: SalesCenter) -> Desk:
    """The administrator of a new database, who adds csr, supervisor and csr2."""
    sc.create_user("admin", PASSWORDS["admin"], role="admin")
    desk = sc.login("admin", PASSWORDS["admin"])
    for name in ("csr", "supervisor", "csr2"):
        desk.users.create(name, PASSWORDS[name], ROLES[name])
    return desk


@pytest.fixture
def admin(request: pytest.FixtureRequest, sc: SalesCenter) -> Desk:
    if _SEEDED in request.node.stash:
        return login_as(sc, "admin")
    return first_admin(sc)


def login_as(sc: SalesCenter, name: str) -> Desk:
    return sc.login(name, PASSWORDS[name], workstation=f"{name}-pc")


@pytest.fixture
def csr(sc: SalesCenter, admin: Desk) -> Desk:
    return login_as(sc, "csr")


@pytest.fixture
def csr2(sc: SalesCenter, admin: Desk) -> Desk:
    return login_as(sc, "csr2")


@pytest.fixture
def supervisor(sc: SalesCenter, admin: Desk) -> Desk:
    return login_as(sc, "supervisor")


@dataclass
class World:
    """A small catalog and customer base most order tests start from."""

    store: str
    b2b_store: str
    customer_id: int
    b2b_customer_id: int


HOME = {"name": "Mercy Taylor", "line1": "12 Elm Street", "city": "Springfield",
        "region": "IL", "postal_code": "62701", "country": "US", "phone": "555-010-2000"}


@pytest.fixture
def world(request: pytest.FixtureRequest, admin: Desk) -> World:
    seeded = request.node.stash.get(_SEEDED, None)
    if seeded is not None and seeded.world is not None:
        return replace(seeded.world)  # a test may change its copy
    return build_world(admin)


def build_world(admin: Desk) -> World:
    admin.stores.create("US", "Sales Center US", tax_rate="0.0825", review_threshold="5000")
    admin.stores.create("B2B", "Sales Center Business", kind="b2b")
    admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100,
                                 description="A sturdy blue widget")
    admin.catalog.create_product("GAD-1", "Red Gadget", "5.00", stock=3, description="Shiny gadget")
    admin.catalog.create_product("CAB-1", "USB Cable", "9.99", stock=500, description="One metre")
    admin.catalog.create_product("OLD-1", "Old Model", "49.00", stock=10)
    admin.catalog.create_bundle("KIT-1", "Starter Kit", {"WID-1": 1, "CAB-1": 2})
    admin.catalog.associate("WID-1", "CAB-1", "accessory")
    admin.catalog.associate("WID-1", "GAD-1", "cross_sell")
    customer = admin.customers.create("Mercy", "Taylor", email="mercy@example.com",
                                      phone="+1 (555) 010-2000", address=HOME)
    business = admin.customers.create("Bob", "Buyer", company="Acme Corp", email="bob@acme.example",
                                      address=HOME, credit_limit="1000.00")
    return World("US", "B2B", customer.id, business.id)


# Seeded SQLite files ---------------------------------------------------------------------


@dataclass(frozen=True)
class Seeded:
    """A SQLite file (or a PostgreSQL database) made once per test process through the API and
    copied for each test: ``admin`` and ``world`` then find their rows instead of writing them again."""

    path: Path | None  # SQLite
    world: World | None  # None: the users only
    database: str | None = None  # PostgreSQL: the seeded database each test is cloned from


_SEEDED = pytest.StashKey[Seeded]()


def _seed(source: Path, path: Path, with_world: bool) -> Seeded:
    shutil.copy(source, path)
    with SalesCenter.open(f"sqlite:///{path}") as center:
        admin = first_admin(center)
        world = build_world(admin) if with_world else None
    db = sqlite3.connect(path)  # each test copies the main file alone: fold the WAL into it
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return Seeded(path, world)


@pytest.fixture(scope="session")
def users_template(sqlite_template: Path) -> Seeded:
    return _seed(sqlite_template, _SANDBOX / "users.db", with_world=False)


@pytest.fixture(scope="session")
def world_template(sqlite_template: Path) -> Seeded:
    return _seed(sqlite_template, _SANDBOX / "world.db", with_world=True)


@pytest.fixture(scope="session")
def pg_users_template() -> Iterator[Seeded]:
    yield from _pg_seed(with_world=False)


@pytest.fixture(scope="session")
def pg_world_template() -> Iterator[Seeded]:
    yield from _pg_seed(with_world=True)


def _pg_seed(with_world: bool) -> Iterator[Seeded]:
    made: list[World | None] = []

    def seed(url: str) -> None:
        with SalesCenter.open(url) as center:  # closed: PostgreSQL clones only an unused database
            admin = first_admin(center)
            made.append(build_world(admin) if with_world else None)

    with pg.seeded_template("world" if with_world else "users", seed) as database:
        yield Seeded(None, made[0], database)


def _seeded_source(request: pytest.FixtureRequest, sqlite_template: Path) -> Path:
    """The most of what the test's fixtures will write, already written. The fixtures check
    the stash, so one asked for later by getfixturevalue still writes its own rows."""
    seeded = _seeded(request, "world_template", "users_template")
    return sqlite_template if seeded is None or seeded.path is None else seeded.path


def _seeded_database(request: pytest.FixtureRequest) -> str | None:
    """The same on PostgreSQL: the seeded database to clone, or None for the migrated template."""
    seeded = _seeded(request, "pg_world_template", "pg_users_template")
    return None if seeded is None else seeded.database


def _seeded(request: pytest.FixtureRequest, world_fixture: str, users_fixture: str) -> Seeded | None:
    wanted = request.fixturenames
    if not ("world" in wanted or "admin" in wanted):
        return None
    seeded: Seeded = request.getfixturevalue(world_fixture if "world" in wanted else users_fixture)
    request.node.stash[_SEEDED] = seeded
    return seeded
