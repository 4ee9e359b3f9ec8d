"""The main window: a thin shell composing the navigator (left), the editors
(center), the side views of the current order (right), menus, a toolbar and
the status bar. It holds no business logic; editors and dialogs do the work.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from . import keyboard
from .demo_banner import DemoBanner, above
from .editor_base import ASSOCIATIONS, PROMOTIONS, Editor
from .editor_tabs import EditorTabs, confirm_unsaved
from .import_dialog import ImportDialog, import_action
from .live_updates import LiveUpdates, follow_customers
from .navigator import Navigator
from .new_order import NewOrderFlow
from .status_bar import DeskStatusBar
from .welcome import WelcomePage

if TYPE_CHECKING:
    from ..api import Desk
    from .preferences import Settings

STATUS_MESSAGE_MS = 15_000


class _ChangeRelay(QObject):
    """Desk listeners run on worker threads; this hops to the GUI thread."""

    changed = Signal(object)


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, database: str, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.database = database
        self.settings = settings
        self.closing_confirmed = False
        self.locks_settled = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"Sales Center — {desk.user.username}")
        self.tabs = EditorTabs(desk, self)
        self.live = LiveUpdates(desk, self.tabs, self,
                                say=lambda text: self.status.showMessage(text, STATUS_MESSAGE_MS))
        self.live.start()
        self.welcome = WelcomePage(self)
        self.center = QStackedWidget()
        self.center.addWidget(self.welcome)
        self.center.addWidget(self.tabs)
        self.demo_banner = DemoBanner(desk)
        self.setCentralWidget(above(self.demo_banner, self.center))
        self.status = DeskStatusBar(desk.user.username, desk.user.role, database, self)
        self.setStatusBar(self.status)
        self.navigator = Navigator(desk, self)
        self.navigator_dock = self._dock("Navigator", "navigatorDock", self.navigator,
                                         Qt.DockWidgetArea.LeftDockWidgetArea)
        self.associations = QStackedWidget()
        self.promotions = QStackedWidget()
        for stack, text in ((self.associations, "Merchandising associations of the current order"),
                            (self.promotions, "Marketing promotions for the current order")):
            empty = QLabel(f"{text} appear here.")
            empty.setWordWrap(True)
            empty.setObjectName("hint")
            stack.addWidget(empty)
        self.associations_dock = self._dock("Merchandising Associations", "associationsDock",
                                            self.associations, Qt.DockWidgetArea.RightDockWidgetArea)
        self.promotions_dock = self._dock("Marketing Promotions", "promotionsDock",
                                          self.promotions, Qt.DockWidgetArea.RightDockWidgetArea)
        self.new_order_flow = NewOrderFlow(desk, settings, self)
        self.new_order_flow.order_created.connect(self.open_order)
        self._build_actions()
        self._build_menus()
        keyboard.install(self, self.tabs,
                         lambda action: self.help_menu.insertAction(self.about_action, action))
        self.dialog_return = keyboard.DialogReturn(self, self.tabs)
        self._wire()
        self.resize(1280, 800)
        self.navigator.setMinimumWidth(230)
        self.associations.setMinimumWidth(300)
        self.promotions.setMinimumWidth(300)
        self._restore_geometry()
        self._relay = _ChangeRelay(self)
        self._relay.changed.connect(self._on_changes)
        self._navigator_timer = QTimer(self)
        self._navigator_timer.setSingleShot(True)
        self._navigator_timer.setInterval(400)
        self._navigator_timer.timeout.connect(self.navigator.refresh)
        desk.subscribe(self._listen)
        self.navigator.refresh()
        from . import audit_view, ticklers  # the rep's day: TKL-1, AUD-1

        self.ticklers, self.audit_action = ticklers.install(self), audit_view.install(self)
        from . import admin  # ADM-1: the menu only; the screens load when first opened

        self.admin_actions = admin.install(self)

    # -- building ----------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: Any, shortcut: str | QKeySequence.StandardKey = "",
                name: str = "", tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setObjectName(name or text.replace("&", "").replace("…", "").strip())
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.new_order_action = a("&New Order…", self.new_order, "Ctrl+O", "newOrder",
                                  "Start an order for a customer or a guest (Ctrl+O)")
        self.guest_order_action = a("New &Guest Order…", self.new_order_flow.start_guest, "Ctrl+Shift+G",
                                    "newGuestOrder", "Start an order for an unregistered guest")
        self.new_customer_action = a("New C&ustomer…", self.new_customer, "Ctrl+Shift+N", "newCustomer",
                                     "Register a new customer")
        self.find_order_action = a("Find &Order…", self.find_order, "Ctrl+F", "findOrder",
                                   "Find orders by number, customer, date, store or status (Ctrl+F)")
        self.find_customer_action = a("Find &Customer…", self.find_customer, "Ctrl+Shift+F",
                                      "findCustomer", "Find a customer by name, email or phone")
        self.save_action = a("&Save", self.save_current, QKeySequence.StandardKey.Save, "save",
                             "Save the changes of the current editor")
        self.close_tab_action = a("&Close Editor", self.close_current, "Ctrl+W", "closeEditor")
        self.import_dialog: ImportDialog | None = None
        self.import_action = import_action(self, self.desk, lambda d: setattr(self, "import_dialog", d))
        self.preferences_action = a("&Preferences…", self.show_preferences, "Ctrl+,", "preferences",
                                    "Default store, shipping method, results per page, database")
        self.quit_action = a("&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")
        self.refresh_navigator_action = a("&Refresh Navigator", self.navigator.refresh, "Ctrl+R",
                                          "refreshNavigator")
        self.about_action = a("&About Sales Center", self.show_about, "", "about")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for item in (self.new_order_action, self.guest_order_action, self.new_customer_action, None,
                     self.save_action, self.close_tab_action, None, self.import_action, None,
                     self.preferences_action, None,
                     self.quit_action):
            file_menu.addSeparator() if item is None else file_menu.addAction(item)
        find_menu = bar.addMenu("F&ind")
        find_menu.addAction(self.find_order_action)
        find_menu.addAction(self.find_customer_action)
        self.order_menu: QMenu = bar.addMenu("&Order")
        view_menu = bar.addMenu("&View")
        for dock in (self.navigator_dock, self.associations_dock, self.promotions_dock):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_navigator_action)
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.new_order_action, self.find_order_action, self.find_customer_action,
                       self.new_customer_action, self.save_action):
            self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)
        self._update_order_actions(None)

    def _wire(self) -> None:
        self.tabs.current_editor_changed.connect(self._current_changed)
        self.tabs.editor_status_changed.connect(self._editor_status)
        self.tabs.open_order_requested.connect(self.open_order)
        self.tabs.open_customer_requested.connect(self.open_customer)
        self.tabs.editor_opened.connect(self._editor_opened)
        self.tabs.editor_closed.connect(self._editor_closed)
        self.navigator.order_activated.connect(self.open_order)
        self.navigator.customer_activated.connect(self.open_customer)
        self.welcome.new_order.connect(self.new_order)
        self.welcome.find_order.connect(self.find_order)
        self.welcome.find_customer.connect(self.find_customer)

    # -- editors -----------------------------------------------------------------
    def open_order(self, order_id: int) -> Editor:
        return self.tabs.open("order", order_id)

    def open_customer(self, customer_id: int) -> Editor:
        return self.tabs.open("customer", customer_id)

    def open_return(self, return_id: int) -> Editor:
        return self.tabs.open("return", return_id)

    def current_editor(self) -> Editor | None:
        return self.tabs.current()

    def _editor_opened(self, editor: Editor) -> None:
        self.center.setCurrentWidget(self.tabs)
        panels = editor.side_panels()
        for key, stack in self._side_stacks():
            if key in panels:
                stack.addWidget(panels[key])
        if editor is self.tabs.current():
            # The first tab turns current inside addTab, before its side views were docked.
            self._current_changed(editor)

    def _editor_closed(self, editor: Editor) -> None:
        if not self.tabs.count():
            self.center.setCurrentWidget(self.welcome)
            self._current_changed(None)

    def _current_changed(self, editor: Editor | None) -> None:
        self.status.show_order(self.tabs.status_of(editor))
        self._update_order_actions(editor)
        panels = editor.side_panels() if editor is not None else {}
        for key, stack in self._side_stacks():
            widget = panels.get(key)
            stack.setCurrentIndex(max(0, stack.indexOf(widget)) if widget is not None else 0)

    def _side_stacks(self) -> tuple[tuple[str, QStackedWidget], ...]:
        return ((ASSOCIATIONS, self.associations), (PROMOTIONS, self.promotions))

    def _editor_status(self, editor: Editor, view: Any) -> None:
        if editor is self.tabs.current():
            self.status.show_order(view)
            self._update_order_actions(editor)

    def _update_order_actions(self, editor: Editor | None) -> None:
        """The Order menu: starting and finding orders, then the current editor's own commands."""
        self.order_menu.clear()
        for action in (self.new_order_action, self.guest_order_action, self.find_order_action):
            self.order_menu.addAction(action)
        if editor is not None and editor.menu_actions():
            self.order_menu.addSeparator()
            self.order_menu.addActions(editor.menu_actions())
        self.save_action.setEnabled(editor is not None)
        self.close_tab_action.setEnabled(editor is not None)

    def save_current(self) -> None:
        editor = self.tabs.current()
        if editor is not None:
            editor.save()

    def close_current(self) -> None:
        self.tabs.close_editor(self.tabs.current())

    # -- dialogs -------------------------------------------------------------------
    def new_order(self) -> None:
        editor = self.tabs.current()
        if editor is not None and editor.kind == "customer":
            self.new_order_flow.start(customer_id=editor.object_id)
        else:
            self.new_order_flow.start()

    def find_order(self) -> Any:
        from .find_order import FindOrderDialog

        dialog = FindOrderDialog(self.desk, self, page_size=self.settings.results_per_page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.order_chosen.connect(self.open_order)
        dialog.show()
        dialog.activateWindow()
        return dialog

    def find_customer(self) -> Any:
        from .find_customer import FindCustomerDialog

        dialog = FindCustomerDialog(self.desk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.customer_chosen.connect(lambda customer: self.open_customer(customer.id))
        dialog.show()
        dialog.activateWindow()
        return dialog

    def new_customer(self) -> Any:
        from .find_customer import NewCustomerDialog

        dialog = NewCustomerDialog(self.desk, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda customer: self.open_customer(customer.id))
        dialog.show()
        return dialog

    def show_preferences(self) -> Any:
        from .preferences import PreferencesDialog

        dialog = PreferencesDialog(self.desk, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._settings_saved(dialog.settings))
        dialog.show()
        return dialog

    def _settings_saved(self, settings: Settings) -> None:
        self.settings = settings
        self.new_order_flow.settings = settings

    def show_about(self) -> Any:
        from .about_dialog import AboutDialog

        dialog = AboutDialog(self.database, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # -- changes made elsewhere on this desk ----------------------------------------
    def _listen(self, changes: Any) -> None:
        # RuntimeError: the window is gone, so there is nothing left to refresh.
        with contextlib.suppress(RuntimeError):
            self._relay.changed.emit(changes)

    def _on_changes(self, changes: Any) -> None:
        self._navigator_timer.start()
        orders = set(getattr(changes, "orders", ()))
        if orders:
            follow_customers(self.tabs, orders, unknown_too=True)
        for customer_id in getattr(changes, "customers", ()):
            editor = self.tabs.editors.get(("customer", customer_id))
            if editor is not None:
                editor.refresh()

    # -- geometry and closing ----------------------------------------------------------
    def _restore_geometry(self) -> None:
        stored = QSettings("SalesCenter", "SalesCenter")
        geometry, state = stored.value("main/geometry"), stored.value("main/state")
        if geometry is not None:
            self.restoreGeometry(geometry)  # type: ignore[arg-type]
        if state is not None:
            self.restoreState(state)  # type: ignore[arg-type]

    def save_geometry(self) -> None:
        stored = QSettings("SalesCenter", "SalesCenter")
        stored.setValue("main/geometry", self.saveGeometry())
        stored.setValue("main/state", self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        dirty = self.tabs.dirty_editors()
        if dirty and not self.closing_confirmed:
            what = (self.tabs.tabText(self.tabs.indexOf(dirty[0])) if len(dirty) == 1
                    else f"{len(dirty)} open editors")
            answer = confirm_unsaved(self, what)
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                event.ignore()
                self._save_then_close(dirty)
                return
        if not self.locks_settled and not self.tabs.settle_all(
                lambda: QTimer.singleShot(0, self._close_settled)):
            event.ignore()  # an editor asked about its edit lock; the answer closes the window
            return
        self.live.stop()
        if self.ticklers.reminder is not None:
            self.ticklers.reminder.timer.stop()  # a closed window looks for nothing more
        self.save_geometry()
        event.accept()

    def _close_settled(self) -> None:
        self.closing_confirmed = self.locks_settled = True  # each editor agreed; none asks twice
        self.close()

    def _save_then_close(self, dirty: list[Editor]) -> None:
        waiting = set(dirty)

        def one_saved(editor: Editor) -> None:
            waiting.discard(editor)
            if not waiting:
                self.closing_confirmed = True
                # Not from inside the close event that asked: Qt ignores a nested close().
                QTimer.singleShot(0, self.close)

        for editor in dirty:
            editor.saved.connect(lambda e=editor: one_saved(e))
            editor.save()
