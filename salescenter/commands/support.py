"""Passwords and administrator sign-in for the admin commands.

A password comes from a file (its first line) or from a hidden prompt; with no
terminal to prompt on and no file, the command stops and says which option to use.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError

from ..api import Desk, SalesCenter
from ..errors import SalesCenterError

if TYPE_CHECKING:
    from ..demo import DemoReport


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


@contextmanager
def open_center(url: str | None, *, migrate: bool = True) -> Iterator[SalesCenter]:
    """Open the database, turning a connection failure into a message that names the URL."""
    center = None
    try:
        center = SalesCenter.open(url, migrate=migrate)
        yield center
    except (OperationalError, InterfaceError, ArgumentError) as error:
        shown = "the embedded database"
        if url:
            try:
                shown = make_url(url).render_as_string(hide_password=True)
            except ArgumentError:
                shown = "the database URL"
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise CommandError(f"Cannot open {shown}: {reason}") from None
    finally:
        if center is not None:
            center.close()


def add_demo_size_options(parser: argparse.ArgumentParser) -> None:
    from ..demo import DEFAULT_CUSTOMERS, DEFAULT_ORDERS, DEFAULT_SEED

    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"seed of the demo data; one seed, one data set (default: {DEFAULT_SEED})")
    parser.add_argument("--orders", type=_at_least(20), default=DEFAULT_ORDERS,
                        help=f"number of demo orders (default: {DEFAULT_ORDERS:,})")
    parser.add_argument("--customers", type=_at_least(15), default=DEFAULT_CUSTOMERS,
                        help=f"number of demo customers (default: {DEFAULT_CUSTOMERS})")


def _at_least(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return value

    return parse


def print_report(report: DemoReport, *, admin_name: str) -> None:
    print(f"Demo loaded: {report.customers} customers, {report.orders} orders in "
          f"{sum(report.seconds.values()):.1f} s.")
    counts = sorted(report.statuses.items())
    print("Orders by status: " + ", ".join(f"{name} {count}" for name, count in counts))
    print("Demo sign-ins (for trying Sales Center out only):")
    for name in ("csr", "csr2", "supervisor", "admin"):
        if name in report.logins:
            print(f"  {name:<11} password: {report.logins[name]}")
    if "admin" not in report.logins:
        print(f"  {admin_name:<11} password: the one you chose")
