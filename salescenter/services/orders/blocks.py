"""Blocks, holds and notes on an order (BLK-1..BLK-7, ORD-14)."""

from __future__ import annotations

from ...errors import AuthorizationError, NotFoundError, StateError
from ...models import Block, Hold, Note
from .. import validation as v
from ..authority import Authority
from ..views import OrderView
from . import lifecycle
from .base import OrderServiceBase, OrderWork
from .lines import find_item

HOLDABLE = (lifecycle.PENDING_PAYMENT, lifecycle.RELEASED)


def find_block(job: OrderWork, block_id: object) -> Block:
    key = v.identifier(block_id, "Block")
    for block in job.order.blocks:
        if block.id == key:
            return block
    raise NotFoundError(f"Order {job.order.number} has no block number {key}.")


class OrderBlocks(OrderServiceBase):
    def place_block(
        self, order_id: int, reason: str, comment: str = "", *, expected_version: int | None = None
    ) -> OrderView:
        """BLK-1: a manual block with a reason and a comment."""
        why = v.text(reason, "Block reason", max_length=500)
        note = v.text(comment, "Block comment", max_length=4000, required=False, multiline=True)

        def change(job: OrderWork) -> None:
            order = job.order
            if order.status in lifecycle.TERMINAL or order.status == lifecycle.PENDING:
                raise StateError(f"Only submitted orders can be blocked; order {order.number} is "
                                 f"{lifecycle.name_of(order.status)}.")
            order.blocks.append(Block(kind="manual", reason=why, comment=note,
                                      placed_by=self.ctx.username, placed_at=job.now))
            job.detail = why

        return self._mutate(order_id, "Block placed", change, expected_version=expected_version,
                            authority=Authority.MANUAL_BLOCKS)

    def resolve_block(
        self, order_id: int, block_id: int, comment: str = "", *, expected_version: int | None = None
    ) -> OrderView:
        """BLK-3/BLK-4: a CSR resolves manual blocks; only an administrator removes automatic ones."""
        note = v.text(comment, "Comment", max_length=4000, required=False, multiline=True)

        def change(job: OrderWork) -> None:
            block = find_block(job, block_id)
            if block.resolved:
                raise StateError(f"Block {block.id} was already resolved by {block.resolved_by}.")
            if block.kind == "automatic" and not self.ctx.can(Authority.REMOVE_AUTOMATIC_BLOCKS):
                self.ctx.require(Authority.REMOVE_AUTOMATIC_BLOCKS, "Removing an automatic block")
            block.resolved, block.resolved_by, block.resolved_at = True, self.ctx.username, job.now
            block.resolve_comment = note
            job.detail = f"{block.kind} block '{block.reason}'" + (f": {note}" if note else "")

        return self._mutate(order_id, "Block resolved", change, expected_version=expected_version,
                            authority=Authority.MANUAL_BLOCKS)

    def modify_block(
        self, order_id: int, block_id: int, *, reason: str | None = None, comment: str | None = None,
        expected_version: int | None = None,
    ) -> OrderView:
        """BLK-5: change a block's reason or comment; the change is recorded."""
        why = v.text(reason, "Block reason", max_length=500) if reason is not None else None
        note = (v.text(comment, "Block comment", max_length=4000, required=False, multiline=True)
                if comment is not None else None)

        def change(job: OrderWork) -> None:
            block = find_block(job, block_id)
            if block.kind == "automatic" and not self.ctx.can(Authority.REMOVE_AUTOMATIC_BLOCKS):
                raise AuthorizationError(
                    "Changing an automatic block needs the authority 'Remove automatic blocks' "
                    "(Administrator); add a note instead.", Authority.REMOVE_AUTOMATIC_BLOCKS.value,
                )
            parts = []
            if why is not None and why != block.reason:
                parts.append(f"reason '{block.reason}' -> '{why}'")
                block.reason = why
            if note is not None and note != block.comment:
                parts.append(f"comment '{block.comment}' -> '{note}'")
                block.comment = note
            job.detail = f"Block {block.id}: " + ("; ".join(parts) or "no change")

        return self._mutate(order_id, "Block changed", change, expected_version=expected_version,
                            authority=Authority.MANUAL_BLOCKS)

    def hold(
        self, order_id: int, reason: str, *, item_id: int | None = None,
        expected_version: int | None = None,
    ) -> OrderView:
        """BLK-6: hold the whole order, or one line of it."""
        why = v.text(reason, "Hold reason", max_length=500)

        def change(job: OrderWork) -> None:
            order = job.order
            if item_id is not None:
                item = find_item(job, item_id)
                if item.fulfillment_status in ("shipped", "canceled"):
                    raise StateError(f"{item.sku} is {item.fulfillment_status}; it cannot be held.")
                if order.status not in (*HOLDABLE, lifecycle.ON_HOLD):
                    raise StateError(lifecycle.why_not(order, lifecycle.ON_HOLD))
                order.holds.append(Hold(item_id=item.id, reason=why, placed_by=self.ctx.username,
                                        placed_at=job.now))
                job.detail = f"{item.sku}: {why}"
                return
            if order.status not in HOLDABLE:
                raise StateError(lifecycle.why_not(order, lifecycle.ON_HOLD))
            order.held_from_status = order.status
            lifecycle.move(order, lifecycle.ON_HOLD)
            order.holds.append(Hold(reason=why, placed_by=self.ctx.username, placed_at=job.now))
            job.detail = why

        return self._mutate(order_id, "Hold placed", change, expected_version=expected_version)

    def release_hold(
        self, order_id: int, hold_id: int | None = None, *, expected_version: int | None = None
    ) -> OrderView:
        """Release one hold, or every order-level hold when none is named."""

        def change(job: OrderWork) -> None:
            order = job.order
            active = [h for h in order.holds if not h.released]
            if hold_id is not None:
                key = v.identifier(hold_id, "Hold")
                chosen = [h for h in active if h.id == key]
                if not chosen:
                    raise NotFoundError(f"Order {order.number} has no active hold number {key}.")
            else:
                chosen = [h for h in active if h.item_id is None]
                if not chosen:
                    raise StateError(f"Order {order.number} is not on hold.")
            for hold in chosen:
                hold.released, hold.released_by, hold.released_at = True, self.ctx.username, job.now
            still_held = any(not h.released and h.item_id is None for h in order.holds)
            if order.status == lifecycle.ON_HOLD and not still_held:
                lifecycle.move(order, order.held_from_status or lifecycle.PENDING_PAYMENT)
                order.held_from_status = None
            job.detail = "; ".join(h.reason for h in chosen)

        return self._mutate(order_id, "Hold released", change, expected_version=expected_version)

    def add_note(self, order_id: int, text: str, *, expected_version: int | None = None) -> OrderView:
        """ORD-14: a note with its text, author and time."""
        body = v.text(text, "Note", max_length=4000, multiline=True)

        def change(job: OrderWork) -> None:
            job.order.notes.append(Note(text=body, author=self.ctx.username, created_at=job.now))
            job.detail = body[:200]
            job.reprice = False

        return self._mutate(order_id, "Note added", change, expected_version=expected_version)
