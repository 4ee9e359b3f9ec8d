"""A phone order from first item to shipment, on every backend."""

from salescenter.api import Desk
from tests.conftest import World


def test_ord_1_phone_order_end_to_end(csr: Desk, admin: Desk, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    assert order.status == "pending" and order.items == []
    order = csr.orders.add_item(order.id, "WID-1", 2)
    order = csr.orders.submit(order.id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    order = csr.orders.release(order.id)
    order = admin.fulfillment.pick(order.id)
    order = admin.fulfillment.ship(order.id)
    assert order.status == "shipped"
    activities = [h.activity for h in csr.orders.history(order.id)]
    assert activities[0] == "Order created" and activities[-1] == "Items shipped"
