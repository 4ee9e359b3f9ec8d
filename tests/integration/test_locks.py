"""The edit lock, its lease and fence, the administrator's unlock, and versions (LCK-1..LCK-4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy import Engine, update

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.models import EditLock
from salescenter.services.views import OrderView
from tests.conftest import PASSWORDS, World
from tests.reliability.support import DECLINED_CARD, cart, fingerprint, paid, submitted

LONG_AGO = datetime(2000, 1, 1)


def expire_lock(engine: Engine, order_id: int) -> None:
    """The lease ran out: what a stranded client's lock looks like after its lease."""
    with engine.begin() as connection:
        connection.execute(update(EditLock).where(EditLock.order_id == order_id).values(expires_at=LONG_AGO))


def editing(desk: Desk, world: World) -> OrderView:
    return desk.orders.begin_edit(submitted(desk, world.store, world.customer_id).id)


# LCK-1 ---------------------------------------------------------------------------------------


def test_lck_1_other_user_sees_order_locked_with_holder_name(
    csr: Desk, csr2: Desk, sc: SalesCenter, world: World
) -> None:
    order = editing(csr, world)
    assert (order.status, order.locked_by) == ("edit", "csr")
    before = fingerprint(sc.engine)
    attempts: list[Callable[[], object]] = [
        lambda: csr2.orders.begin_edit(order.id),
        lambda: csr2.orders.set_quantity(order.id, order.items[0].id, 5),
        lambda: csr2.orders.add_note(order.id, "Customer called"),
        lambda: csr2.orders.place_block(order.id, "Suspected fraud"),
        lambda: csr2.orders.finish_edit(order.id),
        lambda: csr2.orders.cancel(order.id, "Mistake"),
    ]
    for attempt in attempts:
        with pytest.raises(errors.LockedError) as refused:
            attempt()
        assert str(refused.value).startswith("Order locked for editing (csr)")
        assert refused.value.holder == "csr"
    with pytest.raises(errors.LockedError, match=r"^Order locked for editing \(csr\)\.$"):
        csr2.orders.begin_edit(order.id)
    assert fingerprint(sc.engine) == before
    seen = csr2.orders.get(order.id)
    assert (seen.status, seen.locked_by, seen.version) == ("edit", "csr", order.version)


def test_lck_1_holder_changes_the_order_and_finishes(csr: Desk, world: World) -> None:
    order = editing(csr, world)
    order = csr.orders.set_quantity(order.id, order.items[0].id, 3, expected_version=order.version)
    order = csr.orders.finish_edit(order.id, expected_version=order.version)
    assert (order.status, order.locked_by, order.items[0].quantity) == (
        "pending_payment_authorization", None, 3)
    activities = [h.activity for h in csr.orders.history(order.id)][-3:]
    assert activities == ["Edit started", "Quantity changed", "Edit finished"]


def test_lck_1_submitted_order_changes_only_through_edit(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError, match="choose Edit"):
        csr.orders.set_quantity(order.id, order.items[0].id, 4)
    assert fingerprint(sc.engine) == before


# LCK-2 ---------------------------------------------------------------------------------------


def test_lck_2_failed_validation_keeps_the_lock_and_says_why(
    csr: Desk, csr2: Desk, sc: SalesCenter, world: World
) -> None:
    order = editing(csr, world)
    order = csr.orders.remove_item(order.id, order.items[0].id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.ValidationError, match="stays locked for your edit.*no items") as refused:
        csr.orders.finish_edit(order.id)
    assert refused.value.field == "Order"
    assert fingerprint(sc.engine) == before
    still = csr2.orders.get(order.id)
    assert (still.status, still.locked_by) == ("edit", "csr")
    with pytest.raises(errors.LockedError, match=r"\(csr\)"):
        csr2.orders.begin_edit(order.id)
    order = csr.orders.add_item(order.id, "CAB-1", 1)
    assert csr.orders.finish_edit(order.id).status == "pending_payment_authorization"


