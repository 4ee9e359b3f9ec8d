"""The order editor: one tab per order with its pages, its actions and the lock banner.

A locked order (LCK-1) opens read-only with "Order locked for editing (USER)".
While this rep's edit is open the lock lease is renewed on a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import ConflictError, SalesCenterError
from ..command_bar import CommandBar
from ..editor_base import ASSOCIATIONS, PROMOTIONS, Editor
from .actions import OrderActions
from .activity_pages import HistoryPage, NotesPage
from .blocks_page import BlocksPage
from .items_page import ItemsPage
from .page import OrderPage
from .page_tabs import PageTabs
from .payments_page import PaymentsPage
from .returns_page import ReturnsPage
from .session import OrderSession
from .shipping_page import ShippingPage
from .summary_page import SummaryPage

if TYPE_CHECKING:
    from ...api import Desk
    from ...services.views import OrderView

# The lease is 15 minutes; renewing every 5 survives a missed renewal or two.
LOCK_RENEW_MS = 5 * 60 * 1000

BANNER_STYLES = {
    "locked": "background:#fde2e1; color:#7a1c16; border:1px solid #e0a39f;",
    "editing": "background:#e3f1e0; color:#1f4d1a; border:1px solid #a8cfa0;",
    "info": "background:#e6eef9; color:#19365e; border:1px solid #a9c0e3;",
}
MESSAGE_STYLES = {
    "error": "background:#fde2e1; color:#7a1c16;",
    "warning": "background:#fff4d6; color:#5e4300;",
    "info": "background:#e6eef9; color:#19365e;",
}


class MessageBar(QWidget):
    """What the last action said, shown in the editor instead of a dialog the rep must dismiss.

    A message is about the order as it was when it was said (MSG-1): once a later change
    succeeds (here or on another desk) its cause may be gone, so a newer version of the order
    clears it ("SUMMER15 is not valid" after HEADSET20 applied, "...is unlocked" once csr2
    locked it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("message_text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.kind = ""
        self.version: int | None = None  # the order's version the message speaks of
        self.hide()

    def show_message(self, text: str, kind: str, version: int | None = None) -> None:
        self.kind = kind
        self.version = version
        self.label.setText(text)
        self.setStyleSheet(MESSAGE_STYLES.get(kind, ""))
        self.show()

    def order_changed(self, version: int) -> None:
        """A newer order than the message speaks of: its cause is gone, and so is it."""
        if self.version is not None and version > self.version:
            self.dismiss()

    def dismiss(self) -> None:
        self.label.clear()
        self.kind = ""
        self.version = None
        self.hide()

    def text(self) -> str:
        """What the bar says (also while its tab is in the background)."""
        return self.label.text()


class OrderEditor(Editor):
    kind = "order"

    def __init__(self, desk: Desk, object_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, object_id, parent)
        self.session = OrderSession(desk, object_id, self)
        # Before the pages redraw (they connect later): did this editor have the keyboard?
        self._had_keyboard = False
        self.session.changed.connect(lambda _view: self._note_keyboard())
        self.banner = QLabel()
        self.banner.setObjectName("lock_banner")
        self.banner.setWordWrap(True)
        self.banner.setMargin(6)
        self.banner.hide()
        self.message_bar = MessageBar()
        self.header = QLabel("Opening the order...")
        self.header.setObjectName("order_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)

        self.tabs = PageTabs(self.session, (SummaryPage, ItemsPage, ShippingPage, PaymentsPage,
                                            BlocksPage, ReturnsPage, NotesPage, HistoryPage))
        self.tabs.setObjectName("order_pages")
        # Pages that fetch what their fields offer (methods, address book, block reasons) are
        # built now, so a rep tabbing in finds them filled; Notes and History wait for a visit.
        for eager in (SummaryPage, ItemsPage, ShippingPage, PaymentsPage, BlocksPage):
            self.tabs.page(eager)
        self.items.hold_item_requested.connect(lambda item_id, sku: self.blocks.hold_item(item_id, sku))

        self.order_actions = OrderActions(self.session, self, lambda: self.summary.print_document())
        self.order_actions.order_created.connect(self._open_created)
        self.order_actions.customer_requested.connect(self.open_customer_requested)
        self.toolbar = CommandBar()  # wraps instead of hiding commands when narrow
        self.toolbar.setObjectName("orderCommands")
        for action in self.order_actions.all():
            self.toolbar.add(action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

        self.lock_timer = QTimer(self)
        self.lock_timer.setInterval(LOCK_RENEW_MS)
        self.lock_timer.timeout.connect(self.renew_lock)
        self._saving: list[OrderPage] = []
        self.close_question: QMessageBox | None = None
        self._panels_docked = False
        self._opened = False
        self._notice = ""

        self.session.changed.connect(self._show_order)
        self.session.message.connect(self._say)
        self.session.idle_changed.connect(self._idle_changed)
        # The shell calls refresh() once the tab is in place; so does a test.

    # the editor contract ---------------------------------------------------------------

    @property
    def view(self) -> OrderView | None:
        return self.session.view

    @property
    def pages(self) -> list[OrderPage]:
        """The pages built so far (only those can hold typed changes)."""
        return self.tabs.built_pages()

    @property
    def summary(self) -> SummaryPage:
        return self.tabs.page(SummaryPage)

    @property
    def items(self) -> ItemsPage:
        return self.tabs.page(ItemsPage)

    @property
    def shipping(self) -> ShippingPage:
        return self.tabs.page(ShippingPage)

    @property
    def payments(self) -> PaymentsPage:
        return self.tabs.page(PaymentsPage)

    @property
    def blocks(self) -> BlocksPage:
        return self.tabs.page(BlocksPage)

    @property
    def returns(self) -> ReturnsPage:
        return self.tabs.page(ReturnsPage)

    @property
    def notes(self) -> NotesPage:
        return self.tabs.page(NotesPage)

    @property
    def history(self) -> HistoryPage:
        return self.tabs.page(HistoryPage)

    def refresh(self) -> None:
        self.session.load()

    def has_unsaved_changes(self) -> bool:
        return any(page.has_unsaved_changes() for page in self.pages)

    def save(self) -> None:
        """Apply every typed change, one page after another; ``saved`` when all went through."""
        self._saving = [page for page in self.pages if page.has_unsaved_changes()]
        self._save_next()

    def discard(self) -> None:
        for page in self.pages:
            page.discard()

    def before_close(self, close: Callable[[], None]) -> None:
        """Closing while this editor holds the edit lock asks what becomes of the lock.

        Finish runs Finish edit first and closes only when it went through (LCK-2: a
        refused finish keeps the order locked, so the tab stays open and says why);
        Keep it locked closes and leaves the lock to its lease; Cancel keeps the tab.
        """
        view = self.session.view
        if view is None or not (self.session.editing() and self.session.began_edit):
            close()
            return
        question = QMessageBox(QMessageBox.Icon.Question, "Order locked for your edit",
                               f"You are still editing order {view.number}; it is locked to you.",
                               QMessageBox.StandardButton.NoButton, self)
        question.setInformativeText(
            "Finish the edit to check the order and release the lock, or keep it locked to "
            "continue later (the lock lapses 15 minutes after this tab closes).")
        finish = question.addButton("&Finish the edit (release the lock)",
                                    QMessageBox.ButtonRole.AcceptRole)
        keep = question.addButton("&Keep it locked", QMessageBox.ButtonRole.DestructiveRole)
        cancel = question.addButton(QMessageBox.StandardButton.Cancel)
        question.setDefaultButton(finish)
        question.setEscapeButton(cancel)
        self.close_question = question

        def answered() -> None:
            chosen = question.clickedButton()
            self.close_question = None
            question.deleteLater()
            if chosen is keep:
                close()
            elif chosen is finish:
                self._finish_then_close(close)

        question.finished.connect(lambda *_: answered())
        question.open()

    def _finish_then_close(self, close: Callable[[], None]) -> None:
        orders, order_id = self.desk.orders, self.object_id

        def refused(error: SalesCenterError) -> None:
            if isinstance(error, ConflictError):
                self.session.refused(error)
            else:
                self.session.message.emit(f"The tab stays open because the edit could not be finished. "
                                          f"{error}", "error")

        self.session.apply(lambda v: orders.finish_edit(order_id, expected_version=v),
                           lambda _view: close(), refused)

    def side_panels(self) -> dict[str, QWidget]:
        """The associations and promotions panels move to the main window's side docks."""
        if not self._panels_docked:  # the first time: the docks hold them from now on
            self._panels_docked = True
            self.items.side.hide()
            for panel in (self.items.associations, self.items.promotions):
                self.destroyed.connect(panel.deleteLater)
        return {ASSOCIATIONS: self.items.associations, PROMOTIONS: self.items.promotions}

    def menu_actions(self) -> list[QAction]:
        """The order actions, for the main window's Order menu."""
        return self.order_actions.all()

    def is_idle(self) -> bool:
        return self.session.is_idle()

    def show_page(self, title: str) -> None:
        self.tabs.show_title(title)

    def take_keyboard(self) -> None:
        """Find product while items may be added (KEY-1), else the current page's first field."""
        if self.session.allows("add_item") and self.tabs.currentIndex() == 0:
            self.show_page(ItemsPage.title)
        super().take_keyboard()

    def _keyboard_after_change(self) -> None:
        """The first view lands the keyboard; later, a field disabled under the rep's hands
        (Submit or Finish edit turns the pages read-only) hands it back to the editor, so the
        next chord (Ctrl+Shift+H, Ctrl+Shift+R) reaches this editor's commands. The window's
        own focus is asked, so a dialog still closing does not stop it."""
        if not self.isVisible():
            return
        focus = self.window().focusWidget()
        if not self._opened:
            self._opened = True
            self.take_keyboard()
        elif self._had_keyboard and (focus is None or not focus.isEnabled() or not focus.isVisible()
                                     or not self.isAncestorOf(focus)):
            self.take_keyboard()  # Qt passed it on to the next widget, outside this editor

    def _note_keyboard(self) -> None:
        focus = self.window().focusWidget()
        self._had_keyboard = focus is not None and self.isAncestorOf(focus)

    # internals ------------------------------------------------------------------------------

    def _save_next(self) -> None:
        while self._saving:
            page = self._saving[0]
            if page.save():
                return  # _idle_changed continues once the change answered
            self._saving.pop(0)
        self.saved.emit()

    def _idle_changed(self, idle: bool) -> None:
        if not idle or not self._saving:
            return
        page = self._saving.pop(0)
        if page.has_unsaved_changes():
            self._saving.clear()  # it failed: the message bar says why; the tab stays open
            return
        self._save_next()

    def renew_lock(self) -> None:
        if not (self.session.editing() and self.session.began_edit):
            self.lock_timer.stop()
            return
        orders, order_id = self.desk.orders, self.object_id
        self.session.apply(lambda _version: orders.renew_lock(order_id))

    def _open_created(self, order_id: int, notice: str) -> None:
        self.open_order_requested.emit(order_id)
        if notice:
            self.notice_for_order.emit(order_id, notice)

    def _say(self, text: str, kind: str) -> None:
        view = self.session.view
        self.message_bar.show_message(text, kind, view.version if view is not None else None)

    def show_notice(self, text: str) -> None:
        """A notice about this order said elsewhere (Reorder's "left out" on the new order)."""
        if self.view is None:
            self._notice = text  # said once the order is shown, so the first view keeps it
        else:
            self._say(text, "warning")

    def _show_order(self, view: OrderView) -> None:
        self.message_bar.order_changed(view.version)
        if self._notice:
            self._notice, notice = "", self._notice
            self._say(notice, "warning")
        kind = "Quote" if view.is_quote else "Order"
        self.title_changed.emit(f"{kind} {view.number}")
        status = view.status_label
        customer = view.customer_name + (" (guest)" if view.is_guest else "")
        self.header.setText(
            f"<b>{kind} {view.number}</b> &nbsp; {customer} &nbsp; Store {view.store} &nbsp; "
            f"<b>{status}</b> &nbsp; Total {view.total:,.2f} {view.currency}"
        )
        if self.session.locked_by_other():
            self._banner(f"Order locked for editing ({view.locked_by}). You can view it but not change it.",
                         "locked")
        elif self.session.lock_elsewhere():
            self._banner("You hold this order's edit lock in another session. Choose Edit "
                         "(Ctrl+Shift+E) to continue the edit here.", "locked")
        elif self.session.editing():
            self._banner("You are editing this order; it is locked to you. Finish edit / unlock "
                         "(Ctrl+Alt+U) checks it and releases the lock.", "editing")
        elif self.session.allows("begin_edit"):
            self._banner("This order was submitted. Choose Edit (Ctrl+Shift+E) to change its items, "
                         "prices or shipping.", "info")
        elif view.is_quote:
            expires = f", valid until {view.quote_expires:%Y-%m-%d}" if view.quote_expires else ""
            self._banner(f"This is a quote{expires}. Reorder (Ctrl+Shift+O) turns it into an order.", "info")
        else:
            self.banner.hide()
        if self.session.editing() and self.session.began_edit:
            if not self.lock_timer.isActive():
                self.lock_timer.start()
        else:
            self.lock_timer.stop()
        self.status_changed.emit(view)
        self._keyboard_after_change()

    def _banner(self, text: str, kind: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(BANNER_STYLES[kind])
        self.banner.show()
