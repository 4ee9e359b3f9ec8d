"""Blocks, holds and notes on an order (BLK-1..BLK-7, ORD-14)."""

from __future__ import annotations

from ...models import Block, Hold, Note
from .. import validation as v
from ..ticklers import system as system_ticklers
from ..views import OrderView
from . import lifecycle as s
from .actions import hold_action
from .base import OrderServiceBase, OrderWork


class OrderBlocks(OrderServiceBase):
    def place_block(
        self, order_id: int, reason: str, comment: str = "", *, expected_version: int | None = None
    ) -> OrderView:
        """BLK-1: a manual block with a reason and a comment."""
        why = v.text(reason, "Block reason", max_length=500)
        note = v.text(comment, "Block comment", max_length=4000, required=False, multiline=True)

        def change(job: OrderWork) -> None:
            job.order.blocks.append(Block(kind="manual", reason=why, comment=note,
                                          placed_by=self.ctx.username, placed_at=job.now))
            job.detail = why

        return self._mutate(order_id, "place_block", change, expected_version=expected_version)

    def resolve_block(
        self, order_id: int, block_id: int, comment: str = "", *, expected_version: int | None = None
    ) -> OrderView:
        """BLK-3/BLK-4: a CSR resolves manual blocks; only an administrator removes automatic ones."""
        note = v.text(comment, "Comment", max_length=4000, required=False, multiline=True)

        def change(job: OrderWork) -> None:
            block = job.subject(block_id)
            block.resolved, block.resolved_by, block.resolved_at = True, self.ctx.username, job.now
            block.resolve_comment = note
            job.detail = f"{block.kind} block '{block.reason}'" + (f": {note}" if note else "")
            system_ticklers.blocks_resolved(job.session, job.order, [block], job.now, self.ctx.username)

        return self._mutate(order_id, "resolve_block", change, expected_version=expected_version)

    def modify_block(
        self, order_id: int, block_id: int, *, reason: str | None = None, comment: str | None = None,
        expected_version: int | None = None,
    ) -> OrderView:
        """BLK-5: change a block's reason or comment; the change is recorded."""
        why = v.text(reason, "Block reason", max_length=500) if reason is not None else None
        note = (v.text(comment, "Block comment", max_length=4000, required=False, multiline=True)
                if comment is not None else None)

        def change(job: OrderWork) -> None:
            block = job.subject(block_id)
            parts = []
            if why is not None and why != block.reason:
                parts.append(f"reason '{block.reason}' -> '{why}'")
                block.reason = why
            if note is not None and note != block.comment:
                parts.append(f"comment '{block.comment}' -> '{note}'")
                block.comment = note
            job.detail = f"Block {block.id}: " + ("; ".join(parts) or "no change")

        return self._mutate(order_id, "modify_block", change, expected_version=expected_version)

    def hold(
        self, order_id: int, reason: str, *, item_id: int | None = None,
        expected_version: int | None = None,
    ) -> OrderView:
        """BLK-6: hold the whole order, or one line of it."""
        why = v.text(reason, "Hold reason", max_length=500)

        def change(job: OrderWork) -> None:
            order = job.order
            if item_id is not None:
                item = job.subject(item_id)
                order.holds.append(Hold(item_id=item.id, reason=why, placed_by=self.ctx.username,
                                        placed_at=job.now))
                job.detail = f"{item.sku}: {why}"
                return
            order.held_from_status = order.status
            job.move(s.ON_HOLD)
            order.holds.append(Hold(reason=why, placed_by=self.ctx.username, placed_at=job.now))
            job.detail = why

        action = "hold" if item_id is None else "hold_item"
        return self._mutate(order_id, action, change, expected_version=expected_version)

    def release_hold(
        self, order_id: int, hold_id: int | None = None, *, expected_version: int | None = None
    ) -> OrderView:
        """Release one hold, or every order-level hold when none is named."""
        key = v.identifier(hold_id, "Hold") if hold_id is not None else None

        def change(job: OrderWork) -> None:
            order = job.order
            chosen = [job.subject(key)] if key is not None else job.subjects()
            for hold in chosen:
                hold.released, hold.released_by, hold.released_at = True, self.ctx.username, job.now
            still_held = any(not h.released and h.item_id is None for h in order.holds)
            if s.is_on_hold(order) and not still_held:
                job.move(order.held_from_status or s.PENDING_PAYMENT)
                order.held_from_status = None
            job.detail = "; ".join(h.reason for h in chosen)

        return self._mutate(order_id, lambda order: hold_action(order, key), change,
                            expected_version=expected_version)

    def add_note(self, order_id: int, text: str, *, expected_version: int | None = None) -> OrderView:
        """ORD-14: a note with its text, author and time."""
        body = v.text(text, "Note", max_length=4000, multiline=True)

        def change(job: OrderWork) -> None:
            job.order.notes.append(Note(text=body, author=self.ctx.username, created_at=job.now))
            job.detail = body[:200]
            job.reprice = False

        return self._mutate(order_id, "add_note", change, expected_version=expected_version)
