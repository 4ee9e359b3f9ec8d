"""Users and sign-in. Passwords are kept only as salted Argon2id hashes."""

from __future__ import annotations

import builtins
import logging
import os
import sys

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import defer

from ...errors import AuthenticationError, ValidationError
from ...models import Preference, SignInFailures, User
from .. import audit
from .. import validation as v
from ..authority import ROLES, Authority
from ..context import Service
from ..uow import UnitOfWork
from ..views import LockedOut, UserView
from .demo_sign_ins import DEMO_PASSWORDS

PASSWORD_PROFILE_ENV = "SALESCENTER_PASSWORD_PROFILE"
log = logging.getLogger(__name__)


def under_test_suite() -> bool:
    """Inside pytest, or a program a test started (pytest sets PYTEST_CURRENT_TEST while a test runs)."""
    return "pytest" in sys.modules or bool(os.environ.get("PYTEST_CURRENT_TEST"))

class _Unset:
    """A preference the caller did not name (None is a value: "no default")."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()


def _make_hasher() -> PasswordHasher:
    # The test configuration asks for cheap hashes; each hash records its own
    # parameters, so verification works whichever profile made it. Anywhere else
    # the variable would silently weaken every password stored: it is ignored.
    if os.environ.get(PASSWORD_PROFILE_ENV) == "test":
        if under_test_suite():
            return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        log.warning("%s=test is ignored outside the test suite: passwords are hashed with the "
                    "full Argon2id settings.", PASSWORD_PROFILE_ENV)
    return PasswordHasher()


_hasher = _make_hasher()
_USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def clean_username(value: object) -> str:
    name = v.text(value, "User name", max_length=64).lower()
    if not set(name) <= _USERNAME_CHARS:
        raise ValidationError(
            "User name may use only letters, digits, dot, dash and underscore.", "User name"
        )
    return name


def clean_password(value: object) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise ValidationError("Password must be text.", "Password")
    if len(value) < 4:
        raise ValidationError("Password must have at least 4 characters.", "Password")
    if len(value) > 1024:
        raise ValidationError("Password is too long (at most 1,024 characters).", "Password")
    return value


def clean_role(value: object) -> str:
    return v.choice(value, "Role", list(ROLES))


def add_user(uow: UnitOfWork, username: object, password: object, role: object) -> User:
    name, secret, kind = clean_username(username), clean_password(password), clean_role(role)
    if uow.session.scalar(select(User.id).where(User.username == name)) is not None:
        raise ValidationError(f"User name '{name}' is already taken.", "User name")
    user = User(username=name, password_hash=_hasher.hash(secret), role=kind, created_at=uow.now)
    uow.session.add(user)
    uow.session.flush()
    return user


def user_count(uow: UnitOfWork) -> int:
    return uow.session.scalar(select(func.count(User.id))) or 0


def authenticate(uow: UnitOfWork, username: object, password: object) -> User:
    refused = AuthenticationError("User name or password is not correct.")
    if not isinstance(username, str) or not isinstance(password, str) or "\x00" in username:
        raise refused
    user = uow.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        _hasher.hash("timing-equalizer")  # a missing user costs as long as a wrong password
        raise refused
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise refused from None
    if not user.active:
        raise AuthenticationError(f"The account '{user.username}' is disabled.")
    return user


class UserService(Service):
    def create(self, username: str, password: str, role: str) -> UserView:
        self.ctx.require(Authority.MANAGE_USERS, "Adding a user")

        def work(uow: UnitOfWork) -> UserView:
            user = add_user(uow, username, password, role)
            audit.created(uow, self.ctx.username, "user", user)  # AUD-1
            return _commit_view(uow, user)

        return self.ctx.write(work)

    def set_role(self, username: str, role: str) -> UserView:
        """An administrator gives a user another role; recorded (AUD-1)."""
        self.ctx.require(Authority.MANAGE_USERS, "Changing a user's role")
        kind = clean_role(role)

        def work(uow: UnitOfWork) -> UserView:
            user = _find(uow, username)
            before = audit.snapshot_of("user", user)
            if user.role == "admin" and kind != "admin":
                _keep_an_administrator(uow, user)
            user.role = kind
            audit.changed(uow, self.ctx.username, "user", user, before)
            return _commit_view(uow, user)

        return self.ctx.write(work)

    def list(self) -> list[UserView]:
        """Every user; ``demo_password`` flags the active ones the documented demo password signs in."""
        self.ctx.require(Authority.MANAGE_USERS, "Listing users")
        return self.ctx.read(
            lambda uow: [
                UserView.model_validate(user).model_copy(update={"demo_password": _demo_works(user)})
                for user in uow.session.scalars(select(User).order_by(User.username))
            ]
        )

    def demo_sign_ins(self) -> builtins.list[str]:
        """The accounts that still sign in with a documented demo password (README, first run).

        An administrator learns of every account; anyone else of their own only (the same
        through a server: the check reads the stored hashes). Empty on a database ready for
        real use.
        """
        if self.ctx.can(Authority.MANAGE_USERS):
            return [user.username for user in self.list() if user.demo_password]
        own = self.ctx.read(lambda uow: _demo_works(uow.session.get_one(User, self.ctx.user_id)))
        return [self.ctx.username] if own else []

    def locked_out(self) -> builtins.list[LockedOut]:
        """Users whose sign-in is paused now after wrong passwords (SRV-3), for an administrator."""
        self.ctx.require(Authority.MANAGE_USERS, "Listing locked-out users")
        self.ctx.read(lambda uow: None)  # refused like any call once this desk has signed out
        from ...server.throttle import locked_out

        return locked_out(self.ctx.engine)

    def clear_sign_in_pause(self, username: str) -> UserView:
        """Let a locked-out user (SRV-3) try again now: an administrator who has checked who is
        calling clears the pause and the count of wrong passwords; recorded (AUD-1)."""
        self.ctx.require(Authority.MANAGE_USERS, "Clearing a sign-in pause")
        name = clean_username(username)

        def work(uow: UnitOfWork) -> UserView:
            user = _find(uow, name)
            row = uow.session.get(SignInFailures, user.id)
            if row is not None:
                audit.field_changed(uow, self.ctx.username, "user", user, "sign_in_pause",
                                    f"{row.failures} wrong passwords", "cleared")
                uow.session.delete(row)
            return _commit_view(uow, user)

        return self.ctx.write(work)

    def set_active(self, username: str, active: bool) -> UserView:
        self.ctx.require(Authority.MANAGE_USERS, "Disabling a user")

        def work(uow: UnitOfWork) -> UserView:
            user = _find(uow, username)
            before = audit.snapshot_of("user", user)
            if user.role == "admin" and user.active and not active:
                _keep_an_administrator(uow, user)
            user.active = bool(active)
            audit.changed(uow, self.ctx.username, "user", user, before)  # AUD-1
            return _commit_view(uow, user)

        return self.ctx.write(work)

    def set_password(self, username: str, password: str) -> UserView:
        name = clean_username(username)
        if name != self.ctx.username:
            self.ctx.require(Authority.MANAGE_USERS, "Changing another user's password")
        secret = clean_password(password)

        def work(uow: UnitOfWork) -> UserView:
            user = _find(uow, name)
            user.password_hash = _hasher.hash(secret)
            # AUD-1: that it was set and by whom; never the password or its hash.
            audit.field_changed(uow, self.ctx.username, "user", user, "password", "",
                                "changed by the user" if name == self.ctx.username else "reset")
            return _commit_view(uow, user)

        return self.ctx.write(work)

    def preferences(self) -> dict[str, object]:
        def work(uow: UnitOfWork) -> dict[str, object]:
            pref = uow.session.get(Preference, self.ctx.user_id)
            if pref is None:
                return {"default_store": None, "shipping_method": None, "results_per_page": 50}
            return {
                "default_store": pref.default_store,
                "shipping_method": pref.shipping_method,
                "results_per_page": pref.results_per_page,
            }

        return self.ctx.read(work)

    def set_preferences(
        self,
        *,
        default_store: str | None | _Unset = UNSET,
        shipping_method: str | None | _Unset = UNSET,
        results_per_page: int | _Unset = UNSET,
    ) -> dict[str, object]:
        """ORD-15: the rep's default store and shipping method for new orders.

        Only the preferences named in the call change; the others keep what was saved.
        """
        from ..orders.pricing import SHIPPING_RATES

        changes: dict[str, object] = {}
        if not isinstance(default_store, _Unset):
            changes["default_store"] = v.optional_text(default_store, "Default store", max_length=40)
        if not isinstance(shipping_method, _Unset):
            changes["shipping_method"] = (
                v.choice(shipping_method, "Shipping method", list(SHIPPING_RATES))
                if shipping_method else None
            )
        if not isinstance(results_per_page, _Unset):
            if isinstance(results_per_page, bool) or not isinstance(results_per_page, int) or not (
                10 <= results_per_page <= 500
            ):
                raise ValidationError("Results per page must be between 10 and 500.", "Results per page")
            changes["results_per_page"] = results_per_page

        def work(uow: UnitOfWork) -> dict[str, object]:
            from ..stores import store_by_code

            if changes.get("default_store"):
                store_by_code(uow, str(changes["default_store"]))
            pref = uow.session.get(Preference, self.ctx.user_id) or Preference(
                user_id=self.ctx.user_id, results_per_page=50
            )
            for name, value in changes.items():
                setattr(pref, name, value)
            uow.session.add(pref)
            saved: dict[str, object] = {
                "default_store": pref.default_store,
                "shipping_method": pref.shipping_method,
                "results_per_page": pref.results_per_page,
            }
            uow.commit()
            return saved

        return self.ctx.write(work)


def _demo_works(user: User) -> bool:
    password = DEMO_PASSWORDS.get(user.username)
    if password is None or not user.active:
        return False
    try:
        return bool(_hasher.verify(user.password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _find(uow: UnitOfWork, username: str) -> User:
    from ...errors import NotFoundError

    # The hash stays unread: no view needs it.
    query = select(User).options(defer(User.password_hash))
    user = uow.session.scalar(query.where(User.username == clean_username(username)))
    if user is None:
        raise NotFoundError(f"There is no user '{username}'.")
    return user


def _keep_an_administrator(uow: UnitOfWork, user: User) -> None:
    others = uow.session.scalar(select(func.count(User.id)).where(
        User.role == "admin", User.active.is_(True), User.id != user.id))
    if not others:
        raise ValidationError(
            f"{user.username} is the only active administrator; make another user an administrator "
            "first.", "Role")


def _commit_view(uow: UnitOfWork, user: User) -> UserView:
    view = UserView.model_validate(user)
    uow.commit()
    return view
