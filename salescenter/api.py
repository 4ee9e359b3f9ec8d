"""The public entry point: ``SalesCenter.open(url)``, then ``login`` for a desk."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from .db.engine import make_engine
from .db.migrate import upgrade
from .errors import StateError
from .labels import SHIPPING_NAMES
from .server import throttle
from .services import users as user_rules
from .services.arguments import checked_methods
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
from .services.returns.service import ReturnService
from .services.stores import StoreService
from .services.ticklers import TicklerService
from .services.uow import run
from .services.users import UserService
from .services.views import Changes, UserView

if TYPE_CHECKING:
    from .services.transfer import TransferService


@checked_methods
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
        self.returns = ReturnService(context)

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

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """Call ``listener(changes)`` after every change this desk makes."""
        self.context.listeners.append(listener)

    def acknowledging(self, names: Iterable[str]) -> AbstractContextManager[None]:
        """Calls made inside answer yes to the named warnings (``errors.WarningRequired.name``),
        as ``acknowledge=`` on each would: a desktop repeats the change the rep confirmed."""
        from .services.orders.warnings import answered

        return answered(names)

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

    def logout(self) -> None:
        """End this desk's session (SRV-3): every call afterwards is refused."""
        self.context.signed_out = True
        if self._feed is not None:
            self._feed.stop()
            self._feed = None


@checked_methods
class SalesCenter:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._feeds: list[ChangeFeed] = []

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True, ca_file: str | None = None) -> SalesCenter:
        """Open (and create or migrate) the database; None is the embedded one.

        An ``https://`` URL is a Sales Center server (SRV-1): the same ``login`` and ``Desk``, every
        call checked by the server; ``ca_file`` is the certificate (or CA) to trust.
        """
        if url is not None and url.split(":", 1)[0].lower() in ("https", "http"):
            from .client import RemoteSalesCenter

            return RemoteSalesCenter.connect(url, ca_file=ca_file)
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine, engine.url.render_as_string(hide_password=True))

    def close(self) -> None:
        for feed in self._feeds:
            feed.stop()
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
        return run(self.engine, user_rules.user_count, readonly=True) > 0

    # The user name the first-run dialog and ``salescenter init`` offer for the first user.
    FIRST_ADMINISTRATOR = "admin"

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
        """The desk of a user; after 5 wrong passwords in a row sign-in pauses (SRV-3)."""
        user = throttle.sign_in(self.engine, username, password)
        context = DeskContext(
            engine=self.engine, user_id=user.id, username=user.username, role=user.role,
            workstation=workstation or socket.gethostname(),
        )
        return Desk(context, user, self._feeds)
