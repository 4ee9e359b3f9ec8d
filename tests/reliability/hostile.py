"""Hostile arguments for every public operation, shared by the suite and scripts/hostile.py.

The operations are found, not listed: every public method of every service namespace
a signed-in Desk offers (``desk.orders``, ``desk.transfer``, ...), the Desk's own
methods, and the SalesCenter's sign-in calls. Each parameter gets a value drawn from
its type hint (plausible) or from ``hostile_values.HOSTILE``, with its default left
out now and then, an unknown keyword or a surplus positional argument added now and
then. Every call either succeeds or raises an errors.SalesCenterError subclass, and
a refused call leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import inspect
import shutil
import tempfile
import typing
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import Engine, MetaData

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.services.context import Service

from .hostile_values import ADDRESS, AMOUNT, GUEST, HOSTILE, MOMENT, TEXT, either, plausible
from .machine import template

PASSWORD = "hostile-pw-1"
ROLES = ("csr", "supervisor", "admin")
# Calls that end the world itself rather than act in it.
ENDS_THE_WORLD = {"sc.close", "desk.logout"}
SC_OPERATIONS = ("login", "create_user", "has_users")
# What a refusal records on purpose: a wrong password counts towards the sign-in pause (SRV-3).
RECORDED_REFUSALS = {"sc.login": {"sign_in_failures"}}


class HostileWorld:
    """A small database with one desk per role, and the records plausible arguments name."""

    def __init__(self, url: str | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="sc-hostile-"))
        if url is None:
            shutil.copy(template(), self.folder / "sc.db")
            url = f"sqlite:///{self.folder / 'sc.db'}"
        self.sc = SalesCenter.open(url)
        self.sc.create_user("admin", PASSWORD, role="admin")
        admin = self.sc.login("admin", PASSWORD)
        for role in ("csr", "supervisor"):
            admin.users.create(role, PASSWORD, role)
        admin.users.create("spare", PASSWORD, "csr")
        self.desks = {"admin": admin, **{r: self.sc.login(r, PASSWORD) for r in ("csr", "supervisor")}}
        admin.stores.create("US", "Hostile store", review_threshold="500")
        admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=100)
        admin.catalog.create_product("CAB-1", "USB Cable", "9.99", stock=5)
        admin.catalog.create_bundle("KIT-1", "Starter Kit", {"WID-1": 1, "CAB-1": 2})
        admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="SAVE10")
        customer = admin.customers.create("Mercy", "Taylor", address={
            "line1": "12 Elm Street", "city": "Springfield", "country": "US"})
        self.customer, self.address = customer.id, customer.addresses[0].id
        cart = admin.orders.add_item(admin.orders.create("US", self.customer).id, "WID-1", 1)
        submitted = admin.orders.submit(
            admin.orders.add_item(admin.orders.create("US", self.customer).id, "WID-1", 2).id)
        submitted = admin.orders.place_block(submitted.id, "Suspected fraud")
        quote = admin.orders.create("US", self.customer, quote=True)
        self.orders = [cart.id, submitted.id, quote.id]
        self.items = [cart.items[0].id, submitted.items[0].id]
        self.blocks = [b.id for b in submitted.blocks]
        self.tickler = admin.ticklers.create("Call back", customer_id=self.customer).id
        self.export = self.folder / "export"
        admin.transfer.export_dir(self.export)
        (self.folder / "a-file.csv").write_text("not,a,folder\n")
        (self.folder / "dangling").symlink_to(self.folder / "missing")
        self.outcomes: Counter[str] = Counter()
        self.escapes: Counter[str] = Counter()
        self.operations = operations(admin, self.sc)
        self.fingerprint = Fingerprint(self.sc.engine)

    def close(self) -> None:
        self.sc.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def call(self, role: str, name: str, data: st.DataObject) -> None:
        """Draw arguments for ``name`` and call it as ``role``; raises whatever the call raised."""
        function = self.target(role, name)
        args, kwargs = data.draw(arguments(self, name, inspect.signature(function)), label=name)
        function(*args, **kwargs)

    def target(self, role: str, name: str) -> Callable[..., Any]:
        where, method = name.rsplit(".", 1)
        if where == "sc":
            return typing.cast(Callable[..., Any], getattr(self.sc, method))
        desk = self.desks[role]
        owner = desk if where == "desk" else getattr(desk, where)
        return typing.cast(Callable[..., Any], getattr(owner, method))

    def attempt(self, role: str, name: str, data: st.DataObject, *, keep_going: bool = False) -> None:
        """One hostile call; an exception other than errors.SalesCenterError is counted and raised
        (only counted with ``keep_going``, for a run that reports every escape)."""
        before = self.fingerprint()
        try:
            self.call(role, name, data)
        except errors.SalesCenterError:
            self.outcomes[f"refused {name}"] += 1
            after = self.fingerprint()
            changed = {table for table in before if before[table] != after.get(table)}
            assert changed <= RECORDED_REFUSALS.get(name, set()), f"refused {name} changed {sorted(changed)}"
            return
        except Exception as error:
            self.escapes[f"{name}: {type(error).__name__}"] += 1
            if not keep_going:
                raise
            return
        self.outcomes[f"done {name}"] += 1

    def path(self) -> st.SearchStrategy[Any]:
        """Paths inside the world's folder only: a hostile path must not write elsewhere."""
        inside = st.text(st.characters(blacklist_characters="/\\.~", blacklist_categories=["Cs"]),
                         min_size=1, max_size=20)
        bad_names = st.sampled_from(["a\x00b", "x" * 300, "\udcff", "a-file.csv/inner", " ", "-"])
        specific = [self.folder, self.export, self.folder / "a-file.csv", self.folder / "none" / "deeper",
                    self.export / "customers.csv", self.folder / "dangling", self.export / "orders.csv" / "x"]
        folder = self.folder
        return st.one_of(
            st.sampled_from(specific), st.sampled_from(specific).map(str),
            inside.map(lambda n: str(folder / n)), bad_names.map(lambda n: str(folder / n)),
            st.one_of(st.none(), st.integers(), st.booleans(), st.lists(st.integers(), max_size=2), TEXT)
            .filter(lambda v: not isinstance(v, str) or not v.strip() or "\x00" in v),
        )

    def by_name(self) -> dict[str, st.SearchStrategy[Any]]:
        """Plausible values for parameters whose name says what they refer to."""
        order = st.sampled_from(self.orders)
        skus = st.sampled_from(["WID-1", "CAB-1", "KIT-1"])
        return {
            "order_id": order, "order_ids": st.lists(order, max_size=3) | order,
            "item_id": st.sampled_from(self.items), "block_id": st.sampled_from(self.blocks),
            "customer_id": st.just(self.customer), "address_id": st.just(self.address),
            "tickler_id": st.just(self.tickler),
            "expected_version": st.none() | st.integers(1, 30),
            "sku": skus, "other_sku": skus, "skus": st.lists(skus, max_size=3),
            "store": st.just("US"), "code": st.sampled_from(["US", "SAVE10"]),
            "username": st.sampled_from(["spare", "csr", "nobody"]), "password": st.just(PASSWORD) | TEXT,
            "role": st.sampled_from(ROLES), "address": ADDRESS, "guest": GUEST,
            "components": st.dictionaries(skus, st.integers(1, 3), max_size=2),
            "path": self.path(), "amount": AMOUNT, "placed_price": AMOUNT, "list_price": AMOUNT,
            "status": st.sampled_from(["pending", "released", "edit"]) | st.lists(st.sampled_from(
                ["pending", "on_hold"]), max_size=2),
            "after": st.tuples(st.datetimes(), st.integers(0, 30)),
            **{moment: MOMENT for moment in ("created_from", "created_to", "starts", "ends", "restock_date",
                                             "quote_expires", "remind_at")},
        }


