"""Stock allocation: paid orders take stock, received stock goes to the expedited first.

Stock is conserved under concurrent desks (SRV-5): every change to a product's stock first
locks its row and reads the stock again under that lock (``locked_products``). A stock read
before the lock, or a row this transaction had already loaded, would carry the figure from
before another desk's commit, and writing it back would make or lose units.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Order, OrderItem, Product
from . import lifecycle as s
from . import line_actions
from .payment_rules import is_paid


def locked_products(session: Session, product_ids: Iterable[int]) -> dict[int, Product]:
    """The products, locked in id order (so two desks never wait on each other crosswise) and
    refreshed from the locked rows (populate_existing: an object already in the session too)."""
    wanted = set(product_ids)
    if not wanted:
        return {}
    query = (select(Product).where(Product.id.in_(wanted)).order_by(Product.id).with_for_update()
             .execution_options(populate_existing=True))
    return {product.id: product for product in session.scalars(query)}


def assign(item: OrderItem, product: Product, order_status: str, step: str) -> bool:
    """Give the whole line its stock if there is enough; report whether it got it."""
    if product.stock < item.quantity:
        if step == "allocate":
            line_actions.move(item, step, s.AWAITING)
        item.backordered_quantity = item.quantity
        item.expected_date = product.restock_date
        return False
    product.stock -= item.quantity
    item.allocated_quantity, item.backordered_quantity = item.quantity, 0
    item.expected_date = None
    line_actions.move(item, step, line_actions.allocated_status(order_status))
    return True


def give_back(session: Session, item: OrderItem) -> None:
    """Return an item's stock, for a changed quantity, a removed or a canceled line."""
    if item.allocated_quantity and item.product_id is not None:
        product = locked_products(session, [item.product_id]).get(item.product_id)
        if product is not None:
            product.stock += item.allocated_quantity
    item.allocated_quantity = item.backordered_quantity = item.packed_quantity = 0
    if line_actions.allows("unallocate", item):
        line_actions.move(item, "unallocate", s.UNALLOCATED)


def allocate(session: Session, order: Order) -> None:
    """FUL-1: once an order is paid, each unallocated line is assigned or awaits stock."""
    if not s.is_submitted(order) or not is_paid(order):
        return
    waiting = [i for i in order.items if s.line_unallocated(i) and i.product_id]
    if not waiting:
        return
    products = locked_products(session, {i.product_id for i in waiting if i.product_id is not None})
    for item in sorted(waiting, key=lambda i: (not i.expedite, i.id)):
        assert item.product_id is not None
        assign(item, products[item.product_id], order.status, "allocate")


def receive(session: Session, product: Product, quantity: int) -> list[int]:
    """EXP-2: new stock goes to waiting lines, expedited first, then oldest order first."""
    locked_products(session, [product.id])  # refreshes ``product`` from its locked row
    product.stock += quantity
    rows = session.execute(
        select(OrderItem, Order.status)
        .join(Order, Order.id == OrderItem.order_id)
        .where(OrderItem.product_id == product.id, line_actions.awaiting_stock())
        .order_by(OrderItem.expedite.desc(), Order.submitted_at, OrderItem.id)
        # A line another desk is canceling or changing right now is waited for and read again.
        .with_for_update(of=OrderItem).execution_options(populate_existing=True)
    ).all()
    touched = []
    for item, order_state in rows:
        if product.stock < item.quantity:
            continue
        assign(item, product, order_state, "receive")
        touched.append(item.order_id)
    return touched
