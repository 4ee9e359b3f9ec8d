"""`salescenter` names the missing display libraries before anything slow starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from salescenter import cli, desktop_check
from salescenter.desktop_check import SKIP_ENV, advice, desktop_problem, parse_ldd

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd5a1f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f2c)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f2b)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibfrobnicate.so.9 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f2c5d5f1000)
"""
X11 = {"DISPLAY": ":0"}


@pytest.fixture
def missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """A plugin folder whose xcb plugin lacks what the test puts in the returned list."""
    (tmp_path / "libqxcb.so").write_bytes(b"")
    (tmp_path / "libqwayland.so").write_bytes(b"")
    absent: list[str] = []
    wayland_absent: list[str] = ["libwayland-cursor.so.0"]
    monkeypatch.setattr(desktop_check, "plugin_folder", lambda: tmp_path)
    monkeypatch.setattr(desktop_check, "missing_libraries",
                        lambda plugin: list(wayland_absent if "wayland" in plugin.name else absent))
    monkeypatch.setattr(desktop_check.sys, "platform", "linux")
    return absent


def test_desktop_check_reads_the_libraries_ldd_cannot_find_once_each() -> None:
    assert parse_ldd(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libfrobnicate.so.9"]


def test_desktop_check_names_the_debian_packages_and_the_command() -> None:
    text = advice("xcb", ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"], apt=True)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libxcb-cursor.so.0" in text
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in text


def test_desktop_check_names_a_library_it_has_no_package_for() -> None:
    text = advice("xcb", ["libfrobnicate.so.9"], apt=False)
    assert "apt-get" not in text
    assert "provide libfrobnicate.so.9" in text


def test_desktop_check_reports_missing_xcb_libraries_on_x11(missing: list[str]) -> None:
    missing.extend(["libxcb-icccm.so.4", "libxkbcommon-x11.so.0"])
    problem = desktop_problem(X11)
    assert problem is not None
    assert "libxcb-icccm4 libxkbcommon-x11-0" in problem
    assert SKIP_ENV not in problem
    assert SKIP_ENV in (desktop_problem(X11, headless_ok=True, skippable=True) or "")


def test_desktop_check_passes_when_nothing_is_missing(missing: list[str]) -> None:
    assert desktop_problem(X11) is None


def test_desktop_check_falls_back_to_xcb_when_wayland_cannot_load(missing: list[str]) -> None:
    # Qt tries Wayland first in a Wayland session, then xcb: the fixture's Wayland plugin
    # lacks libwayland-cursor, so the xcb plugin's libraries decide.
    missing.append("libxcb-keysyms.so.1")
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert "libxcb-keysyms1" in (desktop_problem(wayland) or "")


@pytest.mark.parametrize("environ", [
    {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"},
    {"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"},
    {SKIP_ENV: "1", "DISPLAY": ":0"},
])
def test_desktop_check_stays_out_of_other_platforms(missing: list[str], environ: dict[str, str]) -> None:
    missing.append("libxcb-icccm.so.4")
    assert desktop_problem(environ) is None


def test_desktop_check_without_a_display(missing: list[str]) -> None:
    assert "no display" in (desktop_problem({}) or "")
    assert desktop_problem({}, headless_ok=True) is None  # a server, or the offscreen self-test


def test_desktop_check_agrees_with_the_dynamic_loader() -> None:
    folder = desktop_check.plugin_folder()
    if not sys.platform.startswith("linux") or folder is None or desktop_check.shutil.which("ldd") is None:
        pytest.skip("needs Linux, ldd and PySide6's xcb plugin")
    plugin = folder / "libqxcb.so"
    found = desktop_check.missing_libraries(plugin)
    loads = subprocess.run([sys.executable, "-c", f"import ctypes; ctypes.CDLL({str(plugin)!r})"],
                           capture_output=True, text=True, check=False)
    assert found is not None
    assert (found == []) == (loads.returncode == 0), (found, loads.stderr)


def test_desktop_check_stops_init_demo_before_it_prompts_or_writes(
        missing: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    missing.append("libxcb-cursor.so.0")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv(SKIP_ENV, raising=False)
    target = tmp_path / "desk.db"
    assert cli.main(["init", "--demo", "--db", f"sqlite:///{target}"]) == 3
    assert "sudo apt-get install -y libxcb-cursor0" in capsys.readouterr().err
    assert not target.exists()
    assert cli.main([]) == 3  # the desktop itself
    assert "libxcb-cursor0" in capsys.readouterr().err


def test_desktop_check_leaves_commands_without_a_desktop_alone(
        missing: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing.append("libxcb-cursor.so.0")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    password = tmp_path / "pw"
    password.write_text("a-long-admin-password\n", encoding="utf-8")
    target = tmp_path / "desk.db"
    assert cli.main(["init", "--db", f"sqlite:///{target}", "--password-file", str(password)]) == 0
    assert target.exists()
