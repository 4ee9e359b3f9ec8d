"""Guest orders (GST-1) and edit locks (LCK-1, LCK-2) as a rep sees them on the desktop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from salescenter.ui.dialogs.new_order import NewOrderDialog
from salescenter.ui.order_editor.models import ItemsModel
from salescenter.ui.worker import wait_for_idle
from tests.conftest import PASSWORDS
from tests.ui.order_support import TIMEOUT_MS, open_editor, settle

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _new_order_dialog(qtbot, desk, **kwargs) -> NewOrderDialog:
    dialog = NewOrderDialog(desk, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.store_combo.count() == 2 and dialog.is_idle(), timeout=TIMEOUT_MS)
    return dialog


def test_gst_1_a_guest_order_in_a_b2b_store_shows_the_error_and_stays_open(qtbot, csr, world):
    dialog = _new_order_dialog(qtbot, csr)
    dialog.store_combo.setCurrentIndex(dialog.store_combo.findData(world.b2b_store))
    qtbot.keyClicks(dialog.guest_fields["first_name"], "Gail")
    qtbot.keyClicks(dialog.guest_fields["last_name"], "Guest")
    assert dialog.guest_radio.isChecked()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=TIMEOUT_MS)
    assert "Guest orders can be taken only in consumer-direct stores" in dialog.error_label.text()
    assert "B2B" in dialog.error_label.text()
    assert dialog.isVisible() and dialog.created is None
    assert csr.orders.search(store=world.b2b_store) == []


def test_gst_1_the_same_guest_in_a_consumer_store_gets_an_order(qtbot, csr, world):
    dialog = _new_order_dialog(qtbot, csr, guest=True, store=world.store)
    qtbot.keyClicks(dialog.guest_fields["first_name"], "Gail")
    qtbot.keyClicks(dialog.guest_fields["last_name"], "Guest")
    with qtbot.waitSignal(dialog.order_created, timeout=TIMEOUT_MS) as created:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    view = created.args[0]
    assert view.is_guest and view.store == world.store and view.customer_name == "Gail Guest"


def test_ord_1_new_order_dialog_finds_a_registered_customer_as_you_type(qtbot, csr, world):
    dialog = _new_order_dialog(qtbot, csr, store=world.store)
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.find_edit, "mercy")
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=TIMEOUT_MS)
    assert "Taylor, Mercy" in dialog.results.item(0).text()
    with qtbot.waitSignal(dialog.order_created, timeout=TIMEOUT_MS) as created:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert created.args[0].customer_id == world.customer_id


@pytest.fixture
def submitted(csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    return csr.orders.submit(order.id)


def test_lck_1_a_second_client_sees_the_lock_banner_and_cannot_change_the_order(
        qtbot, sc, csr, world, submitted):
    mine = open_editor(qtbot, csr, submitted.id)
    assert not mine.items.search_edit.isEnabled()  # submitted: Edit first
    mine.setFocus()
    qtbot.keyClick(mine, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, mine)
    assert mine.view.status == "edit" and mine.view.locked_by == "csr"
    assert mine.lock_timer.isActive()
    assert mine.items.search_edit.isEnabled() and mine.order_actions.finish_edit.isEnabled()

    other = sc.login("csr2", PASSWORDS["csr2"], workstation="csr2-pc")  # another client
    theirs = open_editor(qtbot, other, submitted.id)
    assert theirs.banner.isVisible()
    assert "Order locked for editing (csr)" in theirs.banner.text()
    statuses: list[object] = []
    theirs.status_changed.connect(statuses.append)
    theirs.refresh()
    settle(qtbot, theirs)
    assert statuses[-1].locked_by == "csr"
    for widget in (theirs.items.search_edit, theirs.items.add_button, theirs.shipping.use_new_button,
                   theirs.payments.add_button, theirs.notes.add_button, theirs.blocks.place_button):
        assert not widget.isEnabled(), widget.objectName()
    for action in theirs.actions():
        if action.objectName() not in ("reorder", "print_order", "refresh_order", "open_customer"):
            assert not action.isEnabled(), action.objectName()
    quantity = theirs.items.items.index(0, ItemsModel.QUANTITY)
    assert not theirs.items.items.flags(quantity) & Qt.ItemFlag.ItemIsEditable
    theirs.items.add_sku("CAB-1", 1)  # a stray call changes nothing either
    settle(qtbot, theirs)
    assert [i.sku for i in other.orders.get(submitted.id).items] == ["WID-1"]

    # Finish edit / unlock (Ctrl+Alt+U) releases it; the other client then may edit
    mine.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is mine, timeout=TIMEOUT_MS)
    mine.setFocus()
    qtbot.keyClick(mine, Qt.Key.Key_U, CTRL | Qt.KeyboardModifier.AltModifier)
    settle(qtbot, mine)
    assert mine.view.status == "pending_payment_authorization" and mine.view.locked_by is None
    assert not mine.lock_timer.isActive()
    theirs.refresh()
    settle(qtbot, theirs)
    assert "locked" not in theirs.banner.text().lower()
    assert theirs.order_actions.edit.isEnabled()


def test_lck_2_finishing_an_invalid_edit_keeps_the_lock_and_says_why(qtbot, csr, world, submitted):
    editor = open_editor(qtbot, csr, submitted.id)
    editor.order_actions.edit.trigger()
    settle(qtbot, editor)
    editor.items.items_view.selectRow(0)
    qtbot.mouseClick(editor.items.remove_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    finish = editor.order_actions.finish_edit
    assert not finish.isEnabled()  # the order's actions map already says why
    assert "stays locked" in finish.toolTip() and "no items" in finish.toolTip()
    editor.order_actions.do_finish_edit()  # the shortcut's slot says it in the message bar
    settle(qtbot, editor)
    assert "stays locked" in editor.message_bar.text() and "no items" in editor.message_bar.text()
    assert editor.view.status == "edit" and editor.view.locked_by == "csr"


def test_lck_3_the_lock_lease_is_renewed_while_the_edit_is_open(qtbot, csr, world, submitted):
    editor = open_editor(qtbot, csr, submitted.id)
    editor.order_actions.edit.trigger()
    settle(qtbot, editor)
    before = editor.view.lock_expires
    qtbot.wait(20)
    editor.lock_timer.timeout.emit()
    settle(qtbot, editor)
    assert editor.view.lock_expires > before
    assert editor.message_bar.kind != "error"


def test_ord_7_cancel_asks_for_a_reason_and_cancels(qtbot, csr, world, submitted):
    from tests.ui.order_support import answer_dialog

    editor = open_editor(qtbot, csr, submitted.id)
    editor.order_actions.cancel.trigger()
    answer_dialog(qtbot, editor, reason="Ordered by mistake")
    assert editor.view.status == "canceled"
    assert "Ordered by mistake" in [h.detail for h in editor.session.history]
    assert not editor.order_actions.cancel.isEnabled()


def test_gst_2_a_guest_order_is_given_a_registered_customer_before_submitting(qtbot, csr, world):
    order = csr.orders.create(world.store, guest={"first_name": "Mercy", "last_name": "Taylor"})
    editor = open_editor(qtbot, csr, order.id)
    assert "(guest)" in editor.header.text()
    editor.order_actions.associate.trigger()
    dialog = editor.session.active_dialog
    qtbot.keyClicks(dialog.box, "mercy@example.com")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    settle(qtbot, editor)
    assert editor.view.customer_id == world.customer_id and not editor.view.is_guest
    assert not editor.order_actions.associate.isEnabled()


def test_gst_3_a_submitted_guest_order_offers_no_association(qtbot, csr, world):
    order = csr.orders.create(world.store, guest={"first_name": "Gail", "last_name": "Guest"})
    csr.orders.add_item(order.id, "WID-1", 1)
    csr.orders.set_shipping(order.id, {"line1": "1 Main St", "city": "Springfield", "country": "US"})
    csr.orders.submit(order.id)
    editor = open_editor(qtbot, csr, order.id)
    assert not editor.order_actions.associate.isEnabled()
    assert not editor.order_actions.customer.isEnabled()


def test_lck_3_my_lock_from_another_session_is_taken_over_with_edit(qtbot, sc, csr, world, submitted):
    csr.orders.begin_edit(submitted.id)  # the session that crashed
    again = sc.login("csr", PASSWORDS["csr"], workstation="csr-pc")
    editor = open_editor(qtbot, again, submitted.id)
    assert "edit lock in another session" in editor.banner.text()
    assert not editor.items.search_edit.isEnabled() and not editor.order_actions.finish_edit.isEnabled()
    assert editor.order_actions.edit.isEnabled()
    editor.order_actions.edit.trigger()
    settle(qtbot, editor)
    assert "You are editing this order" in editor.banner.text()
    editor.items.add_sku("CAB-1", 1)
    settle(qtbot, editor)
    assert sorted(i.sku for i in editor.view.items) == ["CAB-1", "WID-1"]
    assert editor.message_bar.kind != "error"
