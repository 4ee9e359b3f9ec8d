"""Orders an administrator tidies (ADM-1): edit locks a crashed or closed desk left behind
(LCK-3), removed one at a time, and carts deleted after confirmation (ORD-8)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from PySide6.QtCore import Signal

from ..table_model import Column, RowsModel
from .base import AdminPage, confirm, select_first, selected_rows, table


class LocksModel(RowsModel):
    columns = (
        Column("Order", lambda lock: lock.number),
        Column("Customer", lambda lock: lock.customer_name),
        Column("Status", lambda lock: lock.status_label),
        Column("Locked by", lambda lock: lock.locked_by),
        Column("Workstation", lambda lock: lock.workstation),
        Column("Since", lambda lock: lock.acquired_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)),
        Column("Lease", lambda lock: "expired: likely stranded" if lock.lease_expired else "renewed"),
    )

    def _key(self, row: Any) -> object:
        return row.order_id


class CartsModel(RowsModel):
    columns = (
        Column("Number", lambda o: o.number),
        Column("Kind", lambda o: o.kind.capitalize()),
        Column("Store", lambda o: o.store),
        Column("Customer", lambda o: o.customer_name or "Guest"),
        Column("Created", lambda o: o.created_at),
        Column("Total", lambda o: o.total, money=True),
    )


class OrdersPage(AdminPage):
    title = "Locks and Carts"
    authority = "Unlock stranded orders"
    open_order = Signal(int)

    def __init__(self, desk: Any, parent: Any = None) -> None:
        super().__init__(desk, parent)
        self.setObjectName("adminOrders")
        self.may_delete = desk.can("Delete orders")
        self.locks_model = LocksModel(self)
        self.locks_view = table("locksTable", self.locks_model)
        self.carts_model = CartsModel(self)
        self.carts_view = table("cartsTable", self.carts_model, many=True)
        self.unlock_button = self.button("&Unlock…", "unlockOrder", self.unlock,
                                         "Remove the chosen order's edit lock")
        self.delete_button = self.button("&Delete…", "deleteCarts", self.delete,
                                         "Delete the chosen carts and quotes, after you confirm")
        self.reload_button = self.button("Rel&oad", "reloadOrders", self.refresh)
        self.layout_.addWidget(self.section("&Locked orders", self.locks_view,
                                            [self.unlock_button, self.reload_button]), 1)
        if self.may_delete:
            self.layout_.addWidget(self.section("&Carts and quotes not submitted (select several "
                                                "with Shift or Ctrl)", self.carts_view,
                                                [self.delete_button]), 2)
        self.layout_.addWidget(self.message)
        self.locks_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.carts_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self._enable()

    def refresh(self) -> None:
        desk, carts = self.desk, self.may_delete
        self.latest("orders", lambda: (desk.admin.locked_orders(), desk.admin.carts() if carts else []),
                    self._loaded)

    def _loaded(self, found: tuple[list[Any], list[Any]]) -> None:
        self.locks_model.set_rows(found[0])
        self.carts_model.set_rows(found[1])
        select_first(self.locks_view)
        self._enable()

    def _enable(self) -> None:
        self.unlock_button.setEnabled(bool(selected_rows(self.locks_view)))
        self.delete_button.setEnabled(bool(selected_rows(self.carts_view)))

    def unlock(self) -> Any:
        rows = selected_rows(self.locks_view)
        if not rows:
            return None
        lock, desk = rows[0], self.desk
        return confirm(
            self, "confirmUnlock", "Unlock Order",
            f"Remove {lock.locked_by}'s edit lock on order {lock.number} ({lock.workstation})? "
            f"Changes {lock.locked_by} has not saved are lost; the order goes back to waiting "
            "for payment authorization.", "&Unlock",
            lambda: self.change(lambda: desk.admin.unlock_order(lock.order_id),
                                lambda view: f"Order {view.number} is unlocked ({view.status_label})."))

    def delete(self) -> Any:
        rows = selected_rows(self.carts_view)
        if not rows:
            return None
        ids, desk = [row.id for row in rows], self.desk
        numbers = ", ".join(row.number for row in rows[:10]) + (" …" if len(rows) > 10 else "")
        what = f"{len(rows)} carts and quotes" if len(rows) > 1 else f"{rows[0].kind} {rows[0].number}"
        return confirm(
            self, "confirmDeleteCarts", "Delete Carts",
            f"Delete {what} ({numbers})? This cannot be undone; the history keeps a record.",
            "&Delete", lambda: self.change(lambda: desk.orders.delete(ids),
                                           lambda count: f"{count} deleted."))
