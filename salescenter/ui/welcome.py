"""What the editor area shows while no editor is open: the day's starting points."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    new_order = Signal()
    find_order = Signal()
    find_customer = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel("Sales Center")
        title.setObjectName("welcomeTitle")
        subtitle = QLabel("Take an order, find an order or look up a customer.")
        subtitle.setObjectName("welcomeSubtitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        for row, (text, keys, signal) in enumerate((
            ("New Order", "Ctrl+O", self.new_order),
            ("Find Order", "Ctrl+F", self.find_order),
            ("Find Customer", "Ctrl+Shift+F", self.find_customer),
        )):
            button = QPushButton(text)
            button.setObjectName("welcomeButton")
            button.setMinimumWidth(200)
            button.clicked.connect(signal.emit)
            shortcut = QLabel(keys)
            shortcut.setObjectName("shortcutHint")
            grid.addWidget(button, row, 0)
            grid.addWidget(shortcut, row, 1)
        tips = QLabel(
            "Open orders and customers from the navigator on the left. The status bar shows "
            "the state of the order you are working on and who holds its lock."
        )
        tips.setWordWrap(True)
        tips.setObjectName("hint")
        tips.setFixedWidth(520)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (title, subtitle):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(18)
        layout.addLayout(grid)
        layout.setAlignment(grid, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(18)
        layout.addWidget(tips, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
