"""What every service of a signed-in desk shares: the engine, the user, the locks it holds."""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Engine

from ..errors import AuthenticationError
from . import arguments, authority
from .authority import Authority
from .uow import UnitOfWork, run
from .views import Changes

T = TypeVar("T")


@dataclass
class DeskContext:
    engine: Engine
    user_id: int
    username: str
    role: str
    workstation: str = field(default_factory=socket.gethostname)
    # The lock epoch this desk took per order: a save with an older epoch is fenced.
    lock_epochs: dict[int, int] = field(default_factory=dict)
    listeners: list[Callable[[Changes], None]] = field(default_factory=list)
    signed_out: bool = False

    def require(self, needed: Authority, action: str = "") -> None:
        authority.require(self.role, self.username, needed, action)

    def can(self, needed: Authority) -> bool:
        return authority.allowed(self.role, needed)

    def write(self, work: Callable[[UnitOfWork], T]) -> T:
        self._still_signed_in()
        return run(self.engine, work)

    def read(self, work: Callable[[UnitOfWork], T]) -> T:
        self._still_signed_in()
        return run(self.engine, work, readonly=True)

    def _still_signed_in(self) -> None:
        if self.signed_out:
            raise AuthenticationError(f"{self.username} has signed out of this desk; sign in again.")

    def announce(self, changes: Changes) -> None:
        for listener in list(self.listeners):
            listener(changes)


class Service:
    """A namespace of a desk; every public method's arguments are checked against its hints."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        arguments.checked_methods(cls)

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
