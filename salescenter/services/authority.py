"""Who may do what: the roles table of SPEC.md, checked in every service."""

from __future__ import annotations

from enum import Enum

from ..errors import AuthorizationError
from ..labels import ROLE_NAMES

ROLES = ("csr", "supervisor", "admin")


class Authority(Enum):
    MAINTAIN_ORDERS = "Create and maintain orders"
    MAINTAIN_CUSTOMERS = "Find and maintain customers"
    MANUAL_BLOCKS = "Place and resolve manual blocks"
    OVERRIDE_PRICE = "Override prices below the list price"
    CANCEL_REMAINDER = "Cancel the remainder of partly shipped lines"
    CANCEL_RELEASED_LINES = "Cancel lines of released orders"
    BLOCKED_QUEUE = "Work the blocked-orders queue"
    SET_CREDIT_LIMITS = "Set customer credit limits"
    FULFILLMENT = "Work fulfillment (pick, ship, receive stock)"
    REMOVE_AUTOMATIC_BLOCKS = "Remove automatic blocks"
    UNLOCK_ORDERS = "Unlock stranded orders"
    MANAGE_USERS = "Manage users"
    MANAGE_STORES = "Manage stores"
    MANAGE_CATALOG = "Manage the catalog"
    DELETE_ORDERS = "Delete orders"
    TRANSFER_DATA = "Import and export data"
    REASSIGN_TICKLERS = "Reassign and work others' ticklers"
    VIEW_AUDIT = "Read the audit trail"
    APPROVE_RETURNS = "Approve returns outside the return rules"


_CSR = {
    Authority.MAINTAIN_ORDERS,
    Authority.MAINTAIN_CUSTOMERS,
    Authority.MANUAL_BLOCKS,
}
_SUPERVISOR = _CSR | {
    Authority.OVERRIDE_PRICE,
    Authority.CANCEL_REMAINDER,
    Authority.CANCEL_RELEASED_LINES,  # CAN-1: a CSR cancels lines only before release
    Authority.BLOCKED_QUEUE,
    # A rep who could raise a credit limit could clear the credit-limit block themselves.
    Authority.SET_CREDIT_LIMITS,
    Authority.FULFILLMENT,
    Authority.REASSIGN_TICKLERS,
    Authority.VIEW_AUDIT,
    Authority.APPROVE_RETURNS,
}
GRANTS: dict[str, frozenset[Authority]] = {
    "csr": frozenset(_CSR),
    "supervisor": frozenset(_SUPERVISOR),
    "admin": frozenset(Authority),
}

# The lowest role holding each authority, for refusal messages.
LOWEST_ROLE = {
    authority: next(ROLE_NAMES[role] for role in ROLES if authority in GRANTS[role])
    for authority in Authority
}

# How far below list price a role may place a price before an automatic block.
PRICE_OVERRIDE_LIMIT_PERCENT = {"csr": 0, "supervisor": 30, "admin": 100}
# How far below the shipping rate a role may override a ship-to's charge before an
# automatic block (PRC-6); charging more than the rate is within every limit.
SHIPPING_OVERRIDE_LIMIT_PERCENT = {"csr": 25, "supervisor": 50, "admin": 100}


def allowed(role: str, authority: Authority) -> bool:
    return authority in GRANTS.get(role, frozenset())


def refusal(role: str, username: str, authority: Authority, action: str = "") -> str | None:
    """What the rep reads when the role lacks the authority, or None when it holds it."""
    if allowed(role, authority):
        return None
    doing = f"{action} needs" if action else "This needs"
    return (
        f"{doing} the authority '{authority.value}' ({LOWEST_ROLE[authority]} or above); "
        f"{username} is signed in as {ROLE_NAMES.get(role, role)}."
    )


def require(role: str, username: str, authority: Authority, action: str = "") -> None:
    message = refusal(role, username, authority, action)
    if message is not None:
        raise AuthorizationError(message, authority.value)
