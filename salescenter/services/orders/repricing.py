"""Re-pricing a submitted order on purpose (PRC-2): today's list prices and promotions.

Nothing else re-prices a submitted order. The rep sees what would change first
(``preview=True`` saves nothing), then confirms; every changed price and the old and
new totals are listed in the notices and in history.
"""

from __future__ import annotations

from sqlalchemy import select

from ...errors import ValidationError
from ...models import OrderItem, Product
from ..views import OrderView
from . import bundles
from .base import OrderServiceBase, OrderWork
from .pricing import live_items
from .store_charges import list_price_in
from .warnings import Acknowledge


class OrderRepricing(OrderServiceBase):
    def reprice(self, order_id: int, *, preview: bool = False,
                expected_version: int | None = None, acknowledge: Acknowledge = None) -> OrderView:
        """Today's prices on purpose; with ``preview`` the result is shown and nothing is saved."""
        if not isinstance(preview, bool):
            raise ValidationError("Preview must be yes or no.", "Preview")

        def change(job: OrderWork) -> None:
            order = job.order
            for item in live_items(order):
                _todays_price(job, item)
            job.todays_prices = True
            job.detail = f"total before {order.total} {order.store.currency}"
            job.notices.append(f"Total before re-pricing: {order.total} {order.store.currency}.")

        return self._mutate(order_id, "reprice", change, expected_version=expected_version,
                            preview=preview, acknowledge=acknowledge)


def _todays_price(job: OrderWork, item: OrderItem) -> None:
    if item.product_id is None:
        return
    product = job.session.scalar(select(Product).where(Product.id == item.product_id))
    if product is None:
        return
    new_list = list_price_in(job.session, product, job.order.store_id)  # PRC-4
    if item.bundle_sku:  # PRC-3: a component's price is its share of today's bundle price
        new_list = bundles.todays_unit_price(job.session, item.bundle_sku, item.sku,
                                               job.order.store_id) or new_list
    if item.list_price == new_list:
        return
    # A price the rep placed by hand (or a Supervisor approved) stays; a list price follows today's.
    if item.placed_price == item.list_price:
        job.notices.append(f"{item.sku}: {item.placed_price} is now {new_list}.")
        item.placed_price = new_list
    item.list_price = new_list