class Fingerprint:
    """A digest of every row of each table (support.fingerprint, per table, its statements built once)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        meta = MetaData()
        meta.reflect(bind=engine)
        self.statements = []
        for table in sorted(meta.sorted_tables, key=lambda t: t.name):
            if table.name != "alembic_version":
                order = ", ".join(f'"{c.name}"' for c in (list(table.primary_key.columns) or table.columns))
                self.statements.append((table.name, f'SELECT * FROM "{table.name}" ORDER BY {order}'))

    def __call__(self) -> dict[str, str]:
        digests = {}
        with self.engine.connect() as connection:
            for table, statement in self.statements:
                digest = hashlib.sha256()
                for row in connection.exec_driver_sql(statement):
                    digest.update(repr(tuple(row)).encode())
                digests[table] = digest.hexdigest()
            connection.rollback()
        return digests


def operations(desk: Desk, sc: SalesCenter) -> list[str]:
    """Every public operation: the service namespaces' methods, the Desk's and the SalesCenter's own."""
    names = [f"sc.{n}" for n in SC_OPERATIONS if callable(getattr(sc, n, None))]
    for attribute in dir(desk):
        if attribute.startswith("_"):
            continue
        value = getattr(desk, attribute)
        if isinstance(value, Service):
            names += [f"{attribute}.{m}" for m in dir(value)
                      if not m.startswith("_") and inspect.ismethod(getattr(value, m))]
        elif inspect.ismethod(value):
            names.append(f"desk.{attribute}")
    return sorted(set(names) - ENDS_THE_WORLD)


