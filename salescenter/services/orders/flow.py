"""Moving an order through its life: submit, edit and its lock, release, cancel.

The action table (actions.py) decides whether each may happen; these say what happens.
"""

from __future__ import annotations

import json
from typing import Any

from ...errors import ValidationError
from ...models import EditLock, Order
from .. import validation as v
from ..customers import add_address_row, load_customer
from ..views import OrderView
from . import allocation, line_actions, quotes, refunds
from . import lifecycle as s
from . import line_counts as counts
from .base import LOCK_LEASE, OrderServiceBase, OrderWork
from .create import billing_json
from .line_changes import finish
from .payment_rules import paid_total
from .pricing import SHIPPING_RATES
from .warnings import Acknowledge


class OrderFlow(OrderServiceBase):
    def submit(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """ORD-9: the cart becomes a submitted order (Pending payment authorization)."""

        def change(job: OrderWork) -> None:
            order = job.order
            job.move(s.PENDING_PAYMENT)
            order.submitted_at, order.prices_frozen = job.now, True
            order.bill_to = (order.bill_to or billing_json(job.session, order.customer)
                             or self._ship_json(order))
            job.detail = f"Total {order.total}"

        return self._mutate(order_id, "submit", change, expected_version=expected_version)

    def begin_edit(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """LCK-1: take the edit lock; a submitted order enters Edit."""

        def change(job: OrderWork) -> None:
            order, now = job.order, job.now
            lock = order.lock
            if s.is_editing(order) and lock is not None:
                job.detail = (f"Took over the expired lock of {lock.username}"
                              if lock.user_id != self.ctx.user_id else "Edit resumed")
            else:
                job.move(s.EDIT)
                job.detail = "Edit started"
            order.lock_epoch += 1
            if lock is None:
                lock = EditLock(order_id=order.id, user_id=self.ctx.user_id, epoch=0,
                                username="", acquired_at=now, expires_at=now)
                order.lock = lock
            lock.user_id, lock.username = self.ctx.user_id, self.ctx.username
            lock.workstation, lock.epoch = self.ctx.workstation[:200], order.lock_epoch
            lock.acquired_at, lock.expires_at = now, now + LOCK_LEASE
            job.epoch, job.epoch_changed = order.lock_epoch, True

        return self._mutate(order_id, "begin_edit", change, expected_version=expected_version)

    def renew_lock(self, order_id: int) -> OrderView:
        """Keep the lease alive while the editor is open."""

        def change(job: OrderWork) -> None:
            job.reprice, job.record = False, False

        return self._mutate(order_id, "renew_lock", change)

    def finish_edit(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """LCK-2: validate; on failure the lock stays and the message says why."""

        def change(job: OrderWork) -> None:
            job.move(s.PENDING_PAYMENT)
            job.order.lock = None
            job.epoch, job.epoch_changed = None, True
            job.detail = f"Total {job.order.total}"

        return self._mutate(order_id, "finish_edit", change, expected_version=expected_version)

    def release(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """To fulfillment: paid (ORD-5), no open block (BLK-2), no active hold."""

        def change(job: OrderWork) -> None:
            order = job.order
            job.move(s.RELEASED)
            for item in order.items:
                if line_actions.allows("release", item):
                    line_actions.move(item, "release", s.LINE_RELEASED)
            job.detail = f"Paid {paid_total(order)} of {order.total}"

        return self._mutate(order_id, "release", change, expected_version=expected_version)

    def cancel(self, order_id: int, reason: str, *, expected_version: int | None = None) -> OrderView:
        """ORD-7: order and its lines become Canceled; not on hold, nothing shipped."""
        why = v.text(reason, "Cancel reason", max_length=500)

        def change(job: OrderWork) -> None:
            job.move(s.CANCELED)
            if job.order.kind == "quote":
                job.order.quote_status = quotes.CANCELED
            for item in job.order.items:
                allocation.give_back(job.session, item)
                if line_actions.allows("cancel", item):
                    line_actions.move(item, "cancel", s.LINE_CANCELED)
                    item.canceled_quantity = item.quantity - item.shipped_quantity
            for payment in job.order.payments:  # PAY-3: nothing will be captured: let them go
                if s.payment_voidable(payment):
                    refunds.void_payment(job.uow, job.order, payment, f"Order canceled: {why}",
                                         user=job.actor.username)
            job.detail = why

        return self._mutate(order_id, "cancel", change, expected_version=expected_version)

    def mark_quote_ready(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """PRC-1: a draft quote is ready to go to the customer."""

        def change(job: OrderWork) -> None:
            job.order.quote_status = quotes.READY

        return self._mutate(order_id, "mark_quote_ready", change, expected_version=expected_version)

    def cancel_remainder(
        self, order_id: int, reason: str, *, expected_version: int | None = None
    ) -> OrderView:
        """Supervisor: cancel the lines of a released order that have not shipped."""
        why = v.text(reason, "Cancel reason", max_length=500)

        def change(job: OrderWork) -> None:
            order = job.order
            open_items = [i for i in order.items
                          if line_actions.allows("cancel", i) and counts.cancelable(i) > 0]
            canceled = [f"{i.sku} x {counts.cancelable(i)}" for i in open_items]
            for item in open_items:
                allocation.cancel_units(job.session, item, counts.cancelable(item), order.status,
                                        "cancel")
            if all(s.line_finished(i) for i in order.items):
                finish(self, job, why)
            job.detail = f"{', '.join(canceled)}: {why}"

        return self._mutate(order_id, "cancel_remainder", change, expected_version=expected_version)

    def set_shipping(
        self, order_id: int, address: Any = None, *, method: str | None = None,
        save_to_address_book: bool = False, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        """ADR-1: a new ship-to for this order; optionally also kept in the address book."""
        cleaned = v.address(address) if address is not None else None
        ship_method = v.choice(method, "Shipping method", list(SHIPPING_RATES)) if method else None
        if cleaned is None and ship_method is None:
            raise ValidationError("Give a shipping address or a shipping method.", "Shipping")

        def change(job: OrderWork) -> None:
            order, parts = job.order, []
            if cleaned is not None:
                for key, value in cleaned.model_dump().items():
                    setattr(order, f"ship_{key}", value)
                parts.append(f"{cleaned.line1}, {cleaned.city}, {cleaned.country}")
                if save_to_address_book and order.customer_id is not None:
                    add_address_row(job.uow, load_customer(job.uow, order.customer_id), cleaned)
                    parts.append("saved to the address book")
            if ship_method is not None:
                order.shipping_method = ship_method
                parts.append(f"method {ship_method}")
            job.detail = "; ".join(parts)

        return self._mutate(order_id, "set_shipping", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    # helpers -----------------------------------------------------------------

    def _ship_json(self, order: Order) -> str:
        keys = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")
        return json.dumps({k: getattr(order, f"ship_{k}") for k in keys})
