"""Live updates across a lost connection (SRV-6): a desk that reconnects first gets what it missed.

The desk's server goes away, other desks change orders meanwhile (on the database directly, as
through another server of the call center), and a server comes back on the same address: the
changes of that gap reach the desk although no server was running to send them live.
"""

from __future__ import annotations

import queue
from pathlib import Path
from urllib.parse import urlsplit

from salescenter import SalesCenter
from salescenter.services.live import OrderChange
from tests.conftest import HOME, PASSWORDS, first_admin
from tests.server_support import Certificate, running_server

WAIT_SECONDS = 60  # how long the test waits for an event before calling it missed


def _next_for(seen: queue.Queue[OrderChange], order_ids: set[int]) -> dict[int, OrderChange]:
    """Events until each of ``order_ids`` has had one (others are skipped); fails when one never comes."""
    found: dict[int, OrderChange] = {}
    while not order_ids <= found.keys():
        try:
            change = seen.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            raise AssertionError(f"no live update for orders {sorted(order_ids - found.keys())}") from None
        if change.order_id in order_ids:
            found[change.order_id] = change
    return found


def test_srv_6_a_desk_that_lost_its_server_gets_every_change_made_meanwhile(
    db_url: str, tmp_path: Path, test_certificate: Certificate
) -> None:
    url = db_url  # SQLite and PostgreSQL: their servers learn of changes differently
    local = SalesCenter.open(url)
    admin = first_admin(local)
    admin.stores.create("US", "Sales Center US")
    admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=50)
    customer = admin.customers.create("Mercy", "Taylor", email="mercy@example.com", address=HOME)
    orders = [admin.orders.add_item(admin.orders.create("US", customer.id).id, "WID-1", 1).id
              for _ in range(3)]

    seen: queue.Queue[OrderChange] = queue.Queue()
    with running_server(url, tmp_path / "first", test_certificate) as first:
        remote = SalesCenter.open(first.url, ca_file=str(test_certificate.cert))
        desk = remote.login("csr", PASSWORDS["csr"])
        desk.watch(seen.put)
        admin.orders.add_note(orders[0], "Called back about delivery")
        assert _next_for(seen, {orders[0]})[orders[0]].by == "admin"  # live, while connected
        port = urlsplit(first.url).port

    # No server: the desk's stream is gone. The call center goes on working.
    admin.orders.add_note(orders[1], "Customer asked for gift wrap")
    changed = admin.orders.set_quantity(orders[2], admin.orders.get(orders[2]).items[0].id, 4)

    with running_server(url, tmp_path / "second", test_certificate, extra=("--port", str(port))):
        missed = _next_for(seen, {orders[1], orders[2]})
        assert {key: change.by for key, change in missed.items()} == {orders[1]: "admin", orders[2]: "admin"}
        assert missed[orders[2]].version == changed.version
        assert desk.orders.get(orders[2]).items[0].quantity == 4  # the same desk works on
        admin.orders.add_note(orders[0], "And live again")
        assert _next_for(seen, {orders[0]})[orders[0]].by == "admin"
        remote.close()
    local.close()
