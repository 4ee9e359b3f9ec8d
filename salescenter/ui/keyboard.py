"""The window's own chords (KEY-1), after IBM Sales Center's: Ctrl+PgUp/Ctrl+PgDn move between
the pages of the current editor, Ctrl+Tab/Ctrl+Shift+Tab between editors, Ctrl+M maximizes,
Shift+F10 opens the context menu of what has the keyboard, F1 shows the keyboard reference.

Where the keyboard lands matters as much: a page shown by its chord hands the keyboard to the
field the rep types in next (``landing``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from .editor_tabs import EditorTabs

# Keys that are not a QAction of the window (they belong to a list, a page or a dialog), for
# the reference; the window's own actions are read from the window itself.
OTHER_KEYS = (
    ("Ctrl+PgDown / Ctrl+PgUp", "Next / previous page of the current editor"),
    ("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous editor tab"),
    ("Shift+F10", "Context menu of the field or list you are in"),
    ("Enter", "Open the highlighted customer, order or tickler; add the highlighted product"),
    ("Down", "From a search box into its results"),
    ("F2", "Change the quantity or placed price of the chosen item"),
    ("Alt+underlined letter", "The button or field of that name"),
)


def first_field(widget: QWidget) -> QWidget | None:
    """The first widget in ``widget``'s tab order that takes the keyboard now."""
    candidate = widget.nextInFocusChain()
    while candidate is not None and candidate is not widget:
        if (widget.isAncestorOf(candidate) and candidate.isVisible() and candidate.isEnabled()
                and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


def landing(widget: QWidget) -> bool:
    """Give the keyboard to the field a page names (``landing_field()``) when it takes input
    now, else to ``widget``'s first field; False when nothing in it takes the keyboard."""
    named = None
    for holder in (widget, *widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)):
        field = getattr(holder, "landing_field", None)
        if callable(field):
            named = field()
            break
    target = named if isinstance(named, QWidget) and named.isEnabled() else first_field(widget)
    if target is not None:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    return target is not None


def step_tabs(tabs: QTabWidget, step: int) -> None:
    if tabs.count() > 1:
        tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())


def open_context_menu() -> None:
    """Shift+F10: what the Menu key does, for the widget that has the keyboard."""
    widget = QApplication.focusWidget()
    if widget is None:
        return
    position = QPoint(widget.width() // 2, widget.height() // 2)
    current = getattr(widget, "currentIndex", None)
    visual = getattr(widget, "visualRect", None)
    if callable(current) and callable(visual):
        index = current()
        if index.isValid():  # a list: at the highlighted row, as the Menu key opens it
            position = visual(index).center()
    target = getattr(widget, "viewport", lambda: widget)()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, position, target.mapToGlobal(position))
    QApplication.sendEvent(target, event)


class PanelKeys(QObject):
    """Alt+letter keys that belong to one panel and work only while the keyboard is in it.

    A docked panel shares its window with the editors, so a mnemonic of its own (a button's
    "&Resolve") would clash with an editor's ("&Remove item"). Claiming the key while the
    panel has the keyboard (``ShortcutOverride``) keeps it from the window's shortcuts.
    """

    def __init__(self, panel: QWidget, keys: dict[Qt.Key, Callable[[], object]]) -> None:
        super().__init__(panel)
        self.keys = keys
        for widget in (panel, *panel.findChildren(QWidget)):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
                and isinstance(event, QKeyEvent)
                and event.modifiers() == Qt.KeyboardModifier.AltModifier
                and Qt.Key(event.key()) in self.keys):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.keys[Qt.Key(event.key())]()
            return True
        return super().eventFilter(watched, event)


class DialogReturn(QObject):
    """When a dialog of the window closes, the keyboard comes back to the window (a window
    manager does it, the offscreen platform does not) and, when it would land nowhere useful,
    to the current editor's next field (a new order opened by the dialog: Find product)."""

    def __init__(self, window: QMainWindow, tabs: EditorTabs) -> None:
        super().__init__(window)
        self.window, self.tabs = window, tabs
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QDialog):
            parent = watched.parentWidget()
            if parent is not None and parent.window() is self.window:
                QTimer.singleShot(0, self._returned)
        return False

    def _returned(self) -> None:
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return  # another dialog has the keyboard now
        if QApplication.activeWindow() is None:
            self.window.activateWindow()
        editor, focus = self.tabs.current(), self.window.focusWidget()
        if editor is not None and (focus is None or not focus.isVisible()):
            editor.take_keyboard()  # on a page the dialog's new editor now covers


class KeyboardReference(QDialog):
    """F1: every key of the window, read from its actions, and the keys of lists and pages."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("keyboardReference")
        self.setWindowTitle("Keyboard reference")
        rows = reference_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("keyTable")
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, does) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(does))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def keys(self) -> list[str]:
        cells = (self.table.item(row, 0) for row in range(self.table.rowCount()))
        return [cell.text() for cell in cells if cell is not None]


def reference_rows(window: QMainWindow) -> list[tuple[str, str]]:
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys and keys not in rows:
            rows[keys] = action.text().replace("&", "").rstrip(".…")
    listed = sorted(rows.items(), key=lambda row: row[1].lower())
    return listed + list(OTHER_KEYS)


def install(window: QMainWindow, tabs: EditorTabs, help_menu_action: Callable[[QAction], None]) -> None:
    """The window-wide chords; an editor's pages are its ``page_tabs()``."""

    def pages(step: int) -> None:
        editor = tabs.current()
        pages_widget = editor.page_tabs() if editor is not None else None
        if pages_widget is not None:
            step_tabs(pages_widget, step)
            landing(pages_widget.currentWidget())

    def editors(step: int) -> None:
        step_tabs(tabs, step)
        editor = tabs.current()
        if editor is not None:
            editor.take_keyboard()

    def maximize() -> None:
        window.showNormal() if window.isMaximized() else window.showMaximized()

    def reference() -> None:
        dialog = KeyboardReference(window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.activateWindow()

    for keys, name, text, slot in (
        ("Ctrl+PgDown", "nextPage", "Next page", lambda: pages(1)),
        ("Ctrl+PgUp", "previousPage", "Previous page", lambda: pages(-1)),
        ("Ctrl+Tab", "nextEditor", "Next editor", lambda: editors(1)),
        ("Ctrl+Shift+Tab", "previousEditor", "Previous editor", lambda: editors(-1)),
        ("Ctrl+M", "maximize", "Maximize or restore the window", maximize),
        ("Shift+F10", "contextMenu", "Context menu", open_context_menu),
    ):
        action = QAction(text, window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False, run=slot: run())
        window.addAction(action)
    keys_action = QAction("&Keyboard Reference", window)
    keys_action.setObjectName("keyboardReference")
    keys_action.setShortcut(QKeySequence("F1"))
    keys_action.triggered.connect(lambda _checked=False: reference())
    help_menu_action(keys_action)
