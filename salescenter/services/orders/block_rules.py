"""Automatic blocks: rules re-evaluated after every change to a submitted order (BLK-1).

A rule places a block once per distinct cause (its key); once an administrator
removed that block, the same cause does not block the order again, a new cause does.
A block whose cause has gone (the limit was raised, a payment authorized, the total
lowered) is resolved by the system, with the reason, and history says so (PRC-7).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Address, Block, Customer, Order, Payment
from ..authority import PRICE_OVERRIDE_LIMIT_PERCENT
from . import destinations, lifecycle

SYSTEM_USER = "system"
ZERO = Decimal("0.00")

Finding = tuple[str, str]  # (key, reason)
# Payment states that owe nothing on account.
UNOWED = ("declined", "voided", "refunded")
# Rules whose key names one subject (a payment, a line, an address): a block goes when its
# subject no longer offends. The others name a figure that moves: they go when nothing offends.
KEYED_BY_SUBJECT = frozenset({"payment_declined", "price_override", "address_mismatch", "shipping_override"})
GONE = {
    "credit_limit": "the account is within its credit limit now",
    "payment_declined": "the declined payment is no longer on the order",
    "address_mismatch": "the shipping address matches the billing address now",
    "review_threshold": "the order total is within the store's review threshold now",
    "price_override": "the price is within the limit now",
    "shipping_override": "the shipping charge is within the limit now",
}


def _credit_limit(session: Session, order: Order) -> list[Finding]:
    customer = order.customer
    if customer is None or customer.credit_limit is None:
        return []
    on_account = [p for p in order.payments if p.method == "on_account" and lifecycle.payment_authorized(p)]
    if not on_account:
        return []
    # Two desks charging the same account at once must not both stay under the limit
    # (SRV-5): the customer row is locked before the exposure it guards is read.
    session.execute(select(Customer.id).where(Customer.id == customer.id).with_for_update())
    # Every unpaid on-account amount counts, shipped or not (PRC-7). Summed in Python:
    # SQLite's SUM over NUMERIC would go through floats.
    rows = session.execute(
        select(Order.id, Order.total, Payment.amount)
        .join(Order, Order.id == Payment.order_id)
        .where(
            Order.customer_id == customer.id,
            Order.id != order.id,
            Order.status.in_((*lifecycle.SUBMITTED, lifecycle.SHIPPED)),
            Payment.method == "on_account",
            Payment.status.not_in(UNOWED),
        )
    ).all()
    charged: dict[int, Decimal] = {}
    totals: dict[int, Decimal] = {}
    for order_id, total, amount in rows:
        charged[order_id] = charged.get(order_id, ZERO) + amount
        totals[order_id] = total
    # An order owes on account what was charged to the account, never more than its total.
    open_other = sum((min(charged[i], totals[i]) for i in charged), ZERO)
    exposure = open_other + min(sum((p.amount for p in on_account), ZERO), order.total)
    if exposure <= customer.credit_limit:
        return []
    return [(
        str(exposure),
        f"Credit limit exceeded: {exposure} on account against a limit of {customer.credit_limit}",
    )]


def _declined(_session: Session, order: Order) -> list[Finding]:
    return [
        (str(p.id), f"Payment authorization declined ({p.method} {p.amount})")
        for p in order.payments
        if lifecycle.payment_declined(p)
    ]


def _address_mismatch(session: Session, order: Order) -> list[Finding]:
    customer = order.customer
    if customer is None or order.is_guest or customer.billing_address_id is None:
        return []
    earlier = session.scalar(
        select(func.count(Order.id)).where(
            Order.customer_id == customer.id,
            Order.id != order.id,
            Order.submitted_at.is_not(None),
            Order.kind == "order",
        )
    )
    if earlier:
        return []
    billing = session.get(Address, customer.billing_address_id)
    if billing is None:
        return []
    ship = (order.ship_line1, order.ship_city, order.ship_postal_code, order.ship_country)
    bill = (billing.line1, billing.city, billing.postal_code, billing.country)
    if _norm(ship) == _norm(bill):
        return []
    return [(json.dumps(_norm(ship)), "Shipping address differs from billing address on a first order")]


def _norm(parts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(p.casefold().split()) for p in parts)


def _review_threshold(_session: Session, order: Order) -> list[Finding]:
    threshold = order.store.review_threshold
    if threshold is None or order.total <= threshold:
        return []
    return [(str(threshold), f"Order total {order.total} is over the store's review threshold {threshold}")]


def _price_override(_session: Session, order: Order) -> list[Finding]:
    findings = []
    for item in order.items:
        if item.price_approved_by is None or item.list_price <= 0:
            continue
        below = (item.list_price - item.placed_price) / item.list_price * 100
        role = item.price_approved_by.partition(":")[2] or "csr"
        if below > PRICE_OVERRIDE_LIMIT_PERCENT.get(role, 0):
            findings.append((
                f"{item.id}:{item.placed_price}",
                f"Price of {item.sku} is {below:.0f}% below list, beyond the limit of the "
                f"user who set it",
            ))
    return findings


def _shipping_override(_session: Session, order: Order) -> list[Finding]:
    """PRC-6: a ship-to's charge overridden further below its rate than its overrider may go."""
    return [
        (f"{ship_to.id}:{ship_to.override_amount}",
         f"Shipping of {destinations.label(order, ship_to)} overridden to {ship_to.override_amount} "
         f"({destinations.override_below_percent(ship_to):.0f}% below its rate "
         f"{ship_to.rated_shipping}), beyond the limit of the user who set it")
        for ship_to in order.ship_tos if destinations.override_beyond_limit(ship_to)
    ]


RULES: dict[str, Callable[[Session, Order], list[Finding]]] = {
    "credit_limit": _credit_limit,
    "payment_declined": _declined,
    "address_mismatch": _address_mismatch,
    "review_threshold": _review_threshold,
    "price_override": _price_override,
    "shipping_override": _shipping_override,
}


def evaluate(session: Session, order: Order, now: datetime) -> list[Block]:
    """Place the automatic blocks whose cause is new; return those placed."""
    return settle(session, order, now)[0]


def settle(session: Session, order: Order, now: datetime) -> tuple[list[Block], list[Block]]:
    """Place blocks for new causes and resolve those whose cause has gone: (placed, resolved)."""
    if not lifecycle.is_submitted(order) or order.kind != "order":
        return [], []
    automatic = [b for b in order.blocks if b.kind == "automatic"]
    # A block an administrator removed stays removed for its cause; one the system
    # resolved comes back if its cause does.
    seen = {(b.rule, b.rule_key) for b in automatic if not b.resolved or b.resolved_by != SYSTEM_USER}
    placed: list[Block] = []
    resolved: list[Block] = []
    for rule, check in RULES.items():
        findings = check(session, order)
        keys = {key for key, _ in findings}
        for block in automatic:
            if block.rule != rule or block.resolved:
                continue
            if not findings or (rule in KEYED_BY_SUBJECT and block.rule_key not in keys):
                block.resolved, block.resolved_by, block.resolved_at = True, SYSTEM_USER, now
                block.resolve_comment = f"Resolved by the system: {GONE.get(rule, 'its cause has gone')}."
                resolved.append(block)
        for key, reason in findings:
            still_open = rule not in KEYED_BY_SUBJECT and any(
                b.rule == rule and not b.resolved for b in automatic)
            if (rule, key) in seen or still_open:
                continue
            block = Block(
                order_id=order.id, kind="automatic", rule=rule, rule_key=key, reason=reason,
                placed_by=SYSTEM_USER, placed_at=now,
            )
            order.blocks.append(block)
            placed.append(block)
    return placed, resolved
