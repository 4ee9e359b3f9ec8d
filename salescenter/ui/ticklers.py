"""The Ticklers view (TKL-1): the rep's reminders, due ones first, worked from the keyboard.

``install(window)`` docks the view in the main window, adds New Tickler (Ctrl+T: for the
order or customer open in the current editor) and Show Ticklers (Ctrl+Shift+T), and
starts the reminder: every ``POLL_MS`` a worker asks the desk which ticklers are due,
and one that fell due since the last look is announced in the view's message bar and
the status bar. The desk decides everything; this view only shows its answers and
enables each command from the view's ``commands``.

Keys in the list: Enter opens the order or customer, Alt+A records an action, Alt+R
resolves, Alt+G reassigns, F5 reloads.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .calls import Calls
from .keyboard import PanelKeys
from .table_model import Column, RowsModel, show
from .tickler_dialogs import ActionDialog, NewTicklerDialog, ReassignDialog

if TYPE_CHECKING:
    from ..api import Desk

POLL_MS = 30_000
# The authority, in the desk's words, that lets a user see and reassign everyone's ticklers.
WORK_OTHERS = "Reassign and work others' ticklers"
MINE, EVERYONE = "mine", "everyone"
REASON_COLUMN = 1


def local(moment: datetime | None) -> datetime | None:
    """A time the desk keeps in UTC, as the rep's clock reads it."""
    return None if moment is None else moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def about(tickler: Any) -> str:
    if tickler.order_number:
        return f"Order {tickler.order_number}"
    if tickler.customer_name:
        return tickler.customer_name
    return f"Return {tickler.return_id}" if tickler.return_id else ""


class TicklerModel(RowsModel):
    columns = (
        Column("Due", lambda t: "Due" if t.due else ""),
        Column("Reason", lambda t: t.reason),
        Column("About", about),
        Column("Remind on", lambda t: local(t.remind_at)),
        Column("Assigned to", lambda t: t.assigned_to),
        Column("From", lambda t: t.created_by),
    )

    def tooltip(self, row: Any) -> str | None:
        return row.comment or None


