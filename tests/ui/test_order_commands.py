"""Every order command is enabled, disabled and explained from the order's actions map alone
(ARCHITECTURE "The order lifecycle is one action table"; LCK-1, BLK-1, PAY-1, ORD-7): for
orders in several states, seen by a CSR and by a Supervisor, each command is enabled exactly
when the map says None, and otherwise its tooltip and status tip are the map's reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.ui.order_editor.commands import order_actions
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import open_editor


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _orders(csr, csr2, world) -> dict[str, int]:
    """One order in each state a rep meets, made by the CSR; one locked by a colleague."""
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
    locked = submitted()
    csr2.orders.begin_edit(locked.id)
    return {"pending": cart().id, "submitted": paid().id, "on hold": held.id,
            "released": released.id, "canceled": canceled.id, "locked by csr2": locked.id}


def _commands(editor) -> list[tuple[str, object]]:
    """(desk.orders action, command) for the toolbar and the pages' buttons."""
    commands = [(takes, action) for action, takes in editor.order_actions.takes.items()]
    editor.items.items_view.selectRow(0)
    commands += [
        ("place_block", editor.blocks.place_button),
        ("add_payment", editor.payments.add_button),
        ("add_item", editor.items.add_button),
        ("remove_item", editor.items.remove_button),
        ("expedite", editor.items.expedite_button),
        ("hold", editor.items.hold_button),
    ]
    return commands


@pytest.mark.parametrize("role", ["csr", "supervisor"])
def test_every_order_command_follows_the_orders_actions_map(qtbot, request, csr, csr2, world, role):
    desk = request.getfixturevalue(role)
    checked = 0
    for state, order_id in _orders(csr, csr2, world).items():
        editor = open_editor(qtbot, desk, order_id)
        actions = order_actions(editor.view, desk)
        for takes, command in _commands(editor):
            reason = actions[takes]
            where = f"{state}, {role}: {command.objectName()} ({takes})"
            assert command.isEnabled() == (reason is None), where
            if reason is not None:
                assert command.toolTip() == reason and command.statusTip() == reason, where
            checked += 1
        editor.close()
    assert checked >= 6 * 16
    # The map itself differs by role where the roles differ (ORD-7: only a Supervisor
    # cancels the remaining lines of a released order).
    released = order_actions(desk.orders.get(_released_id(desk, world)), desk)
    assert (released["cancel_remainder"] is None) == (role == "supervisor")


def _released_id(desk, world) -> int:
    order = desk.orders.create(world.store, world.customer_id)
    order = desk.orders.add_item(order.id, "WID-1", 1)
    order = desk.orders.add_payment(order.id, "credit_card", order.total)
    return desk.orders.release(desk.orders.submit(order.id).id).id
