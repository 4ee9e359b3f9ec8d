"""The Linux package builds from a fresh clone, installs, starts and uninstalls cleanly.

Slow (PyInstaller and xz, a few minutes): ``python -m pytest -m packaging
tests/packaging`` (as root; ``.ci/run`` runs it). The .deb is built from a
``git clone`` of this checkout (committed work only) with a Python that has none
of the project's packages: ``packaging/build-linux.sh`` must make its own
environment. Set SALESCENTER_DEB to test an already built package instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.packaging
# Every view the self-test renders when it can sign in (salescenter/ui/self_test.py).
MAIN_VIEWS = ("main window", "find order", "find customer", "preferences", "about", "order editor",
              "customer editor")


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _bare_python(folder: Path) -> Path:
    """A new virtual environment without the project or any of its packages."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    probe = subprocess.run([str(python), "-c", "import sqlalchemy"], capture_output=True,
                           env=_clean_env(), check=False)
    assert probe.returncode != 0, "the bare Python can import sqlalchemy"
    return python


def _clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require(shutil.which("dpkg-deb") is not None, "dpkg-deb is needed to build the .deb")
    given = os.environ.get("SALESCENTER_DEB")
    if given:
        return Path(given)
    _require(shutil.which("git") is not None and (ROOT / ".git").exists(), "needs git and a checkout")
    work = tmp_path_factory.mktemp("deb-build")
    clone = work / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    python = _bare_python(work / "bare")
    started = time.perf_counter()
    subprocess.run(["nice", "-n", "5", "bash", "packaging/build-linux.sh"], cwd=clone, check=True,
                   env=_clean_env(PYTHON=str(python)))
    built = sorted((clone / "packaging" / "out").glob("salescenter_*.deb"))
    assert built, "build-linux.sh produced no .deb"
    print(f"build from a fresh clone: {time.perf_counter() - started:.0f} s")
    return built[-1]


def _install(deb: Path) -> list[Path]:
    """Installed with its Depends (apt), as a user installs it; the files dpkg put in place."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-q", str(deb.resolve())], check=True, env=env)
    listed = subprocess.run(["dpkg", "-L", "salescenter"], capture_output=True, text=True, check=True)
    return [Path(line) for line in listed.stdout.splitlines() if line.startswith("/")]


def _self_test(home: Path, *prefix: str, **extra: str) -> str:
    env = _clean_env(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
                     XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
                     XDG_CACHE_HOME=str(home / "cache"), **extra)
    started = time.perf_counter()
    result = subprocess.run(
        [*prefix, "/usr/bin/salescenter", "--db", f"sqlite:///{home / 'fresh.db'}", "--self-test"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"installed self-test ({extra.get('QT_QPA_PLATFORM')}): {time.perf_counter() - started:.2f} s")
    for view in MAIN_VIEWS:
        assert f"  {view} " in result.stdout, f"{view} not rendered:\n{result.stdout}"
    return result.stdout


def test_deb_installs_starts_and_removes_cleanly(deb: Path, tmp_path: Path) -> None:
    _require(os.geteuid() == 0, "installing the .deb needs root")
    _require(shutil.which("apt-get") is not None, "apt-get is needed to install the .deb's Depends")
    _require(shutil.which("desktop-file-validate") is not None,
             "desktop-file-validate (desktop-file-utils) is needed")
    _require(shutil.which("xvfb-run") is not None, "xvfb-run (xvfb) is needed for the X11 self-test")
    depends = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True,
                             check=True).stdout
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0",
                    "libxkbcommon-x11-0"):
        assert package in depends, f"Depends lacks {package}: {depends}"
    files = _install(deb)
    try:
        assert Path("/opt/salescenter/salescenter").is_file()
        subprocess.run(["desktop-file-validate", "/usr/share/applications/salescenter.desktop"], check=True)
        assert Path("/usr/share/icons/hicolor/256x256/apps/salescenter.png").is_file()
        _self_test(tmp_path / "offscreen", QT_QPA_PLATFORM="offscreen")
        # A real X display, through the xcb plugin whose libraries the Depends pull in.
        _self_test(tmp_path / "x11", "xvfb-run", "-a", QT_QPA_PLATFORM="xcb")
    finally:
        subprocess.run(["dpkg", "--purge", "salescenter"], check=True)
    left = [str(path) for path in files if path.is_file() or path.is_symlink()]
    assert left == [], f"files left after purge: {left[:10]}"
    assert not Path("/opt/salescenter").exists(), "something left under /opt/salescenter after purge"
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Status}", "salescenter"], capture_output=True,
                            text=True, check=False)
    assert status.stdout in ("", "unknown ok not-installed"), status.stdout
    print(f"package size {deb.stat().st_size / 1e6:.1f} MB")
