"""`salescenter init`: create or migrate the database and its first administrator."""

from __future__ import annotations

import argparse

from ..api import SalesCenter
from ..db.migrate import current_revision
from .support import add_demo_size_options, open_center, print_report, prompt_password, read_password_file


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "init", parents=common,
        help="create or migrate the database and its first administrator",
        description="Create the database (or bring an existing one up to date) and, on first run, "
                    "its first administrator. Safe to run again.",
    )
    parser.add_argument("--admin", metavar="NAME", default="admin",
                        help="user name of the first administrator (default: admin)")
    parser.add_argument("--password-file", metavar="FILE", default=None,
                        help="file whose first line is the administrator's password (default: prompt)")
    parser.add_argument("--demo", action="store_true",
                        help="also load the demo data set and print the demo sign-ins")
    add_demo_size_options(parser)
    parser.set_defaults(handler=run_init)


def run_init(args: argparse.Namespace) -> int:
    with open_center(args.db, migrate=False) as probe:
        before = current_revision(probe.engine)
    with open_center(args.db) as center:
        after = current_revision(center.engine)
        print(_schema_message(center, before, after))
        if center.has_users():
            print("Users already exist; the first administrator was set up before "
                  "(add users with `salescenter users add`).")
            password = None
        else:
            password = _new_password(args)
            center.create_user(args.admin, password, role="admin")
            print(f"Administrator '{args.admin}' created.")
        if args.demo:
            return _load_demo(center, args, password)
    return 0


def _schema_message(center: SalesCenter, before: str | None, after: str | None) -> str:
    if before is None:
        return f"Created the database {center.url} (schema {after})."
    if before != after:
        return f"Migrated the database {center.url} from schema {before} to {after}."
    return f"The database {center.url} is up to date (schema {after}); nothing to migrate."


def _new_password(args: argparse.Namespace) -> str:
    if args.password_file:
        return read_password_file(args.password_file, "password")
    return prompt_password(f"Password for the new administrator '{args.admin}'",
                           option="--password-file", confirm=True)


def _load_demo(center: SalesCenter, args: argparse.Namespace, password: str | None) -> int:
    from ..demo import has_orders, load_demo

    if has_orders(center):
        print("The database already has orders; the demo data was not loaded again.")
        return 0
    if password is None:
        password = _new_password_for_login(args)
    admin = center.login(args.admin, password, workstation="command line")
    report = load_demo(center, admin, orders=args.orders, customers=args.customers, seed=args.seed,
                       progress=print)
    print_report(report, admin_name=args.admin)
    return 0


def _new_password_for_login(args: argparse.Namespace) -> str:
    if args.password_file:
        return read_password_file(args.password_file, "password")
    return prompt_password(f"Password of administrator '{args.admin}'", option="--password-file")
