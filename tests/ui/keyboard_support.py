"""Driving the desktop with the keyboard alone: every key goes to the widget that has the
keyboard (as on a real desk), and each press is counted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.order_support import TIMEOUT_MS

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


class Keyboard:
    """``press`` and ``type`` send to ``QApplication.focusWidget()``, never to a chosen widget."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.log: list[str] = []

    def target(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, f"nothing has the keyboard after {self.log[-3:]}"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE, times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.target(), key, modifiers)
            self.count += 1
            self.log.append(f"{modifiers}+{key}")

    def type(self, text: str) -> None:
        for char in text:
            self.qtbot.keyClicks(self.target(), char)
            self.count += 1
        self.log.append(text)

    def wait(self, condition: Callable[[], object]) -> None:
        """Waiting is not a key: the rep looks at the screen until it shows what was asked."""
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=TIMEOUT_MS)


def focus_is(widget: QWidget) -> bool:
    return QApplication.focusWidget() is widget


def mnemonic(text: str) -> str | None:
    """The letter Alt takes in ``text`` ("Hol&d item" -> "d"); "&&" is a plain ampersand."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def mnemonics(window: QWidget) -> list[tuple[str, str]]:
    """(letter, what) for every mnemonic the rep can reach in ``window`` now: its menu bar's
    menus and the visible buttons, labelled fields and group boxes."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow

    found: list[tuple[str, str]] = []
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            found.append((mnemonic(action.text()) or "", f"menu {action.text()}"))
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.window() is window:
            found.append((mnemonic(button.text()) or "", f"button {button.text()}"))
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and label.window() is window:
            found.append((mnemonic(label.text()) or "", f"field {label.text()}"))
    for box in window.findChildren(QGroupBox):
        if box.isVisible() and box.isCheckable() and box.window() is window:
            found.append((mnemonic(box.title()) or "", f"group {box.title()}"))
    return [(letter, what) for letter, what in found if letter]


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Letters two reachable things share: Alt+letter would open the wrong one."""
    by_letter: dict[str, list[str]] = {}
    for letter, what in mnemonics(window):
        by_letter.setdefault(letter, []).append(what)
    return {letter: whats for letter, whats in by_letter.items() if len(whats) > 1}