class TicklerReminder(QObject):
    """Asks the desk, on a worker, which ticklers are due; announces each once."""

    # TicklerViews not announced before, and whether this was the first look (at sign-in)
    fell_due = Signal(list, bool)

    def __init__(self, desk: Desk, parent: QObject, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.desk = desk
        self.announced: set[int] = set()
        self.looked = False
        self.calls = Calls(self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.timer.start()
        self.check_now()

    def check_now(self) -> None:
        if not self.calls.is_idle():
            return  # the last look is still out: never two at once
        # A refusal (signed out, database busy) waits for the next look.
        self.calls.run(lambda: self.desk.ticklers.mine(due_only=True), self._looked,
                       on_refused=lambda _error: None)

    def _looked(self, due: list[Any]) -> None:
        fresh = [t for t in due if t.id not in self.announced]
        self.announced.update(t.id for t in fresh)
        first, self.looked = not self.looked, True
        if fresh:
            self.fell_due.emit(fresh, first)


# The panel's own keys, said on its buttons' tips (they work while the keyboard is in the view).
PANEL_KEYS = {"record": "Alt+A while in this view", "resolve": "Alt+R while in this view",
              "reassign": "Alt+G while in this view"}


class TicklersPanel(QWidget):
    open_order_requested = Signal(int)
    open_customer_requested = Signal(int)
    open_return_requested = Signal(int)
    loaded = Signal(list)  # the rows just shown

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticklersPanel")
        self.desk = desk
        # Set by install(): the dock, the window's actions and the reminder.
        self.reminder: TicklerReminder | None = None
        self.dock: QDockWidget | None = None
        self.new_action: QAction | None = None
        self.show_action: QAction | None = None
        self.calls = Calls(self, say=self.say)
        self.notice = QLabel()
        self.notice.setObjectName("ticklerNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.scope = QComboBox()
        self.scope.setObjectName("ticklerScope")
        self.scope.addItem("My ticklers and my role's", MINE)
        self.scope.addItem("Everyone's open ticklers", EVERYONE)
        self.scope.currentIndexChanged.connect(lambda _index: self.refresh())
        scope_label = QLabel("Show:")
        scope_label.setToolTip("Alt+W while in this view")
        scope_row = QHBoxLayout()
        scope_row.addWidget(scope_label)
        scope_row.addWidget(self.scope, 1)
        # Only those who may reassign see everyone's; the desk says who they are.
        for shown_if_allowed in (scope_label, self.scope):
            shown_if_allowed.setVisible(desk.can(WORK_OTHERS))
        self.message = QLabel()
        self.message.setObjectName("ticklerMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.model = TicklerModel(self)
        self.table = QTableView()
        self.table.setObjectName("ticklerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A long reason would push the rest out of a narrow dock: it keeps a width and elides.
        header.setSectionResizeMode(REASON_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(REASON_COLUMN, 220)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        self.details = QPlainTextEdit()
        self.details.setObjectName("ticklerDetails")
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(80)
        # The panel's keys work while the keyboard is in it (the editors beside it have their own).
        self.record_button = self._button("Record action…", "recordAction", self.record_selected)
        self.resolve_button = self._button("Resolve…", "resolveTickler", self.resolve_selected)
        self.reassign_button = self._button("Reassign…", "reassignTickler", self.reassign_selected)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.resolve_button, self.reassign_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.notice)
        layout.addLayout(scope_row)
        for widget in (self.message, self.table, self.details):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        reload_action = QAction("Reload", self)
        reload_action.setShortcut(QKeySequence("F5"))
        reload_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reload_action.triggered.connect(self.refresh)
        self.addAction(reload_action)
        self.keys = PanelKeys(self, {
            Qt.Key.Key_A: lambda: self.record_button.isEnabled() and self.record_selected(),
            Qt.Key.Key_R: lambda: self.resolve_button.isEnabled() and self.resolve_selected(),
            Qt.Key.Key_G: lambda: self.reassign_button.isEnabled() and self.reassign_selected(),
            Qt.Key.Key_W: lambda: self.scope.isVisible() and self.scope.setFocus(),
        })
        self._selection_changed()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- loading -------------------------------------------------------------------
    def refresh(self) -> None:
        if self.scope.currentData() == EVERYONE:
            self.calls.run(lambda: self.desk.ticklers.search(status="open", limit=500), self._loaded)
        else:
            self.calls.run(lambda: self.desk.ticklers.mine(), self._loaded)

    def _loaded(self, rows: list[Any]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        if rows and not self.table.selectionModel().hasSelection():
            keep = next((r for r, t in enumerate(rows) if chosen and t.id == chosen.id), 0)
            self.table.selectRow(keep)
        self._selection_changed()
        self.loaded.emit(rows)

    def selected(self) -> Any:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selection_changed(self) -> None:
        tickler = self.selected()
        for button, command in ((self.record_button, "record"), (self.resolve_button, "resolve"),
                                (self.reassign_button, "reassign")):
            why = None if tickler is None else tickler.commands.get(command, "")
            button.setEnabled(tickler is not None and why is None)
            button.setToolTip(why or PANEL_KEYS[command])
        self.details.setPlainText("" if tickler is None else self._describe(tickler))

    def _describe(self, tickler: Any) -> str:
        lines = [f"{tickler.reason} — {about(tickler)}", tickler.comment] if tickler.comment else [
            f"{tickler.reason} — {about(tickler)}"]
        lines += [f"{show(local(a.at))}  {a.user}: {a.text}" for a in tickler.actions]
        return "\n".join(lines)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- commands --------------------------------------------------------------------
    def open_selected(self) -> None:
        tickler = self.selected()
        if tickler is None:
            return
        if tickler.return_id is not None:  # a return waiting for approval opens in its editor
            self.open_return_requested.emit(tickler.return_id)
        elif tickler.order_id is not None:
            self.open_order_requested.emit(tickler.order_id)
        elif tickler.customer_id is not None:
            self.open_customer_requested.emit(tickler.customer_id)

    def record_selected(self) -> QWidget | None:
        return self._open_dialog(lambda t: ActionDialog(self.desk, t, resolve=False, parent=self))

    def resolve_selected(self) -> QWidget | None:
        return self._open_dialog(lambda t: ActionDialog(self.desk, t, resolve=True, parent=self),
                                 lambda view: f"Tickler resolved: {view.reason}.")

    def reassign_selected(self) -> QWidget | None:
        return self._open_dialog(lambda t: ReassignDialog(self.desk, t, parent=self))

    def _open_dialog(self, make: Any, said: Any = lambda _view: "") -> QWidget | None:
        tickler = self.selected()
        if tickler is None:
            return None
        dialog = make(tickler)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(lambda view: self._done(view, said(view)))
        dialog.open()
        return dialog

    def new_tickler(self, subject: dict[str, int], about_text: str) -> QWidget:
        dialog = NewTicklerDialog(self.desk, subject, about_text, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(lambda view: self._done(view, f"Tickler added for {view.assigned_to}."))
        dialog.open()
        return dialog

    def _done(self, view: Any, text: str = "") -> None:
        self.say(text)
        self.refresh()
        self.table.setFocus()  # the next key works the list again

    # -- reminders --------------------------------------------------------------------
    def show_due(self, fresh: list[Any]) -> str:
        first = fresh[0]
        text = (f"Tickler due: {first.reason} ({about(first)})" if len(fresh) == 1
                else f"{len(fresh)} ticklers due, first: {first.reason} ({about(first)})")
        self.notice.setText(text)
        self.notice.show()
        self.refresh()
        return text


def install(window: QMainWindow) -> TicklersPanel:
    """Dock the Ticklers view in the main window and start its reminder."""
    desk: Desk = window.desk  # type: ignore[attr-defined]
    panel = TicklersPanel(desk, window)
    dock = QDockWidget("Ticklers", window)
    dock.setObjectName("ticklersDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    navigator = getattr(window, "navigator_dock", None)
    if isinstance(navigator, QDockWidget):
        window.tabifyDockWidget(navigator, dock)  # the list gets the full height, one tab away
        QTimer.singleShot(0, navigator.raise_)  # the Navigator stays in front at start
    window.restoreDockWidget(dock)  # where the rep left it: the window restored its state before
    panel.open_order_requested.connect(window.open_order)  # type: ignore[attr-defined]
    panel.open_customer_requested.connect(window.open_customer)  # type: ignore[attr-defined]
    panel.open_return_requested.connect(window.open_return)  # type: ignore[attr-defined]

    def new_for_current() -> None:
        editor = window.current_editor()  # type: ignore[attr-defined]
        if editor is None or editor.kind not in ("order", "customer"):
            show_panel()
            panel.say("Open an order or a customer first: a tickler is about one of them.")
            return
        title = window.tabs.tabText(window.tabs.indexOf(editor))  # type: ignore[attr-defined]
        panel.new_tickler({f"{editor.kind}_id": editor.object_id}, title)

    def show_panel() -> None:
        dock.show()
        dock.raise_()
        panel.table.setFocus()

    new_action = QAction("New &Tickler…", window)
    new_action.setObjectName("newTickler")
    new_action.setShortcut(QKeySequence("Ctrl+T"))
    new_action.setStatusTip("A reminder on the open order or customer (Ctrl+T)")
    new_action.triggered.connect(lambda _checked=False: new_for_current())
    show_action = QAction("Show T&icklers", window)
    show_action.setObjectName("showTicklers")
    show_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
    show_action.triggered.connect(lambda _checked=False: show_panel())
    window.addAction(new_action)
    window.addAction(show_action)
    view_menu = next((a.menu() for a in window.menuBar().actions() if a.text() == "&View"), None)
    if isinstance(view_menu, QMenu):
        view_menu.addSeparator()
        view_menu.addActions([dock.toggleViewAction(), show_action, new_action])

    reminder = TicklerReminder(desk, panel)

    def announce(fresh: list[Any], at_sign_in: bool) -> None:
        text = panel.show_due(fresh)
        if at_sign_in:
            return  # what was due before the desk opened: the view's tab counts it
        # One fell due while the desk is open: say so, and bring the view's tab forward
        # (the keyboard stays where the rep is typing).
        window.statusBar().showMessage(text, 15_000)
        dock.show()
        dock.raise_()

    def count_due(rows: list[Any]) -> None:
        due = sum(1 for t in rows if t.due)
        dock.setWindowTitle(f"Ticklers ({due} due)" if due else "Ticklers")

    reminder.fell_due.connect(announce)
    panel.loaded.connect(count_due)
    panel.reminder, panel.dock = reminder, dock
    panel.new_action, panel.show_action = new_action, show_action
    panel.refresh()
    reminder.start()
    return panel
