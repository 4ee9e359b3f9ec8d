"""One open order shared by the pages of its editor: the current view and the one way to change it.

Every change goes through ``apply``: it sends the version the rep is looking at
(``expected_version``), runs on a worker, and answers with the new view and
history. A change someone else made first comes back as a ConflictError: the
rep is told who changed it and the order is reloaded, never overwritten.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...errors import ConflictError, SalesCenterError, WarningRequired
from ..calls import Calls
from .commands import LOADING, reason_in

if TYPE_CHECKING:
    from ...api import Desk
    from ...services.views import HistoryEntryView, OrderView

class OrderSession(QObject):
    changed = Signal(object)  # OrderView
    history_loaded = Signal(list)  # list[HistoryEntryView]
    message = Signal(str, str)  # text, kind ("error", "warning", "info")
    idle_changed = Signal(bool)

    def __init__(self, desk: Desk, order_id: int, owner: QObject) -> None:
        super().__init__(owner)
        self.desk = desk
        self.order_id = order_id
        self.owner = owner
        self.view: OrderView | None = None
        self.history: list[HistoryEntryView] = []
        self.calls = Calls(owner, say=lambda text: self.message.emit(text, "error"))
        self.calls.idle_changed.connect(self.idle_changed)
        self.active_dialog: QDialog | None = None
        self._changes: deque[tuple[Callable[[int | None], OrderView],
                                   Callable[[OrderView], None] | None,
                                   Callable[[SalesCenterError], None] | None]] = deque()
        self._changing = False
        # Edit was chosen in this editor: the service fences saves from other sessions of the
        # same user, so a lock of ours taken elsewhere must be taken over here first.
        self.began_edit = False

    # what the rep may do ------------------------------------------------------

    @property
    def me(self) -> str:
        return self.desk.user.username

    def locked_by_other(self) -> bool:
        view = self.view
        return bool(view and view.locked_by and view.locked_by != self.me)

    def editing(self) -> bool:
        """This rep holds the edit lock of a submitted order."""
        view = self.view
        return bool(view and view.locked_by == self.me)

    def lock_elsewhere(self) -> bool:
        """This user's live edit lock, taken in another session (say, before a crash)."""
        return self.editing() and not self.began_edit

    def refusal(self, action: str) -> str | None:
        """Why this rep may not take ``action`` (a ``desk.orders`` name) now; None when allowed.

        The answer is the order's own ``actions`` map, computed by the services for this
        user and this desk (a lock of this user's held in another session included).
        """
        return LOADING if self.view is None else reason_in(self.view.actions, action)

    def allows(self, action: str) -> bool:
        return self.refusal(action) is None

    def open_dialog(self, dialog: QDialog, on_accept: Callable[[], None]) -> None:
        """Window-modal without a nested event loop: the rep (or a test) answers, then we act."""
        self.active_dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda *_: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()

    def is_idle(self) -> bool:
        return self.calls.is_idle()

    # loading and changing -----------------------------------------------------

    def load(self, then: Callable[[], None] | None = None) -> None:
        orders = self.desk.orders
        order_id = self.order_id

        def loaded(result: tuple[OrderView, list[HistoryEntryView]]) -> None:
            self._loaded(result)
            if then is not None:
                then()

        self.run(lambda: (orders.get(order_id), orders.history(order_id)), loaded)

    def apply(
        self, change: Callable[[int | None], OrderView],
        on_done: Callable[[OrderView], None] | None = None,
        on_refused: Callable[[SalesCenterError], None] | None = None,
    ) -> None:
        """Run ``change(expected_version)`` on a worker and show its result.

        A refusal goes to ``on_refused`` when given, else to ``refused`` (the message bar);
        an unexpected failure always reaches the crash dialog.

        Changes run one after another, each with the version the previous one
        produced, so two quick clicks never trip over each other's version.
        """
        self._changes.append((change, on_done, on_refused))
        if not self._changing:
            self._next_change()

    def _next_change(self) -> None:
        if not self._changes:
            self._changing = False
            return
        self._changing = True
        change, on_done, on_refused = self._changes.popleft()
        version = self.view.version if self.view is not None else None
        orders = self.desk.orders

        def call() -> tuple[OrderView, list[HistoryEntryView]]:
            view = change(version)
            return view, orders.history(view.id)

        def done(result: tuple[OrderView, list[HistoryEntryView]]) -> None:
            self._loaded(result)
            for notice in result[0].notices:
                self.message.emit(notice, "warning")
            try:
                if on_done is not None:
                    on_done(result[0])
            finally:
                self._next_change()

        def failed() -> None:
            self._changes.clear()  # what was queued assumed this change; the rep decides again
            self._changing = False

        def refused(error: SalesCenterError) -> None:
            if isinstance(error, WarningRequired) and self.confirm_warning(error):
                self.apply(self._acknowledged(change, error.name), on_done, on_refused)
                return
            (on_refused or self.refused)(error)

        self.calls.run(call, done, on_refused=refused, on_failed=failed)

    def _acknowledged(self, change: Callable[[int | None], OrderView],
                      name: str) -> Callable[[int | None], OrderView]:
        """The same change, repeated with the rep's yes to the named warning."""
        desk = self.desk

        def repeated(version: int | None) -> OrderView:
            with desk.acknowledging([name]):
                return change(version)

        return repeated

    def confirm_warning(self, error: WarningRequired) -> bool:
        """Ask the rep; the warning's own text is the question (the services word it)."""
        parent = self.parent()
        answer = QMessageBox.question(
            parent if isinstance(parent, QWidget) else None, "Please confirm", str(error),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def run(self, call: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        """A read the pages need (catalog search, address book); refusals go to the message bar."""
        self.calls.run(call, on_done, on_refused=self.refused)

    # internals ------------------------------------------------------------------

    def _loaded(self, result: tuple[OrderView, list[HistoryEntryView]]) -> None:
        view, history = result
        if self.view is not None and view.version < self.view.version:
            return  # a read that started before our latest change answered after it
        self.view = view
        if view.locked_by != self.me:
            self.began_edit = False
        self.history = list(history)
        self.changed.emit(view)
        self.history_loaded.emit(self.history)

    def refused(self, error: SalesCenterError) -> None:
        """A refusal in the message bar; a conflict also reloads the order."""
        if isinstance(error, ConflictError):
            # Said once the latest order is shown: the message is about that one (MSG-1).
            text = f"{error} The order was reloaded with the latest changes."
            self.load(lambda: self.message.emit(text, "error"))
        else:
            self.message.emit(str(error), "error")
