"""Issue 17: the main window shows a small banner while demo sign-ins still work.

The window asks the desk (``desk.users.demo_sign_ins``) on a worker and only shows
the answer: nothing on a database whose accounts have passwords of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.demo import DEMO_PASSWORDS
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _window(qtbot, desk) -> MainWindow:
    window = MainWindow(desk, "sqlite:///test.db", Settings())
    qtbot.addWidget(window)
    window.show()
    return window


def test_banner_names_the_demo_sign_ins_that_still_work(qtbot, sc) -> None:
    sc.create_user("admin", DEMO_PASSWORDS["admin"], role="admin")
    admin = sc.login("admin", DEMO_PASSWORDS["admin"])
    admin.users.create("csr", DEMO_PASSWORDS["csr"], "csr")
    window = _window(qtbot, admin)
    qtbot.waitUntil(lambda: window.demo_banner.isVisible())
    assert window.demo_banner.accounts == ["admin", "csr"]
    assert "Demo sign-ins still work here (admin, csr)" in window.demo_banner.text()
    assert window.demo_banner.height() < window.height() // 10  # a strip, not a dialog


def test_no_banner_once_every_account_has_its_own_password(qtbot, sc, admin) -> None:
    window = _window(qtbot, admin)
    qtbot.waitUntil(lambda: window.demo_banner.answered)
    assert window.demo_banner.accounts == [] and not window.demo_banner.isVisible()
