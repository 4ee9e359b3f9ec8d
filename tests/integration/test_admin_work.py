"""What the administrator's screens list and do (ADM-1), through the public API: stranded
locks, carts to delete, sign-in pauses cleared; and every one refused to the other roles."""

from __future__ import annotations

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.errors import AuthenticationError, AuthorizationError, NotFoundError
from tests.conftest import PASSWORDS, World
from tests.reliability.support import cart, submitted


def _wrong_passwords(sc: SalesCenter, name: str, times: int = 5) -> None:
    for _ in range(times):
        with pytest.raises(AuthenticationError):
            sc.login(name, "not-the-password")


def test_adm_1_the_other_roles_may_not_list_or_clear_what_the_screens_show(
        csr: Desk, supervisor: Desk) -> None:
    for desk in (csr, supervisor):
        for call in (desk.admin.locked_orders, desk.admin.carts, desk.users.list,
                     desk.users.locked_out, lambda d=desk: d.users.clear_sign_in_pause("csr2"),
                     lambda d=desk: d.users.set_active("csr2", False),
                     lambda d=desk: d.users.set_role("csr2", "admin"),
                     lambda d=desk: d.stores.set_tax_rate("US", "US", "0.05"),
                     lambda d=desk: d.catalog.set_price("WID-1", "US", "1.00")):
            with pytest.raises(AuthorizationError):
                call()
    assert not csr.can("Manage users") and not supervisor.can("Unlock stranded orders")


def test_adm_1_locked_orders_name_the_holder_and_unlocking_removes_the_lock(
        admin: Desk, csr: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    assert admin.admin.locked_orders() == []
    csr.orders.begin_edit(order.id)
    locks = admin.admin.locked_orders()
    assert [(lock.order_id, lock.number, lock.locked_by, lock.workstation) for lock in locks] == [
        (order.id, order.number, "csr", "csr-pc")]
    assert locks[0].status_label == "Edit" and not locks[0].lease_expired
    assert locks[0].expires_at > locks[0].acquired_at
    admin.admin.unlock_order(order.id)
    assert admin.admin.locked_orders() == []
    assert admin.orders.get(order.id).locked_by is None


def test_adm_1_carts_lists_what_may_be_deleted_and_nothing_submitted(
        admin: Desk, csr: Desk, world: World) -> None:
    open_cart = cart(csr, world.store, world.customer_id)
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    placed = submitted(csr, world.store, world.customer_id)
    listed = {o.id for o in admin.admin.carts()}
    assert {open_cart.id, quote.id} <= listed and placed.id not in listed
    assert admin.orders.delete([o.id for o in admin.admin.carts()]) == len(listed)
    assert admin.admin.carts() == []
    with pytest.raises(NotFoundError):
        admin.orders.get(open_cart.id)
    assert admin.orders.get(placed.id).id == placed.id


def test_adm_1_clearing_a_sign_in_pause_lets_the_user_in_and_is_recorded(
        sc: SalesCenter, admin: Desk) -> None:
    _wrong_passwords(sc, "csr")
    assert [entry.username for entry in admin.users.locked_out()] == ["csr"]
    with pytest.raises(AuthenticationError, match="paused"):
        sc.login("csr", PASSWORDS["csr"])
    assert admin.users.clear_sign_in_pause("csr").username == "csr"
    assert admin.users.locked_out() == []
    assert sc.login("csr", PASSWORDS["csr"]).user.username == "csr"
    trail = admin.audit.search(entity="user", entity_id="csr")
    assert any(entry.field == "sign_in_pause" and entry.after == "cleared" for entry in trail)


def test_adm_1_clearing_names_an_unknown_user_and_changes_nothing(admin: Desk) -> None:
    with pytest.raises(NotFoundError, match="nobody"):
        admin.users.clear_sign_in_pause("nobody")


def test_adm_1_an_ended_promotion_no_longer_applies_and_its_code_is_free_again(
        admin: Desk, csr: Desk, world: World) -> None:
    promotion = admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="TEN")
    kept = cart(csr, world.store, world.customer_id)
    kept = csr.orders.apply_coupon(kept.id, "TEN")
    assert kept.discount_total > 0
    with pytest.raises(AuthorizationError):
        csr.catalog.end_promotion(promotion.id)
    ended = admin.catalog.end_promotion(promotion.id)
    assert ended.ends is not None
    later = cart(csr, world.store, world.customer_id)
    with pytest.raises(errors.ValidationError, match="TEN"):
        csr.orders.apply_coupon(later.id, "TEN")
    again = admin.catalog.create_promotion("Ten again", percent_off="10", coupon_code="TEN")
    assert again.coupon_code == "TEN"
    with pytest.raises(errors.StateError, match="ended"):
        admin.catalog.end_promotion(promotion.id)
    trail = admin.audit.search(entity="promotion", entity_id=promotion.id)
    assert any(entry.field == "ends" for entry in trail)
