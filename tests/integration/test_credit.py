"""Credit that holds (PRC-7): every unpaid on-account amount counts, and automatic blocks
whose cause has gone are resolved by the system, with the reason in history."""

from __future__ import annotations

import pytest

from salescenter import errors
from salescenter.api import Desk
from tests.conftest import World
from tests.reliability.support import submitted


def _credit_blocks(order) -> list:  # type: ignore[no-untyped-def]
    return [b for b in order.blocks if b.rule == "credit_limit" and not b.resolved]


def _on_account(desk: Desk, world: World, quantity: int):  # type: ignore[no-untyped-def]
    order = submitted(desk, world.b2b_store, world.b2b_customer_id, quantity=quantity)
    return desk.orders.add_payment(order.id, "on_account", order.total)


def test_prc_7_shipped_but_unpaid_on_account_orders_count_against_the_limit(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    first = _on_account(csr, world, 25)  # 499.75 of the 1,000.00 limit
    assert not _credit_blocks(first)
    supervisor.orders.release(first.id)
    supervisor.fulfillment.pick(first.id)
    assert supervisor.fulfillment.ship(first.id).status == "shipped"

    second = _on_account(csr, world, 30)  # 599.70 more: 1,099.45 owed on account
    blocks = _credit_blocks(second)
    assert len(blocks) == 1 and "1099.45" in blocks[0].reason


def test_prc_7_raising_the_limit_lifts_the_block_and_history_says_why(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = _on_account(csr, world, 60)  # 1,199.40 against 1,000.00
    block = _credit_blocks(order)[0]
    with pytest.raises(errors.AuthorizationError):
        csr.orders.resolve_block(order.id, block.id, "Customer is good for it")  # BLK-4 still holds

    supervisor.customers.update(world.b2b_customer_id, credit_limit="2000.00")

    after = csr.orders.get(order.id)
    assert not _credit_blocks(after)
    lifted = next(b for b in after.blocks if b.id == block.id)
    assert lifted.resolved and lifted.resolved_by == "system"
    entry = csr.orders.history(order.id)[-1]
    assert (entry.user, entry.activity) == ("system", "Block resolved")
    assert "credit limit" in entry.detail
    assert csr.orders.release(order.id).status == "released"


def test_prc_7_lowering_the_limit_blocks_the_orders_it_no_longer_covers(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = _on_account(csr, world, 20)  # 399.80
    assert not _credit_blocks(order)
    supervisor.customers.update(world.b2b_customer_id, credit_limit="300.00")
    assert len(_credit_blocks(csr.orders.get(order.id))) == 1
    with pytest.raises(errors.StateError):
        csr.orders.release(order.id)


def test_prc_7_a_lower_total_lifts_the_block_on_its_own(csr: Desk, world: World) -> None:
    order = _on_account(csr, world, 60)
    assert _credit_blocks(order)
    csr.orders.begin_edit(order.id)
    item = order.items[0]
    lowered = csr.orders.set_quantity(order.id, item.id, 40)  # 799.60 now
    assert not _credit_blocks(lowered)
    assert any("Automatic block resolved" in notice for notice in lowered.notices)


def test_prc_7_a_block_the_system_lifted_comes_back_with_its_cause(csr: Desk, world: World) -> None:
    order = _on_account(csr, world, 60)
    csr.orders.begin_edit(order.id)
    item = order.items[0]
    csr.orders.set_quantity(order.id, item.id, 40)
    again = csr.orders.set_quantity(order.id, item.id, 60)
    assert len(_credit_blocks(again)) == 1
