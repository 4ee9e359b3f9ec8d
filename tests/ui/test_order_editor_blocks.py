"""Blocks and holds page: place, view, change, resolve; buttons follow the rep's authority."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import answer_dialog, column_values, open_editor, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


@pytest.fixture
def submitted(csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    return csr.orders.submit(order.id)


@pytest.fixture
def over_threshold(csr, world):
    """Over the US store's review threshold: an automatic block."""
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 100)
    csr.orders.add_item(order.id, "CAB-1", 400)
    view = csr.orders.submit(order.id)
    assert [b.kind for b in view.open_blocks] == ["automatic"]
    return view


def test_blk_1_blk_5_a_csr_places_a_block_sees_its_details_and_changes_it(qtbot, csr, submitted):
    editor = open_editor(qtbot, csr, submitted.id)
    page = editor.blocks
    editor.show_page("Blocks and holds")
    assert page.place_button.isEnabled()
    qtbot.mouseClick(page.place_button, Qt.MouseButton.LeftButton)
    answer_dialog(qtbot, editor, reason="Suspected fraud", comment="Card billing in another country")
    assert column_values(page.blocks, 1) == ["Suspected fraud"]
    page.blocks_view.selectRow(0)
    details = page.details.text()
    assert "Manual block" in details and "Placed by csr" in details
    assert "Card billing in another country" in details and "cannot be released" in details
    assert "Suspected fraud" in page.explanation.text()

    qtbot.mouseClick(page.modify_button, Qt.MouseButton.LeftButton)
    dialog = editor.session.active_dialog
    assert dialog.reason() == "Suspected fraud"  # the dialog opens with what the block says
    answer_dialog(qtbot, editor, reason="Address needs verification")
    assert column_values(page.blocks, 1) == ["Address needs verification"]
    assert "Block changed" in editor.history.activities()


def test_blk_3_a_csr_resolves_a_manual_block(qtbot, csr, submitted):
    csr.orders.place_block(submitted.id, "Customer requested review")
    editor = open_editor(qtbot, csr, submitted.id)
    editor.show_page("Blocks and holds")
    page = editor.blocks
    page.blocks_view.selectRow(0)
    assert page.resolve_button.isEnabled() and page.authority_label.isHidden()
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    answer_dialog(qtbot, editor, comment="Customer confirmed by phone")
    assert column_values(page.blocks, 5) == ["Resolved by csr"]
    assert "Resolved by csr" in page.details.text() and "Customer confirmed by phone" in page.details.text()
    assert not page.resolve_button.isEnabled()


def test_blk_4_a_csr_cannot_resolve_an_automatic_block_and_is_told_which_authority(
        qtbot, csr, over_threshold):
    editor = open_editor(qtbot, csr, over_threshold.id)
    editor.show_page("Blocks and holds")
    page = editor.blocks
    page.blocks_view.selectRow(0)
    assert not page.resolve_button.isEnabled() and not page.modify_button.isEnabled()
    assert page.authority_label.isVisible()
    note = page.authority_label.text()
    assert "'Remove automatic blocks'" in note and "Administrator" in note and "signed in as CSR" in note
    assert page.resolve_button.toolTip() == note


def test_blk_4_an_administrator_resolves_the_automatic_block(qtbot, admin, over_threshold):
    editor = open_editor(qtbot, admin, over_threshold.id)
    page = editor.blocks
    page.blocks_view.selectRow(0)
    assert page.resolve_button.isEnabled()
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    answer_dialog(qtbot, editor, comment="Reviewed")
    assert editor.view.open_blocks == []


def test_blk_6_hold_and_release_the_order_from_its_actions(qtbot, csr, submitted):
    editor = open_editor(qtbot, csr, submitted.id)
    assert editor.order_actions.hold.isEnabled() and not editor.order_actions.release_hold.isEnabled()
    editor.order_actions.hold.trigger()
    answer_dialog(qtbot, editor, reason="Customer asked to wait")
    assert editor.view.status == "on_hold"
    assert "Customer asked to wait" in editor.blocks.explanation.text()
    assert column_values(editor.blocks.holds, 1) == ["Customer asked to wait"]
    assert not editor.order_actions.cancel.isEnabled()  # ORD-7: not while on hold
    editor.order_actions.release_hold.trigger()
    settle(qtbot, editor)
    assert editor.view.status == "pending_payment_authorization"
    assert column_values(editor.blocks.holds, 4) == ["Released by csr"]


def test_blk_6_a_line_hold_is_released_from_the_holds_table(qtbot, csr, submitted):
    editor = open_editor(qtbot, csr, submitted.id)
    item = editor.view.items[0]
    editor.items.items_view.selectRow(0)
    qtbot.mouseClick(editor.items.hold_button, Qt.MouseButton.LeftButton)
    answer_dialog(qtbot, editor, reason="Awaiting stock confirmation")
    assert column_values(editor.blocks.holds, 0) == [f"{item.sku} {item.name}"]  # never "Item <id>"
    editor.blocks.holds_view.selectRow(0)
    qtbot.mouseClick(editor.blocks.release_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    assert editor.view.active_holds == []
