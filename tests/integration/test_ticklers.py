"""Ticklers (TKL-1): create, list due ones first, record actions, resolve, reassign; who may."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from tests.conftest import World
from tests.reliability.support import DECLINED_CARD, cart, fingerprint, submitted


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def test_tkl_1_create_defaults_to_me_and_carries_every_field(csr: Desk, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    when = _now() + timedelta(days=1)
    tickler = csr.ticklers.create("Call back about delivery", order_id=order.id,
                                  comment="Customer asked for a call after 5pm", remind_at=when)
    assert tickler.status == "open" and tickler.assignee == "csr" and tickler.role is None
    assert tickler.reason == "Call back about delivery"
    assert tickler.comment == "Customer asked for a call after 5pm"
    assert tickler.order_id == order.id and tickler.customer_id == world.customer_id
    assert tickler.order_number == order.number and tickler.customer_name == "Mercy Taylor"
    assert tickler.created_by == "csr" and tickler.actions == [] and not tickler.due
    assert abs(tickler.remind_at - when) < timedelta(seconds=1)  # type: ignore[operator]


def test_tkl_1_assign_to_a_colleague_or_a_role(csr: Desk, csr2: Desk, supervisor: Desk,
                                               world: World) -> None:
    for_colleague = csr.ticklers.create("Check stock", customer_id=world.customer_id, assignee="csr2")
    for_role = csr.ticklers.create("Approve the discount", customer_id=world.customer_id,
                                   role="supervisor")
    assert for_role.assignee is None and for_role.role == "supervisor"
    assert for_role.assigned_to == "Supervisor"
    assert [t.id for t in csr2.ticklers.mine()] == [for_colleague.id]
    assert [t.id for t in supervisor.ticklers.mine()] == [for_role.id]
    assert csr.ticklers.mine() == []


def test_tkl_1_mine_lists_due_ones_first_then_by_remind_time(csr: Desk, world: World) -> None:
    now = _now()
    later = csr.ticklers.create("Next week", customer_id=world.customer_id, remind_at=now + timedelta(days=7))
    soon = csr.ticklers.create("Tomorrow", customer_id=world.customer_id, remind_at=now + timedelta(days=1))
    overdue = csr.ticklers.create("Yesterday", customer_id=world.customer_id,
                                  remind_at=now - timedelta(days=1))
    untimed = csr.ticklers.create("Whenever", customer_id=world.customer_id)
    mine = csr.ticklers.mine()
    assert [t.id for t in mine] == [overdue.id, untimed.id, soon.id, later.id]
    assert [t.due for t in mine] == [True, True, False, False]
    assert [t.id for t in csr.ticklers.mine(due_only=True)] == [overdue.id, untimed.id]


def test_tkl_1_record_actions_and_resolve(csr: Desk, world: World) -> None:
    tickler = csr.ticklers.create("Call back", customer_id=world.customer_id)
    csr.ticklers.record(tickler.id, "Left a voicemail")
    worked = csr.ticklers.record(tickler.id, "Customer confirmed the address")
    assert [a.text for a in worked.actions] == ["Left a voicemail", "Customer confirmed the address"]
    assert all(a.user == "csr" and a.at is not None for a in worked.actions)
    done = csr.ticklers.resolve(tickler.id, "All sorted")
    assert done.status == "resolved" and done.resolved_by == "csr"
    assert done.actions[-1].text == "Resolved: All sorted"
    assert csr.ticklers.mine() == []
    with pytest.raises(errors.StateError, match="resolved by csr"):
        csr.ticklers.record(tickler.id, "One more thing")
    with pytest.raises(errors.StateError, match="resolved by csr"):
        csr.ticklers.resolve(tickler.id)


def test_tkl_1_a_csr_works_only_their_own_or_their_roles(sc: SalesCenter, csr: Desk, csr2: Desk,
                                                         world: World) -> None:
    theirs = csr.ticklers.create("For csr2", customer_id=world.customer_id, assignee="csr2")
    for_supervisors = csr.ticklers.create("For supervisors", customer_id=world.customer_id,
                                          role="supervisor")
    for_reps = csr2.ticklers.create("For all reps", customer_id=world.customer_id, role="csr")
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError, match="assigned to csr2"):
        csr.ticklers.record(theirs.id, "Meddling")
    with pytest.raises(errors.AuthorizationError, match="assigned to Supervisor"):
        csr.ticklers.resolve(for_supervisors.id)
    assert fingerprint(sc.engine) == before
    assert csr.ticklers.get(theirs.id).commands["record"] is not None
    assert csr.ticklers.record(for_reps.id, "Took it").actions[-1].user == "csr"
    assert csr2.ticklers.resolve(theirs.id).status == "resolved"


def test_tkl_1_a_supervisor_reassigns_and_a_csr_cannot(sc: SalesCenter, csr: Desk, csr2: Desk,
                                                       supervisor: Desk, world: World) -> None:
    tickler = csr.ticklers.create("Refund question", customer_id=world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError, match="Reassign"):
        csr.ticklers.reassign(tickler.id, assignee="csr2")
    assert fingerprint(sc.engine) == before
    assert tickler.commands["reassign"] is not None
    moved = supervisor.ticklers.reassign(tickler.id, assignee="csr2")
    assert moved.assignee == "csr2" and moved.actions[-1].text == "Reassigned from csr to csr2"
    assert moved.actions[-1].user == "supervisor" and moved.commands["reassign"] is None
    assert [t.id for t in csr2.ticklers.mine()] == [tickler.id] and csr.ticklers.mine() == []
    to_role = supervisor.ticklers.reassign(tickler.id, role="supervisor")
    assert to_role.role == "supervisor" and to_role.assignee is None
    # A Supervisor may also work a tickler that is not theirs.
    assert supervisor.ticklers.resolve(tickler.id).resolved_by == "supervisor"


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"reason": ""}, "Reason"),
    ({"reason": "x" * 201}, "Reason"),
    ({"reason": "Call", "remind_at": "next tuesday"}, "Remind on"),
    ({"reason": "Call", "remind_at": "1850-01-01"}, "Remind on"),
    ({"reason": "Call", "remind_at": 5}, "Remind on"),
    ({"reason": "Call", "assignee": "nobody"}, "Assignee"),
    ({"reason": "Call", "assignee": "csr2", "role": "csr"}, "Assignee"),
    ({"reason": "Call", "role": "manager"}, "Role"),
    ({"reason": "Call", "order_id": "12"}, "Order"),
])
def test_tkl_1_bad_input_is_refused_naming_the_field(sc: SalesCenter, csr: Desk, csr2: Desk,
                                                     world: World, kwargs: dict, field: str) -> None:
    kwargs.setdefault("customer_id", world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.ValidationError) as caught:
        csr.ticklers.create(**kwargs)
    assert caught.value.field == field
    assert fingerprint(sc.engine) == before


def test_tkl_1_a_tickler_is_about_something_that_exists(csr: Desk, world: World) -> None:
    with pytest.raises(errors.ValidationError, match="order, a customer or a return"):
        csr.ticklers.create("About nothing")
    with pytest.raises(errors.NotFoundError):
        csr.ticklers.create("Ghost order", order_id=999_999)
    with pytest.raises(errors.NotFoundError):
        csr.ticklers.create("Ghost customer", customer_id=999_999)
    with pytest.raises(errors.NotFoundError):
        csr.ticklers.record(999_999, "Hello")
    with pytest.raises(errors.ValidationError, match="Action"):
        csr.ticklers.record(csr.ticklers.create("Call", customer_id=world.customer_id).id, "  ")


def test_tkl_1_remind_time_with_a_zone_is_kept_in_utc(csr: Desk, world: World) -> None:
    zone = datetime(2030, 1, 2, 4, 0, tzinfo=timezone(timedelta(hours=-5)))
    tickler = csr.ticklers.create("Zoned", customer_id=world.customer_id, remind_at=zone)
    assert tickler.remind_at == datetime(2030, 1, 2, 9, 0)


def test_tkl_1_search_finds_an_orders_ticklers_for_anyone(csr: Desk, supervisor: Desk,
                                                          world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    first = csr.ticklers.create("One", order_id=order.id)
    csr.ticklers.create("Other customer's", customer_id=world.b2b_customer_id)
    assert [t.id for t in supervisor.ticklers.search(order_id=order.id)] == [first.id]
    assert [t.id for t in supervisor.ticklers.search(customer_id=world.customer_id)] == [first.id]
    csr.ticklers.resolve(first.id)
    assert supervisor.ticklers.search(order_id=order.id) == []
    assert [t.status for t in supervisor.ticklers.search(order_id=order.id, status="resolved")] == [
        "resolved"]


# System ticklers ---------------------------------------------------------------------------


def test_tkl_1_a_declined_payment_gives_the_rep_who_took_the_order_a_tickler(
        csr: Desk, csr2: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    csr2.orders.add_payment(order.id, "credit_card", order.total, card_number=DECLINED_CARD)
    mine = csr.ticklers.mine()
    assert len(mine) == 1 and csr2.ticklers.mine() == []
    tickler = mine[0]
    assert tickler.created_by == "system" and tickler.assignee == "csr" and tickler.due
    assert tickler.order_id == order.id and tickler.customer_id == world.customer_id
    assert tickler.reason == f"Payment declined: Credit card {order.total}"
    assert tickler.order_number == order.number and "another payment" in tickler.comment


def test_tkl_1_an_automatic_block_gives_the_supervisors_a_tickler(csr: Desk, supervisor: Desk,
                                                                  world: World) -> None:
    order = submitted(csr, world.store, world.customer_id, sku="CAB-1", quantity=500)  # over 5,000
    blocked = [b for b in order.blocks if b.kind == "automatic"]
    assert blocked and csr.ticklers.mine() == []
    tickler = supervisor.ticklers.mine()[0]
    assert tickler.role == "supervisor" and tickler.created_by == "system"
    assert tickler.reason == f"Automatic block: {blocked[0].reason}"[:200]
    assert tickler.order_number == order.number
    # Working it does not need the order: the Supervisor records and resolves.
    supervisor.ticklers.record(tickler.id, "Called the customer to confirm the large order")
    assert supervisor.ticklers.resolve(tickler.id).status == "resolved"


def test_tkl_1_an_order_change_that_fails_leaves_no_system_tickler(sc: SalesCenter, csr: Desk,
                                                                   world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.ValidationError):
        csr.orders.add_payment(order.id, "on_account", order.total, card_number=DECLINED_CARD)
    assert fingerprint(sc.engine) == before and csr.ticklers.mine() == []


def test_tkl_1_a_tickler_on_a_quote(csr: Desk, world: World) -> None:
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    tickler = csr.ticklers.create("Follow up before the quote expires", order_id=quote.id,
                                  remind_at=_now() + timedelta(days=3))
    assert tickler.order_id == quote.id and tickler.order_number == quote.number
    assert [t.id for t in csr.ticklers.search(order_id=quote.id)] == [tickler.id]


def test_tkl_1_the_supervisors_tickler_is_resolved_with_its_block(csr: Desk, supervisor: Desk, admin: Desk,
                                                                  world: World) -> None:
    order = submitted(csr, world.store, world.customer_id, sku="CAB-1", quantity=500)  # over 5,000
    block = next(b for b in order.blocks if b.kind == "automatic")
    tickler = supervisor.ticklers.mine()[0]
    admin.orders.resolve_block(order.id, block.id, "Confirmed with the customer")
    done = supervisor.ticklers.get(tickler.id)
    assert done.status == "resolved" and done.resolved_by == "admin"
    assert done.actions[-1].text == "Resolved: the block was lifted by admin."
    assert supervisor.ticklers.mine() == []


def test_tkl_1_a_block_the_system_lifts_takes_its_tickler_with_it(csr: Desk, supervisor: Desk,
                                                                  world: World) -> None:
    order = submitted(csr, world.b2b_store, world.b2b_customer_id, quantity=60)  # 1,199.40 > 1,000
    csr.orders.add_payment(order.id, "on_account", order.total)
    tickler = next(t for t in supervisor.ticklers.mine() if "Credit limit" in t.reason)
    supervisor.customers.update(world.b2b_customer_id, credit_limit="5000.00")
    done = supervisor.ticklers.get(tickler.id)
    assert done.status == "resolved" and done.resolved_by == "system"
