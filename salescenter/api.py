"""The public entry point: ``SalesCenter.open(url)``, then ``login`` for a desk."""

from __future__ import annotations

import socket
from collections.abc import Callable
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from .db import roles
from .db.engine import make_engine
from .db.migrate import upgrade
from .errors import StateError
from .labels import SHIPPING_NAMES
from .services import users as user_rules
from .services.audit import AuditService
from .services.authority import GRANTS
from .services.catalog import CatalogService
from .services.catalog.inventory import InventoryService
from .services.context import DeskContext
from .services.customers import CustomerService
from .services.live import ChangeFeed, OrderChange
from .services.orders import OrderService
from .services.orders.admin import AdminService
from .services.orders.fulfillment import FulfillmentService
from .services.stores import StoreService
from .services.ticklers import TicklerService
from .services.uow import run
from .services.users import UserService
from .services.users.demo_sign_ins import is_demo_sign_in
from .services.views import UserView

if TYPE_CHECKING:
    from .services.transfer import TransferService


class Desk:
    """A signed-in user's view of Sales Center; every operation acts as ``user``."""

    def __init__(self, context: DeskContext, user: UserView, feeds: list[ChangeFeed] | None = None) -> None:
        self.context = context
        self.user = user
        self._feed: ChangeFeed | None = None
        self._feeds = feeds if feeds is not None else []  # stopped when the SalesCenter closes
        self.users = UserService(context)
        self.stores = StoreService(context)
        self.catalog = CatalogService(context)
        self.inventory = InventoryService(context)
        self.fulfillment = FulfillmentService(context)
        self.customers = CustomerService(context)
        self.orders = OrderService(context)
        self.admin = AdminService(context)
        self.ticklers = TicklerService(context)
        self.audit = AuditService(context)

    @cached_property
    def transfer(self) -> TransferService:
        """Import and export (imported when first used: the desktop seldom needs it)."""
        from .services.transfer import TransferService

        return TransferService(self.context)

    def can(self, authority: str) -> bool:
        """Whether the user holds an authority, named in the words refusals use."""
        return any(held.value == authority for held in GRANTS.get(self.user.role, ()))

    def shipping_methods(self) -> dict[str, str]:
        """Shipping method codes and the names a rep reads."""
        return dict(SHIPPING_NAMES)

    def subscribe(self, listener: object) -> None:
        """Call ``listener(changes)`` after every change this desk makes."""
        self.context.listeners.append(listener)  # type: ignore[arg-type]

    def watch(self, callback: Callable[[OrderChange], None]) -> Callable[[], None]:
        """Call ``callback(OrderChange)`` whenever any desk commits a change to an order.

        Runs on a background thread, within a second of the commit; returns a function
        that stops the calls. ``change.by`` and ``change.version`` let a view tell its own
        saves from others', and ``change.message`` reads "changed by USER".
        """
        if self._feed is None:
            self._feed = ChangeFeed(self.context.engine)
            self._feeds.append(self._feed)
        return self._feed.subscribe(callback)


class SalesCenter:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        # On PostgreSQL each signed-in desk connects as its user's own login role.
        self._desk_engines: list[Engine] = []
        self._feeds: list[ChangeFeed] = []

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> SalesCenter:
        """Open (and create or migrate) the database; None is the embedded one."""
        engine = make_engine(url)
        # A desktop on a shared server names no credentials of its own: its users sign in
        # with theirs, and the administrator migrates (``salescenter init --db URL``).
        shared_without_owner = engine.dialect.name == "postgresql" and not engine.url.password
        if migrate and not shared_without_owner:
            upgrade(engine)
        return cls(engine, engine.url.render_as_string(hide_password=True))

    def close(self) -> None:
        for feed in self._feeds:
            feed.stop()
        for desk_engine in self._desk_engines:
            desk_engine.dispose()
        self.engine.dispose()

    def __enter__(self) -> SalesCenter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def has_users(self) -> bool:
        if self.dialect == "postgresql" and not self.engine.url.password:
            return True  # a shared server's users come from its administrator (salescenter init)
        return run(self.engine, user_rules.user_count, readonly=True) > 0

    def create_user(self, username: str, password: str, role: str = "admin") -> UserView:
        """Only while no user exists (first run); afterwards desk.users.create."""

        def work(uow):  # type: ignore[no-untyped-def]
            if user_rules.user_count(uow):
                raise StateError(
                    "Users already exist; an administrator adds users from the desk."
                )
            user = user_rules.add_user(uow, username, password, role)
            view = UserView.model_validate(user)
            uow.commit()
            return view

        return run(self.engine, work)

    def login(self, username: str, password: str, *, workstation: str | None = None) -> Desk:
        def work(uow):  # type: ignore[no-untyped-def]
            return UserView.model_validate(user_rules.authenticate(uow, username, password))

        engine = self.engine
        if self.dialect == "postgresql":
            # The server checks the password; the desk then works with the user's own rights.
            engine = roles.connect_as(self.engine, username, password)
            self._desk_engines.append(engine)
            user = run(engine, lambda uow: UserView.model_validate(
                roles.signed_in_user(uow.session, username)), readonly=True)
        else:
            user = run(engine, work, readonly=True)
        context = DeskContext(
            engine=engine, user_id=user.id, username=user.username, role=user.role,
            workstation=workstation or socket.gethostname(),
            demo_password=is_demo_sign_in(user.username, password),
        )
        return Desk(context, user, self._feeds)
