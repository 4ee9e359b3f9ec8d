"""The contract between the main window and the editors it hosts in tabs.

An editor shows one business object (an order, a customer). The shell opens
it with ``MainWindow.open_order(order_id)`` / ``open_customer(customer_id)``,
keeps exactly one editor per ``key()``, asks ``has_unsaved_changes()`` before
closing a tab or the window (Save / Discard / Cancel), and mirrors
``status_changed`` in the status bar (order state and who holds its lock).

Everything the shell uses is declared here, with a default, so the shell calls
it on any editor without asking whether it exists. Every service call goes
through ``salescenter.ui.calls``; an editor never touches the database on the
GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:
    from ..api import Desk

EditorKey = tuple[str, int]
ASSOCIATIONS, PROMOTIONS = "associations", "promotions"


class Editor(QWidget):
    """Base class of every tabbed editor.

    Subclasses set ``kind`` ("order", "customer"), load their object
    asynchronously in ``refresh()`` and emit:

    - ``title_changed(str)``: the tab text (e.g. "Order 1042", "Ada Lovelace");
    - ``status_changed(object)``: the current ``OrderView`` (or ``None`` when the
      editor is not about an order) so the status bar shows its state and lock;
    - ``saved()``: after ``save()`` finished successfully (the shell then closes
      a tab whose close was waiting on the save);
    - ``open_order_requested(int)`` / ``open_customer_requested(int)`` /
      ``open_return_requested(int)``: another
      object should open in its own tab (Reorder made an order, an order's
      customer was asked for).
    """

    kind: ClassVar[str] = "object"

    title_changed = Signal(str)
    status_changed = Signal(object)  # OrderView | None
    saved = Signal()
    open_order_requested = Signal(int)
    open_customer_requested = Signal(int)
    notice_for_order = Signal(int, str)  # said on that order's tab, once it is open (Reorder)
    open_return_requested = Signal(int)

    def __init__(self, desk: Desk, object_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.object_id = object_id

    def key(self) -> EditorKey:
        return (self.kind, self.object_id)

    def has_unsaved_changes(self) -> bool:
        return False

    def save(self) -> None:
        """Start saving pending changes (asynchronously); emit ``saved`` when done."""
        self.saved.emit()

    def refresh(self) -> None:
        """Reload the object from the desk (asynchronously) and re-emit the signals."""

    def is_idle(self) -> bool:
        """No call of this editor is waiting for its answer."""
        return True

    def menu_actions(self) -> list[QAction]:
        """The editor's own commands, shown in the shell's Order menu while it is current.

        They carry their shortcuts in the ``WidgetWithChildrenShortcut`` context, so a
        shortcut reaches the current editor only and is never registered twice.
        """
        return []

    def side_panels(self) -> dict[str, QWidget]:
        """Widgets for the right-hand docks while the editor is current, keyed
        ``ASSOCIATIONS`` and ``PROMOTIONS``; an editor without them returns none."""
        return {}

    def page_tabs(self) -> QTabWidget | None:
        """The editor's pages, which Ctrl+PgUp / Ctrl+PgDn step through (KEY-1); None: one page."""
        pages = getattr(self, "tabs", None)
        return pages if isinstance(pages, QTabWidget) else None

    def take_keyboard(self) -> None:
        """The editor turned current: the keyboard goes where the rep types next."""
        from .keyboard import landing

        pages = self.page_tabs()
        page = pages.currentWidget() if pages is not None else None
        if not landing(page or self):
            # A read-only page: its tabs, so the editor's keys (and Ctrl+PgDn) still reach it.
            (pages.tabBar() if pages is not None else self).setFocus()

    def show_notice(self, text: str) -> None:
        """Say ``text`` in the editor (a notice about this object said by another editor)."""

    def before_close(self, close: Callable[[], None]) -> None:
        """Called when the tab is about to close (after unsaved changes were settled): call
        ``close()`` to let it close, now or after asking the rep; never calling it keeps the tab."""
        close()
