"""The remote desk: the same ``SalesCenter`` and ``Desk`` over HTTPS to a Sales Center server.

``SalesCenter.open("https://host:8443", ca_file=...)`` returns a ``RemoteSalesCenter``; its
``login`` returns a ``RemoteDesk`` with the namespaces the server offers (``desk.orders``,
``desk.customers``, ...). Each call goes to the server, which runs it on the user's server-side
desk; the answer comes back as the same pydantic view, and a refusal as the same
``salescenter.errors`` class with the same message. This desk holds no database credentials.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable
from typing import Any

from .. import errors
from ..api import Desk, SalesCenter
from ..server.wire import TAG, WireError, decode, encode
from ..services.arguments import checked, label
from ..services.live import OrderChange
from ..services.views import Changes, UserView
from .events import RemoteChangeFeed
from .transport import Transport

log = logging.getLogger(__name__)


def _sendable(value: Any, field: str) -> Any:
    """The value as the wire carries it; one it cannot (bytes, a file path, an object) is refused as
    the server would refuse it, before anything is sent."""
    try:
        return encode(value)
    except WireError as error:
        raise errors.ValidationError(f"{field} cannot be sent to the server: {error}.", field) from None
    except RecursionError:
        raise errors.ValidationError(f"{field} is nested too deeply.", field) from None


def _answered() -> frozenset[str]:
    from ..services.orders.warnings import acknowledged

    return acknowledged(None)


class RemoteOperation:
    """One operation of a remote namespace, such as ``desk.orders.add_item``."""

    def __init__(self, desk: RemoteDesk, service: str, method: str) -> None:
        self._desk, self._service, self.__name__ = desk, service, method
        self.__qualname__ = f"{service}.{method}"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._desk.call(self._service, self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<remote operation {self.__qualname__}>"


class RemoteNamespace:
    def __init__(self, desk: RemoteDesk, name: str, methods: list[str]) -> None:
        self._name = name
        for method in methods:
            setattr(self, method, RemoteOperation(desk, name, method))

    def __repr__(self) -> str:
        return f"<remote {self._name}>"


class RemoteDesk(Desk):
    """A signed-in user's desk on a Sales Center server; the same attributes as the embedded one."""

    def __init__(self, transport: Transport, token: str, user: UserView, services: dict[str, list[str]],
                 authorities: list[str], shipping_methods: dict[str, str]) -> None:
        # The embedded Desk's state (a database context) has no place here: nothing of Desk.__init__.
        self._transport = transport
        self._token = token
        self.user = user
        self._authorities = frozenset(authorities)
        self._shipping_methods = dict(shipping_methods)
        self._listeners: list[Callable[[Changes], None]] = []
        self._remote_feed: RemoteChangeFeed | None = None
        self._signed_out = False
        self._feed_lock = threading.Lock()
        for name, methods in services.items():
            setattr(self, name, RemoteNamespace(self, name, methods))

    @property
    def transfer(self) -> Any:  # type: ignore[override]
        raise errors.StateError(
            "Import and export read and write files where the database is: on a server, run "
            "`salescenter transfer` on the server's machine."
        )

    def call(self, service: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if self._signed_out:
            raise errors.AuthenticationError(
                f"{self.user.username} has signed out of this desk; sign in again."
            )
        answered = _answered()
        if answered and "acknowledge" not in kwargs:  # Desk.acknowledging around this call
            kwargs = {**kwargs, "acknowledge": sorted(answered)}
        body = {"args": _sendable(list(args), "Value"), "kwargs": {
            TAG: "map", "v": [[name, _sendable(value, label(name))] for name, value in kwargs.items()]}}
        reply = self._transport.request("POST", f"/api/call/{service}/{method}", body=body, token=self._token)
        result = decode(reply.get("result"), trusted=True)
        for raw in reply.get("changes") or []:
            changes = decode(raw, trusted=True)
            for listener in list(self._listeners):
                listener(changes)
        return result

    def can(self, authority: str) -> bool:
        return authority in self._authorities

    def shipping_methods(self) -> dict[str, str]:
        return dict(self._shipping_methods)

    @checked
    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def watch(self, callback: Callable[[OrderChange], None]) -> Callable[[], None]:
        with self._feed_lock:
            if self._remote_feed is None:
                self._remote_feed = RemoteChangeFeed(self._transport.client, self._token)
        return self._remote_feed.subscribe(callback)

    def logout(self) -> None:
        if self._signed_out:
            return
        self._signed_out = True
        self._stop_feed()
        try:
            self._transport.request("DELETE", "/api/session", token=self._token)
        except errors.SalesCenterError as error:
            log.info("sign-out not confirmed by the server: %s", error)

    def _stop_feed(self) -> None:
        with self._feed_lock:
            feed, self._remote_feed = self._remote_feed, None
        if feed is not None:
            feed.stop()


class RemoteSalesCenter(SalesCenter):
    """A Sales Center server seen from a desktop: ``login`` gives a ``RemoteDesk``."""

    def __init__(self, transport: Transport) -> None:
        # No engine: this process never reaches the database (SRV-1).
        self.transport = transport
        self.url = transport.url
        self._desks: list[RemoteDesk] = []

    @classmethod
    def connect(cls, url: str, *, ca_file: str | None = None) -> RemoteSalesCenter:
        transport = Transport(url, ca_file=ca_file)
        try:
            transport.request("GET", "/api/health")
        except BaseException:
            transport.close()
            raise
        return cls(transport)

    @property
    def dialect(self) -> str:
        return "server"

    def close(self) -> None:
        for desk in self._desks:
            desk._stop_feed()
        self.transport.close()

    def has_users(self) -> bool:
        return bool(self.transport.request("GET", "/api/info").get("has_users"))

    def create_user(self, username: str, password: str, role: str = "admin") -> UserView:
        reply = self.transport.request("POST", "/api/first-user",
                                       body={"username": username, "password": password, "role": role})
        return decode(reply["user"], trusted=True)  # type: ignore[no-any-return]

    def login(self, username: str, password: str, *, workstation: str | None = None) -> Desk:
        reply = self.transport.request("POST", "/api/session", body={
            "username": username, "password": password, "workstation": workstation or socket.gethostname(),
        })
        desk = RemoteDesk(self.transport, reply["token"], decode(reply["user"], trusted=True),
                          reply.get("services") or {}, reply.get("authorities") or [],
                          reply.get("shipping_methods") or {})
        self._desks.append(desk)
        return desk
