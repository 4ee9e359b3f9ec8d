"""Stock allocation: paid orders take stock, received stock goes to the expedited first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Order, OrderItem, Product
from . import lifecycle as s
from . import line_actions
from .payment_rules import is_paid


def assign(item: OrderItem, product: Product, order_status: str, step: str) -> bool:
    """Give the whole line its stock if there is enough; report whether it got it."""
    if product.stock < item.quantity:
        if step == "allocate":
            line_actions.move(item, step, s.AWAITING)
        item.expected_date = product.restock_date
        return False
    product.stock -= item.quantity
    item.allocated = item.quantity
    item.expected_date = None
    line_actions.move(item, step, line_actions.allocated_status(order_status))
    return True


def give_back(session: Session, item: OrderItem) -> None:
    """Return an item's stock, for a changed quantity, a removed or a canceled line."""
    if item.allocated and item.product_id is not None:
        product = session.get(Product, item.product_id)
        if product is not None:
            product.stock += item.allocated
    item.allocated = 0
    if line_actions.allows("unallocate", item):
        line_actions.move(item, "unallocate", s.UNALLOCATED)


def allocate(session: Session, order: Order) -> None:
    """FUL-1: once an order is paid, each unallocated line is assigned or awaits stock."""
    if not s.is_submitted(order) or not is_paid(order):
        return
    waiting = [i for i in order.items if s.line_unallocated(i) and i.product_id]
    if not waiting:
        return
    products = {
        p.id: p
        for p in session.scalars(
            select(Product).where(Product.id.in_({i.product_id for i in waiting})).with_for_update()
        )
    }
    for item in sorted(waiting, key=lambda i: (not i.expedite, i.id)):
        assert item.product_id is not None
        assign(item, products[item.product_id], order.status, "allocate")


def receive(session: Session, product: Product, quantity: int) -> list[int]:
    """EXP-2: new stock goes to waiting lines, expedited first, then oldest order first."""
    product.stock += quantity
    rows = session.execute(
        select(OrderItem, Order.status)
        .join(Order, Order.id == OrderItem.order_id)
        .where(OrderItem.product_id == product.id, line_actions.awaiting_stock())
        .order_by(OrderItem.expedite.desc(), Order.submitted_at, OrderItem.id)
    ).all()
    touched = []
    for item, order_state in rows:
        if product.stock < item.quantity:
            continue
        assign(item, product, order_state, "receive")
        touched.append(item.order_id)
    return touched
