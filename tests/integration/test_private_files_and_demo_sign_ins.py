"""Issue 17: private files, flagged demo sign-ins, and a test password profile only in tests.

- The SQLite database (and its -wal/-shm files) and the log are created 0600 on POSIX,
  and an existing 0644 one is narrowed, so other accounts of a shared workstation
  cannot read customers and orders.
- ``users list`` flags every account the documented demo password still signs in, and
  ``desk.users.demo_sign_ins()`` (the desktop banner's question) names them.
- ``SALESCENTER_PASSWORD_PROFILE=test`` gives cheap hashes only under the test suite;
  anywhere else it is ignored with a logged warning.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.cli import main
from salescenter.db.engine import make_engine
from salescenter.demo import DEMO_PASSWORDS
from salescenter.ui.app import setup_logging
from tests.conftest import PASSWORDS

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_the_database_file_and_its_journal_are_created_0600(tmp_path: Path) -> None:
    database = tmp_path / "new" / "salescenter.db"
    with SalesCenter.open(f"sqlite:///{database}") as center:
        center.create_user("admin", PASSWORDS["admin"], role="admin")
        assert mode(database) == 0o600
        assert mode(Path(f"{database}-wal")) == 0o600
    assert mode(database) == 0o600


@posix_only
def test_an_existing_readable_database_file_is_narrowed_to_0600(tmp_path: Path) -> None:
    database = tmp_path / "old.db"
    database.touch(mode=0o644)
    os.chmod(database, 0o644)
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()
    assert mode(database) == 0o600


@posix_only
def test_the_log_and_each_file_it_rotates_to_are_created_0600(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path)
        logging.getLogger("salescenter").warning("signed in")
        assert mode(path) == 0o600
        (handler,) = [h for h in root.handlers if h not in before]
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.doRollover()
        assert mode(path) == mode(Path(f"{path}.1")) == 0o600
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()


def _hasher_cost(env: dict[str, str]) -> tuple[int, str]:
    probe = "from salescenter.services.users import service; print(service._hasher.time_cost)"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                          check=True)
    return int(done.stdout.strip()), done.stderr


def test_the_test_password_profile_is_ignored_with_a_warning_outside_the_test_suite() -> None:
    outside = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    outside["SALESCENTER_PASSWORD_PROFILE"] = "test"
    cost, warned = _hasher_cost(outside)
    assert cost >= 3  # argon2's own default, not the test profile's 1
    assert "SALESCENTER_PASSWORD_PROFILE=test is ignored outside the test suite" in warned
    inside = {**outside, "PYTEST_CURRENT_TEST": os.environ["PYTEST_CURRENT_TEST"]}
    assert _hasher_cost(inside) == (1, "")


@pytest.fixture
def demo_signed(sc: SalesCenter) -> Desk:
    """The demo's accounts with their documented passwords, and one user with a password of its own."""
    sc.create_user("admin", DEMO_PASSWORDS["admin"], role="admin")
    admin = sc.login("admin", DEMO_PASSWORDS["admin"])
    admin.users.create("csr", DEMO_PASSWORDS["csr"], "csr")
    admin.users.create("supervisor", "not-the-demo-one", "supervisor")
    return admin


def test_demo_sign_ins_are_named_by_the_desk_for_an_admin_and_for_oneself(
    sc: SalesCenter, demo_signed: Desk
) -> None:
    assert demo_signed.users.demo_sign_ins() == ["admin", "csr"]
    flagged = {u.username: u.demo_password for u in demo_signed.users.list()}
    assert flagged == {"admin": True, "csr": True, "supervisor": False}
    assert sc.login("csr", DEMO_PASSWORDS["csr"]).users.demo_sign_ins() == ["csr"]
    assert sc.login("supervisor", "not-the-demo-one").users.demo_sign_ins() == []
    demo_signed.users.set_password("csr", "a-real-password")
    assert demo_signed.users.demo_sign_ins() == ["admin"]


def test_users_list_flags_demo_passwords_until_they_are_changed_or_disabled(
    demo_signed: Desk, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "admin-password"
    secret.write_text(DEMO_PASSWORDS["admin"], encoding="utf-8")
    signed = ["--db", db_url, "--admin-password-file", str(secret)]
    assert main(["users", "list", *signed]) == 0
    shown = capsys.readouterr()
    lines = {line.split()[0]: line for line in shown.out.splitlines()[1:] if line.strip()}
    assert "DEMO PASSWORD" in lines["admin"] and "DEMO PASSWORD" in lines["csr"]
    assert "DEMO PASSWORD" not in lines["supervisor"]
    assert "admin, csr still sign in with the documented demo password" in shown.err
    fresh = tmp_path / "csr-password"
    fresh.write_text("a-real-password", encoding="utf-8")
    assert main(["users", "password", "csr", "--password-file", str(fresh), *signed]) == 0
    assert main(["users", "list", *signed]) == 0
    shown = capsys.readouterr()
    assert "admin still signs in with the documented demo password" in shown.err
    assert "csr" not in shown.err
    demo_signed.users.create("admin2", PASSWORDS["admin"], "admin")
    secret.write_text(PASSWORDS["admin"], encoding="utf-8")
    signed = ["--db", db_url, "--as", "admin2", "--admin-password-file", str(secret)]
    assert main(["users", "disable", "admin", *signed]) == 0
    assert main(["users", "list", *signed]) == 0
    shown = capsys.readouterr()
    assert "DEMO PASSWORD" not in shown.out and "Warning" not in shown.err
