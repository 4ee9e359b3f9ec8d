"""Stock arriving: received goods go to the order lines waiting for them (EXP-2)."""

from __future__ import annotations

from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..orders import allocation
from ..orders.base import load_order, write_history
from ..uow import UnitOfWork
from ..views import Changes, ProductView
from .service import product_by_sku


class InventoryService(Service):
    def receive(self, sku: str, quantity: int) -> ProductView:
        """New stock goes to waiting lines, expedited first, then to the shelf."""
        self.ctx.require(Authority.FULFILLMENT, "Receiving stock")
        count = v.quantity(quantity)
        touched: list[int] = []

        def work(uow: UnitOfWork) -> ProductView:
            product = product_by_sku(uow, sku)
            orders = allocation.receive(uow.session, product, count)
            for order_id, assigned in sorted(orders.items()):
                order = load_order(uow, order_id, for_update=True)
                order.updated_at = uow.now
                write_history(uow, order, self.ctx.username, "Stock assigned",
                              f"{product.sku} received: {', '.join(assigned)}")
            touched.extend(orders.keys())
            view = ProductView.model_validate(product)
            uow.commit()
            return view

        view = self.ctx.write(work)
        self.ctx.announce(Changes(orders=frozenset(touched), products=frozenset({view.sku})))
        return view
