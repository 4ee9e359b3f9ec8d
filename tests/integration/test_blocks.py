"""Blocks: automatic rules, manual blocks, who may resolve what, and what a block stops (BLK-1..BLK-5)."""

from __future__ import annotations

import json

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from tests.conftest import HOME, World
from tests.reliability.support import DECLINED_CARD, cart, fingerprint, open_blocks, paid, submitted

ELSEWHERE = {"name": "Mercy Taylor", "line1": "900 Harbor Road", "city": "Portland",
             "region": "OR", "postal_code": "97201", "country": "US"}


def automatic(order, rule: str) -> list:  # type: ignore[no-untyped-def]
    return [b for b in order.blocks if b.kind == "automatic" and b.rule == rule and not b.resolved]


# BLK-1: every automatic rule ---------------------------------------------------------------


def test_blk_1_credit_limit_exceeded_places_automatic_block(csr: Desk, world: World) -> None:
    order = submitted(csr, world.b2b_store, world.b2b_customer_id, quantity=60)  # 1,199.40 > 1,000
    assert not automatic(order, "credit_limit")
    order = csr.orders.add_payment(order.id, "on_account", order.total)
    blocks = automatic(order, "credit_limit")
    assert len(blocks) == 1 and "Credit limit exceeded" in blocks[0].reason
    assert blocks[0].placed_by == "system" and any("Automatic block placed" in n for n in order.notices)


def test_blk_1_within_credit_limit_places_no_block(csr: Desk, world: World) -> None:
    order = submitted(csr, world.b2b_store, world.b2b_customer_id, quantity=10)
    order = csr.orders.add_payment(order.id, "on_account", order.total)
    assert not automatic(order, "credit_limit")


def test_blk_1_declined_card_places_automatic_block(csr: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total, card_number=DECLINED_CARD)
    assert order.payments[-1].status == "declined"
    blocks = automatic(order, "payment_declined")
    assert len(blocks) == 1 and "declined" in blocks[0].reason