# LCK-3 ---------------------------------------------------------------------------------------


def test_lck_3_expired_lease_is_taken_over_and_fences_the_old_holder(
    csr: Desk, csr2: Desk, sc: SalesCenter, world: World
) -> None:
    order = editing(csr, world)
    expire_lock(sc.engine, order.id)
    assert csr2.orders.get(order.id).locked_by is None, "an expired lease names no holder"
    taken = csr2.orders.begin_edit(order.id)
    assert (taken.status, taken.locked_by) == ("edit", "csr2")
    assert csr2.orders.history(order.id)[-1].detail == "Took over the expired lock of csr"
    before = fingerprint(sc.engine)
    with pytest.raises(errors.LockedError, match=r"\(csr2\)"):
        csr.orders.set_quantity(order.id, order.items[0].id, 9)
    with pytest.raises(errors.LockedError):
        csr.orders.finish_edit(order.id)
    assert fingerprint(sc.engine) == before
    assert csr2.orders.finish_edit(order.id).locked_by is None


def test_lck_3_expired_lease_nobody_took_is_still_the_holders(
    csr: Desk, sc: SalesCenter, world: World
) -> None:
    order = editing(csr, world)
    expire_lock(sc.engine, order.id)
    order = csr.orders.set_quantity(order.id, order.items[0].id, 4)
    assert order.locked_by == "csr" and order.lock_expires is not None
    assert csr.orders.finish_edit(order.id).status == "pending_payment_authorization"


def test_lck_3_renewing_extends_the_lease(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = editing(csr, world)
    first = order.lock_expires
    assert first is not None
    renewed = csr.orders.renew_lock(order.id)
    assert renewed.lock_expires is not None and renewed.lock_expires >= first
    expire_lock(sc.engine, order.id)
    assert csr.orders.renew_lock(order.id).locked_by == "csr"


def test_lck_3_admin_unlock_is_recorded_and_fences_the_stranded_client(
    csr: Desk, admin: Desk, sc: SalesCenter, world: World
) -> None:
    order = editing(csr, world)
    unlocked = admin.admin.unlock_order(order.id)
    assert (unlocked.status, unlocked.locked_by) == ("pending_payment_authorization", None)
    entry = admin.orders.history(order.id)[-1]
    assert (entry.activity, entry.user) == ("Order unlocked", "admin")
    assert entry.detail == "Lock of csr (csr-pc) removed"
    assert json.loads(entry.before)["status"] == "edit"
    before = fingerprint(sc.engine)
    for late_save in (lambda: csr.orders.set_quantity(order.id, order.items[0].id, 7),
                      lambda: csr.orders.finish_edit(order.id)):
        with pytest.raises((errors.StateError, errors.LockedError)):
            late_save()
    assert fingerprint(sc.engine) == before


def test_lck_3_stranded_session_is_fenced_when_its_user_edits_again_elsewhere(
    csr: Desk, admin: Desk, sc: SalesCenter, world: World
) -> None:
    order = editing(csr, world)  # csr's first workstation crashes while editing
    admin.admin.unlock_order(order.id)
    elsewhere = sc.login("csr", PASSWORDS["csr"], workstation="csr-laptop")
    elsewhere.orders.begin_edit(order.id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.LockedError, match="continues in another session \\(csr-laptop\\)"):
        csr.orders.set_quantity(order.id, order.items[0].id, 7)
    assert fingerprint(sc.engine) == before
    assert elsewhere.orders.set_quantity(order.id, order.items[0].id, 7).items[0].quantity == 7


@pytest.mark.parametrize("role", ["csr", "supervisor"])
def test_lck_3_only_an_administrator_unlocks(
    role: str, request: pytest.FixtureRequest, sc: SalesCenter, world: World
) -> None:
    desk: Desk = request.getfixturevalue(role)
    order = editing(desk, world)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError, match="Unlock stranded orders"):
        desk.admin.unlock_order(order.id)
    assert fingerprint(sc.engine) == before


