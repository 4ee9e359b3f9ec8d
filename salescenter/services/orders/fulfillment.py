"""Warehouse side of an order: pick and ship (FUL-1, FUL-2)."""

from __future__ import annotations

from decimal import Decimal

from ..views import OrderView
from . import lifecycle as s
from . import line_actions
from . import line_counts as counts
from .base import OrderServiceBase, OrderWork
from .preconditions import pickable, shippable
from .refunds import capture_for_shipment, shipment_share, void_payment

ZERO = Decimal("0.00")


class FulfillmentService(OrderServiceBase):
    def pick(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """Released lines' allocated units go on a pick list: Packing (SHP-2: the allocated
        part of a line goes alone unless the order is ship-complete; EXP-1)."""

        def change(job: OrderWork) -> None:
            ready = pickable(job.order)
            picked = []
            for item in ready:
                picked.append(f"{item.sku} x {counts.ready_to_pick(item)}")
                item.packed_quantity = item.allocated_quantity
                line_actions.settle(item, "pick", job.order.status)
            job.detail = ", ".join(picked)

        return self._mutate(order_id, "pick", change, expected_version=expected_version)

    def ship(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """Packed units ship; the order is Shipped when all of its lines are."""

        def change(job: OrderWork) -> None:
            order = job.order
            shipped, merchandise = [], ZERO
            for item in shippable(order):
                count = item.packed_quantity
                shipped.append(f"{item.sku} x {count}")
                merchandise += counts.share_of_total(item, count)
                item.shipped_quantity += count
                item.allocated_quantity -= count
                item.packed_quantity = 0
                line_actions.settle(item, "ship", order.status)
            final = all(s.line_finished(i) for i in order.items)
            if final:
                job.move(s.SHIPPED)
                order.shipped_at = job.now
            # PAY-3: the shipped part's share of the total is captured now, the rest when it ships.
            share = shipment_share(order, merchandise, final=final)
            capture_for_shipment(job.uow, order, share, user=job.actor.username)
            if final:  # authorizations nothing was taken from are let go
                for payment in order.payments:
                    if s.payment_voidable(payment):
                        void_payment(job.uow, order, payment, "Order shipped without it",
                                     user=job.actor.username)
            job.detail = ", ".join(shipped)

        return self._mutate(order_id, "ship", change, expected_version=expected_version)


__all__ = ["FulfillmentService"]
