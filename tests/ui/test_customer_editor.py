"""Customer editor: profile, address book, the customer's orders (FND-4) and the context panel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from salescenter.ui.customer_editor import AddressesModel, CustomerEditor, CustomerOrdersModel
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, column_values


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _editor(qtbot, desk, customer_id: int) -> CustomerEditor:
    editor = CustomerEditor(desk, customer_id)
    qtbot.addWidget(editor)
    editor.resize(1100, 700)
    editor.show()
    editor.refresh()
    qtbot.waitUntil(lambda: editor.customer is not None and editor.is_idle(), timeout=TIMEOUT_MS)
    return editor


@pytest.fixture
def history(csr, world):
    """Two submitted orders (one canceled) and an open cart."""
    first = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(first.id, "WID-1", 2)
    csr.orders.submit(first.id)
    second = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(second.id, "CAB-1", 1)
    csr.orders.submit(second.id)
    csr.orders.cancel(second.id, "Duplicate order")
    cart = csr.orders.create(world.store, world.customer_id)
    return first, second, cart


def test_fnd_4_customer_editor_lists_all_orders_and_the_context_panel_counts_them(qtbot, csr, world, history):
    editor = _editor(qtbot, csr, world.customer_id)
    numbers = sorted(column_values(editor.orders, 0))
    assert numbers == sorted(o.number for o in history)
    summary = csr.customers.summary(world.customer_id)
    context = editor.context.text()
    assert f"Orders: {summary.order_count}" in context and summary.order_count == 2
    assert f"Lifetime value: {summary.lifetime_value:,.2f}" in context
    assert summary.lifetime_value == csr.orders.get(history[0].id).items[0].line_total
    assert "Mercy Taylor" in editor.header.text()


def test_fnd_4_opening_an_order_from_the_customer_asks_the_shell(qtbot, csr, world, history):
    editor = _editor(qtbot, csr, world.customer_id)
    row = column_values(editor.orders, 0).index(history[0].number)
    proxy_row = editor.orders_proxy.mapFromSource(editor.orders.index(row, 0)).row()
    editor.orders_view.selectRow(proxy_row)
    with qtbot.waitSignal(editor.open_order_requested, timeout=TIMEOUT_MS) as opened:
        editor.open_selected_order()
    assert opened.args == [history[0].id]


def test_adr_2_a_new_address_goes_to_the_book_and_typed_changes_count_as_unsaved(qtbot, csr, world):
    editor = _editor(qtbot, csr, world.customer_id)
    assert editor.addresses.rowCount() == 1
    qtbot.keyClicks(editor.address_form.fields["line1"], "5 Pier Street")
    qtbot.keyClicks(editor.address_form.fields["city"], "Boston")
    qtbot.keyClicks(editor.address_form.fields["country"], "US")
    assert editor.has_unsaved_changes()
    with qtbot.waitSignal(editor.saved, timeout=TIMEOUT_MS):
        editor.save()
    qtbot.waitUntil(lambda: editor.addresses.rowCount() == 2, timeout=TIMEOUT_MS)
    assert not editor.has_unsaved_changes()
    assert "5 Pier Street" in " ".join(column_values(editor.addresses, 1))


def test_fnd_4_profile_changes_are_saved_and_bad_email_is_explained(qtbot, csr, world):
    editor = _editor(qtbot, csr, world.customer_id)
    phone = editor.profile["phone"]
    phone.clear()
    qtbot.keyClicks(phone, "555 777 1234")
    assert editor.save_profile_button.isEnabled()
    qtbot.mouseClick(editor.save_profile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.has_unsaved_changes() and editor.is_idle(), timeout=TIMEOUT_MS)
    assert csr.customers.get(world.customer_id).phone == "555 777 1234"
    email = editor.profile["email"]
    email.clear()
    qtbot.keyClicks(email, "not-an-email")
    qtbot.mouseClick(editor.save_profile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.message.isVisible(), timeout=TIMEOUT_MS)
    assert "mail" in editor.message.text().lower()
    assert editor.has_unsaved_changes()


def test_ord_1_new_order_for_this_customer_opens_it(qtbot, csr, world):
    editor = _editor(qtbot, csr, world.customer_id)
    qtbot.mouseClick(editor.new_order_button, Qt.MouseButton.LeftButton)
    dialog = editor.active_dialog
    assert dialog is not None and dialog.chosen_customer().id == world.customer_id
    qtbot.waitUntil(lambda: dialog.store_combo.count() == 2, timeout=TIMEOUT_MS)
    dialog.store_combo.setCurrentIndex(dialog.store_combo.findData(world.store))
    with qtbot.waitSignal(editor.open_order_requested, timeout=TIMEOUT_MS) as opened:
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    order = csr.orders.get(opened.args[0])
    assert order.customer_id == world.customer_id and order.status == "pending"


def test_fnd_4_customer_models_pass_the_model_tester(qtmodeltester, csr, world, history):
    addresses = AddressesModel()
    addresses.set_rows(csr.customers.get(world.customer_id).addresses)
    qtmodeltester.check(addresses, force_py=True)
    orders = CustomerOrdersModel()
    orders.set_rows(csr.orders.search(customer_id=world.customer_id, kind=None))
    qtmodeltester.check(orders, force_py=True)
    assert orders.rowCount() == 3


def test_adr_2_changing_an_address_book_entry_leaves_existing_orders_ship_to(qtbot, csr, world, history):
    placed, _canceled, cart = history
    before = {o.id: csr.orders.get(o.id).shipping_address for o in (placed, cart)}
    assert before[placed.id] is not None and before[placed.id].line1 == "12 Elm Street"
    editor = _editor(qtbot, csr, world.customer_id)
    assert not editor.change_address_button.isEnabled()
    editor.addresses_view.selectRow(0)
    assert editor.change_address_button.isEnabled()
    qtbot.mouseClick(editor.change_address_button, Qt.MouseButton.LeftButton)
    assert editor.address_form.fields["line1"].text() == "12 Elm Street"
    assert editor.address_box.title().startswith("Change address")
    assert not editor.has_unsaved_changes()  # loading the entry is not a change

    line1 = editor.address_form.fields["line1"]
    line1.clear()
    qtbot.keyClicks(line1, "77 Harbor Road")
    city = editor.address_form.fields["city"]
    city.clear()
    qtbot.keyClicks(city, "Portland")
    assert editor.has_unsaved_changes()
    qtbot.mouseClick(editor.add_address_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "77 Harbor Road" in " ".join(column_values(editor.addresses, 1))
                    and editor.is_idle(), timeout=TIMEOUT_MS)

    book = csr.customers.get(world.customer_id).addresses
    assert len(book) == 1  # changed in place, not added
    assert (book[0].line1, book[0].city) == ("77 Harbor Road", "Portland")
    assert editor.changing_address_id is None and editor.address_form.is_empty()
    assert editor.address_box.title() == "New address"
    for order_id, ship_to in before.items():
        assert csr.orders.get(order_id).shipping_address == ship_to  # ADR-2


def test_adr_2_an_address_change_refused_by_validation_keeps_the_form(qtbot, csr, world):
    editor = _editor(qtbot, csr, world.customer_id)
    editor.addresses_view.selectRow(0)
    editor.change_selected_address()
    editor.address_form.fields["city"].clear()
    qtbot.keyClicks(editor.address_form.fields["line1"], " (rear)")
    qtbot.mouseClick(editor.add_address_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.message.isVisible(), timeout=TIMEOUT_MS)
    assert "city" in editor.message.text().lower()
    assert editor.changing_address_id is not None and editor.has_unsaved_changes()
    assert csr.customers.get(world.customer_id).addresses[0].city == "Springfield"
