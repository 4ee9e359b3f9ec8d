"""MSG-1: a message clears once a later change succeeds (its cause is gone) and never repeats
the banner; LCK-5: a locked order's tab shows a lock and a red title; and the smaller things a
rep read wrong: the reorder notice on the new order's tab, line holds named by their item, an
Items totals line that adds up, a Country hint that does not look filled in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from salescenter.ui.dialogs.address_form import AddressForm
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, cell, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _window(qtbot, desk) -> MainWindow:
    window = MainWindow(desk, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.live._unsubscribe is not None, timeout=TIMEOUT_MS)
    return window


def _open(qtbot, window: MainWindow, order_id: int):
    editor = window.open_order(order_id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    return editor


def _submitted(desk, world):
    order = desk.orders.create(world.store, world.customer_id)
    desk.orders.add_item(order.id, "WID-1", 1)
    return desk.orders.submit(order.id)


def test_msg_1_a_refused_coupon_clears_once_another_coupon_applies(qtbot, admin, csr, world):
    admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="TEN")
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    promotions = editor.items.promotions
    promotions.coupon_edit.setText("SUMMER15")
    promotions.apply_coupon()
    settle(qtbot, editor)
    assert editor.message_bar.kind == "error" and "SUMMER15" in editor.message_bar.text()
    promotions.coupon_edit.setText("TEN")
    promotions.apply_coupon()
    settle(qtbot, editor)
    assert editor.view.coupon_code == "TEN"
    assert editor.message_bar.isHidden() and editor.message_bar.text() == ""


def test_msg_1_an_address_refusal_clears_once_the_address_saved(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    editor.show_page("Shipping")
    fields = editor.shipping.form.fields
    for key, text in (("name", "Mercy Taylor"), ("line1", "400 Lake Shore Drive"), ("city", "Chicago"),
                      ("region", "IL"), ("postal_code", "60611")):
        qtbot.keyClicks(fields[key], text)
    editor.shipping.use_new_button.click()
    settle(qtbot, editor)
    assert editor.message_bar.kind == "error" and "Country" in editor.message_bar.text()
    qtbot.keyClicks(fields["country"], "US")
    editor.shipping.use_new_button.click()
    settle(qtbot, editor)
    assert editor.view.shipping_address.line1 == "400 Lake Shore Drive"
    assert editor.message_bar.isHidden()


def test_msg_1_unlocked_message_clears_when_another_rep_locks_the_order(qtbot, csr, csr2, world):
    order = _submitted(csr, world)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    editor.order_actions.edit.trigger()
    qtbot.waitUntil(lambda: editor.view.locked_by == "csr", timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert editor.message_bar.text() == ""  # the banner says it is locked to me: said once
    editor.order_actions.finish_edit.trigger()
    qtbot.waitUntil(lambda: editor.view.locked_by is None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert "is unlocked" in editor.message_bar.text()
    csr2.orders.begin_edit(order.id)
    qtbot.waitUntil(lambda: editor.view.locked_by == "csr2", timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert "Order locked for editing (csr2)" in editor.banner.text()
    assert "unlocked" not in editor.message_bar.text()


def test_msg_1_a_conflict_message_stays_after_the_reload_it_announces(qtbot, csr, csr2, world):
    order = csr.orders.create(world.store, world.customer_id)
    order = csr.orders.add_item(order.id, "WID-1", 1)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    window.live.stop()  # the reload comes from the refusal, not from the feed
    csr2.orders.add_note(order.id, "Called back")
    editor.items.quantity_spin.setValue(2)
    editor.items.add_sku("CAB-1", 1)
    settle(qtbot, editor)
    qtbot.waitUntil(lambda: "reloaded" in editor.message_bar.text(), timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    assert editor.message_bar.kind == "error" and "reloaded" in editor.message_bar.text()


def test_lck_5_a_locked_orders_tab_shows_a_lock_and_a_red_title_until_released(qtbot, csr, csr2, world):
    order = _submitted(csr, world)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    tabs, index = window.tabs, window.tabs.indexOf(editor)
    side = tabs.locks.side()
    close_button = tabs.tabBar().tabButton(index, side)
    assert not tabs.locks.is_locked(index) and close_button is not None

    csr2.orders.begin_edit(order.id)
    qtbot.waitUntil(lambda: editor.view.locked_by == "csr2", timeout=TIMEOUT_MS)
    assert tabs.locks.is_locked(index)
    assert tabs.tabBar().tabButton(index, side).toolTip() == "Locked for editing by csr2"
    assert tabs.tabBar().tabTextColor(index).name() == "#b3261e"

    csr2.orders.finish_edit(order.id)
    qtbot.waitUntil(lambda: editor.view.locked_by is None, timeout=TIMEOUT_MS)
    assert not tabs.locks.is_locked(index)
    assert tabs.tabBar().tabButton(index, side) is close_button  # the tab closes as before
    assert not tabs.tabBar().tabTextColor(index).isValid()


def test_ord_2_the_reorder_notice_is_on_the_new_orders_tab(qtbot, admin, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    csr.orders.add_item(order.id, "OLD-1", 1)
    admin.catalog.set_available("OLD-1", False)
    window = _window(qtbot, csr)
    source = _open(qtbot, window, order.id)
    source.order_actions.reorder.trigger()
    qtbot.waitUntil(lambda: window.tabs.count() == 2, timeout=TIMEOUT_MS)
    copy = window.current_editor()
    qtbot.waitUntil(lambda: copy.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, copy)
    assert "OLD-1" in copy.message_bar.text() and "left out" in copy.message_bar.text()
    assert "left out" not in source.message_bar.text()
    assert "created from this one" in source.message_bar.text()


def test_blk_6_a_line_hold_is_named_by_its_item_not_an_internal_id(qtbot, csr, world):
    order = _submitted(csr, world)
    item = order.items[0]
    csr.orders.hold(order.id, "Customer request", item_id=item.id)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    editor.show_page("Blocks and holds")
    shown = cell(editor.blocks.holds, 0, 0)
    assert shown == "WID-1 Blue Widget" and f"Item {item.id}" != shown


def test_ord_13_the_items_totals_line_adds_up(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 2)
    window = _window(qtbot, csr)
    editor = _open(qtbot, window, order.id)
    view = editor.view
    assert view.shipping_total > 0 and view.tax_total > 0
    line = editor.items.totals_label.text()
    for figure in (view.subtotal, view.discount_total, view.shipping_total, view.tax_total, view.total):
        assert f"{figure:,.2f}" in line
    assert view.subtotal - view.discount_total + view.shipping_total + view.tax_total == view.total


def test_adr_1_the_country_hint_does_not_look_filled_in(qtbot):
    form = AddressForm()
    qtbot.addWidget(form)
    country = form.fields["country"]
    assert country.text() == ""
    assert country.placeholderText() not in ("US", "CA") and "e.g." in country.placeholderText()
