"""One way for a failed call: a refusal from the services becomes a message in the rep's
words, anything else reaches the crash dialog and the log, and no widget shows the text
of an unexpected exception."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget

from salescenter.errors import ValidationError
from salescenter.ui import crash_dialog
from salescenter.ui.calls import Calls
from salescenter.ui.find_customer import FindCustomerDialog
from salescenter.ui.live_updates import LiveUpdates
from salescenter.ui.navigator import Navigator
from salescenter.ui.worker import wait_for_idle

INTERNALS = "cursor gone at 0x7f3a"


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


@pytest.fixture
def crashes(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(crash_dialog, "show_crash", lambda details, parent=None: shown.append(details))
    return shown


def _broken() -> None:
    raise RuntimeError(INTERNALS)


def test_calls_count_what_is_in_flight_and_say_a_refusal(qtbot, crashes):
    owner = QWidget()
    qtbot.addWidget(owner)
    said: list[str] = []
    calls = Calls(owner, say=said.append)
    idle: list[bool] = []
    calls.idle_changed.connect(idle.append)
    results: list[int] = []

    def refuse() -> None:
        raise ValidationError("Quantity must be at least 1.", "Quantity")

    calls.run(lambda: 41 + 1, results.append)
    calls.run(refuse, results.append)
    assert not calls.is_idle()
    qtbot.waitUntil(calls.is_idle)
    assert results == [42]
    assert said == ["Quantity must be at least 1."]
    assert idle == [False, True] and not crashes


def test_an_unexpected_failure_reaches_the_crash_dialog_and_the_log_never_the_message(
        qtbot, crashes, caplog):
    owner = QWidget()
    qtbot.addWidget(owner)
    said: list[str] = []
    cleaned: list[bool] = []
    calls = Calls(owner, say=said.append)
    with caplog.at_level(logging.ERROR, logger="salescenter.ui"):
        calls.run(_broken, on_failed=lambda: cleaned.append(True),
                  on_refused=lambda error: said.append(str(error)))
        qtbot.waitUntil(calls.is_idle)
    assert said == [] and cleaned == [True]
    assert len(crashes) == 1 and INTERNALS in crashes[0]
    assert INTERNALS in caplog.text


def test_find_customer_never_shows_an_unexpected_exception(qtbot, csr, crashes, monkeypatch):
    monkeypatch.setattr(csr.customers, "find", lambda text, **_: _broken())
    dialog = FindCustomerDialog(csr)
    qtbot.addWidget(dialog)
    dialog.box.setText("Mercy")
    dialog.search_now()
    qtbot.waitUntil(lambda: bool(crashes))
    assert INTERNALS not in dialog.status.text()


def test_navigator_never_shows_an_unexpected_exception(qtbot, csr, crashes, monkeypatch):
    monkeypatch.setattr(csr.stores, "list", _broken)
    navigator = Navigator(csr)
    qtbot.addWidget(navigator)
    navigator.refresh()
    qtbot.waitUntil(lambda: bool(crashes))
    assert navigator.note.text() == "Could not load the navigator."


def test_live_updates_report_a_feed_that_cannot_start(qtbot, csr, crashes, monkeypatch, caplog):
    window = QWidget()
    qtbot.addWidget(window)
    said: list[str] = []
    monkeypatch.setattr(csr, "watch", lambda callback: _broken())
    live = LiveUpdates(csr, None, window, say=said.append)  # type: ignore[arg-type]
    with caplog.at_level(logging.ERROR, logger="salescenter.ui"):
        live.start()
        qtbot.waitUntil(lambda: bool(crashes))
    assert INTERNALS in caplog.text
    refusing = LiveUpdates(csr, None, window, say=said.append)  # type: ignore[arg-type]
    monkeypatch.setattr(csr, "watch", lambda callback: (_ for _ in ()).throw(
        ValidationError("The change feed needs a database connection.", "Database")))
    refusing.start()
    qtbot.waitUntil(lambda: bool(said))
    assert said == ["Open orders do not follow other desks' changes: "
                    "The change feed needs a database connection."]