def test_blk_1_declined_card_on_a_cart_blocks_when_submitted(csr: Desk, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    order = csr.orders.add_payment(order.id, "credit_card", "10.00", card_number=DECLINED_CARD)
    assert not order.blocks, "a cart is not yet subject to the rules"
    order = csr.orders.submit(order.id)
    assert automatic(order, "payment_declined")


def test_blk_1_ship_to_differs_from_billing_on_first_order(csr: Desk, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    order = csr.orders.set_shipping(order.id, ELSEWHERE)
    order = csr.orders.submit(order.id)
    blocks = automatic(order, "address_mismatch")
    assert len(blocks) == 1 and "differs from billing" in blocks[0].reason


def test_blk_1_same_address_first_order_is_not_blocked(csr: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    assert order.shipping_address is not None and order.shipping_address.line1 == HOME["line1"]
    assert not automatic(order, "address_mismatch")


def test_blk_1_other_address_on_a_later_order_is_not_blocked(csr: Desk, world: World) -> None:
    submitted(csr, world.store, world.customer_id)
    order = cart(csr, world.store, world.customer_id)
    order = csr.orders.set_shipping(order.id, ELSEWHERE)
    order = csr.orders.submit(order.id)
    assert not automatic(order, "address_mismatch")


def test_blk_1_total_over_review_threshold(csr: Desk, admin: Desk, world: World) -> None:
    admin.catalog.create_product("TV-1", "Wall Television", "2999.00", stock=10)
    order = submitted(csr, world.store, world.customer_id, sku="TV-1", quantity=2)
    blocks = automatic(order, "review_threshold")
    assert len(blocks) == 1 and "review threshold" in blocks[0].reason
    small = submitted(csr, world.store, world.customer_id, sku="TV-1", quantity=1)
    assert not automatic(small, "review_threshold")


def test_blk_1_price_below_list_beyond_user_limit(supervisor: Desk, world: World) -> None:
    order = supervisor.orders.create(world.store, world.customer_id)
    with pytest.raises(errors.WarningRequired, match="beyond your limit of 30%") as asked:
        supervisor.orders.add_item(order.id, "WID-1", 1, placed_price="9.99")  # 50% below list
    assert asked.value.name == "price_below_list"
    order = supervisor.orders.add_item(order.id, "WID-1", 1, placed_price="9.99",
                                       acknowledge=asked.value.name)
    order = supervisor.orders.add_item(order.id, "CAB-1", 1, placed_price="8.99",  # 10% below list
                                       acknowledge="price_below_list")
    order = supervisor.orders.submit(order.id)
    blocks = automatic(order, "price_override")
    assert len(blocks) == 1 and "WID-1" in blocks[0].reason


def test_blk_1_csr_cannot_place_a_price_below_list(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = csr.orders.create(world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError, match="Override prices below the list price"):
        csr.orders.add_item(order.id, "WID-1", 1, placed_price="9.99")
    assert fingerprint(sc.engine) == before


def test_blk_1_manual_block_keeps_reason_comment_author_and_time(csr: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.place_block(order.id, "Suspected fraud", "Caller could not confirm the card")
    block = order.blocks[-1]
    assert (block.kind, block.reason, block.comment) == (
        "manual", "Suspected fraud", "Caller could not confirm the card")
    assert block.placed_by == "csr" and block.placed_at is not None and not block.resolved


def test_blk_1_a_cart_cannot_be_blocked(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = cart(csr, world.store, world.customer_id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError, match="Only submitted orders"):
        csr.orders.place_block(order.id, "Suspected fraud")
    assert fingerprint(sc.engine) == before


# BLK-2: an open block stops release ---------------------------------------------------------


def test_blk_2_release_refused_while_a_block_is_open(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = paid(csr, world.store, world.customer_id)
    order = csr.orders.place_block(order.id, "Customer requested review")
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError, match=r"resolve its 1 open block first: Customer requested review"):
        csr.orders.release(order.id)
    assert fingerprint(sc.engine) == before
    order = csr.orders.resolve_block(order.id, order.blocks[-1].id, "Customer confirmed")
    assert csr.orders.release(order.id).status == "released"


def test_blk_2_release_refused_while_an_automatic_block_is_open(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.add_payment(order.id, "credit_card", order.total, card_number=DECLINED_CARD)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    with pytest.raises(errors.StateError, match="declined"):
        csr.orders.release(order.id)
    order = admin.orders.resolve_block(order.id, automatic(order, "payment_declined")[0].id, "Second card ok")
    assert admin.orders.release(order.id).status == "released"


# BLK-3 / BLK-4: who resolves what -----------------------------------------------------------


def test_blk_3_csr_resolves_a_manual_block(csr: Desk, csr2: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.place_block(order.id, "Awaiting customer confirmation")
    order = csr2.orders.resolve_block(order.id, order.blocks[-1].id, "Customer called back")
    block = order.blocks[-1]
    assert block.resolved and block.resolved_by == "csr2" and block.resolved_at is not None
    assert block.resolve_comment == "Customer called back" and open_blocks(order) == []
    last = csr.orders.history(order.id)[-1]
    assert (last.activity, last.user) == ("Block resolved", "csr2")


def test_blk_3_a_block_is_resolved_once(csr: Desk, csr2: Desk, sc: SalesCenter, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.place_block(order.id, "Awaiting customer confirmation")
    order = csr.orders.resolve_block(order.id, order.blocks[-1].id)
    before = fingerprint(sc.engine)
    with pytest.raises(errors.StateError, match="already resolved by csr"):
        csr2.orders.resolve_block(order.id, order.blocks[-1].id)
    assert fingerprint(sc.engine) == before


@pytest.mark.parametrize("role", ["csr", "supervisor"])
def test_blk_4_only_an_administrator_removes_an_automatic_block(
    role: str, request: pytest.FixtureRequest, admin: Desk, sc: SalesCenter, world: World
) -> None:
    desk: Desk = request.getfixturevalue(role)
    order = submitted(desk, world.store, world.customer_id)
    order = desk.orders.add_payment(order.id, "credit_card", order.total, card_number=DECLINED_CARD)
    block = automatic(order, "payment_declined")[0]
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError, match="Remove automatic blocks") as refused:
        desk.orders.resolve_block(order.id, block.id)
    assert refused.value.authority == "Remove automatic blocks"
    assert fingerprint(sc.engine) == before
    order = admin.orders.resolve_block(order.id, block.id, "Card replaced")
    assert [b.resolved_by for b in order.blocks if b.id == block.id] == ["admin"]


def test_blk_4_a_removed_automatic_block_is_not_placed_again_for_the_same_cause(
    csr: Desk, admin: Desk, world: World
) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.add_payment(order.id, "credit_card", "1.00", card_number=DECLINED_CARD)
    order = admin.orders.resolve_block(order.id, automatic(order, "payment_declined")[0].id)
    order = csr.orders.add_note(order.id, "Customer will pay by check")
    assert not automatic(order, "payment_declined")
    order = csr.orders.add_payment(order.id, "credit_card", "2.00", card_number=DECLINED_CARD)
    assert len(automatic(order, "payment_declined")) == 1, "a new declined payment is a new cause"


# BLK-5: view and modify block information ---------------------------------------------------


def test_blk_5_modifying_a_block_is_recorded_in_history(csr: Desk, csr2: Desk, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.place_block(order.id, "Suspected fraud", "first call")
    block_id = order.blocks[-1].id
    order = csr2.orders.modify_block(order.id, block_id, reason="Address needs verification",
                                     comment="Zip code does not match the city")
    block = order.blocks[-1]
    assert (block.reason, block.comment, block.placed_by) == (
        "Address needs verification", "Zip code does not match the city", "csr")
    entry = csr.orders.history(order.id)[-1]
    assert (entry.activity, entry.user) == ("Block changed", "csr2")
    assert "Suspected fraud" in entry.detail and "Address needs verification" in entry.detail
    assert "first call" in entry.detail and "Zip code does not match the city" in entry.detail
    assert json.loads(entry.after)["version"] > json.loads(entry.before)["version"]


def test_blk_5_csr_cannot_modify_an_automatic_block(csr: Desk, sc: SalesCenter, world: World) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.add_payment(order.id, "credit_card", "1.00", card_number=DECLINED_CARD)
    block = automatic(order, "payment_declined")[0]
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError, match="Remove automatic blocks"):
        csr.orders.modify_block(order.id, block.id, comment="not really declined")
    assert fingerprint(sc.engine) == before


def test_blk_5_block_details_are_visible_to_every_role(
    csr: Desk, supervisor: Desk, admin: Desk, world: World
) -> None:
    order = submitted(csr, world.store, world.customer_id)
    order = csr.orders.place_block(order.id, "Pricing needs approval", "Quoted 10% off by phone")
    for desk in (csr, supervisor, admin):
        block = desk.orders.get(order.id).blocks[-1]
        assert (block.kind, block.reason, block.comment, block.placed_by) == (
            "manual", "Pricing needs approval", "Quoted 10% off by phone", "csr")
