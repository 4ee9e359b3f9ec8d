"""The base of every read model the services return: built from ORM rows, never changed; and
the address and ship-to views an order and a customer share (views.py offers them by name too)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class View(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class ShippingAddressView(View):
    """An address as an order keeps it: a copy, not a link to the address book (ADR-2)."""

    name: str = ""
    line1: str = ""
    line2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""


class AddressView(ShippingAddressView):
    """An entry of a customer's address book."""

    id: int


class ShipToView(View):
    """One destination of an order (SHP-1) with its method and its own shipping and tax."""

    id: int
    position: int = 1  # "Ship-to 2" on the order
    label: str = ""
    address: ShippingAddressView | None = None
    method: str = "standard"
    shipping_total: Decimal = Decimal("0.00")
    tax_total: Decimal = Decimal("0.00")
    # What the method's rate would charge, and the override that replaced it (PRC-6).
    rated_shipping: Decimal = Decimal("0.00")
    shipping_overridden: bool = False
    override_reason: str = ""
    overridden_by: str | None = None
    item_ids: list[int] = []
