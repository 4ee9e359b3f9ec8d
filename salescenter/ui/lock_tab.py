"""LCK-5: a locked order's tab shows a lock instead of its close button and a red title, until
the lock is released (IBM Sales Center 003). The lock is drawn, so no image file has to ship."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QStyle, QTabBar, QWidget

LOCKED_COLOR = QColor("#b3261e")
ICON_SIZE = 14


def lock_pixmap(size: int = ICON_SIZE, color: QColor = LOCKED_COLOR) -> QPixmap:
    """A padlock: a shackle over a body."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, max(1.5, size / 8))
    painter.setPen(pen)
    shackle = QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.56)
    painter.drawArc(shackle, 0, 180 * 16)
    for x in (shackle.left(), shackle.right()):
        painter.drawLine(QLineF(x, shackle.center().y(), x, size * 0.5))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(size * 0.14, size * 0.46, size * 0.72, size * 0.5), 1.5, 1.5)
    painter.end()
    return pixmap


class TabLocks:
    """Marks tabs of one tab bar as locked and back, keeping each tab's own close button."""

    def __init__(self, bar: QTabBar) -> None:
        self.bar = bar
        self.close_buttons: dict[QWidget, QWidget | None] = {}  # editor -> its close button

    def side(self) -> QTabBar.ButtonPosition:
        position = self.bar.style().styleHint(QStyle.StyleHint.SH_TabBar_CloseButtonPosition, None, self.bar)
        return QTabBar.ButtonPosition(position)

    def show(self, index: int, editor: QWidget, locked_by: str | None) -> None:
        if index < 0:
            return
        side = self.side()
        if locked_by:
            if editor not in self.close_buttons:
                self.close_buttons[editor] = self.bar.tabButton(index, side)
                icon = QLabel()
                icon.setObjectName("tabLock")
                icon.setPixmap(lock_pixmap())
                self.bar.setTabButton(index, side, icon)
            shown = self.bar.tabButton(index, side)
            if shown is not None:
                shown.setToolTip(f"Locked for editing by {locked_by}")
            self.bar.setTabTextColor(index, LOCKED_COLOR)
        elif editor in self.close_buttons:
            lock = self.bar.tabButton(index, side)
            self.bar.setTabButton(index, side, self.close_buttons.pop(editor))
            if lock is not None:
                lock.deleteLater()
            self.bar.setTabTextColor(index, QColor())  # the style's own color again

    def forget(self, editor: QWidget) -> None:
        self.close_buttons.pop(editor, None)

    def is_locked(self, index: int) -> bool:
        button = self.bar.tabButton(index, self.side())
        return button is not None and button.objectName() == "tabLock"
