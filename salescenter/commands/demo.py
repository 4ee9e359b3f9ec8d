"""`salescenter demo`: load the demo data set through the public API."""

from __future__ import annotations

import argparse

from .support import (
    CommandError,
    add_admin_options,
    add_demo_size_options,
    admin_login,
    open_center,
    print_report,
)


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo", parents=common,
        help="load the demo data set (stores, catalog, customers, orders in every state)",
        description="Load a realistic, repeatable demo data set. On a database without users it "
                    "also creates the demo sign-ins; otherwise it acts as an administrator.",
    )
    add_demo_size_options(parser)
    parser.add_argument("--force", action="store_true",
                        help="load even though the database already has orders")
    add_admin_options(parser)
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from ..demo import has_orders, load_demo

    with open_center(args.db) as center:
        if has_orders(center) and not args.force:
            raise CommandError("The database already has orders; the demo data was not loaded "
                               "(use --force to add it anyway).")
        admin = admin_login(center, args) if center.has_users() else None
        report = load_demo(center, admin, orders=args.orders, customers=args.customers,
                           seed=args.seed, force=args.force, progress=print)
        print_report(report, admin_name=admin.user.username if admin else "admin")
    return 0
