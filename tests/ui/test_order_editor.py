"""Order editor pages: models by the book, what each page shows, and what a rep's keys do."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from salescenter.ui.order_editor.models import (
    AssociationsModel,
    BlocksModel,
    HistoryModel,
    HoldsModel,
    ItemsModel,
    NotesModel,
    PaymentsModel,
    ProductsModel,
    PromotionsModel,
    item_status,
)
from salescenter.ui.worker import wait_for_idle
from tests.conftest import HOME
from tests.ui.order_support import column_values, open_editor, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


@pytest.fixture
def busy_order(admin, csr, world):
    """A submitted, paid-for order with a note, a manual block and a hold history."""
    admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="TEN")
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 2)
    csr.orders.add_item(order.id, "GAD-1", 5)
    csr.orders.accept_item(order.id, csr.orders.get(order.id).items[1].id)
    csr.orders.add_payment(order.id, "credit_card", "10.00", card_number="4111111111111111")
    csr.orders.add_note(order.id, "Customer prefers mornings")
    csr.orders.submit(order.id)
    csr.orders.place_block(order.id, "Address needs verification", "Call back")
    csr.orders.hold(order.id, "Customer asked to wait")
    csr.orders.release_hold(order.id)
    return csr.orders.get(order.id)


def test_ord_6_every_order_model_passes_the_model_tester(qtmodeltester, csr, busy_order):
    view = busy_order
    history = csr.orders.history(view.id)
    filled = [
        (ItemsModel(), view.items), (PaymentsModel(), view.payments), (BlocksModel(), view.blocks),
        (HoldsModel(), view.holds), (NotesModel(), view.notes), (HistoryModel(), history),
        (ProductsModel(), csr.catalog.find("widget")),
        (AssociationsModel(), csr.orders.associations(view.id)),
        (PromotionsModel(), csr.orders.promotions(view.id)),
    ]
    for model, rows in filled:
        assert rows, type(model).__name__
        model.set_rows(rows)
        qtmodeltester.check(model, force_py=True)
        model.set_rows(rows[:1])  # removals are reported row by row
        model.set_rows(rows)  # and so are insertions
        qtmodeltester.check(model, force_py=True)
        assert model.rowCount() == len(rows)


def test_ord_10_items_model_asks_for_quantity_and_price_changes_without_guessing(qtbot, csr, busy_order):
    model = ItemsModel()
    model.set_rows(busy_order.items)
    asked: list[tuple[int, str, object]] = []
    model.change_requested.connect(lambda *args: asked.append(args))
    quantity = model.index(0, ItemsModel.QUANTITY)
    # Submitted: read-only until Edit, as the line's own actions map says.
    assert busy_order.items[0].actions["set_quantity"] is not None
    assert not model.flags(quantity) & Qt.ItemFlag.ItemIsEditable
    model.set_rows(csr.orders.begin_edit(busy_order.id).items)
    assert model.flags(quantity) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(quantity, "3")
    assert not model.setData(quantity, "three")
    assert model.setData(model.index(0, ItemsModel.PLACED_PRICE), "$18.50")
    assert model.setData(model.index(0, ItemsModel.EXPEDITE), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    item_id = busy_order.items[0].id
    assert asked == [(item_id, "quantity", 3), (item_id, "placed_price", Decimal("18.50")),
                     (item_id, "expedite", True)]


def test_sum_1_summary_shows_parties_items_payments_totals_blocks_and_activity(qtbot, csr, busy_order):
    editor = open_editor(qtbot, csr, busy_order.id)
    text = editor.summary.text()
    view = editor.view
    assert "Order " + view.number in text
    assert "Pending payment authorization" in text
    assert "Sold to" in text and "Mercy Taylor" in text and "mercy@example.com" in text
    assert "Ship to" in text and "12 Elm Street" in text and "Bill to" in text
    assert "WID-1" in text and "GAD-1" in text
    assert all(item_status(i) in text for i in view.items) and "backordered" in text
    assert "Credit card" in text and "**** 1111" in text
    assert f"{view.total:,.2f} USD" in text and f"{view.subtotal:,.2f}" in text
    assert "Address needs verification" in text and "Customer asked to wait" in text
    assert "Latest activity" in text and "Hold released" in text


def test_blk_7_summary_and_blocks_page_answer_why_the_order_is_held(qtbot, csr, busy_order):
    editor = open_editor(qtbot, csr, busy_order.id)
    why = editor.view.status_explanation
    assert why and "Address needs verification" in why
    assert why in editor.summary.text()
    assert editor.blocks.explanation.text() == why


def test_sum_1_summary_is_saved_as_pdf(qtbot, csr, busy_order, tmp_path: Path):
    editor = open_editor(qtbot, csr, busy_order.id)
    target = tmp_path / "summary.pdf"
    editor.summary.save_pdf(str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_size > 1000


def test_ord_10_typing_three_letters_lists_products_and_enter_adds_the_chosen_one(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    editor = open_editor(qtbot, csr, order.id)
    page = editor.items
    qtbot.keyClicks(page.search_edit, "ga")
    qtbot.wait(400)
    assert page.results.rowCount() == 0 and "at least 3" in page.results_label.text()
    qtbot.keyClicks(page.search_edit, "d")
    qtbot.waitUntil(lambda: page.results.rowCount() == 1)
    assert column_values(page.results, 0) == ["GAD-1"]
    page.quantity_spin.setValue(2)
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    settle(qtbot, editor)
    assert [(i.sku, i.quantity) for i in editor.view.items] == [("GAD-1", 2)]
    assert page.search_edit.text() == "" and page.quantity_spin.value() == 1


def test_ord_11_a_bundle_typed_by_sku_adds_its_components(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    editor = open_editor(qtbot, csr, order.id)
    editor.items.search_edit.setText("KIT-1")
    qtbot.mouseClick(editor.items.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    assert sorted((i.sku, i.quantity, i.bundle_sku) for i in editor.view.items) == [
        ("CAB-1", 2, "KIT-1"), ("WID-1", 1, "KIT-1")]
    assert "(bundle KIT-1)" in column_values(editor.items.items, 1)[0]


def test_ord_10_quantity_typed_in_the_table_is_applied_and_a_low_price_needs_supervisor(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    editor = open_editor(qtbot, csr, order.id)
    model = editor.items.items
    assert model.setData(model.index(0, ItemsModel.QUANTITY), "4")
    settle(qtbot, editor)
    assert editor.view.items[0].quantity == 4
    assert model.setData(model.index(0, ItemsModel.PLACED_PRICE), "10.00")
    settle(qtbot, editor)
    assert "Override prices below the list price" in editor.message_bar.text()
    assert editor.view.items[0].placed_price == Decimal("19.99")


@pytest.mark.parametrize("answer", [True, False])
def test_ord_10_a_supervisors_price_below_list_is_confirmed_then_applied(
    qtbot, supervisor, world, monkeypatch, answer
):
    order = supervisor.orders.create(world.store, world.customer_id)
    supervisor.orders.add_item(order.id, "WID-1", 1)
    editor = open_editor(qtbot, supervisor, order.id)
    asked: list[str] = []

    def confirm(error):
        asked.append(error.name)
        return answer

    monkeypatch.setattr(editor.session, "confirm_warning", confirm)
    model = editor.items.items
    assert model.setData(model.index(0, ItemsModel.PLACED_PRICE), "15.00")
    settle(qtbot, editor)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, editor)
    assert asked == ["price_below_list"]
    expected = Decimal("15.00") if answer else Decimal("19.99")
    qtbot.waitUntil(lambda: editor.view.items[0].placed_price == expected)
    if answer:
        assert "price_below_list" in supervisor.orders.history(order.id)[-1].detail


def test_ord_16_a_flagged_item_is_accepted_from_the_items_page(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "GAD-1", 5)  # only 3 in stock
    editor = open_editor(qtbot, csr, order.id)
    page = editor.items
    assert "backordered" in column_values(page.items, 10)[0]
    page.items_view.selectRow(0)
    assert page.accept_button.isEnabled()
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    assert editor.view.items[0].flag_accepted
    assert column_values(page.items, 10)[0].startswith("Accepted:")
    # Whether an accepted line may be accepted again is the line's actions map's answer.
    assert page.accept_button.isEnabled() == (editor.view.items[0].actions["accept_item"] is None)


def test_ord_12_ord_13_side_views_list_associations_and_promotions_and_add_one(qtbot, admin, csr, world):
    admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="TEN")
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    editor = open_editor(qtbot, csr, order.id)
    associations = editor.items.associations
    assert sorted(column_values(associations.model, 2)) == ["CAB-1", "GAD-1"]
    assert "Ten off" in column_values(editor.items.promotions.model, 0)
    associations.view.selectRow(column_values(associations.model, 2).index("CAB-1"))
    qtbot.mouseClick(associations.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    assert sorted(i.sku for i in editor.view.items) == ["CAB-1", "WID-1"]
    assert column_values(associations.model, 2) == ["GAD-1"]


def test_adr_1_a_new_address_for_this_order_only_leaves_the_address_book_alone(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    editor = open_editor(qtbot, csr, order.id)
    page = editor.shipping
    qtbot.keyClicks(page.form.fields["line1"], "9 Harbor Road")
    qtbot.keyClicks(page.form.fields["city"], "Portland")
    qtbot.keyClicks(page.form.fields["country"], "US")
    assert editor.has_unsaved_changes()
    qtbot.mouseClick(page.use_new_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    assert "9 Harbor Road" in page.ship_to_label.text()
    assert not editor.has_unsaved_changes()
    assert len(csr.customers.get(world.customer_id).addresses) == 1
    assert page.book_combo.count() == 1


def test_pay_1_payment_methods_come_from_the_store_and_the_due_amount_is_offered(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    editor = open_editor(qtbot, csr, order.id)
    page = editor.payments
    methods = [page.method_combo.itemData(i) for i in range(page.method_combo.count())]
    assert methods == csr.stores.get(world.store).payment_methods
    assert page.amount_edit.text() == f"{editor.view.total:.2f}"
    page.method_combo.setCurrentIndex(methods.index("paypal"))
    assert not page.card_edit.isEnabled()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, editor)
    assert [p.method for p in editor.view.payments] == ["paypal"]
    assert "Due 0.00" in page.balance_label.text()


def test_ord_14_notes_keep_author_and_typed_text_counts_as_unsaved(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    editor = open_editor(qtbot, csr, order.id)
    qtbot.keyClicks(editor.notes.note_edit, "Gift wrap, please")
    assert editor.has_unsaved_changes()
    with qtbot.waitSignal(editor.saved, timeout=15_000):
        editor.save()
    settle(qtbot, editor)
    assert not editor.has_unsaved_changes()
    assert column_values(editor.notes.model, 1) == ["csr"]
    assert column_values(editor.notes.model, 2) == ["Gift wrap, please"]


def test_ord_6_save_applies_every_typed_change_one_after_another(qtbot, csr, world):
    order = csr.orders.create(world.store, world.customer_id)
    editor = open_editor(qtbot, csr, order.id)
    editor.shipping.form.set_value({**HOME, "line1": "1 New Street"})
    editor.shipping.form.dirty = True
    editor.notes.note_edit.setPlainText("Moved house")
    with qtbot.waitSignal(editor.saved, timeout=15_000):
        editor.save()
    settle(qtbot, editor)
    assert editor.view.shipping_address.line1 == "1 New Street"
    assert [n.text for n in editor.view.notes] == ["Moved house"]
    assert editor.message_bar.text() == ""


def test_lck_4_a_change_made_elsewhere_first_is_reported_and_the_order_reloaded(qtbot, csr, csr2, world):
    order = csr.orders.create(world.store, world.customer_id)
    editor = open_editor(qtbot, csr, order.id)
    csr2.orders.add_note(order.id, "Called the customer")
    editor.items.add_sku("WID-1", 1)
    settle(qtbot, editor)
    assert "changed by csr2" in editor.message_bar.text()
    assert editor.view.items == [] and [n.text for n in editor.view.notes] == ["Called the customer"]
    editor.items.add_sku("WID-1", 1)  # with the reloaded version it goes through
    settle(qtbot, editor)
    assert [i.sku for i in editor.view.items] == ["WID-1"]


def test_ord_2_a_quote_cannot_be_submitted_and_becomes_an_order_by_reorder(qtbot, csr, world):
    quote = csr.orders.create(world.store, world.customer_id, quote=True)
    csr.orders.add_item(quote.id, "CAB-1", 3)
    editor = open_editor(qtbot, csr, quote.id)
    assert "This is a quote" in editor.banner.text() and "Quote " in editor.header.text()
    assert not editor.order_actions.submit.isEnabled()
    assert editor.order_actions.reorder.text() == "Create &order from quote"
    with qtbot.waitSignal(editor.open_order_requested, timeout=15_000) as opened:
        editor.order_actions.reorder.trigger()
    order = csr.orders.get(opened.args[0])
    assert not order.is_quote and [(i.sku, i.quantity) for i in order.items] == [("CAB-1", 3)]
