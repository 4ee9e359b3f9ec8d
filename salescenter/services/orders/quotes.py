"""Quotes (PRC-1): draft, ready, canceled or expired, and becoming an order at the quoted prices.

"expired" is never written: a quote whose expiry day has passed reads as expired
wherever it is shown or acted on, so it expires without anyone touching it.
Converting copies every line at the price quoted, with its approval, and the
promotions the quote was priced with; the order's prices are frozen from then
on, and the quote is marked converted so it cannot become a second order.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ...models import Order, OrderItem, OrderPromotion, Product
from ..uow import UnitOfWork
from . import lifecycle as s

DRAFT, READY, CANCELED, EXPIRED, CONVERTED = "draft", "ready", "canceled", "expired", "converted"


def quote_status(order: Order, now: datetime) -> str | None:
    """The state a rep reads: the stored one, or expired once its last day has passed."""
    if order.kind != "quote":
        return None
    stored = order.quote_status or DRAFT
    if stored in (DRAFT, READY) and order.quote_expires is not None and order.quote_expires < now:
        return EXPIRED
    return stored


def convert(uow: UnitOfWork, quote: Order, order: Order) -> list[str]:
    """Lines at their quoted prices and approvals; notices name what could not come along."""
    ids = {item.product_id for item in quote.items if item.product_id}
    products = {p.id: p for p in uow.session.scalars(select(Product).where(Product.id.in_(ids)))}
    notices = []
    for item in quote.items:
        if s.line_canceled(item):
            continue
        product = products.get(item.product_id or 0)
        if product is None or not product.available:
            notices.append(f"{item.sku} ({item.name}) is no longer available and was left out.")
            continue
        order.items.append(OrderItem(
            product_id=product.id, sku=item.sku, name=item.name, quantity=item.quantity,
            list_price=item.list_price, placed_price=item.placed_price,
            discount_percent=item.discount_percent, price_approved_by=item.price_approved_by,
            flag=item.flag, flag_accepted=item.flag_accepted, bundle_sku=item.bundle_sku,
            expedite=item.expedite, ship_to_id=item.ship_to_id,  # the quote's: copy_ship_tos maps it
        ))
    order.coupon_code = quote.coupon_code
    order.prices_frozen = True
    uow.session.flush()
    for promotion_id in uow.session.scalars(
        select(OrderPromotion.promotion_id).where(OrderPromotion.order_id == quote.id)
    ):
        uow.session.add(OrderPromotion(order_id=order.id, promotion_id=promotion_id))
    quote.quote_status, quote.converted_to = CONVERTED, order.number
    return notices
