"""Typed errors of the public API.

Every message is written for the rep at the desk: it names the field or the
authority in the rep's words and, where it can, says how to fix it.
"""

from __future__ import annotations


class SalesCenterError(Exception):
    """Base of every error the public API raises on bad input or refused work."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class AuthenticationError(SalesCenterError):
    """The user name or password is wrong, or the account is disabled."""


class AuthorizationError(SalesCenterError):
    """The signed-in user lacks an authority; ``authority`` names it."""

    def __init__(self, message: str, authority: str = "") -> None:
        super().__init__(message)
        self.authority = authority


class ValidationError(SalesCenterError):
    """Input is not acceptable; ``field`` is the field in the rep's words."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(SalesCenterError):
    """The order, customer, product or other record does not exist."""


class StateError(SalesCenterError):
    """The order's state forbids the operation; the message says why."""


class LockedError(SalesCenterError):
    """Someone else holds the order's edit lock; ``holder`` names them."""

    def __init__(self, message: str, holder: str = "") -> None:
        super().__init__(message)
        self.holder = holder


class ConflictError(SalesCenterError):
    """Someone else changed the record first; reload and try again."""


class WarningRequired(SalesCenterError):
    """An overridable condition: repeat the call acknowledging ``name``."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


__all__ = [
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "LockedError",
    "NotFoundError",
    "SalesCenterError",
    "StateError",
    "ValidationError",
    "WarningRequired",
]
