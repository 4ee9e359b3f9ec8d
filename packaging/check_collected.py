"""Fails the installer build when PyInstaller could not collect a module the program needs.

    python packaging/check_collected.py PYINSTALLER_LOG WARN_FILE

PyInstaller only warns about what it could not find and then builds a bundle
that dies at start (``No module named 'sqlalchemy'`` when the building Python
lacked the project's packages). This turns those warnings into a failed build:

- a ``Hidden import "..." not found`` in the log of a package the project
  depends on that is not installed at all (the spec checks its own list);
- every missing module that Sales Center's own code imports unconditionally;
- every missing module inside one of the packages the project depends on, or
  one of those packages itself, when imported unconditionally.

Imports PyInstaller marks ``conditional`` or ``optional`` (platform branches,
``try: import x except ImportError``) are the libraries' own fallbacks and pass,
and so do names that are attributes rather than modules (``from pydantic import
BaseModel`` is listed as a missing module ``pydantic.BaseModel``).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from collections.abc import Callable
from importlib.metadata import distribution, packages_distributions
from pathlib import Path

OURS = ("salescenter", "launcher", "__main__")


def dependency_packages() -> set[str]:
    """Top-level import names of the project's installed requirements (and their requirements)."""
    by_distribution: dict[str, set[str]] = {}
    for top, dists in packages_distributions().items():
        for dist in dists:
            by_distribution.setdefault(dist.lower().replace("_", "-"), set()).add(top)
    seen: set[str] = set()
    todo = ["salescenter"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = distribution(name).requires or []
        except Exception:  # noqa: BLE001 - a requirement that is not installed is reported below
            continue
        for requirement in requires:
            if "extra ==" in requirement:
                continue
            todo.append(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-"))
    tops = {top for dist in seen for top in by_distribution.get(dist, set())}
    return tops | {"sqlalchemy", "alembic", "pydantic", "PySide6", "shiboken6", "psycopg", "argon2"}


def unconditional_importers(importers: str) -> list[str]:
    """``a (top-level), b (delayed, conditional)`` -> the importers whose import is not guarded."""
    found = []
    for name, flags in re.findall(r"([\w.]+) \(([^)]*)\)", importers):
        if "conditional" not in flags and "optional" not in flags:
            found.append(name)
    return found


def importable(module: str) -> bool:
    """A module this Python can import, or an attribute of one (what PyInstaller mistakes for a module)."""
    parent, _, attribute = module.rpartition(".")
    try:
        if importlib.util.find_spec(module) is not None:
            return True
    except (ImportError, ValueError):
        pass
    if not parent:
        return False
    try:
        return hasattr(importlib.import_module(parent), attribute)
    except Exception:  # noqa: BLE001 - a parent that cannot even be imported is missing too
        return False


def problems(log: str, warn: str, packages: set[str],
             can_import: Callable[[str], bool] = importable) -> list[str]:
    """What the bundle lacks; ``can_import`` tells a module (or attribute) of the building Python."""
    found = []
    for name in re.findall(r"""Hidden import ["']([^"']+)["'] not found""", log):
        if name.split(".")[0] in packages and not can_import(name.split(".")[0]):
            found.append(f"hidden import not found: {name}")
    for line in warn.splitlines():
        match = re.match(r"missing module named '?([\w.]+)'? - imported by (.*)", line)
        if not match or can_import(match.group(1)):
            continue
        module, importers = match.groups()
        hard = unconditional_importers(importers)
        ours = [name for name in hard if name.split(".")[0] in OURS]
        theirs = [name for name in hard if name.split(".")[0] in packages]
        if ours:
            found.append(f"{module}, imported by {', '.join(ours)}")
        elif module.split(".")[0] in packages and theirs:
            found.append(f"{module}, imported by {', '.join(theirs)}")
    return found


def main(log_path: str, warn_path: str) -> int:
    warn_file = Path(warn_path)
    if not warn_file.is_file():
        print(f"check_collected: PyInstaller wrote no {warn_file}", file=sys.stderr)
        return 1
    found = problems(Path(log_path).read_text(encoding="utf-8", errors="replace"),
                     warn_file.read_text(encoding="utf-8", errors="replace"), dependency_packages())
    if found:
        print("check_collected: PyInstaller could not collect modules the program needs "
              f"(see {warn_file}):", file=sys.stderr)
        for problem in found:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
