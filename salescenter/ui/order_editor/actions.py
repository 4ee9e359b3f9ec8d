"""The order actions (Submit, Edit, Finish edit, Hold, Release hold, Release to fulfillment, Cancel,
Cancel remaining lines, Reorder, Print) as QActions with shortcuts: the editor's toolbar shows them
and the main window may put the same actions in its menus (``OrderEditor.actions()``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from ...labels import fulfillment_label
from ..dialogs.reasons import CancelReasonDialog, CancelRemainderDialog, HoldDialog
from .commands import show_command
from .session import OrderSession

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ...services.views import OrderView



class OrderActions(QObject):
    order_created = Signal(int, str)  # Reorder made a new order: the shell opens it with its notices
    customer_requested = Signal(int)

    def __init__(self, session: OrderSession, editor: QWidget, print_document: Callable[[], None]) -> None:
        super().__init__(editor)
        self.session = session
        self.editor = editor
        self.desk = session.desk

        # The desk.orders action each command takes; the order's actions map decides them.
        self.takes: dict[QAction, str] = {}
        self.tips: dict[QAction, str] = {}

        def make(text: str, shortcut: str, slot: Callable[[], None], name: str, tip: str,
                 takes: str = "") -> QAction:
            action = QAction(text, editor)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tips[action] = f"{tip} ({QKeySequence(shortcut).toString()})"
            action.setStatusTip(self.tips[action])
            action.setToolTip(self.tips[action])
            action.triggered.connect(slot)
            editor.addAction(action)
            if takes:
                self.takes[action] = takes
            return action

        self.submit = make("&Submit", "Ctrl+Return", self.do_submit, "submit_order",
                           "Submit the order for payment authorization", "submit")
        self.edit = make("&Edit", "Ctrl+Shift+E", self.do_edit, "edit_order",
                         "Change a submitted order; it is locked to you while you edit", "begin_edit")
        self.finish_edit = make("&Finish edit / unlock", "Ctrl+Alt+U", self.do_finish_edit,
                                "finish_edit", "Check the order, recalculate it and release the lock",
                                "finish_edit")
        self.hold = make("&Hold...", "Ctrl+Shift+H", self.do_hold, "hold_order",
                         "Hold the order: it is not released for shipment", "hold")
        self.release_hold = make("Re&lease hold", "Ctrl+Shift+L", self.do_release_hold, "release_hold",
                                 "Release the order's hold", "release_hold")
        self.release = make("Release to ful&fillment", "Ctrl+Shift+R", self.do_release,
                            "release_order", "Send the paid order to fulfillment (no open blocks or holds)",
                            "release")
        self.cancel = make("&Cancel order...", "Ctrl+Shift+Del", self.do_cancel, "cancel_order",
                           "Cancel the order and all of its items", "cancel")
        self.cancel_remainder = make("Cancel re&maining lines...", "Ctrl+Shift+K", self.do_cancel_remainder,
                                     "cancel_remainder", "Cancel the lines of a released order that have "
                                     "not been packed or shipped", "cancel_remainder")
        self.reorder = make("&Reorder", "Ctrl+Shift+O", self.do_reorder, "reorder",
                            "Start a new order with this order's customer, address and items",
                            "create_from")
        self.print = make("&Print...", "Ctrl+P", print_document, "print_order", "Print the order summary")
        self.customer = make("C&ustomer", "Ctrl+Shift+C", self.do_open_customer, "open_customer",
                             "Open the customer of this order")
        self.associate = make("&Associate customer...", "Ctrl+Shift+A", self.do_associate,
                              "associate_customer", "Give this guest order a registered customer",
                              "associate_customer")
        self.refresh = make("Re&fresh", "F5", lambda: session.load(), "refresh_order", "Reload the order")
        session.changed.connect(self.update)
        self.update(None)

    def all(self) -> list[QAction]:
        return [self.submit, self.edit, self.finish_edit, self.hold, self.release_hold, self.release,
                self.cancel, self.cancel_remainder, self.reorder, self.print, self.customer, self.associate,
                self.refresh]

    def update(self, _view: OrderView | None = None) -> None:
        session, view = self.session, self.session.view
        quote = bool(view and view.is_quote)
        self.reorder.setText("Create &order from quote" if quote else "&Reorder")
        for action, takes in self.takes.items():
            show_command(action, session.refusal(takes), self.tips[action])
        self.print.setEnabled(view is not None)
        self.customer.setEnabled(bool(view and view.customer_id and not view.is_guest))

    def _refused(self, action: QAction) -> bool:
        """A command called while it is disabled says why in the message bar instead of acting."""
        if action.isEnabled():
            return False
        self.session.message.emit(action.toolTip(), "error")
        return True

    # the actions ------------------------------------------------------------------

    def do_submit(self) -> None:
        if self._refused(self.submit):
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.submit(order_id, expected_version=v),
                           lambda view: self._say(f"Order {view.number} was submitted."))

    def do_edit(self) -> None:
        if self._refused(self.edit):
            return
        orders, order_id = self.desk.orders, self.session.order_id

        def began(view: OrderView) -> None:
            self.session.began_edit = True
            self.session.changed.emit(view)  # redraw the pages as editable; the banner says it (MSG-1)

        self.session.apply(lambda v: orders.begin_edit(order_id, expected_version=v), began)

    def do_finish_edit(self) -> None:
        if self._refused(self.finish_edit):
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.finish_edit(order_id, expected_version=v),
                           lambda view: self._say(f"Edit finished; order {view.number} is unlocked."))

    def do_hold(self) -> None:
        view = self.session.view
        if view is None or self._refused(self.hold):
            return
        dialog = HoldDialog(f"order {view.number}", self.editor)
        orders, order_id = self.desk.orders, view.id

        def hold() -> None:
            reason = dialog.reason()
            self.session.apply(lambda v: orders.hold(order_id, reason, expected_version=v))

        self.session.open_dialog(dialog, hold)

    def do_release_hold(self) -> None:
        if self._refused(self.release_hold):
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.release_hold(order_id, expected_version=v))

    def do_cancel(self) -> None:
        view = self.session.view
        if view is None or self._refused(self.cancel):
            return
        dialog = CancelReasonDialog(view.number, self.editor)
        orders, order_id = self.desk.orders, view.id

        def cancel() -> None:
            reason = dialog.reason()
            self.session.apply(lambda v: orders.cancel(order_id, reason, expected_version=v))

        self.session.open_dialog(dialog, cancel)

    def do_release(self) -> None:
        if self._refused(self.release):
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.apply(lambda v: orders.release(order_id, expected_version=v),
                           lambda view: self._say(f"Order {view.number} was released to fulfillment."))

    def do_cancel_remainder(self) -> None:
        view = self.session.view
        if view is None or self._refused(self.cancel_remainder):
            return
        lines = [f"{item.sku} {fulfillment_label(item.fulfillment_status).lower()}" for item in view.items]
        dialog = CancelRemainderDialog(view.number, lines, self.editor)
        orders, order_id = self.desk.orders, view.id

        def cancel() -> None:
            reason = dialog.reason()
            self.session.apply(
                lambda v: orders.cancel_remainder(order_id, reason, expected_version=v),
                lambda done: self._say(f"The remaining lines of order {done.number} were canceled."))

        self.session.open_dialog(dialog, cancel)

    def do_reorder(self) -> None:
        if self.session.view is None or self._refused(self.reorder):
            return
        orders, order_id = self.desk.orders, self.session.order_id
        self.session.run(lambda: orders.create_from(order_id), self._reordered)

    def _reordered(self, view: OrderView) -> None:
        # What was left out is about the new order: it is said on the new order's tab.
        self._say(f"New order {view.number} was created from this one.")
        self.order_created.emit(view.id, " ".join(view.notices))

    def do_associate(self) -> None:
        if self._refused(self.associate):
            return
        from ..find_customer import FindCustomerDialog

        dialog = FindCustomerDialog(self.desk, self.editor)
        chosen: list[int] = []
        dialog.customer_chosen.connect(lambda customer: chosen.append(customer.id))
        orders, order_id = self.desk.orders, self.session.order_id

        def associate() -> None:
            if chosen:
                customer_id = chosen[-1]
                self.session.apply(
                    lambda v: orders.associate_customer(order_id, customer_id, expected_version=v))

        self.session.open_dialog(dialog, associate)

    def do_open_customer(self) -> None:
        view = self.session.view
        if view is not None and view.customer_id is not None and not view.is_guest:
            self.customer_requested.emit(view.customer_id)

    def _say(self, text: str) -> None:
        self.session.message.emit(text, "info")
