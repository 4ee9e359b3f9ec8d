"""The README's two set-up commands are the ones CI runs, and install what Qt needs."""

from __future__ import annotations

import re
from pathlib import Path

from salescenter.desktop_check import DEBIAN_PACKAGES

ROOT = Path(__file__).resolve().parents[2]
# What a stock Debian 12 / Ubuntu 24.04 desktop lacks for Qt's xcb plugin (measured on Debian 12).
NOT_ON_A_STOCK_DESKTOP = {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0",
                          "libxkbcommon-x11-0"}


def set_up_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def apt_packages(command: str) -> set[str]:
    match = re.search(r"apt-get install -y ([^&]+)&&", command)
    assert match, f"no apt-get install in {command!r}"
    return set(match.group(1).split())


def test_readme_set_up_starts_with_the_run_and_the_test_command() -> None:
    run, test = set_up_commands()[:2]
    assert run.endswith("salescenter init --demo && salescenter")
    assert test.endswith('python -m pip install -e ".[test]" && python -m pytest')


def test_readme_commands_install_what_qt_and_venv_need_on_debian() -> None:
    for command in set_up_commands()[:2]:
        packages = apt_packages(command)
        assert packages >= NOT_ON_A_STOCK_DESKTOP | {"python3-venv"}
        assert packages - {"python3-venv"} <= set(DEBIAN_PACKAGES.values())
        assert "python3 -m venv .venv && . .venv/bin/activate" in command


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = set_up_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert [line for line in ci if line.startswith(test_command)] != []
