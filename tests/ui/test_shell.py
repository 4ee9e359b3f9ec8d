"""The main window shell: navigator, one editor per object, status bar, closing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from salescenter.ui import editor_tabs
from salescenter.ui import main_window as shell
from salescenter.ui.editor_base import Editor
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import run_async, wait_for_idle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


class FakeOrderEditor(Editor):
    """A stand-in with the editor contract: loads the order, may have pending changes."""

    kind = "order"

    def __init__(self, desk, object_id, parent=None) -> None:
        super().__init__(desk, object_id, parent)
        self.dirty = False
        self.saves = 0
        self.finished = 0

    def refresh(self) -> None:
        def done(view) -> None:
            self.title_changed.emit(f"Order {view.number}")
            self.status_changed.emit(view)

        run_async(self, lambda: self.desk.orders.get(self.object_id), done)

    def has_unsaved_changes(self) -> bool:
        return self.dirty

    def save(self) -> None:
        self.saves += 1
        self.dirty = False
        self.saved.emit()

    def finish_edit(self) -> None:
        self.finished += 1

    def menu_actions(self) -> list[QAction]:
        if not hasattr(self, "finish_action"):
            self.finish_action = QAction("&Finish edit", self)
            self.finish_action.setObjectName("finish_edit")
            self.finish_action.setShortcut(QKeySequence("Ctrl+Alt+U"))
            self.finish_action.triggered.connect(self.finish_edit)
        return [self.finish_action]


class FakeCustomerEditor(Editor):
    kind = "customer"

    def refresh(self) -> None:
        self.title_changed.emit(f"Customer {self.object_id}")
        self.status_changed.emit(None)


@pytest.fixture
def fake_editors(monkeypatch):
    monkeypatch.setattr(editor_tabs, "editor_class",
                        lambda kind: FakeOrderEditor if kind == "order" else FakeCustomerEditor)


def _window(qtbot, desk) -> MainWindow:
    window = MainWindow(desk, "sqlite:///test.db", Settings())
    qtbot.addWidget(window)
    window.show()
    return window


def _order(desk, world, submit: bool = False):
    order = desk.orders.create(world.store, world.customer_id)
    order = desk.orders.add_item(order.id, "WID-1", 1)
    if submit:
        desk.orders.add_payment(order.id, "credit_card", order.total)
        order = desk.orders.submit(order.id)
    return order


def test_navigator_lists_stores_with_their_orders_quotes_and_customers(qtbot, csr, world):
    order = _order(csr, world)
    window = _window(qtbot, csr)
    qtbot.waitUntil(lambda: window.navigator.loaded)
    texts = window.navigator.items_text()
    assert "Sales Center US (US)" in texts
    assert "Orders (1 recent)" in texts
    assert f"{order.number}  Mercy Taylor" in texts
    assert "Customers (1)" in texts and "Mercy Taylor" in texts
    assert not any(t.startswith("Blocked orders") for t in texts)  # a CSR has no queue


def test_blk_queue_in_navigator_for_supervisors(qtbot, supervisor, world):
    order = _order(supervisor, world, submit=True)
    supervisor.orders.place_block(order.id, "Fraud review", "call back")
    window = _window(qtbot, supervisor)
    qtbot.waitUntil(lambda: window.navigator.loaded)
    texts = window.navigator.items_text()
    assert "Blocked orders (1)" in texts
    assert texts[texts.index("Blocked orders (1)") + 1] == f"{order.number}  Mercy Taylor"


def test_status_bar_shows_user_and_database(qtbot, csr, world):
    window = _window(qtbot, csr)
    assert window.status.user_label.text() == "Signed in: csr (CSR)"
    assert window.status.database_label.text() == "Database: sqlite:///test.db"
    assert window.status.order_label.text() == "No order open"


def test_one_editor_per_order_and_status_bar_follows_it(qtbot, csr, world, fake_editors):
    order = _order(csr, world, submit=True)
    window = _window(qtbot, csr)
    first = window.open_order(order.id)
    qtbot.waitUntil(lambda: window.status.order_label.text() == f"Order {order.number}: "
                    "Pending payment authorization")
    assert window.tabs.tabText(0) == f"Order {order.number}"
    assert window.status.lock_label.text() == "Not locked"
    window.open_customer(world.customer_id)
    assert window.tabs.count() == 2
    assert window.status.order_label.text() == "No order open"
    again = window.open_order(order.id)
    assert again is first and window.tabs.count() == 2
    assert window.tabs.currentWidget() is first
    assert window.status.order_label.text().endswith("Pending payment authorization")


def test_status_bar_names_who_holds_the_lock(qtbot, csr, csr2, world, fake_editors):
    order = _order(csr, world, submit=True)
    csr2.orders.begin_edit(order.id)
    window = _window(qtbot, csr)
    window.open_order(order.id)
    qtbot.waitUntil(lambda: window.status.lock_label.text() == "Locked for editing by csr2")
    assert window.status.order_label.text() == f"Order {order.number}: Edit"


def test_navigator_double_click_opens_the_order(qtbot, csr, world, fake_editors):
    order = _order(csr, world)
    window = _window(qtbot, csr)
    qtbot.waitUntil(lambda: window.navigator.loaded)
    model = window.navigator.model
    us = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data().endswith("(US)"))
    orders_folder = model.index(0, 0, us)
    window.navigator.tree.doubleClicked.emit(model.index(0, 0, orders_folder))
    assert ("order", order.id) in window.tabs.editors


def test_order_menu_holds_the_current_editors_own_commands(qtbot, csr, world, fake_editors):
    order = _order(csr, world)
    window = _window(qtbot, csr)
    assert "finish_edit" not in [a.objectName() for a in window.order_menu.actions()]
    editor = window.open_order(order.id)
    finish = next(a for a in window.order_menu.actions() if a.objectName() == "finish_edit")
    assert finish.shortcut().toString() == "Ctrl+Alt+U"
    finish.trigger()
    assert editor.finished == 1
    window.open_customer(world.customer_id)
    assert "finish_edit" not in [a.objectName() for a in window.order_menu.actions()]


def test_shortcuts_of_the_shell(qtbot, csr):
    window = _window(qtbot, csr)
    assert window.new_order_action.shortcut().toString() == "Ctrl+O"
    assert window.find_order_action.shortcut().toString() == "Ctrl+F"
    assert window.find_customer_action.shortcut().toString() == "Ctrl+Shift+F"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QDialog, "newOrderDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "New order"


def test_new_order_for_the_chosen_customer_opens_its_editor(qtbot, csr, world, fake_editors):
    window = _window(qtbot, csr)
    window.settings = window.new_order_flow.settings = Settings(default_store="US")
    window.new_order_flow.start(customer_id=world.customer_id)
    qtbot.waitUntil(lambda: window.tabs.count() == 1)
    editor = window.tabs.current()
    order = csr.orders.get(editor.object_id)
    assert order.customer_id == world.customer_id and order.store == "US"


def test_closing_the_window_with_unsaved_changes_asks_and_can_cancel(qtbot, csr, world, fake_editors,
                                                                     monkeypatch):
    order = _order(csr, world)
    window = _window(qtbot, csr)
    editor = window.open_order(order.id)
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == f"Order {order.number}")
    editor.dirty = True
    asked: list[str] = []

    def answer(button):
        return lambda parent, what: asked.append(what) or button

    monkeypatch.setattr(shell, "confirm_unsaved", answer(QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert window.isVisible()
    assert asked == [f"Order {order.number}"]
    monkeypatch.setattr(shell, "confirm_unsaved", answer(QMessageBox.StandardButton.Save))
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert editor.saves == 1


def test_closing_the_window_discarding_changes_does_not_save(qtbot, csr, world, fake_editors, monkeypatch):
    order = _order(csr, world)
    window = _window(qtbot, csr)
    editor = window.open_order(order.id)
    editor.dirty = True
    monkeypatch.setattr(shell, "confirm_unsaved", lambda parent, what: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert editor.saves == 0


def test_closing_a_tab_with_unsaved_changes_asks_save_discard_cancel(qtbot, csr, world, fake_editors,
                                                                     monkeypatch):
    order = _order(csr, world)
    window = _window(qtbot, csr)
    editor = window.open_order(order.id)
    editor.dirty = True
    monkeypatch.setattr(editor_tabs, "confirm_unsaved", lambda p, w: QMessageBox.StandardButton.Cancel)
    window.close_current()
    assert window.tabs.count() == 1
    monkeypatch.setattr(editor_tabs, "confirm_unsaved", lambda p, w: QMessageBox.StandardButton.Save)
    window.close_current()
    assert window.tabs.count() == 0 and editor.saves == 1
    assert window.center.currentWidget() is window.welcome


def test_navigator_refreshes_after_a_change_on_this_desk(qtbot, csr, world):
    window = _window(qtbot, csr)
    qtbot.waitUntil(lambda: window.navigator.loaded)
    assert "Orders (0 recent)" in window.navigator.items_text()
    run_async(window, lambda: _order(csr, world))
    qtbot.waitUntil(lambda: "Orders (1 recent)" in window.navigator.items_text(), timeout=5000)


def test_about_shows_version_database_and_folders(qtbot, csr):
    from salescenter import __version__
    from salescenter.paths import config_dir, log_dir

    window = _window(qtbot, csr)
    about = window.show_about()
    assert about.values["Version"].text() == __version__
    assert about.values["Database"].text() == "sqlite:///test.db"
    assert about.values["Log folder"].text() == str(log_dir())
    assert about.values["Settings folder"].text() == str(config_dir())


def test_ord_15_preferences_from_the_menu_reach_new_orders(qtbot, csr, world, monkeypatch, tmp_path):
    monkeypatch.setattr("salescenter.ui.preferences.settings_path", lambda: tmp_path / "settings.json")
    window = _window(qtbot, csr)
    dialog = window.show_preferences()
    qtbot.waitUntil(lambda: dialog.store.count() == 3)
    dialog.store.setCurrentIndex(dialog.store.findData("B2B"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert window.settings.default_store == "B2B"
    assert window.new_order_flow.settings.default_store == "B2B"
