"""Moving an order through its life: submit, edit and its lock, release, cancel."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from ...errors import LockedError, StateError, ValidationError
from ...models import EditLock, Order
from .. import validation as v
from ..authority import Authority
from ..customers import add_address_row, load_customer
from ..views import OrderView
from . import allocation, lifecycle
from .base import LOCK_LEASE, OrderServiceBase, OrderWork
from .create import billing_json
from .payment_rules import covered_total
from .payments import PaymentsMixin
from .pricing import SHIPPING_RATES
from .view_builder import live_lock, paid_total

ZERO = Decimal("0.00")
REQUIRED_TO_SUBMIT = "an item, a shipping address and accepted exceptions"


def problems(order: Order) -> list[str]:
    """What stops an order from being submitted or an edit from finishing (ORD-4, LCK-2)."""
    found = []
    live = [i for i in order.items if i.fulfillment_status != "canceled"]
    if not live:
        found.append(f"Order {order.number} has no items; add at least one item.")
    if not (order.ship_line1 and order.ship_city and order.ship_country):
        found.append("The shipping address is incomplete (street, city and country).")
    for item in live:
        if item.flag and not item.flag_accepted:
            found.append(f"Accept or change {item.sku}: {item.flag}.")
    return found


class OrderFlow(PaymentsMixin, OrderServiceBase):
    def submit(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """ORD-9: the cart becomes a submitted order (Pending payment authorization)."""

        def change(job: OrderWork) -> None:
            order = job.order
            if order.kind == "quote":
                raise StateError(f"{order.number} is a quote; create an order from it to submit.")
            found = problems(order)
            if found:
                raise ValidationError(" ".join(found), "Order")
            lifecycle.move(order, lifecycle.PENDING_PAYMENT)
            order.submitted_at = job.now
            order.bill_to = (order.bill_to or billing_json(job.session, order.customer)
                             or self._ship_json(order))
            job.detail = f"Total {order.total}"

        return self._mutate(order_id, "Order submitted", change, expected_version=expected_version)

    def begin_edit(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """LCK-1: take the edit lock; a submitted order enters Edit."""
        epoch: dict[str, int] = {}

        def change(job: OrderWork) -> None:
            order, now = job.order, job.now
            lock = order.lock
            if order.status == lifecycle.EDIT and lock is not None:
                if lock.expires_at > now and lock.user_id != self.ctx.user_id:
                    raise LockedError(f"Order locked for editing ({lock.username}).", lock.username)
                job.detail = (f"Took over the expired lock of {lock.username}"
                              if lock.user_id != self.ctx.user_id else "Edit resumed")
            else:
                lifecycle.move(order, lifecycle.EDIT)
                job.detail = "Edit started"
            order.lock_epoch += 1
            if lock is None:
                lock = EditLock(order_id=order.id, user_id=self.ctx.user_id, epoch=0,
                                username="", acquired_at=now, expires_at=now)
                order.lock = lock
            lock.user_id, lock.username = self.ctx.user_id, self.ctx.username
            lock.workstation, lock.epoch = self.ctx.workstation[:200], order.lock_epoch
            lock.acquired_at, lock.expires_at = now, now + LOCK_LEASE
            epoch["value"] = order.lock_epoch

        view = self._mutate(order_id, "Edit started", change, expected_version=expected_version)
        self.ctx.lock_epochs[view.id] = epoch["value"]
        return view

    def renew_lock(self, order_id: int) -> OrderView:
        """Keep the lease alive while the editor is open."""

        def change(job: OrderWork) -> None:
            self._require_my_lock(job)
            job.reprice, job.record = False, False

        return self._mutate(order_id, "Lock renewed", change, access="content")

    def finish_edit(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """LCK-2: validate; on failure the lock stays and the message says why."""

        def change(job: OrderWork) -> None:
            self._require_my_lock(job)
            found = problems(job.order)
            if found:
                raise ValidationError(
                    "The order stays locked for your edit: " + " ".join(found), "Order"
                )
            lifecycle.move(job.order, lifecycle.PENDING_PAYMENT)
            job.order.lock = None
            job.detail = f"Total {job.order.total}"

        view = self._mutate(order_id, "Edit finished", change, expected_version=expected_version,
                            access="content")
        self.ctx.lock_epochs.pop(view.id, None)
        return view

    def release(self, order_id: int, *, expected_version: int | None = None) -> OrderView:
        """To fulfillment: paid (ORD-5), no open block (BLK-2), no active hold."""

        def change(job: OrderWork) -> None:
            order = job.order
            if order.status != lifecycle.PENDING_PAYMENT:
                raise StateError(lifecycle.why_not(order, lifecycle.RELEASED))
            blocks = [b for b in order.blocks if not b.resolved]
            if blocks:
                raise StateError(
                    f"To release order {order.number}, resolve its {len(blocks)} open "
                    f"block{'s' if len(blocks) > 1 else ''} first: "
                    + "; ".join(b.reason for b in blocks) + "."
                )
            holds = [h for h in order.holds if not h.released]
            if holds:
                raise StateError(f"To release order {order.number}, release its holds first.")
            due = max(order.total - covered_total(order), ZERO)
            if due > 0 or order.total <= 0:
                raise StateError(
                    f"Order {order.number} is not paid: {due} of {order.total} still needs an "
                    "authorized payment."
                )
            lifecycle.move(order, lifecycle.RELEASED)
            for item in order.items:
                if item.fulfillment_status == allocation.ASSIGNED:
                    item.fulfillment_status = allocation.RELEASED
            job.detail = f"Paid {paid_total(order)} of {order.total}"

        return self._mutate(order_id, "Order released", change, expected_version=expected_version)

    def cancel(self, order_id: int, reason: str, *, expected_version: int | None = None) -> OrderView:
        """ORD-7: order and its lines become Canceled; not on hold, nothing shipped."""
        why = v.text(reason, "Cancel reason", max_length=500)

        def change(job: OrderWork) -> None:
            order = job.order
            if order.status == lifecycle.ON_HOLD:
                raise StateError(f"Order {order.number} is on hold; release the hold before canceling.")
            shipped = [i for i in order.items if i.fulfillment_status in ("shipped", "packing")]
            if shipped:
                raise StateError(
                    f"Order {order.number} has {len(shipped)} item(s) packed or shipped, which "
                    "cannot be canceled; cancel the remaining lines instead (Supervisor)."
                )
            lifecycle.move(order, lifecycle.CANCELED)
            for item in order.items:
                allocation.give_back(job.session, item)
                item.fulfillment_status = allocation.CANCELED
            job.detail = why

        return self._mutate(order_id, "Order canceled", change, expected_version=expected_version)

    def cancel_remainder(
        self, order_id: int, reason: str, *, expected_version: int | None = None
    ) -> OrderView:
        """Supervisor: cancel the lines of a released order that have not shipped."""
        why = v.text(reason, "Cancel reason", max_length=500)

        def change(job: OrderWork) -> None:
            order = job.order
            if order.status != lifecycle.RELEASED:
                raise StateError(f"Only a released order's remaining lines can be canceled; "
                                 f"{order.number} is {lifecycle.name_of(order.status)}.")
            open_items = [i for i in order.items
                          if i.fulfillment_status not in ("shipped", "canceled", "packing")]
            if not open_items:
                raise StateError(f"Order {order.number} has no unshipped lines to cancel.")
            for item in open_items:
                allocation.give_back(job.session, item)
                item.fulfillment_status = allocation.CANCELED
            if all(i.fulfillment_status in ("shipped", "canceled") for i in order.items):
                shipped = any(i.fulfillment_status == "shipped" for i in order.items)
                lifecycle.move(order, lifecycle.SHIPPED if shipped else lifecycle.CANCELED)
            job.detail = f"{', '.join(i.sku for i in open_items)}: {why}"

        return self._mutate(order_id, "Remaining lines canceled", change,
                            expected_version=expected_version, authority=Authority.CANCEL_REMAINDER)

    def set_shipping(
        self, order_id: int, address: Any = None, *, method: str | None = None,
        save_to_address_book: bool = False, expected_version: int | None = None,
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

        return self._mutate(order_id, "Shipping changed", change, expected_version=expected_version,
                            access="content")

    # helpers -----------------------------------------------------------------

    def _require_my_lock(self, job: OrderWork) -> None:
        order = job.order
        if order.status != lifecycle.EDIT:
            raise StateError(f"Order {order.number} is not being edited.")
        lock = live_lock(order, job.now) or order.lock
        if lock is None or lock.user_id != self.ctx.user_id:
            raise LockedError(f"You do not hold the edit lock of order {order.number}.",
                              lock.username if lock else "")

    def _ship_json(self, order: Order) -> str:
        keys = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")
        return json.dumps({k: getattr(order, f"ship_{k}") for k in keys})
