"""Preferences (ORD-15): the typed settings file, the dialog, and the rep's server preferences."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from salescenter.ui.preferences import (
    SETTINGS_VERSION,
    PreferencesDialog,
    Settings,
    load_settings,
    save_settings,
    settings_path,
)
from salescenter.ui.worker import wait_for_idle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def test_ord_15_settings_round_trip_with_a_version(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(Settings(default_store="US", shipping_method="express", results_per_page=100), path)
    stored = json.loads(path.read_text())
    assert stored["version"] == SETTINGS_VERSION
    loaded = load_settings(path)
    assert (loaded.default_store, loaded.shipping_method, loaded.results_per_page) == ("US", "express", 100)


def test_ord_15_unreadable_or_invalid_settings_fall_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    assert load_settings(path) == Settings()
    path.write_text("{not json")
    assert load_settings(path) == Settings()
    path.write_text(json.dumps({"version": 0, "results_per_page": 3}))
    assert load_settings(path).results_per_page == 50
    path.write_text(json.dumps({"version": 0, "default_store": "B2B", "unknown": 1}))
    loaded = load_settings(path)
    assert loaded.default_store == "B2B" and loaded.version == SETTINGS_VERSION


def test_ord_15_settings_live_in_the_user_config_folder():
    assert settings_path().parent.name == "SalesCenter"
    assert "xdg_config_home" in str(settings_path())


def test_ord_15_dialog_shows_current_choices_and_saves_both_places(qtbot, csr, world, tmp_path, monkeypatch):
    target = tmp_path / "settings.json"
    monkeypatch.setattr("salescenter.ui.preferences.settings_path", lambda: target)
    dialog = PreferencesDialog(csr, Settings(shipping_method="express", results_per_page=80))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.store.count() == 3)
    assert dialog.shipping.currentText() == csr.shipping_methods()["express"]
    assert dialog.per_page.value() == 80
    assert dialog.store.currentText() == "Ask each time"
    dialog.store.setCurrentIndex(dialog.store.findData("US"))
    dialog.per_page.setValue(120)
    dialog.database.setText("sqlite:////tmp/other.db")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    saved = load_settings(target)
    assert (saved.default_store, saved.results_per_page, saved.database_url) == (
        "US", 120, "sqlite:////tmp/other.db")
    assert csr.users.preferences() == {"default_store": "US", "shipping_method": "express",
                                       "results_per_page": 120}


def test_ord_15_a_refused_preference_keeps_the_dialog_open(qtbot, csr, world):
    dialog = PreferencesDialog(csr, Settings(default_store="GONE"))
    qtbot.addWidget(dialog)
    dialog.store.addItem("GONE", "GONE")
    dialog.store.setCurrentIndex(dialog.store.findData("GONE"))
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.refusal.text()))
    assert "GONE" in dialog.refusal.text() or "store" in dialog.refusal.text().lower()
    assert dialog.buttons.isEnabled() and not dialog.result()
