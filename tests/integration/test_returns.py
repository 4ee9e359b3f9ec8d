"""Returns, exchanges and misships (RET-1..RET-6) through the public API, refusals included.

Every refusal is a typed error naming the field or the fix, and leaves the database as it was.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.services.views import OrderView
from tests.conftest import World
from tests.integration.order_steps import ELSEWHERE, released, set_order_columns


def shipped(csr: Desk, supervisor: Desk, world: World, *lines: tuple[str, int]) -> OrderView:
    order = released(csr, world, *(lines or (("WID-1", 2), ("CAB-1", 1))))
    supervisor.fulfillment.pick(order.id)
    return supervisor.fulfillment.ship(order.id)


def item_of(order: OrderView, sku: str) -> int:
    return next(i.id for i in order.items if i.sku == sku)


def stock(desk: Desk, sku: str) -> int:
    return next(p.stock for p in desk.catalog.find(sku) if p.sku == sku)


def test_ret_1_a_return_of_shipped_goods_gets_its_own_number_and_is_found(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    ret = csr.returns.create(order.id, {item_of(order, "WID-1"): 1}, "Arrived scratched")
    assert ret.number.startswith("RMA-") and ret.order_id == order.id and ret.kind == "return"
    assert ret.reason == "Arrived scratched" and ret.created_by == "csr"
    assert [(line.sku, line.quantity, line.received_quantity) for line in ret.lines] == [("WID-1", 1, 0)]
    # What was paid for one widget: 19.99 and its share of the order's 4.12 tax on 49.97.
    assert ret.credit_total == Decimal("19.99") + Decimal("1.65")
    assert csr.returns.search(number=ret.number)[0].id == ret.id
    assert [r.id for r in csr.returns.search(order_id=order.id)] == [ret.id]
    assert [r.id for r in csr.returns.search(customer_id=world.customer_id)] == [ret.id]
    assert [r.id for r in csr.returns.search(status="approved")] == [ret.id]
    assert csr.returns.search(status="requested") == []
    seen = csr.orders.get(order.id)
    assert seen.items[0].returned_quantity == 1 and [r.number for r in seen.returns] == [ret.number]


def test_ret_1_refusals_name_the_field_and_change_nothing(
    sc: SalesCenter, csr: Desk, csr2: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    widget = item_of(order, "WID-1")
    csr.returns.create(order.id, {widget: 1}, "Too many")
    before = csr.orders.get(order.id)
    refused = [
        ({widget: 2}, errors.ValidationError, "Quantity"),  # 2 shipped, 1 already returned
        ({widget: 0}, errors.ValidationError, "Quantity"),
        ({widget: -1}, errors.ValidationError, "Quantity"),
        ({999_999: 1}, errors.NotFoundError, None),
        ({}, errors.ValidationError, "Items"),
    ]
    for lines, error, field in refused:
        with pytest.raises(error) as caught:
            csr.returns.create(order.id, lines, "Damaged")
        if field is not None:
            assert getattr(caught.value, "field", None) == field
    with pytest.raises(errors.ValidationError, match="Return reason"):
        csr.returns.create(order.id, {widget: 1}, "  ")
    with pytest.raises(errors.ValidationError) as caught:
        csr.returns.create(order.id, {widget: 1}, "Damaged", kind="refund")
    assert caught.value.field == "Return kind"
    with pytest.raises(errors.ValidationError, match="choose an exchange"):
        csr.returns.create(order.id, {widget: 1}, "Damaged", replacements={widget: "CAB-1"})
    with pytest.raises(errors.ValidationError, match="NOPE-1"):
        csr.returns.create(order.id, {widget: 1}, "Damaged", kind="exchange", replacements={widget: "NOPE-1"})
    unshipped = released(csr, world, ("WID-1", 1))
    with pytest.raises(errors.ValidationError, match="has not shipped"):
        csr.returns.create(unshipped.id, {unshipped.items[0].id: 1}, "Damaged")
    assert csr.orders.get(order.id).version == before.version
    assert len(csr.returns.search(order_id=order.id)) == 1


def test_ret_1_an_order_locked_by_someone_else_refuses_returns(
    sc: SalesCenter, csr: Desk, csr2: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    widget = item_of(order, "WID-1")
    ret = csr.returns.create(order.id, {widget: 1}, "Scratched")
    from sqlalchemy import insert, select

    from salescenter.db.clock import utcnow
    from salescenter.models import EditLock, User

    with sc.engine.begin() as connection:  # csr2's desk holds the order (a lock left behind)
        now = connection.scalar(select(utcnow()))
        user_id = connection.scalar(select(User.id).where(User.username == "csr2"))
        connection.execute(insert(EditLock).values(
            order_id=order.id, user_id=user_id, username="csr2", workstation="desk 2",
            acquired_at=now, expires_at=now + timedelta(minutes=15), epoch=1))
    before = csr.orders.get(order.id)
    assert "csr2" in (before.actions["create_return"] or "")
    with pytest.raises(errors.LockedError, match="csr2"):
        csr.returns.create(order.id, {widget: 1}, "Scratched too")
    with pytest.raises(errors.LockedError, match="csr2"):
        csr.returns.cancel(ret.id, "Kept it")
    assert csr.returns.get(ret.id).actions["cancel"] is not None
    assert csr.orders.get(order.id).version == before.version
    assert len(csr.returns.search(order_id=order.id)) == 1


def test_ret_2_within_the_window_and_paid_for_the_return_is_approved_at_once(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    ret = csr.returns.create(order.id, {item_of(order, "WID-1"): 2}, "Not as described")
    assert ret.status == "approved" and ret.approved_by == "system" and ret.approval_needed == ""
    assert ret.actions["approve"] is not None and ret.actions["cancel"] is None


def test_ret_2_beyond_the_window_it_waits_for_a_supervisor(
    sc: SalesCenter, csr: Desk, csr2: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    set_order_columns(sc, order.id, shipped_at=order.created_at - timedelta(days=45))
    ret = csr.returns.create(order.id, {item_of(order, "WID-1"): 1}, "Changed my mind")
    assert ret.status == "requested" and "30-day return window" in ret.approval_needed
    assert "Supervisor" in (ret.actions["approve"] or "")
    with pytest.raises(errors.AuthorizationError):
        csr.returns.approve(ret.id)
    with pytest.raises(errors.StateError, match="approval"):
        supervisor.returns.receive(ret.id)
    reminders = [t for t in supervisor.ticklers.mine() if t.return_id == ret.id]
    assert len(reminders) == 1 and reminders[0].role == "supervisor"
    approved = supervisor.returns.approve(ret.id)
    assert approved.status == "approved" and approved.approved_by == "supervisor"
    assert [t for t in supervisor.ticklers.mine() if t.return_id == ret.id] == []
    with pytest.raises(errors.StateError, match="already approved"):
        supervisor.returns.approve(ret.id)


def test_ret_2_a_credit_beyond_what_was_paid_waits_for_a_supervisor(
    sc: SalesCenter, csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world, ("WID-1", 1))
    from sqlalchemy import update

    from salescenter.models import Payment

    with sc.engine.begin() as connection:  # the payment went back outside Sales Center
        connection.execute(update(Payment).where(Payment.order_id == order.id)
                           .values(authorized_amount=Decimal("5.00"), captured_amount=Decimal("5.00")))
    ret = csr.returns.create(order.id, {order.items[0].id: 1}, "Broken")
    assert ret.status == "requested" and "more than the" in ret.approval_needed


def test_ret_3_receiving_puts_resaleable_goods_back_and_refunds_the_credit(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    widget = item_of(order, "WID-1")
    ret = csr.returns.create(order.id, {widget: 2}, "Wrong colour")
    on_shelf = stock(csr, "WID-1")
    with pytest.raises(errors.AuthorizationError):
        csr.returns.receive(ret.id)
    with pytest.raises(errors.ValidationError, match="at most 2"):
        supervisor.returns.receive(ret.id, {widget: 3})
    part = supervisor.returns.receive(ret.id, {widget: 1})
    assert part.status == "approved" and part.lines[0].received_quantity == 1
    assert stock(csr, "WID-1") == on_shelf + 1
    done = supervisor.returns.receive(ret.id, resaleable=False)
    assert done.status == "received" and done.lines[0].received_quantity == 2
    assert done.lines[0].restocked_quantity == 1
    assert stock(csr, "WID-1") == on_shelf + 1  # the damaged one stays out of stock
    history = [h.activity for h in csr.orders.history(order.id)]
    assert "Return created" in history and "Return received" in history
    with pytest.raises(errors.StateError, match="was received"):
        supervisor.returns.receive(ret.id)
    with pytest.raises(errors.StateError, match="was received"):
        csr.returns.cancel(ret.id, "Oops")


def test_ret_3_a_canceled_return_frees_its_quantity(csr: Desk, supervisor: Desk, world: World) -> None:
    order = shipped(csr, supervisor, world)
    widget = item_of(order, "WID-1")
    ret = csr.returns.create(order.id, {widget: 2}, "Wrong colour")
    canceled = csr.returns.cancel(ret.id, "Customer kept them")
    assert canceled.status == "canceled" and canceled.cancel_reason == "Customer kept them"
    assert csr.orders.get(order.id).items[0].returned_quantity == 0
    with pytest.raises(errors.StateError, match="canceled"):
        csr.returns.cancel(ret.id, "Again")
    assert csr.returns.create(order.id, {widget: 2}, "Wrong colour after all").status == "approved"


def test_ret_4_an_exchange_sends_another_product_and_charges_the_difference(
    admin: Desk, csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    cable = item_of(order, "CAB-1")
    ret = csr.returns.create(order.id, {cable: 1}, "Too short", kind="exchange",
                             replacements={cable: "WID-1"})
    assert ret.kind == "exchange" and ret.replacement_order_id is not None
    assert ret.credit_total == Decimal("9.99") + Decimal("0.82")  # the cable and its tax
    new = csr.orders.get(ret.replacement_order_id)
    assert [(i.sku, i.quantity) for i in new.items] == [("WID-1", 1)]
    assert new.shipping_total == Decimal("0.00") and new.total == Decimal("19.99") + Decimal("1.65")
    assert ret.price_difference == new.total - ret.credit_total > 0  # charged on the replacement
    assert new.paid_total == ret.credit_total and new.status == "pending_payment_authorization"
    new = csr.orders.add_payment(new.id, "credit_card", ret.price_difference)  # the difference charged
    assert csr.orders.release(new.id).status == "released"
    assert "Too short" in csr.returns.get(ret.id).reason  # what was the reason for the exchange


def test_ret_4_an_exchange_for_the_same_product_costs_nothing_more(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world, ("CAB-1", 1))
    cable = order.items[0].id
    ret = csr.returns.create(order.id, {cable: 1}, "Frayed", kind="exchange")
    new = csr.orders.get(ret.replacement_order_id or 0)
    assert [(i.sku, i.placed_price) for i in new.items] == [("CAB-1", Decimal("9.99"))]
    assert new.paid_total == new.total and new.status == "released"  # an even exchange
    assert ret.price_difference <= 0 and new.total - ret.credit_total <= Decimal("0.01")


def test_ret_5_a_misship_sends_the_right_item_free_at_once_and_expects_the_wrong_one_back(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world, ("CAB-1", 1))
    cable = order.items[0].id
    ret = csr.returns.create(order.id, {cable: 1}, "We shipped a cable, not a widget",
                             kind="misship", replacements={cable: "WID-1"})
    assert ret.kind == "misship" and ret.credit_total == Decimal("0.00")
    new = csr.orders.get(ret.replacement_order_id or 0)
    assert new.total == Decimal("0.00") and new.status == "released"
    assert [(i.sku, i.placed_price) for i in new.items] == [("WID-1", Decimal("0.00"))]
    assert ret.status == "approved" and ret.lines[0].sku == "CAB-1"
    assert any(ret.number in h.detail for h in csr.orders.history(order.id))
    received = supervisor.returns.receive(ret.id)
    assert received.status == "received" and received.refunded_total == Decimal("0.00")


def test_ret_6_returns_show_on_the_order_and_in_its_history(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    ret = csr.returns.create(order.id, {item_of(order, "WID-1"): 1}, "Scratched", kind="exchange")
    seen = csr.orders.get(order.id)
    assert [(r.number, r.kind, r.status) for r in seen.returns] == [(ret.number, "exchange", "approved")]
    entry = next(h for h in csr.orders.history(order.id) if h.activity == "Return created")
    assert ret.number in entry.detail and "Scratched" in entry.detail
    assert ret.replacement_order_number is not None and ret.replacement_order_number in entry.detail


def test_ret_4_an_exchange_waiting_for_approval_sends_its_replacement_once_approved(
    sc: SalesCenter, csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world, ("CAB-1", 1))
    set_order_columns(sc, order.id, shipped_at=order.created_at - timedelta(days=45))
    ret = csr.returns.create(order.id, {order.items[0].id: 1}, "Frayed", kind="exchange")
    new_id = ret.replacement_order_id or 0
    assert ret.status == "requested"
    assert csr.orders.get(new_id).status == "pending_payment_authorization"  # nothing goes out yet
    supervisor.returns.approve(ret.id)
    assert csr.orders.get(new_id).status == "released"
    assert any(h.activity == "Return approved" for h in csr.orders.history(order.id))


def test_ret_4_a_canceled_exchange_takes_its_replacement_back(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world, ("CAB-1", 1))
    on_shelf = stock(csr, "WID-1")
    ret = csr.returns.create(order.id, {order.items[0].id: 1}, "Frayed", kind="misship",
                             replacements={order.items[0].id: "WID-1"})
    assert stock(csr, "WID-1") == on_shelf - 1  # the right item is allocated at once
    csr.returns.cancel(ret.id, "The customer found the widget in the box")
    new = csr.orders.get(ret.replacement_order_id or 0)
    assert new.status == "canceled" and stock(csr, "WID-1") == on_shelf


def test_ret_3_the_credit_goes_back_to_the_payments_newest_first(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = released_with_two_payments(csr, world)
    supervisor.fulfillment.pick(order.id)
    order = supervisor.fulfillment.ship(order.id)
    older, newer = order.payments
    assert (older.captured_amount, newer.captured_amount) == (older.amount, newer.amount)
    widget = item_of(order, "WID-1")
    ret = csr.returns.create(order.id, {widget: 2}, "Both scratched")
    done = supervisor.returns.receive(ret.id)
    assert done.refunded_total == done.credit_total == Decimal("39.98") + Decimal("3.30")
    older, newer = csr.orders.get(order.id).payments
    assert newer.refunded_amount == newer.captured_amount == Decimal("20.00")  # the newest first
    assert older.refunded_amount == done.credit_total - Decimal("20.00")
    history = [h.activity for h in csr.orders.history(order.id)]
    assert history.count("Payment refunded") == 2


def test_ret_3_a_part_received_refunds_its_part_of_the_credit(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    widget = item_of(order, "WID-1")
    ret = csr.returns.create(order.id, {widget: 2}, "Both scratched")
    part = supervisor.returns.receive(ret.id, {widget: 1})
    assert part.refunded_total == v_half(ret.credit_total)
    done = supervisor.returns.receive(ret.id)
    assert done.refunded_total == ret.credit_total
    payments = csr.orders.get(order.id).payments
    assert sum((p.refunded_amount for p in payments), Decimal("0")) == ret.credit_total


def test_ret_4_an_exchange_for_a_cheaper_product_refunds_the_difference_on_receipt(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    widget = item_of(order, "WID-1")
    ret = csr.returns.create(order.id, {widget: 1}, "Wants the cable instead", kind="exchange",
                             replacements={widget: "CAB-1"})
    new = csr.orders.get(ret.replacement_order_id or 0)
    assert new.status == "released" and new.paid_total == new.total
    assert ret.price_difference == new.total - ret.credit_total < 0
    done = supervisor.returns.receive(ret.id)
    assert done.refunded_total == -ret.price_difference


def released_with_two_payments(csr: Desk, world: World) -> OrderView:
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 2)
    order = csr.orders.submit(order.id)
    csr.orders.add_payment(order.id, "check", order.total - Decimal("20.00"))
    order = csr.orders.add_payment(order.id, "credit_card", Decimal("20.00"))
    return csr.orders.release(order.id)


def v_half(amount: Decimal) -> Decimal:
    return (amount / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def test_ret_4_the_replacement_goes_where_the_returned_goods_went(
    csr: Desk, supervisor: Desk, world: World
) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 1)
    order = csr.orders.add_item(order.id, "CAB-1", 1)
    order = csr.orders.add_ship_to(order.id, ELSEWHERE)
    order = csr.orders.assign_item(order.id, item_of(order, "CAB-1"), order.ship_tos[-1].id)
    order = csr.orders.submit(order.id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    csr.orders.release(order.id)
    supervisor.fulfillment.pick(order.id)
    order = supervisor.fulfillment.ship(order.id)
    ret = csr.returns.create(order.id, {item_of(order, "CAB-1"): 1}, "Frayed", kind="exchange")
    new = csr.orders.get(ret.replacement_order_id or 0)
    assert new.shipping_address is not None and new.shipping_address.line1 == ELSEWHERE["line1"]


def test_ret_1_two_desks_returning_the_same_goods_at_once_never_return_more_than_shipped(
    csr: Desk, csr2: Desk, supervisor: Desk, world: World
) -> None:
    order = shipped(csr, supervisor, world)
    widget = item_of(order, "WID-1")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def take(desk: Desk) -> None:
        start.wait()
        try:
            desk.returns.create(order.id, {widget: 2}, "Both scratched")
            outcomes.append("created")
        except errors.SalesCenterError as refused:
            outcomes.append(type(refused).__name__)

    threads = [threading.Thread(target=take, args=(desk,)) for desk in (csr, csr2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The second waits for the first and is refused by the quantity rule (or told to try again).
    assert sorted(outcomes) in (["ValidationError", "created"], ["ConflictError", "created"]), outcomes
    seen = csr.orders.get(order.id)
    assert next(i for i in seen.items if i.id == widget).returned_quantity == 2
