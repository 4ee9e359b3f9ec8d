"""After the sale, on one line: cancel part of it (CAN-1), personalize it (PER-1), and
whether the order's lines leave together (SHP-2).

The action table (actions.py, line_actions.py) says when each may happen and who may do
it; these say what happens. Quantities move as line_counts describes them.
"""

from __future__ import annotations

from decimal import Decimal

from ...errors import ValidationError
from ...models import OrderItem
from .. import validation as v
from ..views import OrderView
from . import allocation, quotes, refunds
from . import lifecycle as s
from . import line_counts as counts
from .base import OrderServiceBase, OrderWork

PERSONALIZATION_LENGTH = 200
ZERO = Decimal("0.00")


def _scaled_discount(item: OrderItem, before: int) -> None:
    """A submitted order's line discount is frozen (PRC-2): fewer units keep its share per unit."""
    after = counts.billed(item)
    if before > 0:
        item.discount = v.round_money(item.discount * after / before)
    else:
        item.discount = Decimal("0.00")


class OrderLineChanges(OrderServiceBase):
    def cancel_item(
        self, order_id: int, item_id: int, reason: str, *, quantity: int | None = None,
        expected_version: int | None = None,
    ) -> OrderView:
        """CAN-1: cancel ``quantity`` of a line (None: all of it not yet shipped or packed).

        A CSR before the order is released, a Supervisor after. Stock goes back, the totals
        and the payment due follow; canceling every remaining line cancels the order (or,
        when some of it shipped, leaves it Shipped).
        """
        why = v.text(reason, "Cancel reason", max_length=500)
        count = None if quantity is None else v.quantity(quantity, "Cancel quantity")

        def change(job: OrderWork) -> None:
            order = job.order
            item = job.subject(item_id)
            left = counts.cancelable(item)
            wanted = left if count is None else count
            if wanted > left:
                raise ValidationError(_over_remaining(item, wanted, left), "Cancel quantity")
            before = counts.billed(item)
            allocation.cancel_units(job.session, item, wanted, order.status)
            _scaled_discount(item, before)
            job.detail = f"{item.sku} x {wanted} of {item.quantity}: {why}"
            if all(s.line_finished(i) for i in order.items):
                finish(self, job, why)

        return self._mutate(order_id, "cancel_item", change, expected_version=expected_version)

    def personalize(
        self, order_id: int, item_id: int, text: str, *, expected_version: int | None = None
    ) -> OrderView:
        """PER-1: add, change or ("") remove an item's personalization until it is packed."""
        cleaned = v.optional_text(text, "Personalization", max_length=PERSONALIZATION_LENGTH)

        def change(job: OrderWork) -> None:
            item = job.subject(item_id)
            before = item.personalization
            if cleaned == before:
                job.record = False
                return
            item.personalization = cleaned
            job.detail = f"{item.sku}: " + (
                f"'{cleaned}'" if before is None else
                f"'{before}' -> '{cleaned}'" if cleaned else f"'{before}' removed")

        return self._mutate(order_id, "personalize", change, expected_version=expected_version)

    def set_ship_complete(
        self, order_id: int, on: bool = True, *, expected_version: int | None = None
    ) -> OrderView:
        """SHP-2: a ship-complete order's lines leave together, expedited lines excepted."""
        if not isinstance(on, bool):
            raise ValidationError("Ship complete must be yes or no.", "Ship complete")

        def change(job: OrderWork) -> None:
            job.order.ship_complete = on
            job.detail = "Ship complete" if on else "Lines may ship as they are available"

        return self._mutate(order_id, "set_ship_complete", change, expected_version=expected_version,
                            activity="Ship complete set" if on else "Ship complete removed")



def finish(service: OrderServiceBase, job: OrderWork, why: str) -> None:
    """Every line shipped or canceled (CAN-1): the order is Shipped, charged for what shipped,
    or Canceled when nothing did; authorizations nothing was taken from are let go (PAY-3)."""
    order, user = job.order, job.actor.username
    if any(i.shipped_quantity for i in order.items):
        service.reprice_now(job)  # the totals are what shipped
        job.move(s.SHIPPED)
        order.shipped_at = job.now
        refunds.capture_for_shipment(job.uow, order, refunds.shipment_share(order, ZERO, final=True),
                                     user=user)
        let_go = "Order shipped without it"
    else:
        job.move(s.CANCELED)
        if order.kind == "quote":
            order.quote_status = quotes.CANCELED
        let_go = f"Order canceled: {why}"
    for payment in order.payments:
        if s.payment_voidable(payment):
            refunds.void_payment(job.uow, order, payment, let_go, user=user)


def _over_remaining(item: OrderItem, wanted: int, left: int) -> str:
    gone = [f"{n} {word}" for n, word in ((item.shipped_quantity, "shipped"),
                                           (item.packed_quantity, "packed"),
                                           (item.canceled_quantity, "already canceled")) if n]
    why = f" ({', '.join(gone)})" if gone else ""
    return (f"Only {left} of {item.sku} can still be canceled{why}, not {wanted}; "
            f"cancel at most {left}.")
