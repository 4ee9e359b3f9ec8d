"""Open orders follow the changes other desks commit (``desk.watch``), within a second.

An editor showing an older version reloads; one holding what the rep typed keeps it
and says "changed by USER" instead, so nothing typed is lost silently. The feed calls
back on its own thread; a queued signal brings each change to the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from .calls import Calls
from .order_editor import OrderEditor

if TYPE_CHECKING:
    from ..api import Desk
    from .editor_tabs import EditorTabs


def follow_customers(tabs: EditorTabs, order_ids: set[int], *, unknown_too: bool) -> None:
    """Open customer editors showing one of these orders reload (their Orders tab and the
    at-a-glance box); ``unknown_too``: also those that do not show it yet (an order this desk
    just made may be one of theirs)."""
    for (kind, _key), editor in list(tabs.editors.items()):
        shows = getattr(editor, "shows_order", None)
        if kind == "customer" and callable(shows) and (
                unknown_too or any(shows(order_id) for order_id in order_ids)):
            editor.refresh_soon()  # type: ignore[attr-defined]


def follow_returns(tabs: EditorTabs, order_id: int) -> None:
    """Open return editors of this order reload: another desk approved, received or canceled one."""
    for (kind, _key), editor in list(tabs.editors.items()):
        shown = getattr(editor, "view", None)
        if kind == "return" and shown is not None and shown.order_id == order_id and editor.is_idle():
            editor.refresh()


class LiveUpdates(QObject):
    changed = Signal(object)  # OrderChange

    def __init__(self, desk: Desk, tabs: EditorTabs, parent: QObject,
                 say: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.desk = desk
        self.tabs = tabs
        self.say = say
        # The feed is started by the window; a failure is said in its status line (a
        # refusal) or reaches the crash dialog and the log, never silently dropped.
        self.calls = Calls(parent, say=self._not_followed)
        self._unsubscribe: Callable[[], None] | None = None
        self._stopped = False
        self.changed.connect(self._apply)

    def start(self) -> None:
        # Starting the feed opens a connection and waits for it: a worker's job.
        watch, relay = self.desk.watch, self._relay
        self.calls.run(lambda: watch(relay), self._subscribed)

    def _not_followed(self, text: str) -> None:
        self.say(f"Open orders do not follow other desks' changes: {text}")

    def _relay(self, change: Any) -> None:
        """On the feed's thread: a window closed or deleted meanwhile hears nothing."""
        if not self._stopped and shiboken6.isValid(self):
            self.changed.emit(change)

    def stop(self) -> None:
        self._stopped = True
        if self._unsubscribe is not None:
            self._unsubscribe()  # only forgets the callback; the feed closes with the database
            self._unsubscribe = None

    def _subscribed(self, unsubscribe: Callable[[], None]) -> None:
        self._unsubscribe = unsubscribe
        if self._stopped:
            self.stop()

    @Slot(object)
    def _apply(self, change: Any) -> None:
        follow_customers(self.tabs, {change.order_id}, unknown_too=False)
        follow_returns(self.tabs, change.order_id)
        editor = self.tabs.editors.get(("order", change.order_id))
        if not isinstance(editor, OrderEditor) or editor.view is None:
            return
        if change.version is not None and editor.view.version >= change.version:
            return  # already showing it (often this desk's own save)
        if not editor.is_idle():
            return  # a call of this editor is answering; its answer carries the newer order
        if editor.has_unsaved_changes():
            editor.session.message.emit(
                f"Order {editor.view.number} was {change.message}. What you typed is kept; saving "
                "it will ask you to reload first.", "warning")
            return
        editor.refresh()
