"""Sign-in and sessions (SRV-3), the same on the embedded desk and through a server."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.errors import AuthenticationError
from salescenter.models import SignInFailures
from tests.conftest import PASSWORDS


def _wrong(sc: SalesCenter, times: int, name: str = "csr") -> str:
    message = ""
    for _ in range(times):
        with pytest.raises(AuthenticationError) as caught:
            sc.login(name, "not-the-password")
        message = str(caught.value)
    return message


def _pause_ends(sc: SalesCenter) -> None:
    """The pause has passed (the harness moves it into the past instead of waiting)."""
    with sc.engine.begin() as connection:
        connection.execute(update(SignInFailures).values(locked_until=None))


def test_srv_3_five_wrong_passwords_pause_sign_in_and_the_refusal_says_how_long(
    sc: SalesCenter, admin: Desk
) -> None:
    assert _wrong(sc, 4) == "User name or password is not correct."
    fifth = _wrong(sc, 1)
    assert fifth.startswith("User name or password is not correct.")
    assert "try again in 30 seconds" in fifth
    with pytest.raises(AuthenticationError, match=r"paused after 5 wrong passwords in a row; try again in "
                                                  r"\d+ seconds?\.") as paused_refusal:
        sc.login("csr", PASSWORDS["csr"])  # even the right password waits
    assert 0 < int(str(paused_refusal.value).split("try again in ")[1].split()[0]) <= 30
    paused = admin.users.locked_out()
    assert [(entry.username, entry.failures) for entry in paused] == [("csr", 5)]
    assert 0 < paused[0].seconds_left <= 30
    assert sc.login("supervisor", PASSWORDS["supervisor"]).user.username == "supervisor"  # others sign in


def test_srv_3_each_wrong_password_after_a_pause_doubles_the_next_pause(sc: SalesCenter, admin: Desk) -> None:
    assert "try again in 30 seconds" in _wrong(sc, 5)
    _pause_ends(sc)
    assert "try again in 60 seconds" in _wrong(sc, 1)
    _pause_ends(sc)
    assert "try again in 120 seconds" in _wrong(sc, 1)


def test_srv_3_the_right_password_clears_the_count_of_wrong_ones(sc: SalesCenter, admin: Desk) -> None:
    _wrong(sc, 4)
    assert sc.login("csr", PASSWORDS["csr"]).user.username == "csr"
    assert _wrong(sc, 4) == "User name or password is not correct."
    assert admin.users.locked_out() == []


def test_srv_3_an_unknown_user_name_gets_the_same_refusal_every_time(sc: SalesCenter, admin: Desk) -> None:
    assert _wrong(sc, 7, name="nobody") == "User name or password is not correct."


def test_srv_3_a_desk_refuses_every_call_once_signed_out(sc: SalesCenter, csr: Desk, admin: Desk) -> None:
    csr.logout()
    with pytest.raises(AuthenticationError, match="signed out"):
        csr.customers.find("Mercy")
    assert admin.customers.find("Mercy") == []  # other desks go on


def test_srv_3_a_disabled_users_open_desk_stops_at_once(sc: SalesCenter, csr: Desk, admin: Desk) -> None:
    csr.customers.find("Mercy")
    admin.users.set_active("csr", False)
    with pytest.raises(AuthenticationError, match="disabled"):
        sc.login("csr", PASSWORDS["csr"])
    if sc.dialect == "server":  # the embedded desk is the user's own process; the server's check is per call
        with pytest.raises(AuthenticationError, match="'csr' is disabled"):
            csr.customers.find("Mercy")
