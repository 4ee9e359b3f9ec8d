"""TKL-1 and AUD-1 through a Sales Center server: the same views, refusals and rules (SRV-2)."""

from __future__ import annotations

import pytest

from salescenter import errors
from tests.conftest import PASSWORDS
from tests.integration.test_server import Served, served  # noqa: F401 - the fixture


def test_tkl_1_ticklers_and_the_audit_trail_cross_the_wire(served: Served) -> None:  # noqa: F811
    admin = served.remote.login("admin", PASSWORDS["admin"])
    csr = served.remote.login("csr", PASSWORDS["csr"])
    customer = csr.customers.create("Mercy", "Taylor", phone="555-010-2000")
    tickler = csr.ticklers.create("Call back", customer_id=customer.id, role="supervisor")
    assert type(tickler).__name__ == "TicklerView" and tickler.assigned_to == "Supervisor"
    with pytest.raises(errors.AuthorizationError, match="assigned to Supervisor"):
        csr.ticklers.record(tickler.id, "Not mine")
    with pytest.raises(errors.AuthorizationError, match="Reassign"):
        csr.ticklers.reassign(tickler.id, assignee="csr")
    moved = admin.ticklers.reassign(tickler.id, assignee="csr")
    worked = csr.ticklers.record(moved.id, "Called")
    assert [a.text for a in worked.actions][-1] == "Called" and worked.actions[-1].user == "csr"
    assert [t.id for t in csr.ticklers.mine()] == [tickler.id]
    with pytest.raises(errors.AuthorizationError, match="audit trail"):
        csr.audit.search()
    entries = admin.audit.search(entity="customer", entity_id=customer.id)
    assert {e.field for e in entries} >= {"first_name", "last_name", "phone"}
    assert all(e.user == "csr" for e in entries)
    assert served.local.login("admin", PASSWORDS["admin"]).audit.search(entity="customer") == entries
