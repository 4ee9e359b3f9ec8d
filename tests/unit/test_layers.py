"""The layering of ARCHITECTURE.md, checked on every run by import-linter's contracts.

Services and models never import Qt; the UI never touches SQLAlchemy or the ORM.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold() -> None:
    # The interpreter running the suite, not a `lint-imports` found on PATH: a venv that is
    # not activated would otherwise fail here. import-linter 2 has no `python -m importlinter`,
    # so its console script's entry point is called directly.
    if importlib.util.find_spec("importlinter") is None:
        pytest.fail("import-linter is part of the test extra: pip install -e '.[test]'")
    command = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
               "sys.exit(lint_imports())"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_services_import_without_qt() -> None:
    code = (
        "import sys, salescenter, salescenter.services.orders, salescenter.cli; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    # House style: about 400 lines at most, so a module reads on a few screens.
    too_long = {
        str(path.relative_to(ROOT)): lines
        for folder in ("salescenter", "tests", "scripts")
        for path in (ROOT / folder).rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert too_long == {}
