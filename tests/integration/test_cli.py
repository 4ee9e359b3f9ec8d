"""The admin command line: init, users, unlock (on a private SQLite database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salescenter import SalesCenter
from salescenter.cli import main


@pytest.fixture
def secrets(tmp_path: Path) -> dict[str, str]:
    files = {}
    for name, password in {"admin": "first-admin-pw", "new": "new-user-pw", "wrong": "not-it"}.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(password + "\n", encoding="utf-8")
        files[name] = str(path)
    return files


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def init(url: str, secrets: dict[str, str]) -> int:
    return main(["init", "--db", url, "--password-file", secrets["admin"]])


def test_init_creates_database_and_first_administrator(url: str, secrets: dict[str, str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert init(url, secrets) == 0
    out = capsys.readouterr().out
    assert "Created the database" in out and "Administrator 'admin' created" in out
    with SalesCenter.open(url) as center:
        desk = center.login("admin", "first-admin-pw")
        assert desk.user.role == "admin"


def test_init_again_migrates_and_keeps_users(url: str, secrets: dict[str, str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert init(url, secrets) == 0
    capsys.readouterr()
    assert main(["init", "--db", url]) == 0  # no password needed: the administrator exists
    out = capsys.readouterr().out
    assert "up to date" in out and "Users already exist" in out


def test_init_without_terminal_or_password_file_says_which_option(
        url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["init", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "--password-file" in err and "Traceback" not in err
    with SalesCenter.open(url) as center:
        assert not center.has_users()


def test_init_prompts_for_password_on_a_terminal(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "typed-secret")
    assert main(["init", "--db", url, "--admin", "boss"]) == 0
    with SalesCenter.open(url) as center:
        assert center.login("boss", "typed-secret").user.role == "admin"


def test_init_on_an_unreachable_server_names_the_database(capsys: pytest.CaptureFixture[str],
                                                          secrets: dict[str, str]) -> None:
    bad = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2"
    assert main(["init", "--db", bad, "--password-file", secrets["admin"]]) == 2
    err = capsys.readouterr().err
    assert "Cannot open" in err and "secret" not in err


def test_users_add_and_list_act_as_administrator(url: str, secrets: dict[str, str],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    init(url, secrets)
    as_admin = ["--as", "admin", "--admin-password-file", secrets["admin"]]
    assert main(["users", "add", "maria", "--role", "supervisor", "--password-file", secrets["new"],
                 "--db", url, *as_admin]) == 0
    assert "added as Supervisor" in capsys.readouterr().out
    assert main(["users", "list", "--db", url, *as_admin]) == 0
    listing = capsys.readouterr().out
    assert "maria" in listing and "Supervisor" in listing and "Administrator" in listing
    with SalesCenter.open(url) as center:
        assert center.login("maria", "new-user-pw").user.role == "supervisor"


def test_users_add_refuses_a_wrong_admin_password(url: str, secrets: dict[str, str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    init(url, secrets)
    code = main(["users", "add", "maria", "--role", "csr", "--password-file", secrets["new"],
                 "--db", url, "--admin-password-file", secrets["wrong"]])
    assert code == 2 and "not correct" in capsys.readouterr().err


def test_users_add_refuses_a_non_administrator(url: str, secrets: dict[str, str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    init(url, secrets)
    as_admin = ["--admin-password-file", secrets["admin"]]
    main(["users", "add", "rep", "--role", "csr", "--password-file", secrets["new"], "--db", url, *as_admin])
    capsys.readouterr()
    code = main(["users", "add", "other", "--role", "csr", "--password-file", secrets["new"], "--db", url,
                 "--as", "rep", "--admin-password-file", secrets["new"]])
    assert code == 2 and "Manage users" in capsys.readouterr().err


def test_lck_3_unlock_by_order_number_returns_order_to_pending_payment(
        url: str, secrets: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    init(url, secrets)
    with SalesCenter.open(url) as center:
        admin = center.login("admin", "first-admin-pw")
        admin.users.create("rep", "rep-password", "csr")
        admin.stores.create("US", "Sales Center US")
        admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=10)
        customer = admin.customers.create("Zoë", "Côté", address={
            "line1": "1 Rue Sainte-Catherine", "city": "Montréal", "country": "CA"})
        rep = center.login("rep", "rep-password", workstation="crashed-pc")
        order = rep.orders.create("US", customer.id)
        rep.orders.add_item(order.id, "WID-1", 1)
        rep.orders.submit(order.id)
        locked = rep.orders.begin_edit(order.id)
    assert locked.status == "edit" and locked.locked_by == "rep"
    assert main(["unlock", locked.number, "--db", url, "--admin-password-file", secrets["admin"]]) == 0
    assert "held by rep removed" in capsys.readouterr().out
    with SalesCenter.open(url) as center:
        view = center.login("admin", "first-admin-pw").orders.get(order.id)
    assert view.status == "pending_payment_authorization" and view.locked_by is None
    assert main(["unlock", str(order.id), "--db", url, "--admin-password-file", secrets["admin"]]) == 2
    assert "is not locked" in capsys.readouterr().err


def test_unlock_unknown_order_says_so(url: str, secrets: dict[str, str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    init(url, secrets)
    assert main(["unlock", "999999", "--db", url, "--admin-password-file", secrets["admin"]]) == 2
    assert "no order with number or id 999999" in capsys.readouterr().err
