"""Data, config and log folders: the user's folders, or beside the portable executable."""

from pathlib import Path

import pytest

from salescenter import paths
from salescenter.db.engine import default_database_url


def test_portable_build_keeps_everything_beside_the_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.PORTABLE_ENV, str(tmp_path / "stick"))
    for folder in (paths.data_dir(), paths.config_dir(), paths.log_dir()):
        assert folder.is_dir() and folder.is_relative_to(tmp_path / "stick")
    assert default_database_url().endswith(str(tmp_path / "stick" / "data" / "salescenter.db"))


def test_installed_build_uses_the_user_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.PORTABLE_ENV, raising=False)
    assert paths.portable_root() is None
    assert "SalesCenter" in str(paths.data_dir())
