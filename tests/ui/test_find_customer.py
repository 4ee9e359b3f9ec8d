"""Find Customer dialog: one box, results as you type, New Customer in place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from salescenter.ui.find_customer import FindCustomerDialog, NewCustomerDialog
from salescenter.ui.worker import wait_for_idle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _dialog(qtbot, desk) -> FindCustomerDialog:
    dialog = FindCustomerDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_fnd_2_typing_a_wildcard_name_lists_matches_without_pressing_enter(qtbot, csr, world):
    csr.customers.create("Taylor", "Hayes", email="th@example.com")
    dialog = _dialog(qtbot, csr)
    qtbot.keyClicks(dialog.box, "%tay")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    names = {dialog.model.data(dialog.model.index(r, 0)) for r in range(2)}
    assert names == {"Taylor, Mercy", "Hayes, Taylor"}
    assert dialog.status.text() == "2 customers found."


def test_fnd_4_exact_email_and_phone_find_the_customer(qtbot, csr, world):
    dialog = _dialog(qtbot, csr)
    dialog.box.setText("mercy@example.com")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.box.setText("555 010 2000")
    qtbot.waitUntil(lambda: dialog.status.text() == "1 customer found.")
    assert dialog.model.row_at(0).id == world.customer_id


def test_fnd_4_debounce_searches_once_for_a_burst_of_keys(qtbot, csr, world, monkeypatch):
    calls: list[str] = []
    real = csr.customers.find
    monkeypatch.setattr(csr.customers, "find", lambda text, **k: calls.append(text) or real(text, **k))
    dialog = _dialog(qtbot, csr)
    qtbot.keyClicks(dialog.box, "Taylor")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert calls == ["Taylor"]


def test_fnd_4_no_match_says_so_and_enter_chooses_the_single_match(qtbot, csr, world):
    dialog = _dialog(qtbot, csr)
    dialog.box.setText("Nobody")
    qtbot.waitUntil(lambda: "No customer matches" in dialog.status.text())
    dialog.box.setText("Mercy")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    with qtbot.waitSignal(dialog.customer_chosen) as chosen:
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert chosen.args[0].id == world.customer_id


def test_new_customer_from_the_find_dialog_is_created_and_chosen(qtbot, csr, world):
    dialog = _dialog(qtbot, csr)
    dialog.box.setText("Ada Lovelace")
    dialog.new_customer()
    new = dialog.findChild(NewCustomerDialog)
    assert new.inputs["first_name"].text() == "Ada"
    assert new.inputs["last_name"].text() == "Lovelace"
    new.inputs["email"].setText("ada@example.com")
    with qtbot.waitSignal(dialog.customer_chosen, timeout=5000) as chosen:
        new.save()
    assert chosen.args[0].email == "ada@example.com"
    assert [c.id for c in csr.customers.find("ada@example.com")] == [chosen.args[0].id]


def test_new_customer_refused_input_keeps_the_dialog_open(qtbot, csr, world):
    new = NewCustomerDialog(csr)
    qtbot.addWidget(new)
    new.show()
    new.inputs["last_name"].setText("Only")
    new.save()
    qtbot.waitUntil(lambda: new.refusal.isVisible())
    assert "First name" in new.refusal.text()
    assert new.buttons.isEnabled() and new.inputs["last_name"].text() == "Only"
