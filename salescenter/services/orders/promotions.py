"""Which promotions price an order: today's for a cart, the frozen set once submitted.

A cart follows today's promotions; every time it is priced the set that applied is
kept in ``order_promotions``. From submit on that set is the order's: an edit prices
its lines with the promotions it was sold with, even one that has since ended
(PRC-2), until the rep re-prices on purpose. Each submitted, uncanceled order in the
set is one use of its promotion, which is what use limits count (PRC-8).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ...errors import ValidationError
from ...models import Order, OrderPromotion, Promotion
from .pricing import applicable, promotion_live


def promotion_for_code(session: Session, code: str, now: datetime) -> Promotion | None:
    """The promotion a coupon code names now: the running one, else the latest that had it."""
    candidates = list(session.scalars(
        select(Promotion).where(func.upper(Promotion.coupon_code) == code.upper()).order_by(Promotion.id)
    ))
    running = [promo for promo in candidates if promo.active and promotion_live(promo, now)]
    if running:
        return running[-1]
    return candidates[-1] if candidates else None


def frozen(session: Session, order: Order) -> list[Promotion]:
    return list(session.scalars(
        select(Promotion).join(OrderPromotion, OrderPromotion.promotion_id == Promotion.id)
        .where(OrderPromotion.order_id == order.id).order_by(Promotion.id)
    ))


def uses(session: Session, promo: Promotion, *, customer_id: int | None = None,
         besides: int | None = None) -> int:
    """Submitted orders, not canceled, that were priced with the promotion."""
    query = (
        select(func.count()).select_from(OrderPromotion)
        .join(Order, Order.id == OrderPromotion.order_id)
        .where(OrderPromotion.promotion_id == promo.id, Order.submitted_at.is_not(None),
               Order.status != "canceled")
    )
    if customer_id is not None:
        query = query.where(Order.customer_id == customer_id)
    if besides is not None:
        query = query.where(Order.id != besides)
    return int(session.scalar(query) or 0)


def used_up(session: Session, promo: Promotion, order: Order) -> str:
    """Why the promotion can no longer be used on this order, or "" while it can (PRC-8)."""
    if promo.max_uses is not None and uses(session, promo, besides=order.id) >= promo.max_uses:
        return f"{promo.name} has been used the {promo.max_uses} times it may be."
    if (promo.uses_per_customer is not None and order.customer_id is not None
            and uses(session, promo, customer_id=order.customer_id, besides=order.id)
            >= promo.uses_per_customer):
        times = "once" if promo.uses_per_customer == 1 else f"{promo.uses_per_customer} times"
        return f"{promo.name} may be used {times} per customer, and this customer already has."
    return ""


def require_usable(session: Session, promo: Promotion, order: Order, code: str) -> None:
    reason = used_up(session, promo, order)
    if reason:
        raise ValidationError(f"Coupon code '{code}' cannot be used: {reason}", "Coupon code")


def pricing_set(
    session: Session, order: Order, now: datetime, *, todays: bool
) -> tuple[list[Promotion], bool]:
    """The promotions to price the order with, and whether they are its frozen set."""
    if (order.submitted_at is not None or order.prices_frozen) and not todays:
        return frozen(session, order), True
    live = session.scalars(select(Promotion).where(Promotion.active.is_(True)))
    usable = [promo for promo in live if promotion_live(promo, now) and not used_up(session, promo, order)]
    return usable, False


def keep(session: Session, order: Order, promotions: Sequence[Promotion], now: datetime,
         *, was_frozen: bool) -> None:
    """Remember which of the promotions priced the order (a cart, or a deliberate re-price)."""
    if was_frozen or order.id is None:
        return
    applied = {promo.id for promo in promotions if applicable(promo, order, now)[0]}
    kept = set(session.scalars(
        select(OrderPromotion.promotion_id).where(OrderPromotion.order_id == order.id)))
    if kept == applied:  # the usual cart change: nothing to write
        return
    if kept - applied:
        session.execute(delete(OrderPromotion).where(
            OrderPromotion.order_id == order.id, OrderPromotion.promotion_id.in_(kept - applied)))
    for promo_id in sorted(applied - kept):
        session.add(OrderPromotion(order_id=order.id, promotion_id=promo_id))

def add_to_frozen(session: Session, order: Order, promo: Promotion) -> None:
    """A coupon applied in an edit joins the promotions the order is priced with."""
    if order.submitted_at is None and not order.prices_frozen:
        return
    exists = session.scalar(select(OrderPromotion.order_id).where(
        OrderPromotion.order_id == order.id, OrderPromotion.promotion_id == promo.id))
    if exists is None:
        session.add(OrderPromotion(order_id=order.id, promotion_id=promo.id))

