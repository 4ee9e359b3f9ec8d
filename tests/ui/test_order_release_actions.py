"""Order editor: Release to fulfillment and Cancel remaining lines, with the refusals a rep reads."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import answer_dialog, open_editor, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _submitted(desk, world):
    order = desk.orders.create(world.store, world.customer_id)
    desk.orders.add_item(order.id, "WID-1", 2)
    desk.orders.add_item(order.id, "CAB-1", 1)
    return desk.orders.submit(order.id)


def _released(desk, world):
    order = _submitted(desk, world)
    order = desk.orders.add_payment(order.id, "credit_card", order.total)
    return desk.orders.release(order.id)


def _reload(qtbot, editor) -> None:
    editor.refresh()
    settle(qtbot, editor)


def _refused_with(qtbot, editor, action, words: str) -> None:
    """Disabled, saying what is in the way; its shortcut's slot says it in the message bar."""
    assert not action.isEnabled() and words in action.toolTip() and words in action.statusTip()
    editor.message_bar.dismiss()
    editor.order_actions.do_release()
    settle(qtbot, editor)
    assert editor.message_bar.kind == "error" and words in editor.message_bar.text()
    assert editor.view.status == "pending_payment_authorization"


def test_ord_5_blk_2_release_refusals_say_what_is_in_the_way(qtbot, csr, world):
    order = _submitted(csr, world)
    editor = open_editor(qtbot, csr, order.id)
    release = editor.order_actions.release
    assert release in editor.actions() and release in editor.menu_actions()
    assert release.shortcut().toString() == "Ctrl+Shift+R"
    _refused_with(qtbot, editor, release, f"Order {order.number} is not paid")  # ORD-5

    paid = csr.orders.add_payment(order.id, "credit_card", order.total)
    blocked = csr.orders.place_block(paid.id, "Address needs verification")
    _reload(qtbot, editor)  # BLK-2: an open block
    _refused_with(qtbot, editor, release, "resolve its 1 open block first: Address needs verification")

    resolved = csr.orders.resolve_block(order.id, blocked.blocks[-1].id, "Confirmed by phone")
    csr.orders.hold(order.id, "Awaiting stock confirmation", item_id=resolved.items[0].id)
    _reload(qtbot, editor)  # a line on hold
    _refused_with(qtbot, editor, release, "release its holds first")

    line_hold = next(hold for hold in csr.orders.get(order.id).holds if not hold.released)
    csr.orders.release_hold(order.id, line_hold.id)
    _reload(qtbot, editor)
    editor.message_bar.dismiss()
    assert release.isEnabled()
    release.trigger()
    settle(qtbot, editor)
    assert editor.view.status == "released"
    assert editor.message_bar.kind == "info"
    assert "released to fulfillment" in editor.message_bar.text()
    assert not release.isEnabled()  # released once
    assert csr.orders.get(order.id).status == "released"


def test_blk_6_release_is_disabled_while_the_whole_order_is_on_hold(qtbot, csr, world):
    order = _submitted(csr, world)
    order = csr.orders.add_payment(order.id, "credit_card", order.total)
    csr.orders.hold(order.id, "Customer asked to wait")
    editor = open_editor(qtbot, csr, order.id)
    assert editor.view.status == "on_hold"
    assert not editor.order_actions.release.isEnabled()
    assert editor.order_actions.release_hold.isEnabled()


def test_ord_7_supervisor_cancels_the_remaining_lines_of_a_released_order(qtbot, supervisor, csr, world):
    order = _released(csr, world)
    editor = open_editor(qtbot, supervisor, order.id)
    remainder = editor.order_actions.cancel_remainder
    assert remainder in editor.menu_actions()
    assert remainder.shortcut().toString() == "Ctrl+Shift+K"
    assert remainder.isEnabled()

    remainder.trigger()
    answer_dialog(qtbot, editor, reason="Delivery would be too late")
    assert all(item.fulfillment_status == "canceled" for item in editor.view.items)
    assert editor.view.status == "canceled"
    assert "remaining lines" in editor.message_bar.text()
    history = [entry.activity for entry in csr.orders.history(order.id)]
    assert "Remaining lines canceled" in history


def test_ord_7_a_csr_sees_cancel_remaining_lines_disabled_with_the_missing_authority(qtbot, csr, world):
    order = _released(csr, world)
    editor = open_editor(qtbot, csr, order.id)
    remainder = editor.order_actions.cancel_remainder
    assert not remainder.isEnabled()
    tip = remainder.toolTip()
    assert "Cancel the remainder of partly shipped lines" in tip
    assert "Supervisor" in tip and "csr is signed in as CSR" in tip
    assert remainder.statusTip() in tip

    editor.order_actions.do_cancel_remainder()  # the menu hook explains instead of doing nothing
    assert editor.message_bar.kind == "error"
    assert "Cancel the remainder of partly shipped lines" in editor.message_bar.text()
    assert editor.session.active_dialog is None
    assert csr.orders.get(order.id).status == "released"


def test_ord_7_cancel_remaining_lines_is_disabled_before_release(qtbot, supervisor, world):
    order = _submitted(supervisor, world)
    editor = open_editor(qtbot, supervisor, order.id)
    assert not editor.order_actions.cancel_remainder.isEnabled()
    assert "Supervisor" not in editor.order_actions.cancel_remainder.toolTip()
