"""Until the services give every ``OrderView`` its ``actions`` map, this derives the map
from the view the way the desktop's scattered rules did, in this one place.

Nothing else in the desktop reads an order's state to decide a command: every command
asks ``OrderSession.refusal(action)``, which reads ``view.actions`` when the view carries
it and this only when it does not. Delete this module once every view has the map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import AuthorizationError
from ...labels import state_label
from ...services.authority import Authority, require

if TYPE_CHECKING:
    from ...api import Desk
    from ...services.views import OrderView

CONTENT = ("add_item", "add_bundle", "remove_item", "set_quantity", "set_price", "accept_item",
           "set_shipping", "apply_coupon")
STATES = {
    "submit": ("pending",),
    "begin_edit": ("pending_payment_authorization", "edit"),
    "hold": ("pending_payment_authorization", "released"),
    "release": ("pending_payment_authorization",),
    "cancel": ("pending", "pending_payment_authorization", "released"),
    "cancel_remainder": ("released",),
    "associate_customer": ("pending",),
    "place_block": ("pending_payment_authorization", "edit", "on_hold", "released"),
    "modify_block": ("pending", "pending_payment_authorization", "edit", "on_hold", "released"),
    "resolve_block": ("pending", "pending_payment_authorization", "edit", "on_hold", "released"),
    "add_payment": ("pending", "edit", "pending_payment_authorization"),
    "expedite": ("pending", "pending_payment_authorization", "edit", "on_hold", "released"),
    "release_hold": ("pending", "pending_payment_authorization", "edit", "on_hold", "released"),
}
AUTHORITIES = {
    "cancel_remainder": (Authority.CANCEL_REMAINDER, "Canceling the remaining lines"),
    "place_block": (Authority.MANUAL_BLOCKS, "Placing a block"),
    "modify_block": (Authority.MANUAL_BLOCKS, "Changing a block"),
    "resolve_block": (Authority.MANUAL_BLOCKS, "Resolving a block"),
}


def missing_authority(desk: Desk, authority: Authority, doing: str) -> str | None:
    try:
        require(desk.user.role, desk.user.username, authority, doing)
    except AuthorizationError as refusal:
        return str(refusal)
    return None


def automatic_block_refusal(desk: Desk) -> str | None:
    return missing_authority(desk, Authority.REMOVE_AUTOMATIC_BLOCKS,
                             "Changing or removing an automatic block")


def derived_actions(view: OrderView, desk: Desk) -> dict[str, str | None]:
    me, number = desk.user.username, view.number
    now = f"Not possible while order {number} is {state_label(view.status)}."
    actions: dict[str, str | None] = {"create_from": None}
    for action, states in STATES.items():
        actions[action] = None if view.status in states else now
    editing = view.locked_by == me
    for action in CONTENT:
        actions[action] = None if view.status == "pending" or editing else now
    actions["finish_edit"] = None if editing else f"Order {number} is not being edited by you."
    actions["renew_lock"] = actions["finish_edit"]
    if view.status == "edit" and not editing:
        actions["begin_edit"] = now
    if view.is_quote:
        actions["submit"] = "A quote is not submitted; Reorder turns it into an order."
    if not view.is_guest:
        actions["associate_customer"] = "Only a guest order is given a registered customer."
    if not view.active_holds and actions["release_hold"] is None:
        actions["release_hold"] = f"Order {number} has no hold to release."
    for action, (authority, doing) in AUTHORITIES.items():
        if actions[action] is None:
            actions[action] = missing_authority(desk, authority, doing)
    actions["add_note"] = None
    if view.locked_by and not editing:
        locked = (f"Order {number} is locked for editing by {view.locked_by}; you can view it "
                  "but not change it.")
        actions = {action: (None if action == "create_from" else locked) for action in actions}
    return actions
