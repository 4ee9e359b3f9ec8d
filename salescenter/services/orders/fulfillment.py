"""Warehouse side of an order: pick and ship (FUL-1, FUL-2)."""

from __future__ import annotations

from decimal import Decimal

from ..views import OrderView
from . import lifecycle as s
from . import line_actions
from .base import OrderServiceBase, OrderWork
from .preconditions import pickable, shippable
from .refunds import capture_for_shipment, shipment_share, void_payment

ZERO = Decimal("0.00")


class FulfillmentService(OrderServiceBase):
    def pick(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """Released lines that have their stock go on a pick list: Packing."""

        def change(job: OrderWork) -> None:
            ready = pickable(job.order)
            for item in ready:
                line_actions.move(item, "pick", s.PACKING)
                item.packed_quantity = item.allocated_quantity
            job.detail = ", ".join(f"{i.sku} x {i.quantity}" for i in ready)

        return self._mutate(order_id, "pick", change, expected_version=expected_version)

    def ship(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """Packed lines ship; the order is Shipped when all of its lines are."""

        def change(job: OrderWork) -> None:
            order = job.order
            packed = shippable(order)
            for item in packed:
                line_actions.move(item, "ship", s.LINE_SHIPPED)
                item.shipped_quantity += item.packed_quantity
                item.allocated_quantity = item.packed_quantity = 0
            final = all(s.line_finished(i) for i in order.items)
            if final:
                job.move(s.SHIPPED)
                order.shipped_at = job.now
            # PAY-3: the shipped part's share of the total is captured now, the rest when it ships.
            share = shipment_share(order, sum((i.line_total for i in packed), ZERO), final=final)
            capture_for_shipment(job.uow, order, share, user=job.actor.username)
            if final:  # authorizations nothing was taken from are let go
                for payment in order.payments:
                    if s.payment_voidable(payment):
                        void_payment(job.uow, order, payment, "Order shipped without it",
                                     user=job.actor.username)
            job.detail = ", ".join(f"{i.sku} x {i.quantity}" for i in packed)

        return self._mutate(order_id, "ship", change, expected_version=expected_version)


__all__ = ["FulfillmentService"]
