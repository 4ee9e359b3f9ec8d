"""The self-test's scratch database starts from a kept empty schema instead of migrating a new
file each run; a damaged copy is made again (salescenter/scratch.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salescenter import scratch
from salescenter.db import migrate


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _run_in(folder: Path) -> None:
    folder.mkdir()
    center, desk = scratch.scratch_sign_in(folder)
    try:
        assert desk.user.username == scratch.THROWAWAY_ADMIN
        assert len(desk.orders.search(limit=5)) == 1
    finally:
        center.close()


def test_the_second_scratch_database_is_copied_from_the_kept_schema_without_migrating(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run_in(tmp_path / "first")
    template = scratch.template_path()
    assert template.exists() and migrate.SCHEMA_HEAD in template.name

    def no_migration(*_args: object) -> None:
        raise AssertionError("the kept schema is up to date: nothing should migrate")

    monkeypatch.setattr(migrate, "_run", no_migration)
    _run_in(tmp_path / "second")


def test_a_damaged_kept_schema_is_made_again_from_the_migrations(tmp_path: Path) -> None:
    template = scratch.template_path()
    template.write_bytes(b"not a database")
    _run_in(tmp_path / "first")
    assert template.read_bytes()[:15] == b"SQLite format 3"
