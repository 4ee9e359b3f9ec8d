"""The installer builds stop when PyInstaller left out a module the program needs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):  # noqa: ANN202 - a script of packaging/, loaded as a module
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


check_collected = _load("check_collected")
PACKAGES = {"sqlalchemy", "alembic", "pydantic", "PySide6", "psycopg", "psycopg_binary"}

# What PyInstaller wrote when the building Python lacked the project's packages (issue 17),
# and what it writes for a good build.
BARE_WARN = """\
missing module named sqlalchemy - imported by salescenter.db.engine (top-level), salescenter.api (delayed)
missing module named 'alembic.runtime' - imported by salescenter.db.migrate (top-level)
missing module named rich - imported by salescenter.commands.support (delayed)
"""
GOOD_WARN = """\
missing module named pydantic.BaseModel - imported by salescenter.services.validation (top-level)
missing module named 'mypy.version' - imported by pydantic.mypy (top-level), pydantic.v1.mypy (top-level)
missing module named psycopg2 - imported by sqlalchemy.dialects.postgresql.psycopg2 (delayed), \
sqlalchemy (top-level)
missing module named msvcrt - imported by salescenter.paths (conditional), subprocess (conditional)
missing module named _overlapped - imported by asyncio.windows_events (top-level)
missing module named 'pydantic.not_a_module_at_all' - imported by pydantic.fields (delayed, optional)
"""
GOOD_LOG = """\
86918 WARNING: Hidden import "psycopg_binary._uuid" not found!
95620 WARNING: Hidden import "pysqlite2" not found!
"""


def test_build_check_fails_a_bundle_built_without_the_projects_packages() -> None:
    found = check_collected.problems("", BARE_WARN, PACKAGES | {"rich"}, can_import=lambda name: False)
    assert [line.split(",")[0] for line in found] == ["sqlalchemy", "alembic.runtime", "rich"]


def test_build_check_passes_attributes_optional_imports_and_other_projects_modules() -> None:
    assert check_collected.problems(GOOD_LOG, GOOD_WARN, PACKAGES) == []


def test_build_check_fails_a_hidden_import_of_a_dependency_that_is_not_installed() -> None:
    log = "WARNING: Hidden import 'salescenter_no_such_dependency.dialects' not found\n"
    found = check_collected.problems(log, "", PACKAGES | {"salescenter_no_such_dependency"},
                                     can_import=lambda name: name == "salescenter")
    assert found == ["hidden import not found: salescenter_no_such_dependency.dialects"]


def test_build_check_knows_the_projects_dependencies() -> None:
    packages = check_collected.dependency_packages()
    assert {"sqlalchemy", "alembic", "pydantic", "PySide6", "platformdirs", "argon2"} <= packages
