"""Every order command is enabled, disabled and explained from the actions maps alone
(ARCHITECTURE "The order lifecycle is one action table"; LCK-1, BLK-1, BLK-4, BLK-6,
PAY-1, ORD-7): for orders in several states, seen by a CSR and by a Supervisor, each
command is enabled exactly when its map (the order's, or the chosen line's, block's or
hold's) says None, and otherwise its tooltip and status tip are the map's reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import open_editor, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _orders(csr, csr2, world) -> dict[str, int]:
    """One order in each state a rep meets, made by a CSR; one locked by a colleague."""
    def cart():
        order = csr.orders.create(world.store, world.customer_id)
        return csr.orders.add_item(order.id, "WID-1", 2)

    def submitted():
        return csr.orders.submit(cart().id)

    def paid():
        order = submitted()
        return csr.orders.add_payment(order.id, "credit_card", order.total)

    held = csr.orders.hold(submitted().id, "Customer asked to wait")
    released = csr.orders.release(paid().id)
    canceled = csr.orders.cancel(submitted().id, "Ordered by mistake")
    blocked = submitted()
    csr.orders.place_block(blocked.id, "Address needs verification", "Call back")
    csr.orders.hold(blocked.id, "Out of gift wrap", item_id=blocked.items[0].id)
    automatic = csr.orders.get(_over_threshold(csr, world))
    locked = submitted()
    csr2.orders.begin_edit(locked.id)
    return {"pending": cart().id, "submitted and paid": paid().id, "on hold": held.id,
            "released": released.id, "canceled": canceled.id, "blocked, a line held": blocked.id,
            "automatic block": automatic.id, "locked by csr2": locked.id}


def _commands(qtbot, editor) -> list[tuple[str, object, str | None]]:
    """(what, command, the map's answer) for the toolbar and the pages' buttons."""
    view = editor.view
    found = [(takes, action, view.actions[takes]) for action, takes in editor.order_actions.takes.items()]
    found += [("place_block", editor.blocks.place_button, view.actions["place_block"]),
              ("add_payment", editor.payments.add_button, view.actions["add_payment"]),
              ("add_item", editor.items.add_button, view.actions["add_item"])]
    editor.items.items_view.selectRow(0)
    line = view.items[0].actions
    found += [("remove_item", editor.items.remove_button, line["remove_item"]),
              ("expedite", editor.items.expedite_button, line["expedite"]),
              ("hold_item", editor.items.hold_button, line["hold_item"]),
              ("accept_item", editor.items.accept_button, line["accept_item"])]
    if view.blocks:
        editor.blocks.blocks_view.selectRow(0)
        block = editor.blocks.selected_block().actions
        found += [("resolve_block", editor.blocks.resolve_button, block["resolve_block"]),
                  ("modify_block", editor.blocks.modify_button, block["modify_block"])]
    if view.active_holds:
        editor.blocks.holds_view.selectRow(0)
        hold = editor.blocks.selected_hold()
        [(name, reason)] = hold.actions.items()
        found.append((name, editor.blocks.release_button, reason))
    return found


@pytest.mark.parametrize("role", ["csr", "supervisor"])
def test_every_order_command_follows_the_actions_maps(qtbot, request, csr, csr2, world, role):
    desk = request.getfixturevalue(role)
    refused, allowed = set(), set()
    answers: dict[tuple[str, str], str | None] = {}
    orders = _orders(csr, csr2, world)
    for state, order_id in orders.items():
        editor = open_editor(qtbot, desk, order_id)
        settle(qtbot, editor)
        for takes, command, reason in _commands(qtbot, editor):
            where = f"{state}, {role}: {command.objectName()} ({takes}): {reason}"
            assert command.isEnabled() == (reason is None), where
            if reason is not None:
                assert command.toolTip() == reason and command.statusTip() == reason, where
            (allowed if reason is None else refused).add(takes)
            answers[state, takes] = reason
        editor.close()
    # The orders above exercise both answers of most commands.
    both = {"submit", "release", "cancel", "hold", "release_hold", "place_block", "add_item",
            "resolve_block", "hold_item"}
    assert both <= allowed & refused, (both - allowed, both - refused)
    assert "release_item_hold" in allowed
    # The roles differ where SPEC says so. ORD-7: only a Supervisor cancels the remaining lines.
    assert (answers["released", "cancel_remainder"] is None) == (role == "supervisor")
    automatic = desk.orders.get(orders["automatic block"]).blocks[0].actions["resolve_block"]
    # BLK-4: only an administrator removes an automatic block; the map names the authority.
    assert automatic is not None and "Remove automatic blocks" in automatic


def _over_threshold(desk, world) -> int:
    """Over the US store's review threshold: an automatic block (BLK-2)."""
    order = desk.orders.create(world.store, world.customer_id)
    desk.orders.add_item(order.id, "WID-1", 80)
    desk.orders.add_item(order.id, "CAB-1", 400)
    view = desk.orders.submit(order.id)
    assert [b.kind for b in view.open_blocks] == ["automatic"]
    return view.id