# Parameters naming a place on disk: drawn from HostileWorld.path alone.
CONFINED = {"path", "folder", "file"}
# Keyword names ``**fields`` parameters take (customers.update, stores.update, ...).
FIELD_NAMES = ("first_name", "phone", "email", "credit_limit", "tax_exempt", "name", "return_days",
               "review_threshold")
UNKNOWN_KEYWORDS = st.sampled_from(["colour", "order", "id", "self", "__class__", "expected_versoin"])


@st.composite
def arguments(draw: st.DrawFn, world: HostileWorld, name: str,
              signature: inspect.Signature) -> tuple[list[Any], dict[str, Any]]:
    """Arguments for one call: each parameter plausible or hostile, defaults sometimes left out."""
    named = world.by_name()
    hints = _hints(world.target("admin", name))
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    # One or two parameters hostile, the rest plausible, so a call gets past its other checks.
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    single = [p.name for p in signature.parameters.values() if p.kind not in variadic]
    hostile = draw(st.sets(st.sampled_from(single), max_size=2)) if single else set()
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            args += draw(st.lists(HOSTILE, max_size=2))
            continue
        if parameter.kind is parameter.VAR_KEYWORD:
            fields = st.sampled_from(sorted(named) + list(FIELD_NAMES))
            kwargs.update(draw(st.dictionaries(fields, either(plausible(Any)), max_size=3)))
            continue
        if parameter.default is not parameter.empty and draw(st.integers(0, 3)) == 0:
            continue
        hint = hints.get(parameter.name, Any)
        if parameter.name in CONFINED:
            value = draw(named[parameter.name])  # hostile too, but never a place outside the world
        else:
            value = draw(HOSTILE if parameter.name in hostile else named.get(parameter.name, plausible(hint)))
        if parameter.kind is parameter.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[parameter.name] = value
    surprise = draw(st.integers(0, 19))
    if surprise == 0:
        kwargs[draw(UNKNOWN_KEYWORDS)] = draw(HOSTILE)
    elif surprise == 1:
        args = [*args, *kwargs.values(), draw(HOSTILE)]
        kwargs = {}
    return args, kwargs


def _hints(function: Callable[..., Any]) -> dict[str, Any]:
    target = inspect.unwrap(getattr(function, "__func__", function))
    try:
        return typing.get_type_hints(target, include_extras=True)
    except (NameError, TypeError):
        return {}


def figures(world: HostileWorld) -> tuple[int, int, int]:
    done = sum(n for k, n in world.outcomes.items() if k.startswith("done"))
    refused = sum(n for k, n in world.outcomes.items() if k.startswith("refused"))
    return done, refused, sum(world.escapes.values())


__all__ = ["ROLES", "HostileWorld", "figures", "operations"]
