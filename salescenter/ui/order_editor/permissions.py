"""Which buttons a rep's authority enables, and the sentence that says what is missing.

The service layer decides (``desk.can`` asks it); this only words the answer
the way a refusal does, so a disabled button never leaves the rep guessing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...api import Desk

MANUAL_BLOCKS = "Place and resolve manual blocks"
REMOVE_AUTOMATIC_BLOCKS = "Remove automatic blocks"
OVERRIDE_PRICE = "Override prices below the list price"
MAINTAIN_ORDERS = "Create and maintain orders"
UNLOCK_ORDERS = "Unlock stranded orders"
CANCEL_REMAINDER = "Cancel the remainder of partly shipped lines"

LOWEST_ROLE = {
    MANUAL_BLOCKS: "CSR",
    MAINTAIN_ORDERS: "CSR",
    OVERRIDE_PRICE: "Supervisor",
    CANCEL_REMAINDER: "Supervisor",
    REMOVE_AUTOMATIC_BLOCKS: "Administrator",
    UNLOCK_ORDERS: "Administrator",
}
ROLE_NAMES = {"csr": "CSR", "supervisor": "Supervisor", "admin": "Administrator"}


def missing(desk: Desk, authority: str, action: str) -> str:
    """Empty when allowed; otherwise why ``action`` is refused, naming the authority."""
    if desk.can(authority):
        return ""
    role = ROLE_NAMES.get(desk.user.role, desk.user.role)
    return (f"{action} needs the authority '{authority}' ({LOWEST_ROLE.get(authority, 'a higher role')} "
            f"or above); {desk.user.username} is signed in as {role}.")