def test_lck_3_unlocking_an_unlocked_order_is_refused(admin: Desk, sc: SalesCenter, world: World) -> None:
    order = submitted(admin, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.ValidationError, match="is not locked"):
        admin.admin.unlock_order(order.id)
    assert fingerprint(sc.engine) == before


# LCK-4: expected_version on every changing operation -----------------------------------------


@dataclass
class Case:
    """Prepares an order; ``run(version)`` performs one change against it."""

    prepare: Callable[[Desk, Desk, World], tuple[int, Callable[[int | None], object]]]


def _editing_case(desk: Desk, world: World) -> OrderView:
    return desk.orders.begin_edit(submitted(desk, world.store, world.customer_id).id)


def _with_flag(sv: Desk, world: World) -> OrderView:
    order = sv.orders.create(world.store, world.customer_id)
    return sv.orders.add_item(order.id, "GAD-1", 5)  # 3 in stock: flagged


def _guest(sv: Desk, world: World) -> OrderView:
    return sv.orders.create(world.store, guest={"first_name": "Gus", "last_name": "Guest"})


def _blocked(sv: Desk, world: World) -> OrderView:
    order = submitted(sv, world.store, world.customer_id)
    return sv.orders.place_block(order.id, "Suspected fraud")


def _auto_blocked(sv: Desk, world: World) -> OrderView:
    order = submitted(sv, world.store, world.customer_id)
    return sv.orders.add_payment(order.id, "credit_card", "1.00", card_number=DECLINED_CARD)


def _released(sv: Desk, world: World) -> OrderView:
    return sv.orders.release(paid(sv, world.store, world.customer_id).id)


