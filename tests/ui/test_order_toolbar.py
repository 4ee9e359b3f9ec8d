"""No order command hides: the editor's commands wrap onto another line when the window is
narrow (a toolbar dropped half of them behind an overflow button), and each is also in the
Order menu. The window itself fits a 1280-pixel screen with its docks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect

from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, settle


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


@pytest.fixture
def desk_style(qapp) -> Iterator[None]:
    """The style sheet the desktop runs with (its button padding decides what fits)."""
    from salescenter.ui.app import RESOURCES

    before = qapp.styleSheet()
    qapp.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(before)


def _hidden_commands(window, editor) -> list[str]:
    inside = window.rect()
    hidden = []
    for action in editor.toolbar.commands():
        button = editor.toolbar.button_for(action)
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not button.isVisible() or not inside.contains(where):
            hidden.append(action.objectName())
    return hidden


@pytest.mark.parametrize("width", [1280, 1366])
def test_ord_5_every_order_command_shows_in_a_narrow_window(qtbot, csr, world, width, desk_style):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 1)
    window = MainWindow(csr, "test database", Settings())
    qtbot.addWidget(window)
    window.resize(width, 800)
    window.show()
    editor = window.open_order(order.id)
    qtbot.waitUntil(lambda: editor.view is not None, timeout=TIMEOUT_MS)
    settle(qtbot, editor)
    for title in ("Summary", "Items", "Shipping", "Payments", "Returns"):
        editor.show_page(title)
        # What a rep (or the window manager) sizes it to; offscreen, a resize to the size the
        # widget already believes it has is dropped, so it goes by way of one pixel more.
        window.resize(width + 1, 800)
        qtbot.wait(30)
        window.resize(width, 800)
        qtbot.waitUntil(lambda: window.width() == width, timeout=TIMEOUT_MS)
        assert window.minimumSizeHint().width() <= width
        assert _hidden_commands(window, editor) == [], f"on the {title} page"
    names = {action.objectName() for action in window.order_menu.actions()}
    assert {action.objectName() for action in editor.toolbar.commands()} <= names
