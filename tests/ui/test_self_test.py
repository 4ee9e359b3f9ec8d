"""`salescenter --self-test` renders every main view and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys

from salescenter import SalesCenter
from salescenter.ui.self_test import PASSWORD_ENV, THROWAWAY_ADMIN, USER_ENV, run_self_test
from tests.conftest import PASSWORDS

MAIN_VIEWS = ("main window", "find order", "find customer", "preferences", "about", "order editor",
              "customer editor")


def test_self_test_on_an_empty_database_leaves_it_without_users(qtbot, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run_self_test(url) == 0
    out = capsys.readouterr().out
    assert "Sales Center self-test passed" in out
    for view in ("first run", *MAIN_VIEWS):
        assert f"  {view}  " in out
    assert "skipped" not in out
    assert f"signed in as '{THROWAWAY_ADMIN}' on a scratch database" in out
    with SalesCenter.open(url) as center:
        assert not center.has_users(), "the first-run setup must still be offered"


def test_self_test_opens_editors_when_there_is_data(qtbot, sc, db_url, world, capsys, monkeypatch):
    world_order = sc.login("csr", PASSWORDS["csr"]).orders.create(world.store, world.customer_id)
    assert world_order.id
    monkeypatch.setenv(USER_ENV, "csr")
    monkeypatch.setenv(PASSWORD_ENV, PASSWORDS["csr"])
    assert run_self_test(db_url) == 0  # sc.url hides the password
    out = capsys.readouterr().out
    assert "order editor  " in out and "customer editor  " in out
    assert "skipped" not in out


def test_self_test_without_credentials_renders_the_sign_in_and_every_main_view_on_a_scratch_database(
    qtbot, sc, db_url, admin, capsys, monkeypatch
):
    monkeypatch.delenv(USER_ENV, raising=False)
    before = [u.username for u in admin.users.list()]
    assert run_self_test(db_url) == 0  # sc.url hides the password
    out = capsys.readouterr().out
    for view in ("login", *MAIN_VIEWS):
        assert f"  {view}  " in out
    assert "skipped" not in out
    assert f"no {USER_ENV} / {PASSWORD_ENV} given: signed in as '{THROWAWAY_ADMIN}'" in out
    assert [u.username for u in admin.users.list()] == before  # the throwaway user went with it


def test_self_test_command_line_exits_zero_offscreen(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "salescenter", "--self-test", "--db", url],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "Sales Center self-test passed" in done.stdout
    assert all(f"  {view}  " in done.stdout for view in ("first run", *MAIN_VIEWS)), done.stdout
    with SalesCenter.open(url) as center:
        assert not center.has_users()
