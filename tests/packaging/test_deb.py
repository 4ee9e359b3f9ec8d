"""The Linux package installs, starts and uninstalls cleanly (the packaging test group).

Slow (it builds the application with PyInstaller): run with
``python -m pytest -m packaging tests/packaging``. Set SALESCENTER_DEB to test
an already built package instead of building one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.packaging


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def deb() -> Path:
    _require(shutil.which("dpkg-deb") is not None, "dpkg-deb is needed to build the .deb")
    given = os.environ.get("SALESCENTER_DEB")
    if given:
        return Path(given)
    subprocess.run(["bash", str(ROOT / "packaging" / "build-linux.sh")], check=True, cwd=ROOT)
    built = sorted((ROOT / "packaging" / "out").glob("salescenter_*.deb"))
    assert built, "build-linux.sh produced no .deb"
    return built[-1]


def test_deb_installs_starts_and_removes_cleanly(deb: Path, tmp_path: Path) -> None:
    _require(os.geteuid() == 0, "installing the .deb needs root")
    _require(shutil.which("desktop-file-validate") is not None,
             "desktop-file-validate (desktop-file-utils) is needed")
    subprocess.run(["dpkg", "-i", str(deb)], check=True)
    try:
        assert Path("/opt/salescenter/salescenter").is_file()
        entry = Path("/usr/share/applications/salescenter.desktop")
        subprocess.run(["desktop-file-validate", str(entry)], check=True)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
                   XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
                   XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
        started = time.perf_counter()
        result = subprocess.run(
            ["/usr/bin/salescenter", "--db", f"sqlite:///{tmp_path / 'fresh.db'}", "--self-test"],
            env=env, capture_output=True, text=True, timeout=180,
        )
        elapsed = time.perf_counter() - started
        assert result.returncode == 0, result.stdout + result.stderr
        print(f"installed self-test cold start: {elapsed:.2f} s; package size "
              f"{deb.stat().st_size / 1e6:.1f} MB")
    finally:
        subprocess.run(["dpkg", "--purge", "salescenter"], check=True)
    assert not Path("/opt/salescenter").exists(), "files left under /opt after removal"
    assert not Path("/usr/bin/salescenter").exists()
    assert not Path("/usr/share/applications/salescenter.desktop").exists()
