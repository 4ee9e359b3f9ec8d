"""The ``salescenter`` command: the desktop with no arguments, admin commands otherwise.

Each sub-command lives in ``salescenter.commands.<name>`` and exposes
``register(subparsers)``; this module only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__
from .errors import SalesCenterError

COMMANDS = ("init", "demo", "users", "unlock", "transfer", "bench", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="salescenter",
        description="Sales Center: the call-center order desk. With no command, opens the desktop.",
    )
    parser.add_argument("--version", action="version", version=f"salescenter {__version__}")
    parser.add_argument(
        "--db", metavar="URL", default=None,
        help="database URL (default: the embedded database in the user data folder)",
    )
    parser.add_argument(
        "--server", metavar="URL", default=None,
        help="a Sales Center server (https://host:8443) to work through instead of a database",
    )
    parser.add_argument(
        "--ca-file", metavar="FILE", default=None,
        help="the server's certificate (or its CA) to trust (default: the system's)",
    )
    parser.add_argument(
        "--self-test", action="store_true",
        help="open the main window, render every main view once and exit 0",
    )
    # Every sub-command also takes --db after its name: `salescenter import DIR --db URL`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", dest="sub_db", metavar="URL", default=None, help="database URL")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"salescenter.commands.{name}")
        module.register(subparsers, [common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = getattr(args, "sub_db", None) or args.db
    problem = _desktop_problem(args)
    if problem:
        print(f"salescenter: {problem}", file=sys.stderr)
        return 3
    if args.command is None:
        from .ui.app import run_desktop

        if args.server and args.db:
            parser.error("give either --server URL or --db URL, not both")
        code = run_desktop(db_url=args.server or args.db, self_test=args.self_test, ca_file=args.ca_file)
        if args.self_test:
            _leave_now(code)
        return code
    try:
        return int(args.handler(args) or 0)
    except SalesCenterError as error:
        print(f"salescenter: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("salescenter: interrupted", file=sys.stderr)
        return 130


def _desktop_problem(args: argparse.Namespace) -> str | None:
    """Checked before anything slow: the desktop, and a demo load that a desktop follows."""
    from .desktop_check import desktop_problem

    if args.command is None:
        return desktop_problem(headless_ok=args.self_test)
    if args.command == "demo" or (args.command == "init" and getattr(args, "demo", False)):
        return desktop_problem(headless_ok=True, skippable=True)
    return None


def _leave_now(code: int) -> None:
    """The self-test has closed its databases and printed its report: the process ends
    without the interpreter's teardown of Qt and SQLAlchemy (about 0.3 s that
    installers and the start-up benchmark would otherwise count)."""
    import logging
    import os

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
