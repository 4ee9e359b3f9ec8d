"""A desktop connected to a server imports few service modules; every record the server can send must
still come back as its own type (SRV-1: views and errors come back unchanged)."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import dataclasses, importlib, pkgutil, sys
import salescenter.client
from pydantic import BaseModel
from salescenter.server import wire
from salescenter import services

wanted = []
for info in pkgutil.walk_packages(services.__path__, services.__name__ + "."):
    module = importlib.import_module(info.name)
    for value in vars(module).values():
        if isinstance(value, type) and value.__module__ == info.name:
            if dataclasses.is_dataclass(value):
                wanted.append(("dataclass", value))
            elif issubclass(value, BaseModel):
                wanted.append(("model", value))
"""

_CHECK = """
missing = [cls.__name__ for kind, cls in wanted if wire._lookup(kind, cls.__name__) is not cls]
print(len(wanted), missing)
"""


def test_srv_1_every_service_record_is_found_by_a_client_that_imported_none_of_its_modules() -> None:
    # The first lookup runs before the probe imports the service modules to list them: an import
    # report's type lives in a module a client never imports.
    code = ("import sys\nimport salescenter.client\nfrom salescenter.server import wire\n"
            "unimported = 'salescenter.services.transfer.report' not in sys.modules\n"
            "first = wire._lookup('model', 'ImportSummary')\n"
            + _PROBE + _CHECK + "print(unimported and first is not None)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, first = result.stdout.strip().splitlines()
    assert int(count.split()[0]) > 20
    assert count.endswith("[]"), count
    assert first == "True"
