"""Table models over the read views of an order: items, payments, blocks, holds, notes, history."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal

from ...labels import fulfillment_label
from ..table_model import Column, Index, RowsModel, words


def item_status(item: Any) -> str:
    return fulfillment_label(item.fulfillment_status) if item.fulfillment_status else "Not yet allocated"


def item_exception(item: Any) -> str:
    if not item.flag:
        return ""
    return f"Accepted: {item.flag}" if item.flag_accepted else item.flag


def item_parts(item: Any) -> str:
    """Where the line's units are (SHP-2, CAN-1): "2 shipped, 3 backordered, 1 canceled"."""
    parts = ((item.packed_quantity, "packed"), (item.allocated_quantity - item.packed_quantity, "in stock"),
             (item.backordered_quantity, "backordered"), (item.shipped_quantity, "shipped"),
             (item.returned_quantity, "returned"), (item.canceled_quantity, "canceled"))
    return ", ".join(f"{count} {word}" for count, word in parts if count > 0)


def wanted(item: Any) -> int:
    """The units the customer still wants: what the Quantity column shows and changes."""
    return int(item.quantity - item.canceled_quantity)


class ItemsModel(RowsModel):
    """The order lines; quantity and placed price are typed in the table, expedite is a check box."""

    QUANTITY, PLACED_PRICE, EXPEDITE = 2, 4, 7
    columns = (
        Column("SKU", lambda i: i.sku),
        Column("Name", lambda i: i.name + (f" (bundle {i.bundle_sku})" if i.bundle_sku else "")),
        Column("Quantity", wanted, editable=True),
        Column("List price", lambda i: i.list_price, money=True),
        Column("Placed price", lambda i: i.placed_price, editable=True, money=True),
        Column("Discount", lambda i: i.discount, money=True),
        Column("Line total", lambda i: i.line_total, money=True),
        Column("Expedite", lambda i: i.expedite, checkable=True),
        Column("Status", item_status),
        Column("Expected", lambda i: i.expected_date),
        Column("Exception", item_exception),
        Column("Units", item_parts),
        Column("Personalization", lambda i: i.personalization or ""),
    )
    # item id, what ("quantity" | "placed_price" | "expedite"), the new value
    change_requested = Signal(int, str, object)

    # The line action each typed column takes; the line's own actions map allows it or not.
    TAKES = {QUANTITY: "set_quantity", PLACED_PRICE: "set_price", EXPEDITE: "expedite"}

    def editable(self, row: Any) -> bool:
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._valid(index):
            takes = self.TAKES.get(index.column())
            if takes is None or self.rows[index.row()].actions.get(takes, "") is not None:
                flags &= ~(Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        return flags

    def tooltip(self, row: Any) -> str | None:
        return row.flag

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or not (self.flags(index) & (
                Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)):
            return False
        item, column = self.rows[index.row()], index.column()
        if column == self.EXPEDITE and role == Qt.ItemDataRole.CheckStateRole:
            on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            self.change_requested.emit(item.id, "expedite", on)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        if column == self.QUANTITY:
            if not text.isdigit() or int(text) == wanted(item):
                return False
            self.change_requested.emit(item.id, "quantity", int(text))
            return True
        if column == self.PLACED_PRICE:
            try:
                price = Decimal(text.replace(",", "").lstrip("$"))
            except InvalidOperation:
                return False
            if price == item.placed_price:
                return False
            self.change_requested.emit(item.id, "placed_price", price)
            return True
        return False


class ProductsModel(RowsModel):
    columns = (
        Column("SKU", lambda p: p.sku),
        Column("Name", lambda p: p.name),
        Column("Price", lambda p: p.list_price, money=True),
        Column("In stock", lambda p: p.stock),
        Column("Restock", lambda p: p.restock_date),
        Column("Kind", lambda p: "Bundle" if p.is_bundle else "Product"),
    )

    def tooltip(self, row: Any) -> str | None:
        return row.description or None


class AssociationsModel(RowsModel):
    columns = (
        Column("Kind", lambda a: a.kind.replace("_", "-").capitalize()),
        Column("For", lambda a: a.from_sku),
        Column("SKU", lambda a: a.product.sku),
        Column("Name", lambda a: a.product.name),
        Column("Price", lambda a: a.product.list_price, money=True),
    )

    def _key(self, row: Any) -> object:
        return (row.kind, row.from_sku, row.product.sku)


class PromotionsModel(RowsModel):
    columns = (
        Column("Promotion", lambda p: p.name),
        Column("Applies", lambda p: p.applies),
        Column("Offer", lambda p: f"{p.percent_off}% off" if p.percent_off else f"{p.amount_off} off"),
        Column("Coupon", lambda p: p.coupon_code or ""),
        Column("Why", lambda p: p.why),
    )

    def tooltip(self, row: Any) -> str | None:
        offer = f"{row.percent_off}% off" if row.percent_off else f"{row.amount_off} off"
        coupon = f" with coupon {row.coupon_code}" if row.coupon_code else ""
        return f"{row.name}: {offer}{coupon}. {row.why}"


class PaymentsModel(RowsModel):
    columns = (
        Column("Method", lambda p: words(p.method)),
        Column("Amount", lambda p: p.amount, money=True),
        Column("Authorized", lambda p: p.authorized_amount, money=True),
        Column("Captured", lambda p: p.captured_amount, money=True),
        Column("Refunded", lambda p: p.refunded_amount, money=True),
        Column("Status", lambda p: p.status_label),
        Column("Reference", lambda p: p.reference),
        Column("Added", lambda p: p.created_at),
    )


class BlocksModel(RowsModel):
    columns = (
        Column("Kind", lambda b: words(b.kind)),
        Column("Reason", lambda b: b.reason),
        Column("Comment", lambda b: b.comment),
        Column("Placed by", lambda b: b.placed_by),
        Column("Placed", lambda b: b.placed_at),
        Column("State", lambda b: f"Resolved by {b.resolved_by}" if b.resolved else "Open"),
    )


class HoldsModel(RowsModel):
    """A line hold names its item as the rep sees it on the Items page (SKU and name), never
    the item's internal id."""

    columns = (
        Column("On", lambda h: "Whole order" if h.item_id is None else h.item_id),
        Column("Reason", lambda h: h.reason),
        Column("Placed by", lambda h: h.placed_by),
        Column("Placed", lambda h: h.placed_at),
        Column("State", lambda h: f"Released by {h.released_by}" if h.released else "Active"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.item_names: dict[int, str] = {}

    def set_order(self, view: Any) -> None:
        self.item_names = {item.id: f"{item.sku} {item.name}" for item in view.items}
        self.set_rows(view.holds)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid() and index.column() == 0:
            hold = self.rows[index.row()] if index.row() < len(self.rows) else None
            if hold is not None and hold.item_id is not None:
                return self.item_names.get(hold.item_id, "An item no longer on the order")
        return super().data(index, role)


class NotesModel(RowsModel):
    columns = (
        Column("When", lambda n: n.created_at),
        Column("Author", lambda n: n.author),
        Column("Note", lambda n: n.text),
    )


class HistoryModel(RowsModel):
    columns = (
        Column("When", lambda h: h.at),
        Column("User", lambda h: h.user),
        Column("Activity", lambda h: h.activity),
        Column("Detail", lambda h: h.detail),
    )
