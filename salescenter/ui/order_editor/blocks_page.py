"""Blocks and holds: place, view details, change and resolve blocks (BLK-1..BLK-5); holds on the
order or one line (BLK-6); why the order cannot move on (BLK-7). Buttons follow the rep's
authority, and a disabled one says which authority is missing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..dialogs.reasons import HoldDialog, PlaceBlockDialog, ResolveBlockDialog
from ..table_model import show, words
from .commands import reason_in, show_command
from .models import BlocksModel, HoldsModel
from .page import OrderPage, selected_row, table
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import BlockView, OrderView, StoreView

PLACE_TIP = "Block the order: it is not released for fulfillment until the block is resolved"
MODIFY_TIP = "Change the reason or the comment of the chosen block"
RESOLVE_TIP = "Resolve the chosen block, with a comment"
RELEASE_TIP = "Release the chosen hold"
CHOOSE_BLOCK = "Choose an open block first."
CHOOSE_HOLD = "Choose an active hold first."


def block_details(block: BlockView | None) -> str:
    if block is None:
        return "Choose a block to see its details."
    lines = [
        f"<b>{words(block.kind)} block</b>" + (f" (rule: {block.rule})" if block.rule else ""),
        f"Reason: {block.reason}",
        f"Placed by {block.placed_by} on {show(block.placed_at)}",
        f"Comment: {block.comment or '(none)'}",
    ]
    if block.resolved:
        lines.append(f"Resolved by {block.resolved_by} on {show(block.resolved_at)}"
                     + (f": {block.resolve_comment}" if block.resolve_comment else ""))
    else:
        lines.append("Open: the order cannot be released for fulfillment until it is resolved.")
    return "<br>".join(lines)


class BlocksPage(OrderPage):
    title = "Blocks and holds"

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.explanation = QLabel()
        self.explanation.setObjectName("status_explanation")
        self.explanation.setWordWrap(True)
        self.blocks = BlocksModel(self)
        self.blocks_view = table(self.blocks, stretch=2, name="blocks_view")
        self.blocks_view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.details = QLabel()
        self.details.setObjectName("block_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.place_button = QPushButton("&Place block...")
        self.place_button.setObjectName("place_block")
        self.modify_button = QPushButton("Chan&ge block...")
        self.modify_button.setObjectName("modify_block")
        self.resolve_button = QPushButton("Re&solve block...")
        self.resolve_button.setObjectName("resolve_block")
        self.authority_label = QLabel()
        self.authority_label.setObjectName("authority_note")
        self.authority_label.setWordWrap(True)
        self.place_button.clicked.connect(self.place_block)
        self.modify_button.clicked.connect(self.modify_block)
        self.resolve_button.clicked.connect(self.resolve_block)

        self.holds = HoldsModel(self)
        self.holds_view = table(self.holds, stretch=1, name="holds_view")
        self.holds_view.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.release_button = QPushButton("&Release hold")
        self.release_button.setObjectName("release_selected_hold")
        self.release_button.clicked.connect(self.release_selected_hold)

        blocks_box = QGroupBox("Blocks")
        blocks_layout = QVBoxLayout(blocks_box)
        blocks_layout.addWidget(self.blocks_view, 1)
        blocks_layout.addWidget(self.details)
        row = QHBoxLayout()
        for button in (self.place_button, self.modify_button, self.resolve_button):
            row.addWidget(button)
        row.addStretch(1)
        blocks_layout.addLayout(row)
        blocks_layout.addWidget(self.authority_label)
        holds_box = QGroupBox("Holds")
        holds_layout = QVBoxLayout(holds_box)
        holds_layout.addWidget(self.holds_view, 1)
        holds_layout.addWidget(self.release_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(blocks_box)
        splitter.addWidget(holds_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(splitter, 1)
        self._block_reasons: list[str] = []
        self._store: str | None = None

    def show_order(self, view: OrderView) -> None:
        self.explanation.setText(view.status_explanation or "Nothing is holding this order up.")
        self.blocks.set_rows(view.blocks)
        self.holds.set_order(view)
        if view.store != self._store:
            self._store = view.store
            stores, code = self.desk.stores, view.store
            self.session.run(lambda: stores.get(code), self._got_store)
        self._update()

    def _got_store(self, store: StoreView) -> None:
        self._block_reasons = list(store.block_reasons)

    def selected_block(self) -> Any:
        return self.blocks.row_at(selected_row(self.blocks_view))

    def selected_hold(self) -> Any:
        return self.holds.row_at(selected_row(self.holds_view))

    def _update(self) -> None:
        block = self.selected_block()
        self.details.setText(block_details(block))
        session = self.session
        place = session.refusal("place_block")
        show_command(self.place_button, place, PLACE_TIP)
        for button, takes, tip in ((self.modify_button, "modify_block", MODIFY_TIP),
                                   (self.resolve_button, "resolve_block", RESOLVE_TIP)):
            show_command(button, self._block_refusal(block, takes), tip)
        # Why the chosen open block cannot be resolved (say, a missing authority) stays in
        # view beside the buttons, not only in a tooltip.
        chosen = block is not None and not block.resolved
        why = (self._block_refusal(block, "resolve_block") or "") if chosen else ""
        self.authority_label.setText(why)
        self.authority_label.setVisible(bool(why))
        hold = self.selected_hold()
        # An active hold's map has its one release action (release_hold of the order's
        # hold, release_item_hold of a line's); a released hold has none left.
        release = next(iter(hold.actions.values()), CHOOSE_HOLD) if hold is not None else CHOOSE_HOLD
        show_command(self.release_button, release, RELEASE_TIP)

    def _block_refusal(self, block: BlockView | None, takes: str) -> str | None:
        """The chosen block's own map answers (an automatic block needs more authority)."""
        if block is None:
            return self.session.refusal(takes) or CHOOSE_BLOCK
        return reason_in(block.actions, takes)

    # actions -----------------------------------------------------------------------------

    def place_block(self) -> None:
        view = self.session.view
        if view is None or not self.session.allows("place_block"):
            return
        dialog = PlaceBlockDialog(view.number, self._block_reasons, self)
        orders, order_id = self.desk.orders, view.id

        def place() -> None:
            reason, comment = dialog.values()
            self.session.apply(lambda v: orders.place_block(order_id, reason, comment, expected_version=v))

        self.session.open_dialog(dialog, place)

    def modify_block(self) -> None:
        view, block = self.session.view, self.selected_block()
        if view is None or block is None or not self.modify_button.isEnabled():
            return
        dialog = PlaceBlockDialog(view.number, self._block_reasons, self, reason=block.reason,
                                  comment=block.comment, modify=True)
        orders, order_id, block_id = self.desk.orders, view.id, block.id

        def change() -> None:
            reason, comment = dialog.values()
            self.session.apply(lambda v: orders.modify_block(
                order_id, block_id, reason=reason, comment=comment, expected_version=v))

        self.session.open_dialog(dialog, change)

    def resolve_block(self) -> None:
        view, block = self.session.view, self.selected_block()
        if view is None or block is None or not self.resolve_button.isEnabled():
            return
        dialog = ResolveBlockDialog(block.reason, self)
        orders, order_id, block_id = self.desk.orders, view.id, block.id

        def resolve() -> None:
            comment = dialog.comment()
            self.session.apply(
                lambda v: orders.resolve_block(order_id, block_id, comment, expected_version=v))

        self.session.open_dialog(dialog, resolve)

    def hold_item(self, item_id: int, sku: str) -> None:
        dialog = HoldDialog(f"item {sku}", self)
        orders, order_id = self.desk.orders, self.session.order_id

        def hold() -> None:
            reason = dialog.reason()
            self.session.apply(lambda v: orders.hold(order_id, reason, item_id=item_id, expected_version=v))

        self.session.open_dialog(dialog, hold)

    def release_selected_hold(self) -> None:
        hold = self.selected_hold()
        if hold is None or not self.release_button.isEnabled():
            return
        orders, order_id, hold_id = self.desk.orders, self.session.order_id, hold.id
        self.session.apply(lambda v: orders.release_hold(order_id, hold_id, expected_version=v))
