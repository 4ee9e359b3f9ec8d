"""The user aggregate: accounts, sign-in and each rep's preferences."""

from .service import (
    UserService,
    add_user,
    authenticate,
    clean_password,
    clean_role,
    clean_username,
    user_count,
)

__all__ = [
    "UserService", "add_user", "authenticate", "clean_password", "clean_role", "clean_username",
    "user_count",
]
