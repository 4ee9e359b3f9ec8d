"""Passwords and administrator sign-in for the admin commands.

A password comes from a file (its first line) or from a hidden prompt; with no
terminal to prompt on and no file, the command stops and says which option to use.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ..api import Desk, SalesCenter
from ..errors import SalesCenterError


class CommandError(SalesCenterError):
    """A command-line problem the user fixes by changing the command."""


def read_password_file(path: str, what: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot read the {what} file {path}: {error.strerror or error}.") from None
    lines = text.splitlines()
    password = lines[0] if lines else ""
    if not password:
        raise CommandError(f"The {what} file {path} is empty; put the password on its first line.")
    return password


def prompt_password(prompt: str, *, option: str, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        raise CommandError(
            f"No terminal to ask for the password on; give it with {option} FILE "
            "(the password on the file's first line)."
        )
    password = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (again): ") != password:
        raise CommandError("The two passwords differ; nothing was changed.")
    return password


def add_admin_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_user", metavar="ADMIN", default="admin",
                        help="administrator to act as (default: admin)")
    parser.add_argument("--admin-password-file", metavar="FILE", default=None,
                        help="file whose first line is that administrator's password (default: prompt)")


def admin_login(center: SalesCenter, args: argparse.Namespace) -> Desk:
    """Sign in as the administrator named by --as, with the password from file or prompt."""
    if args.admin_password_file:
        password = read_password_file(args.admin_password_file, "administrator password")
    else:
        password = prompt_password(f"Password of {args.as_user}", option="--admin-password-file")
    return center.login(args.as_user, password, workstation="command line")
