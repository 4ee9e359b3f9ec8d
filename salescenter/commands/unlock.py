"""`salescenter unlock ORDER`: remove a stranded edit lock (administrator, LCK-3)."""

from __future__ import annotations

import argparse

from ..errors import NotFoundError
from .support import CommandError, add_admin_options, admin_login, open_center


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "unlock", parents=common, help="remove a stranded edit lock from an order (administrator)",
        description="Remove the edit lock a crashed or closed desk left on an order; the order "
                    "returns to Pending payment authorization.",
    )
    parser.add_argument("order", metavar="ORDER", help="order number (as the rep sees it) or order id")
    add_admin_options(parser)
    parser.set_defaults(handler=run_unlock)


def run_unlock(args: argparse.Namespace) -> int:
    reference = args.order.strip()
    if not reference.isdigit():
        raise CommandError(f"'{args.order}' is not an order number.")
    with open_center(args.db) as center:
        admin = admin_login(center, args)
        # An order number is what reps read out; the id is the fallback for logs and scripts.
        found = admin.orders.search(number=reference, limit=2)
        if found:
            order_id = found[0].id
        else:
            try:
                order_id = admin.orders.get(int(reference)).id
            except NotFoundError:
                raise CommandError(f"There is no order with number or id {reference}.") from None
        before = admin.orders.get(order_id)
        holder = before.locked_by
        view = admin.admin.unlock_order(order_id)
        who = f" held by {holder}" if holder else ""
        print(f"Order {view.number}: edit lock{who} removed; the order is now "
              f"{view.status.replace('_', ' ')}.")
    return 0
