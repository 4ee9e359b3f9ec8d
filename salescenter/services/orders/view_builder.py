"""Builds the read models of an order from its loaded aggregate."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from ...models import HistoryEntry, Order
from ..returns import rules as return_rules
from ..returns.views import return_view
from ..views import (
    BlockView,
    HistoryEntryView,
    HoldView,
    ItemView,
    NoteView,
    OrderSummaryView,
    OrderView,
    PaymentView,
    ShippingAddressView,
    ShipToView,
)
from . import actions as table
from . import destinations
from . import lifecycle as s
from . import line_counts as counts
from .payment_rules import covered_total, paid_total, payment_due, refund_due
from .preconditions import Actor, live_lock
from .quotes import quote_status

ZERO = Decimal("0.00")


def shipping_address(order: Order) -> ShippingAddressView | None:
    if not (order.ship_line1 or order.ship_city):
        return None
    return ShippingAddressView(
        name=order.ship_name, line1=order.ship_line1, line2=order.ship_line2,
        city=order.ship_city, region=order.ship_region, postal_code=order.ship_postal_code,
        country=order.ship_country, phone=order.ship_phone,
    )


def ship_to_views(order: Order) -> list[ShipToView]:
    found = []
    for ship_to in order.ship_tos:
        where = destinations.address_of(order, ship_to)
        found.append(ShipToView(
            id=ship_to.id, position=ship_to.position, label=destinations.label(order, ship_to),
            address=ShippingAddressView(**where) if where["line1"] or where["city"] else None,
            method=destinations.method_of(order, ship_to), shipping_total=ship_to.shipping_total,
            tax_total=ship_to.tax_total, rated_shipping=ship_to.rated_shipping,
            shipping_overridden=ship_to.override_amount is not None,
            override_reason=ship_to.override_reason,
            overridden_by=(ship_to.override_by or "").partition(":")[0] or None,
            item_ids=[i.id for i in order.items if destinations.target_of(order, i) is ship_to],
        ))
    return found


def bill_to(order: Order) -> ShippingAddressView | None:
    if not order.bill_to:
        return None
    return ShippingAddressView(**json.loads(order.bill_to))


def money_owed(order: Order) -> list[str]:
    """PRC-2, PAY-3: a total that rose above what the payments authorized is payment due;
    captured money beyond a total that fell is a refund due."""
    if s.is_terminal(order) and not refund_due(order):
        return []
    found = []
    covered = covered_total(order)
    due = payment_due(order)
    if s.is_submitted(order) and covered > 0 and due > 0:
        found.append(f"payment due: {due} of the {order.total} total is above the {covered} authorized")
    owed = refund_due(order)
    if owed > 0:
        found.append(f"refund due: {owed} was captured beyond the {order.total} total")
    return found


def explain(order: Order) -> str:
    """One sentence that answers "why is this order on hold / blocked?" (BLK-7)."""
    parts: list[str] = []
    holds = [h for h in order.holds if not h.released]
    order_holds = [h for h in holds if h.item_id is None]
    line_holds = [h for h in holds if h.item_id is not None]
    if order_holds:
        reasons = "; ".join(f"{h.reason} (by {h.placed_by})" for h in order_holds)
        parts.append(f"on hold: {reasons}")
    if line_holds:
        skus = {i.id: i.sku for i in order.items}
        reasons = "; ".join(f"{skus.get(h.item_id or 0, '?')}: {h.reason}" for h in line_holds)
        parts.append(f"{len(line_holds)} line hold{'s' if len(line_holds) > 1 else ''} ({reasons})")
    blocks = [b for b in order.blocks if not b.resolved]
    if blocks:
        reasons = "; ".join(f"{b.reason} ({b.kind})" for b in blocks)
        parts.append(f"blocked by {len(blocks)} open block{'s' if len(blocks) > 1 else ''}: {reasons}")
    parts.extend(money_owed(order))
    if not parts:
        return ""
    return f"Order {order.number} is " + " and ".join(parts) + "."


def order_view(
    order: Order,
    now: datetime,
    *,
    actor: Actor,
    notices: list[str] | None = None,
    history: list[HistoryEntry] | None = None,
) -> OrderView:
    """The order as ``actor`` sees it now, with what they may do to it and to each part."""
    lock = live_lock(order, now)
    returns = return_rules.returns_of(order)
    returned = return_rules.returned_by_item(returns)

    def line_view(item: Any) -> ItemView:
        found = table.subject_reasons(order, actor, now, "item", item, table.LINE_ACTIONS)
        goes_to = destinations.target_of(order, item)
        return ItemView.model_validate(item).model_copy(update={
            "actions": found, "returned_quantity": returned.get(item.id, 0),
            "returnable_quantity": return_rules.returnable(item, returns),
            "cancelable_quantity": counts.cancelable(item),
            "ship_to_id": goes_to.id if goes_to else None})

    def block_view(block: object) -> BlockView:
        found = table.subject_reasons(order, actor, now, "block", block, table.BLOCK_ACTIONS)
        return BlockView.model_validate(block).model_copy(update={"actions": found})

    def payment_view(payment: object) -> PaymentView:
        found = table.subject_reasons(order, actor, now, "payment", payment, table.PAYMENT_ACTIONS)
        return PaymentView.model_validate(payment).model_copy(update={"actions": found})

    def hold_view(hold: Any) -> HoldView:
        view = HoldView.model_validate(hold)
        if hold.released:
            return view
        name = "release_item_hold" if hold.item_id is not None else "release_hold"
        found = table.subject_reasons(order, actor, now, "hold", hold, (name,))
        return view.model_copy(update={"actions": found})

    return OrderView(
        id=order.id,
        number=order.number,
        external_number=order.external_number,
        kind=order.kind,
        is_quote=order.kind == "quote",
        quote_expires=order.quote_expires,
        quote_status=quote_status(order, now),
        name=order.name,
        status=order.status,
        store=order.store.code,
        currency=order.store.currency,
        customer_id=order.customer_id,
        customer_name=order.customer_name,
        customer_email=order.customer_email,
        is_guest=order.is_guest,
        items=[line_view(i) for i in order.items],
        subtotal=order.subtotal,
        discount_total=order.discount_total,
        shipping_total=order.shipping_total,
        tax_total=order.tax_total,
        total=order.total,
        paid_total=paid_total(order),
        refund_due=refund_due(order),
        payment_due=ZERO if s.is_terminal(order) else payment_due(order),
        coupon_code=order.coupon_code,
        shipping_method=order.shipping_method,
        ship_complete=order.ship_complete,
        shipping_address=shipping_address(order),
        bill_to=bill_to(order),
        payments=[payment_view(p) for p in order.payments],
        ship_tos=ship_to_views(order),
        blocks=[block_view(b) for b in order.blocks],
        holds=[hold_view(h) for h in order.holds],
        notes=[NoteView.model_validate(n) for n in order.notes],
        returns=[return_view(r, order=order, actor=actor, now=now) for r in returns],
        recent_history=[HistoryEntryView.model_validate(h) for h in history or []],
        locked_by=lock.username if lock else None,
        lock_expires=lock.expires_at if lock else None,
        version=order.version,
        notices=list(notices or []),
        status_explanation=explain(order),
        created_at=order.created_at,
        submitted_at=order.submitted_at,
        created_by=order.created_by,
        actions=table.reasons(order, actor, now),
    )


def summary_view(order: Order) -> OrderSummaryView:
    return OrderSummaryView(
        id=order.id, number=order.number, external_number=order.external_number,
        name=order.name, status=order.status, store=order.store.code,
        customer_id=order.customer_id, customer_name=order.customer_name,
        customer_email=order.customer_email, is_guest=order.is_guest, kind=order.kind,
        created_at=order.created_at, total=order.total,
    )
