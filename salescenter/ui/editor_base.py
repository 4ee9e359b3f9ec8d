"""The contract between the main window and the editors it hosts in tabs.

An editor shows one business object (an order, a customer). The shell opens
it with ``MainWindow.open_order(order_id)`` / ``open_customer(customer_id)``,
keeps exactly one editor per ``key()``, asks ``has_unsaved_changes()`` before
closing a tab or the window (Save / Discard / Cancel), and mirrors
``status_changed`` in the status bar (order state and who holds its lock).

Every service call goes through ``salescenter.ui.worker.run_async``; an
editor never touches the database on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ..api import Desk

EditorKey = tuple[str, int]


class Editor(QWidget):
    """Base class of every tabbed editor.

    Subclasses set ``kind`` ("order", "customer"), load their object
    asynchronously in ``refresh()`` and emit:

    - ``title_changed(str)``: the tab text (e.g. "Order 1042", "Ada Lovelace");
    - ``status_changed(object)``: the current ``OrderView`` (or ``None`` when the
      editor is not about an order) so the status bar shows its state and lock;
    - ``saved()``: after ``save()`` finished successfully (the shell then closes
      a tab whose close was waiting on the save).

    Optional hooks the shell's Order menu and toolbar call on the current
    editor when it defines them (an action is disabled otherwise):
    ``submit_order()``, ``begin_edit()``, ``finish_edit()`` (Ctrl+Alt+U),
    ``hold_order()``, ``release_hold()``, ``cancel_order()`` (asks the reason),
    ``reorder()`` (create from this order), ``print_document()``,
    ``add_product(sku)`` (from the Merchandising Associations side view).
    Each starts its own async work and reports errors with ``report_error``.

    An editor that builds its own ``QAction``s (with shortcuts in the
    ``WidgetWithChildrenShortcut`` context) returns them from
    ``menu_actions() -> list[QAction]``; the shell then shows exactly those in
    its Order menu and toolbar instead of its own hook-calling actions, so no
    shortcut is ever registered twice.

    More optional members the shell uses when present:
    ``side_panels() -> dict[str, QWidget]`` with keys "associations" and
    "promotions" (shown in the right-hand docks while the editor is current);
    signals ``open_order_requested(int)`` and ``open_customer_requested(int)``
    (e.g. Reorder made a new order, or a customer's order was double-clicked).
    """

    kind: ClassVar[str] = "object"

    title_changed = Signal(str)
    status_changed = Signal(object)  # OrderView | None
    saved = Signal()

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

    def finish_edit(self) -> None:
        """Finish edit / unlock (Ctrl+Alt+U); a no-op for editors without locks."""

    def before_close(self, close: Callable[[], None]) -> None:
        """Called when the tab is about to close (after unsaved changes were settled): call
        ``close()`` to let it close, now or after asking the rep; never calling it keeps the tab."""
        close()
