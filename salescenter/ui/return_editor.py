"""The return editor: one return (RMA), exchange or misship in its own tab (RET-1..RET-6).

It shows what comes back, what it is worth and what goes out instead, and offers approve,
receive and cancel, each enabled and explained from ``ReturnView.actions`` alone.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .calls import Calls
from .editor_base import Editor
from .order_editor.commands import LOADING, reason_in, show_command
from .order_editor.page import table
from .table_model import Column, RowsModel, show

if TYPE_CHECKING:
    from ..api import Desk
    from ..services.views import ReturnView


class ReturnLinesModel(RowsModel):
    columns = (
        Column("SKU", lambda line: line.sku),
        Column("Item", lambda line: line.name),
        Column("Returned", lambda line: line.quantity),
        Column("Received", lambda line: line.received_quantity),
        Column("Back in stock", lambda line: line.restocked_quantity),
        Column("Credit", lambda line: line.credit, money=True),
        Column("Sent instead", lambda line: line.replacement_sku or ""),
    )


class ReturnEditor(Editor):
    kind = "return"

    def __init__(self, desk: Desk, object_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, object_id, parent)
        self.view: ReturnView | None = None
        self.calls = Calls(self, say=self._say)
        self.header = QLabel("Opening the return...")
        self.header.setObjectName("return_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.message = QLabel()
        self.message.setObjectName("return_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.details = QLabel()
        self.details.setObjectName("return_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.lines = ReturnLinesModel(self)
        self.lines_view = table(self.lines, stretch=1, name="return_lines")

        self.approve_button = QPushButton("A&pprove")
        self.approve_button.setObjectName("approve_return")
        self.approve_button.clicked.connect(self.approve)
        self.resaleable_box = QCheckBox("Goods are resa&leable")
        self.resaleable_box.setObjectName("resaleable")
        self.resaleable_box.setChecked(True)
        self.receive_button = QPushButton("Receive &goods")
        self.receive_button.setObjectName("receive_return")
        self.receive_button.clicked.connect(self.receive)
        self.cancel_reason = QLineEdit()
        self.cancel_reason.setObjectName("return_cancel_reason")
        self.cancel_reason.setPlaceholderText("Why the return is canceled")
        self.cancel_reason.textChanged.connect(lambda *_: self._commands())
        self.cancel_button = QPushButton("Cancel re&turn")
        self.cancel_button.setObjectName("cancel_return")
        self.cancel_button.clicked.connect(self.cancel)
        self.order_button = QPushButton("Open the or&der")
        self.order_button.setObjectName("open_returned_order")
        self.order_button.clicked.connect(self.open_returned_order)
        self.replacement_button = QPushButton("Open the replace&ment")
        self.replacement_button.setObjectName("open_replacement_order")
        self.replacement_button.clicked.connect(self.open_replacement)

        commands = QHBoxLayout()
        for widget in (self.approve_button, self.resaleable_box, self.receive_button):
            commands.addWidget(widget)
        commands.addStretch(1)
        cancel_row = QHBoxLayout()
        cancel_row.addWidget(self.cancel_reason, 1)
        cancel_row.addWidget(self.cancel_button)
        links = QHBoxLayout()
        links.addStretch(1)
        links.addWidget(self.order_button)
        links.addWidget(self.replacement_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        layout.addWidget(self.lines_view, 1)
        layout.addLayout(commands)
        layout.addLayout(cancel_row)
        layout.addLayout(links)
        self._commands()

    # the editor contract -------------------------------------------------------------------

    def refresh(self) -> None:
        returns, key = self.desk.returns, self.object_id
        self.calls.run(lambda: returns.get(key), self._loaded)

    def is_idle(self) -> bool:
        return self.calls.is_idle()

    def has_unsaved_changes(self) -> bool:
        return False

    # commands ------------------------------------------------------------------------------

    def approve(self) -> None:
        if self.approve_button.isEnabled():
            returns, key = self.desk.returns, self.object_id
            self.calls.run(lambda: returns.approve(key), self._loaded)

    def receive(self) -> None:
        if self.receive_button.isEnabled():
            returns, key, resaleable = self.desk.returns, self.object_id, self.resaleable_box.isChecked()
            self.calls.run(lambda: returns.receive(key, resaleable=resaleable), self._loaded)

    def cancel(self) -> None:
        reason = self.cancel_reason.text().strip()
        if self.cancel_button.isEnabled() and reason:
            returns, key = self.desk.returns, self.object_id
            self.calls.run(lambda: returns.cancel(key, reason), self._canceled)

    def open_returned_order(self) -> None:
        if self.view is not None:
            self.open_order_requested.emit(self.view.order_id)

    def open_replacement(self) -> None:
        if self.view is not None and self.view.replacement_order_id is not None:
            self.open_order_requested.emit(self.view.replacement_order_id)

    # internals -----------------------------------------------------------------------------

    def _canceled(self, view: ReturnView) -> None:
        self.cancel_reason.clear()
        self._loaded(view)

    def _refusal(self, action: str) -> str | None:
        return LOADING if self.view is None else reason_in(self.view.actions, action)

    def _commands(self) -> None:
        show_command(self.approve_button, self._refusal("approve"),
                     "Approve the return although it is outside the store's rules")
        show_command(self.receive_button, self._refusal("receive"),
                     "The goods arrived: resaleable ones go back to stock; the credit is refunded")
        self.resaleable_box.setEnabled(self._refusal("receive") is None)
        cancel = self._refusal("cancel")
        self.cancel_reason.setEnabled(cancel is None)
        if cancel is None and not self.cancel_reason.text().strip():
            cancel = "Type why the return is canceled first."
        show_command(self.cancel_button, cancel, "Cancel the return; nothing is received or refunded")
        self.order_button.setEnabled(self.view is not None)
        replaced = self.view is not None and self.view.replacement_order_id is not None
        self.replacement_button.setEnabled(replaced)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("background:#fde2e1; color:#7a1c16; padding:4px;")
        self.message.show()

    def _loaded(self, view: ReturnView) -> None:
        self.view = view
        self.message.hide()
        self.title_changed.emit(f"Return {view.number}")
        self.status_changed.emit(None)
        self.header.setText(f"<b>{escape(view.kind_label)} {escape(view.number)}</b> &nbsp; of order "
                            f"{escape(view.order_number)} &nbsp; <b>{escape(view.status_label)}</b>")
        rows = [("Reason", view.reason), ("Comment", view.comment),
                ("Credit", show(view.credit_total)), ("Refunded", show(view.refunded_total))]
        if view.replacement_order_number:
            rows.append(("Replacement order", view.replacement_order_number))
            rows.append(("Replacement beyond the credit", show(view.price_difference)))
        if view.approval_needed:
            rows.append(("Needed approval", view.approval_needed))
        rows.append(("Created", f"{show(view.created_at)} by {view.created_by}"))
        if view.approved_by:
            rows.append(("Approved", f"{show(view.approved_at)} by {view.approved_by}"))
        if view.received_by:
            rows.append(("Received", f"{show(view.received_at)} by {view.received_by}"))
        if view.canceled_by:
            rows.append(("Canceled", f"by {view.canceled_by}: {view.cancel_reason}"))
        self.details.setText("<br>".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in rows if v))
        self.lines.set_rows(view.lines)
        self._commands()
