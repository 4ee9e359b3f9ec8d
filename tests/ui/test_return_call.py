"""RET-1, RET-4, RET-6 at the desk: the phone call "return one of the two headsets, exchange the
mouse for the vertical one", taken with the keyboard alone on the order's Returns page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from salescenter.demo.data import PRODUCTS
from salescenter.ui.order_editor import OrderEditor
from salescenter.ui.preferences import Settings
from salescenter.ui.return_editor import ReturnEditor
from salescenter.ui.worker import wait_for_idle
from tests.ui.keyboard_support import ALT, CTRL, SHIFT, Keyboard, clashes, focus_is
from tests.ui.order_support import TIMEOUT_MS, settle
from tests.ui.test_keyboard_phone_order import shown_window

CALL_SKUS = ("HDS-600", "MOU-500", "MOU-510")


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def shipped_call_order(admin, csr, supervisor, world):  # type: ignore[no-untyped-def]
    """The demo catalog's headset and mice; two headsets and a mouse shipped to Mercy Taylor."""
    for sku, name, price, description in PRODUCTS:
        if sku in CALL_SKUS:
            admin.catalog.create_product(sku, name, price, description=description, stock=20)
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "HDS-600", 2)
    order = csr.orders.add_item(order.id, "MOU-500", 1)
    order = csr.orders.submit(order.id)
    csr.orders.add_payment(order.id, "credit_card", order.total)
    csr.orders.release(order.id)
    supervisor.fulfillment.pick(order.id)
    return supervisor.fulfillment.ship(order.id)


def test_ret_4_the_return_and_exchange_call_is_taken_by_keyboard(qtbot, admin, csr, supervisor, world):
    order = shipped_call_order(admin, csr, supervisor, world)
    window = shown_window(qtbot, csr, Settings(default_store=world.store))
    editor = window.open_order(order.id)
    assert isinstance(editor, OrderEditor)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    keys = Keyboard(qtbot)
    page = editor.returns

    while editor.tabs.currentWidget().findChild(type(page)) is not page:
        keys.press(Qt.Key.Key_PageDown, CTRL)  # to the Returns page
    keys.wait(lambda: focus_is(page.line_combo))
    assert clashes(window) == {}  # KEY-1: every Alt+letter of the page reaches one thing
    assert page.line_combo.currentText().startswith("HDS-600")
    assert page.quantity_spin.value() == 1  # one of the two headsets
    keys.press(Qt.Key.Key_N, ALT)
    keys.wait(lambda: focus_is(page.reason_edit))
    keys.type("Only needs one")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: len(editor.view.returns) == 1)
    settle(qtbot, editor)

    keys.wait(lambda: focus_is(page.line_combo))
    keys.press(Qt.Key.Key_Down)  # the mouse
    assert page.line_combo.currentText().startswith("MOU-500")
    keys.press(Qt.Key.Key_K, ALT)
    keys.press(Qt.Key.Key_Down)  # Exchange
    assert page.kind_combo.currentText() == "Exchange"
    keys.press(Qt.Key.Key_S, ALT)
    keys.wait(lambda: focus_is(page.replacement_edit))
    keys.type("MOU-510")
    keys.press(Qt.Key.Key_N, ALT)
    keys.type("Wants the vertical one")
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: len(editor.view.returns) == 2)
    settle(qtbot, editor)

    headsets, mouse = editor.view.returns
    assert (headsets.kind, headsets.status, [(x.sku, x.quantity) for x in headsets.lines]) == (
        "return", "approved", [("HDS-600", 1)])
    assert mouse.kind == "exchange" and mouse.lines[0].replacement_sku == "MOU-510"
    replacement = csr.orders.get(mouse.replacement_order_id)
    assert [(i.sku, i.quantity) for i in replacement.items] == [("MOU-510", 1)]
    assert mouse.price_difference > 0  # the vertical mouse costs more: charged on the replacement
    assert "Wants the vertical one" in editor.summary.text()  # what was the reason for the exchange

    keys.wait(lambda: focus_is(page.line_combo))
    keys.press(Qt.Key.Key_Tab, SHIFT, times=2)  # back past Open return to the list of returns
    keys.wait(lambda: focus_is(page.view))
    keys.press(Qt.Key.Key_End, CTRL)  # the exchange, the last row
    keys.press(Qt.Key.Key_Return)
    keys.wait(lambda: isinstance(window.current_editor(), ReturnEditor))
    return_editor = window.current_editor()
    keys.wait(return_editor.is_idle)
    assert clashes(window) == {}
    assert return_editor.view.number == mouse.number
    assert not return_editor.approve_button.isEnabled()  # approved within the store's rules
    assert return_editor.approve_button.toolTip() == mouse.actions["approve"]
