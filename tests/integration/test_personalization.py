"""Personalization text on an item (PER-1): added, changed or removed until it is packed."""

from __future__ import annotations

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from tests.conftest import World
from tests.integration.order_steps import submitted
from tests.integration.test_bad_input import dump

REASON = "Customer changed their mind"


def test_per_1_personalization_is_added_changed_and_removed_until_packed(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = submitted(csr, world, ("WID-1", 1))
    item = order.items[0]
    assert item.actions["personalize"] is None
    order = csr.orders.personalize(order.id, item.id, "  For Sam, with love ")
    assert order.items[0].personalization == "For Sam, with love"
    order = csr.orders.personalize(order.id, item.id, "S.T.")
    assert order.items[0].personalization == "S.T."
    order = csr.orders.personalize(order.id, item.id, "")
    assert order.items[0].personalization is None
    history = [h for h in csr.orders.history(order.id) if h.activity == "Personalization changed"]
    assert [h.detail for h in history] == [
        "WID-1: 'For Sam, with love'", "WID-1: 'For Sam, with love' -> 'S.T.'", "WID-1: 'S.T.' removed"]

    order = csr.orders.personalize(order.id, item.id, "M.T.")
    csr.orders.add_payment(order.id, "credit_card", order.total)
    csr.orders.release(order.id)
    assert csr.orders.personalize(order.id, item.id, "M. T.").items[0].personalization == "M. T."
    order = admin.fulfillment.pick(order.id)
    reason = order.items[0].actions["personalize"]
    assert reason == "WID-1 is packing; its personalization can no longer change."
    with pytest.raises(errors.StateError, match="personalization can no longer change"):
        csr.orders.personalize(order.id, item.id, "Too late")
    assert csr.orders.get(order.id).items[0].personalization == "M. T."


def test_per_1_refusals_name_the_field_and_change_nothing(
    sc: SalesCenter, csr: Desk, csr2: Desk, world: World
) -> None:
    order = submitted(csr, world, ("WID-1", 1))
    item = order.items[0]
    before = dump(sc.engine)
    for bad in ("x" * 201, "two\nlines", 42):
        with pytest.raises(errors.ValidationError) as refused:
            csr.orders.personalize(order.id, item.id, bad)  # type: ignore[arg-type]
        assert refused.value.field == "Personalization"
    with pytest.raises(errors.NotFoundError):
        csr.orders.personalize(order.id, 999999, "For Sam")
    csr2.orders.begin_edit(order.id)
    before = dump(sc.engine)
    with pytest.raises(errors.LockedError, match="csr2"):
        csr.orders.personalize(order.id, item.id, "For Sam")
    assert dump(sc.engine) == before
    csr2.orders.finish_edit(order.id)
    csr.orders.cancel(order.id, REASON)
    before = dump(sc.engine)
    with pytest.raises(errors.StateError, match="canceled"):
        csr.orders.personalize(order.id, item.id, "For Sam")
    assert dump(sc.engine) == before
