"""`salescenter users`: add users and list them, acting as an administrator."""

from __future__ import annotations

import argparse
import sys

from ..services.authority import ROLE_NAMES, ROLES
from .support import add_admin_options, admin_login, open_center, prompt_password, read_password_file


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    # --db belongs to the leaf commands: `salescenter users list --db URL`.
    parser = subparsers.add_parser("users", help="add and list users (administrator)")
    actions = parser.add_subparsers(dest="users_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", parents=common, help="add a user",
                             description="Add a user; you act as an administrator (--as).")
    add.add_argument("name", metavar="NAME", help="user name of the new user")
    add.add_argument("--role", required=True, choices=ROLES, help="csr, supervisor or admin")
    add.add_argument("--password-file", metavar="FILE", default=None,
                     help="file whose first line is the new user's password (default: prompt)")
    add_admin_options(add)
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", parents=common,
                                 help="list users and their roles, flagging demo passwords")
    add_admin_options(listing)
    listing.set_defaults(handler=run_list)

    password = actions.add_parser("password", parents=common, help="give a user a new password")
    password.add_argument("name", metavar="NAME", help="user name")
    password.add_argument("--password-file", metavar="FILE", default=None,
                          help="file whose first line is the new password (default: prompt)")
    add_admin_options(password)
    password.set_defaults(handler=run_password)

    disable = actions.add_parser("disable", parents=common, help="stop a user from signing in")
    disable.add_argument("name", metavar="NAME", help="user name")
    add_admin_options(disable)
    disable.set_defaults(handler=run_disable)


def run_add(args: argparse.Namespace) -> int:
    with open_center(args.db) as center:
        admin = admin_login(center, args)
        if args.password_file:
            password = read_password_file(args.password_file, "password")
        else:
            password = prompt_password(f"Password for the new user '{args.name}'",
                                       option="--password-file", confirm=True)
        user = admin.users.create(args.name, password, args.role)
        print(f"User '{user.username}' added as {ROLE_NAMES[user.role]}.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_center(args.db) as center:
        admin = admin_login(center, args)
        users = admin.users.list()
        paused = {entry.username: entry for entry in admin.users.locked_out()}
        width = max([len(u.username) for u in users] + [4])
        print(f"{'User':<{width}}  {'Role':<13}  Active  Sign-in")
        for user in users:
            entry = paused.get(user.username)
            sign_in = (f"paused {entry.seconds_left} s after {entry.failures} wrong passwords"
                       if entry else "open")
            print(f"{user.username:<{width}}  {ROLE_NAMES.get(user.role, user.role):<13}  "
                  f"{'yes' if user.active else 'no':<6}  "
                  f"{'DEMO PASSWORD' if user.demo_password else sign_in}".rstrip())
        demo = [user.username for user in users if user.demo_password]
        if demo:
            print(f"\nWarning: {', '.join(demo)} still sign{'s' if len(demo) == 1 else ''} in with the "
                  "documented demo password. Before real use, give each a password of its own "
                  "(salescenter users password NAME) or disable it (salescenter users disable NAME).",
                  file=sys.stderr)
    return 0


def run_password(args: argparse.Namespace) -> int:
    with open_center(args.db) as center:
        admin = admin_login(center, args)
        if args.password_file:
            password = read_password_file(args.password_file, "password")
        else:
            password = prompt_password(f"New password for '{args.name}'", option="--password-file",
                                       confirm=True)
        user = admin.users.set_password(args.name, password)
        print(f"User '{user.username}' has a new password.")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    with open_center(args.db) as center:
        user = admin_login(center, args).users.set_active(args.name, False)
        print(f"User '{user.username}' can no longer sign in.")
    return 0
