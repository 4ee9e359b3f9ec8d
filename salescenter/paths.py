"""Where Sales Center keeps its data, settings and logs.

Installed, it uses the platform's user folders (platformdirs). The portable
one-file build keeps everything in a ``SalesCenterData`` folder beside the
executable, so it runs from a USB stick and leaves nothing behind on the PC.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir, user_log_dir

APP_NAME = "SalesCenter"
PORTABLE_ENV = "SALESCENTER_PORTABLE"
PORTABLE_MARKER = "salescenter-portable.txt"


def portable_root() -> Path | None:
    """The folder beside the executable when running portable, else None."""
    if os.environ.get(PORTABLE_ENV):
        return Path(os.environ[PORTABLE_ENV]).resolve()
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        if (exe_dir / PORTABLE_MARKER).exists() or "portable" in Path(sys.executable).stem.lower():
            return exe_dir / "SalesCenterData"
    return None


def _folder(kind: str) -> Path:
    root = portable_root()
    if root is not None:
        path = root / kind
    elif kind == "data":
        path = Path(user_data_dir(APP_NAME, appauthor=False))
    elif kind == "config":
        path = Path(user_config_dir(APP_NAME, appauthor=False))
    elif kind == "cache":
        path = Path(user_cache_dir(APP_NAME, appauthor=False))
    else:
        path = Path(user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


PRIVATE_FILE_MODE = 0o600  # the database and the log hold customers' names and addresses


def private_file(path: Path) -> Path:
    """Make ``path`` readable and writable by this account only (POSIX), creating it if missing.

    On a shared workstation the default 0644 would let every other account read the orders.
    An existing file is narrowed too, so an older installation becomes private on its next start.
    """
    if os.name != "posix":
        return path
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    try:
        if os.fstat(descriptor).st_mode & 0o777 != PRIVATE_FILE_MODE:
            os.fchmod(descriptor, PRIVATE_FILE_MODE)
    finally:
        os.close(descriptor)
    return path


def data_dir() -> Path:
    return _folder("data")


def config_dir() -> Path:
    return _folder("config")


def log_dir() -> Path:
    return _folder("logs")


def cache_dir() -> Path:
    """What can be made again at any time (the self-test's empty schema)."""
    return _folder("cache")