CASES: dict[str, Case] = {
    "add_item": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.add_item(o.id, "CAB-1", 1, expected_version=ver))),
    "add_bundle": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.add_bundle(o.id, "KIT-1", 1, expected_version=ver))),
    "set_quantity": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.set_quantity(o.id, o.items[0].id, 4, expected_version=ver))),
    "set_price": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.set_price(o.id, o.items[0].id, "18.00", expected_version=ver,
                                           acknowledge="price_below_list"))),
    "remove_item": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.remove_item(o.id, o.items[0].id, expected_version=ver))),
    "expedite": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.expedite(o.id, o.items[0].id, True, expected_version=ver))),
    "accept_item": Case(lambda sv, ad, w: (o := _with_flag(sv, w)).id and (
        o.id, lambda ver: sv.orders.accept_item(o.id, o.items[0].id, expected_version=ver))),
    "cancel_item": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.cancel_item(o.id, o.items[0].id, "No stock", quantity=1,
                                             expected_version=ver))),
    "personalize": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.personalize(o.id, o.items[0].id, "For Sam", expected_version=ver))),
    "set_ship_complete": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.set_ship_complete(o.id, expected_version=ver))),
    "set_shipping": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.set_shipping(o.id, method="express", expected_version=ver))),
    "apply_coupon": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.apply_coupon(o.id, "SAVE10", expected_version=ver))),
    "add_payment": Case(lambda sv, ad, w: (o := submitted(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.add_payment(o.id, "check", "5.00", expected_version=ver))),
    "associate_customer": Case(lambda sv, ad, w: (o := _guest(sv, w)).id and (
        o.id, lambda ver: sv.orders.associate_customer(o.id, w.customer_id, expected_version=ver))),
    "submit": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.submit(o.id, expected_version=ver))),
    "begin_edit": Case(lambda sv, ad, w: (o := submitted(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.begin_edit(o.id, expected_version=ver))),
    "finish_edit": Case(lambda sv, ad, w: (o := _editing_case(sv, w)).id and (
        o.id, lambda ver: sv.orders.finish_edit(o.id, expected_version=ver))),
    "hold": Case(lambda sv, ad, w: (o := submitted(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.hold(o.id, "Wait", expected_version=ver))),
    "release_hold": Case(lambda sv, ad, w: (o := sv.orders.hold(
        submitted(sv, w.store, w.customer_id).id, "Wait")).id and (
        o.id, lambda ver: sv.orders.release_hold(o.id, expected_version=ver))),
    "place_block": Case(lambda sv, ad, w: (o := submitted(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.place_block(o.id, "Suspected fraud", expected_version=ver))),
    "resolve_block": Case(lambda sv, ad, w: (o := _blocked(sv, w)).id and (
        o.id, lambda ver: sv.orders.resolve_block(o.id, o.blocks[-1].id, expected_version=ver))),
    "resolve_automatic_block": Case(lambda sv, ad, w: (o := _auto_blocked(sv, w)).id and (
        o.id, lambda ver: ad.orders.resolve_block(o.id, o.blocks[-1].id, expected_version=ver))),
    "modify_block": Case(lambda sv, ad, w: (o := _blocked(sv, w)).id and (
        o.id, lambda ver: sv.orders.modify_block(o.id, o.blocks[-1].id, comment="x", expected_version=ver))),
    "release": Case(lambda sv, ad, w: (o := paid(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.release(o.id, expected_version=ver))),
    "cancel": Case(lambda sv, ad, w: (o := submitted(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.cancel(o.id, "Changed mind", expected_version=ver))),
    "cancel_remainder": Case(lambda sv, ad, w: (o := _released(sv, w)).id and (
        o.id, lambda ver: sv.orders.cancel_remainder(o.id, "Out of stock", expected_version=ver))),
    "add_note": Case(lambda sv, ad, w: (o := cart(sv, w.store, w.customer_id)).id and (
        o.id, lambda ver: sv.orders.add_note(o.id, "Called back", expected_version=ver))),
    "pick": Case(lambda sv, ad, w: (o := _released(sv, w)).id and (
        o.id, lambda ver: sv.fulfillment.pick(o.id, expected_version=ver))),
    "ship": Case(lambda sv, ad, w: (o := sv.fulfillment.pick(_released(sv, w).id)).id and (
        o.id, lambda ver: sv.fulfillment.ship(o.id, expected_version=ver))),
    "unlock_order": Case(lambda sv, ad, w: (o := _editing_case(sv, w)).id and (
        o.id, lambda ver: ad.admin.unlock_order(o.id, expected_version=ver))),
}


def test_lck_4_stale_expected_version_is_a_conflict_and_changes_nothing(
    supervisor: Desk, admin: Desk, sc: SalesCenter, world: World
) -> None:
    """Every changing operation, one database: a stale version refuses, the current one saves."""
    admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="SAVE10")
    for operation, case in sorted(CASES.items()):
        order_id, run = case.prepare(supervisor, admin, world)
        current = supervisor.orders.get(order_id).version
        before = fingerprint(sc.engine)
        with pytest.raises(errors.ConflictError, match=f"you have {current - 1}"):
            run(current - 1)
        assert fingerprint(sc.engine) == before, operation
        changed = run(current)
        assert isinstance(changed, OrderView) and changed.version > current, operation


def test_lck_4_two_reps_saving_the_same_version_second_is_told_who(
    csr: Desk, csr2: Desk, sc: SalesCenter, world: World
) -> None:
    order = cart(csr, world.store, world.customer_id)
    seen_by_both = order.version
    csr.orders.set_quantity(order.id, order.items[0].id, 3, expected_version=seen_by_both)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.ConflictError, match="changed by csr after you opened it"):
        csr2.orders.set_quantity(order.id, order.items[0].id, 8, expected_version=seen_by_both)
    assert fingerprint(sc.engine) == before
    assert csr2.orders.get(order.id).items[0].quantity == 3


def test_lck_4_expected_version_must_be_a_number(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    for bad in ("3", 3.0, -1, True):
        with pytest.raises(errors.ValidationError, match="Expected version"):
            csr.orders.add_note(order.id, "x", expected_version=bad)  # type: ignore[arg-type]
    assert fingerprint(sc.engine) == before
