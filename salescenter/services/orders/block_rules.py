"""Automatic blocks: rules re-evaluated after every change to a submitted order (BLK-1).

A rule places a block once per distinct cause (its key); once an administrator
removed that block, the same cause does not block the order again, a new cause does.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Address, Block, Order, Payment
from ..authority import PRICE_OVERRIDE_LIMIT_PERCENT
from . import lifecycle

SYSTEM_USER = "system"
ZERO = Decimal("0.00")

Finding = tuple[str, str]  # (key, reason)


def _credit_limit(session: Session, order: Order) -> list[Finding]:
    customer = order.customer
    if customer is None or customer.credit_limit is None:
        return []
    on_account = [p for p in order.payments if p.method == "on_account" and lifecycle.payment_authorized(p)]
    if not on_account:
        return []
    # Summed in Python: SQLite's SUM over NUMERIC would go through floats.
    open_other = sum(
        session.scalars(
            select(Payment.amount)
            .join(Order, Order.id == Payment.order_id)
            .where(
                Order.customer_id == customer.id,
                Order.id != order.id,
                Order.status.in_(lifecycle.SUBMITTED),
                Payment.method == "on_account",
            )
        ),
        ZERO,
    )
    exposure = open_other + sum((p.amount for p in on_account), ZERO)
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


RULES: dict[str, Callable[[Session, Order], list[Finding]]] = {
    "credit_limit": _credit_limit,
    "payment_declined": _declined,
    "address_mismatch": _address_mismatch,
    "review_threshold": _review_threshold,
    "price_override": _price_override,
}


def evaluate(session: Session, order: Order, now: datetime) -> list[Block]:
    """Place the automatic blocks whose cause is new; return those placed."""
    if not lifecycle.is_submitted(order) or order.kind != "order":
        return []
    seen = {(b.rule, b.rule_key) for b in order.blocks if b.kind == "automatic"}
    placed = []
    for rule, check in RULES.items():
        for key, reason in check(session, order):
            if (rule, key) in seen:
                continue
            block = Block(
                order_id=order.id, kind="automatic", rule=rule, rule_key=key, reason=reason,
                placed_by=SYSTEM_USER, placed_at=now,
            )
            order.blocks.append(block)
            placed.append(block)
    return placed
