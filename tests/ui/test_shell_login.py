"""Sign-in and first run: what the rep sees before the main window."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator

import pytest

from salescenter import SalesCenter
from salescenter.ui.app import setup_logging
from salescenter.ui.login_dialog import FirstRunDialog, LoginDialog
from salescenter.ui.worker import wait_for_idle
from tests.conftest import PASSWORDS


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def test_login_with_a_wrong_password_says_so_and_stays_open(qtbot, sc, admin):
    dialog = LoginDialog(sc, sc.url, username="csr")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password.setText("wrong")
    dialog.try_sign_in()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "User name or password is not correct."
    assert dialog.sign_in.isEnabled() and dialog.desk is None


def test_login_signs_in_and_hands_over_the_desk(qtbot, sc, admin):
    dialog = LoginDialog(sc, sc.url, username="csr", hint="Demo sign-ins: csr / csr-demo")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.hint.isVisible()
    dialog.password.setText(PASSWORDS["csr"])
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.try_sign_in()
    assert dialog.desk.user.username == "csr"


def test_login_needs_both_fields(qtbot, sc):
    dialog = LoginDialog(sc, sc.url)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.try_sign_in()
    assert dialog.error.text() == "Enter your user name and password."


def test_first_run_creates_the_first_administrator(qtbot, tmp_path):
    with SalesCenter.open(f"sqlite:///{tmp_path / 'first.db'}") as center:
        dialog = FirstRunDialog(center)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.admin_password.setText("secret-1")
        dialog.admin_confirm.setText("secret-2")
        dialog.create_admin()
        assert "differ" in dialog.error.text()
        dialog.admin_confirm.setText("secret-1")
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            dialog.create_admin()
        assert dialog.username == "admin"
        assert center.login("admin", "secret-1").user.role == "admin"
        wait_for_idle()


def test_first_run_offers_the_demo_when_it_is_installed(qtbot, sc):
    dialog = FirstRunDialog(sc)
    qtbot.addWidget(dialog)
    assert dialog.demo_button.isEnabled()
    assert dialog.demo_button.text() == "Load &Demo Data"


def test_log_goes_to_a_rotating_file_in_the_log_folder(tmp_path):
    path = setup_logging(tmp_path)
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "baseFilename", None) == str(path))
    try:
        logging.getLogger("salescenter.test").warning("written to the log")
        handler.flush()
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        assert path == tmp_path / "salescenter.log"
        assert "WARNING salescenter.test: written to the log" in path.read_text()
    finally:
        root.removeHandler(handler)
        handler.close()
