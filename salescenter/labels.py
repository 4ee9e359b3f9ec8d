"""The words a rep reads for the codes the services use: states, roles, methods.

One module, pure Python and free of the database, so the desktop, the command line
and the services all show the same name for the same thing and none re-declares it.
"""

from __future__ import annotations

ORDER_STATE_NAMES: dict[str, str] = {
    "pending": "Pending",
    "pending_payment_authorization": "Pending payment authorization",
    "edit": "Edit",
    "on_hold": "On hold",
    "released": "Released",
    "shipped": "Shipped",
    "canceled": "Canceled",
}

FULFILLMENT_NAMES: dict[str, str] = {
    "awaiting_inventory": "Awaiting inventory",
    "inventory_assigned": "Inventory assigned",
    "released": "Released",
    "packing": "Packing",
    "shipped": "Shipped",
    "canceled": "Canceled",
    "returned": "Returned",
}

RETURN_STATUS_NAMES: dict[str, str] = {
    "requested": "Waiting for approval",
    "approved": "Approved",
    "received": "Received",
    "canceled": "Canceled",
}

RETURN_KIND_NAMES: dict[str, str] = {
    "return": "Return",
    "exchange": "Exchange",
    "misship": "Misship",
}

ROLE_NAMES: dict[str, str] = {"csr": "CSR", "supervisor": "Supervisor", "admin": "Administrator"}

SHIPPING_NAMES: dict[str, str] = {
    "standard": "Standard (5-7 days)",
    "express": "Express (2 days)",
    "overnight": "Overnight",
    "pickup": "Pick up in store",
}


STORE_KIND_NAMES: dict[str, str] = {"consumer_direct": "Consumer direct (B2C)", "b2b": "Business (B2B)"}

PAYMENT_METHOD_NAMES: dict[str, str] = {
    "credit_card": "Credit card",
    "paypal": "PayPal",
    "check": "Check",
    "on_account": "On account",
}

PAYMENT_STATUS_NAMES: dict[str, str] = {
    "authorized": "Authorized",
    "captured": "Captured",
    "declined": "Declined",
    "voided": "Voided",
    "refunded": "Refunded",
}

ASSOCIATION_NAMES: dict[str, str] = {
    "cross_sell": "Cross-sell",
    "up_sell": "Up-sell",
    "accessory": "Accessory",
    "replacement": "Replacement",
}

def _fallback(code: str | None) -> str:
    return (code or "").replace("_", " ").capitalize()


def state_label(status: str | None) -> str:
    """The name of an order state as the status bar and every list show it."""
    return ORDER_STATE_NAMES.get(status or "", _fallback(status))


def fulfillment_label(status: str | None) -> str:
    return FULFILLMENT_NAMES.get(status or "", _fallback(status))


def role_label(role: str | None) -> str:
    return ROLE_NAMES.get(role or "", _fallback(role))


def shipping_label(method: str | None) -> str:
    return SHIPPING_NAMES.get(method or "", _fallback(method))


def return_status_label(status: str | None) -> str:
    return RETURN_STATUS_NAMES.get(status or "", _fallback(status))


def return_kind_label(kind: str | None) -> str:
    return RETURN_KIND_NAMES.get(kind or "", _fallback(kind))


def payment_method_label(method: str | None) -> str:
    return PAYMENT_METHOD_NAMES.get(method or "", _fallback(method))


def payment_status_label(status: str | None) -> str:
    return PAYMENT_STATUS_NAMES.get(status or "", _fallback(status))
