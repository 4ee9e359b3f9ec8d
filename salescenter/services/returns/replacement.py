"""The replacement order of an exchange (RET-4) or a misship (RET-5), built in the return's
own unit of work so the return and the goods it sends out commit together.

It is an ordinary order of the same customer, store and ship-to, submitted at once, with
no shipping charge: a misship's lines cost nothing and it is released at once; an
exchange's credit pays for the replacement as an "exchange credit" payment, and what the
replacement costs beyond it is charged on the replacement order as any payment due is.
"""

from __future__ import annotations

from decimal import Decimal

from ...errors import StateError, ValidationError
from ...models import Order, OrderItem, Payment, Product, Return
from ..catalog.service import product_by_sku
from ..orders import allocation, block_rules, destinations, line_actions
from ..orders import lifecycle as s
from ..orders import preconditions as p
from ..orders.base import write_history
from ..orders.create import new_order
from ..orders.line_counts import billed
from ..orders.payment_rules import covered_total
from ..orders.pricing import reprice
from ..orders.store_charges import charges_of, list_price_in
from ..ticklers import system as system_ticklers
from ..uow import UnitOfWork
from ..validation import round_money
from . import rules

EXCHANGE_CREDIT = "exchange_credit"
ZERO = Decimal("0.00")
SHIP_FIELDS = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")


def replacement_product(uow: UnitOfWork, sku: str) -> Product:
    product = product_by_sku(uow, sku)
    if product.is_bundle:
        raise ValidationError(f"{product.sku} is a bundle; replace with one of its products.",
                              "Replacement SKU")
    if not product.available:
        raise ValidationError(f"{product.sku} is no longer sold; choose another replacement.",
                              "Replacement SKU")
    return product


def build(uow: UnitOfWork, order: Order, ret: Return, items: dict[int, OrderItem],
          user: str) -> Order:
    """The replacement order for ``ret``'s lines, submitted, allocated and (when it can) released."""
    session, now = uow.session, uow.now
    new = new_order(uow, order.store_id, user)
    new.store, new.customer = order.store, order.customer
    new.customer_id, new.is_guest = order.customer_id, order.is_guest
    new.customer_name, new.customer_search = order.customer_name, order.customer_search
    new.customer_email = order.customer_email
    # To where the returned goods went: their ship-to (SHP-1), the order's first by default.
    where = destinations.target_of(order, items[ret.lines[0].item_id])
    address = destinations.address_of(order, where) if where is not None else {
        key: getattr(order, f"ship_{key}") for key in SHIP_FIELDS}
    for key in SHIP_FIELDS:
        setattr(new, f"ship_{key}", address[key])
    new.shipping_method = destinations.method_of(order, where) if where is not None else order.shipping_method
    new.bill_to = order.bill_to
    new.name = f"Replacement for {ret.number}"[:200]
    new.fixed_shipping, new.shipping_total = True, ZERO  # the replacement ships at our cost
    for line in ret.lines:
        original = items[line.item_id]
        product = replacement_product(uow, line.replacement_sku or original.sku)
        listed = list_price_in(session, product, order.store_id)
        if ret.kind == "misship":
            price = ZERO  # RET-5: the right goods at no charge
        elif product.id == original.product_id:
            price = round_money(original.line_total / billed(original))  # what was paid for one
        else:
            price = listed
        new.items.append(OrderItem(
            product_id=product.id, sku=product.sku, name=product.name, quantity=line.quantity,
            list_price=listed, placed_price=price,
        ))
    new.status, new.submitted_at, new.prices_frozen = s.PENDING_PAYMENT, now, True
    destinations.ensure_first(new)  # SHP-1: the replacement ships to the original's first ship-to
    reprice(new, [], now, frozen=True, charges=charges_of(session, new))
    if ret.kind == "exchange":
        # An even exchange (or one for less) costs the customer nothing: the credit pays the
        # whole replacement, its tax included. Goods that cost more are charged beyond the credit.
        returned = sum((rules.merchandise_credit(items[line.item_id], line.quantity) for line in ret.lines),
                       ZERO)
        sent = sum((item.line_total for item in new.items), ZERO)
        applied = new.total if sent <= returned else min(ret.credit_total, new.total)
        charged = new.total - applied
        ret.price_difference = charged if charged > 0 else -max(ret.credit_total - applied, ZERO)
        if applied > 0:
            # Money already taken on the returned goods: captured from the start, so no
            # gateway is asked to capture it when the replacement ships.
            new.payments.append(Payment(
                method=EXCHANGE_CREDIT, amount=applied, authorized_amount=applied,
                captured_amount=applied, status=s.CAPTURED, reference=ret.number, created_at=now,
            ))
    session.flush()
    write_history(uow, new, user, "Order created",
                  f"Replacement for {ret.number} ({ret.kind}) of order {order.number}")
    placed, _resolved = block_rules.settle(session, new, now)
    system_ticklers.blocks_placed(session, new, placed, now)
    return new


def release_if_ready(uow: UnitOfWork, new: Order, user: str) -> bool:
    """Allocate and release the replacement when it is covered, unblocked and not held."""
    if new.status != s.PENDING_PAYMENT or covered_total(new) < new.total:
        return False
    _allocate(uow, new)
    for check in (p.unblocked_to_release, p.no_holds):
        if check(new, p.Actor(0, user, "admin"), uow.now) is not None:
            return False
    new.status = s.RELEASED
    for item in new.items:
        if line_actions.allows("release", item):
            line_actions.move(item, "release", s.LINE_RELEASED)
    new.updated_at = uow.now
    write_history(uow, new, user, "Order released", f"Replacement paid {covered_total(new)} of {new.total}")
    return True


def _allocate(uow: UnitOfWork, order: Order) -> None:
    """FUL-1 for a replacement, whose total may be 0.00: each line takes its stock or waits."""
    waiting = [i for i in order.items if s.line_unallocated(i) and i.product_id]
    if not waiting:
        return
    # locked and read again under the lock, as every stock change is (SRV-5)
    products = allocation.locked_products(uow.session, {i.product_id for i in waiting if i.product_id})
    for item in sorted(waiting, key=lambda i: (not i.expedite, i.id)):
        assert item.product_id is not None
        allocation.assign(item, products[item.product_id], order.status, "allocate")


def cancel(uow: UnitOfWork, new: Order, user: str, why: str) -> None:
    """A canceled exchange or misship takes its replacement back while nothing has shipped."""
    if s.is_terminal(new) or any(not s.line_in(i, s.OPEN_LINES) and not s.line_canceled(i)
                                 for i in new.items):
        raise StateError(f"Replacement order {new.number} has started to ship; the return can no "
                         "longer be canceled.")
    for item in new.items:
        allocation.give_back(uow.session, item)
        if line_actions.allows("cancel", item):
            line_actions.move(item, "cancel", s.LINE_CANCELED)
            item.canceled_quantity = item.quantity
    new.status, new.updated_at = s.CANCELED, uow.now
    write_history(uow, new, user, "Order canceled", why)
