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

from ...errors import StateError
from ...models import Order, OrderItem, Product
from . import lifecycle as s
from . import line_actions
from . import line_counts as counts
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


def assign(item: OrderItem, product: Product, order_status: str, step: str) -> int:
    """SHP-2: give the line what is on the shelf of what it still waits for; the rest is
    backordered with the product's expected date. Returns how many units it got."""
    wanted = item.backordered_quantity if step == "receive" else counts.still_to_ship(item)
    taken = max(min(product.stock, wanted), 0)
    product.stock -= taken
    item.allocated_quantity += taken
    item.backordered_quantity = wanted - taken
    item.expected_date = product.restock_date if item.backordered_quantity else None
    line_actions.settle(item, step, order_status)
    return taken


def give_back(session: Session, item: OrderItem) -> None:
    """Return an item's stock, for a changed quantity, a removed or a canceled line."""
    if item.allocated_quantity and item.product_id is not None:
        product = locked_products(session, [item.product_id]).get(item.product_id)
        if product is not None:
            product.stock += item.allocated_quantity
    item.allocated_quantity = item.backordered_quantity = item.packed_quantity = 0
    if line_actions.allows("unallocate", item):
        line_actions.move(item, "unallocate", s.UNALLOCATED)


def cancel_units(session: Session, item: OrderItem, count: int, order_status: str,
                 step: str = "cancel_item") -> None:
    """CAN-1: cancel ``count`` units not yet packed: backordered ones first, then allocated
    ones (their stock goes back to the shelf), then any not yet allocated."""
    if count > counts.cancelable(item):
        raise StateError(f"Only {counts.cancelable(item)} of {item.sku} can still be canceled.")
    from_backorder = min(count, item.backordered_quantity)
    from_stock = min(count - from_backorder, counts.ready_to_pick(item))
    if from_stock and item.product_id is not None:
        product = locked_products(session, [item.product_id]).get(item.product_id)
        if product is not None:
            product.stock += from_stock
    item.backordered_quantity -= from_backorder
    item.allocated_quantity -= from_stock
    item.canceled_quantity += count
    if not item.backordered_quantity:
        item.expected_date = None
    line_actions.settle(item, step, order_status)


def allocate(session: Session, order: Order) -> None:
    """FUL-1: once an order is paid, each unallocated line gets what is in stock and awaits
    the rest (SHP-2), expedited lines first (EXP-2)."""
    if not s.is_submitted(order) or not is_paid(order):
        return
    waiting = [i for i in order.items if s.line_unallocated(i) and i.product_id]
    if not waiting:
        return
    products = locked_products(session, {i.product_id for i in waiting if i.product_id is not None})
    for item in sorted(waiting, key=lambda i: (not i.expedite, i.id)):
        assert item.product_id is not None
        assign(item, products[item.product_id], order.status, "allocate")


def receive(session: Session, product: Product, quantity: int) -> dict[int, list[str]]:
    """EXP-2: new stock goes to waiting lines, expedited first, then oldest order first; a
    line gets what is there when it is not enough for all it waits for (SHP-2).

    Returns, per order that got stock, what each of its lines got ("LMP-1 x 2")."""
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
    touched: dict[int, list[str]] = {}
    for item, order_state in rows:
        if product.stock <= 0:
            break
        taken = assign(item, product, order_state, "receive")
        touched.setdefault(item.order_id, []).append(f"{item.sku} x {taken}")
    return touched
