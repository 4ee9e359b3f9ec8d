"""Read models returned by every service: pydantic, frozen, never ORM objects."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import computed_field

from ..labels import return_kind_label, return_status_label, state_label
from .payment_views import PaymentView
from .view_base import AddressView as AddressView
from .view_base import ShippingAddressView as ShippingAddressView
from .view_base import ShipToView as ShipToView
from .view_base import View as View


class UserView(View):
    id: int
    username: str
    role: str
    active: bool = True
    # The documented demo password still signs this account in (users.list fills it in).
    demo_password: bool = False


class LockedOut(View):
    """A user whose sign-in is paused after wrong passwords in a row (SRV-3)."""
    username: str
    failures: int
    locked_until: datetime
    seconds_left: int


class StoreView(View):
    id: int
    code: str
    name: str
    kind: str
    currency: str
    review_threshold: Decimal | None = None
    tax_rate: Decimal = Decimal("0")
    payment_methods: list[str] = []
    block_reasons: list[str] = []
    return_days: int = 30


class StorePriceView(View):
    sku: str
    store: str
    currency: str
    price: Decimal


class TaxRateView(View):
    store: str
    country: str
    region: str = ""
    rate: Decimal
    tax_shipping: bool = False


class ShippingRateView(View):
    store: str
    method: str
    amount: Decimal
    free_over: Decimal | None = None
    currency: str = ""


class CustomerView(View):
    id: int
    first_name: str
    last_name: str
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    is_guest: bool = False
    credit_limit: Decimal | None = None
    tax_exempt: bool = False
    billing_address_id: int | None = None
    addresses: list[AddressView] = []

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CustomerSummary(View):
    customer_id: int
    order_count: int
    lifetime_value: Decimal
    # Per store currency (PRC-4); lifetime_value is the figure of the customer's main currency.
    lifetime_values: dict[str, Decimal] = {}
    lifetime_currency: str | None = None
    open_orders: int = 0
    last_order_at: datetime | None = None


class ProductView(View):
    id: int
    sku: str
    name: str
    description: str = ""
    list_price: Decimal
    stock: int = 0
    restock_date: date | None = None
    available: bool = True
    is_bundle: bool = False


class AssociationView(View):
    kind: str
    from_sku: str
    product: ProductView


class PromotionView(View):
    id: int
    name: str
    percent_off: Decimal | None = None
    amount_off: Decimal | None = None
    coupon_code: str | None = None
    sku: str | None = None
    starts: datetime | None = None
    ends: datetime | None = None
    uses_per_customer: int | None = None
    max_uses: int | None = None
    currency: str | None = None
    applies: bool = False
    why: str = ""


class ItemView(View):
    id: int
    sku: str
    name: str
    quantity: int
    list_price: Decimal
    placed_price: Decimal
    discount: Decimal = Decimal("0.00")
    line_total: Decimal
    expedite: bool = False
    fulfillment_status: str | None = None
    expected_date: date | None = None
    bundle_sku: str | None = None
    flag: str | None = None
    flag_accepted: bool = False
    # SHP-2, CAN-1: once the order is paid, allocated + backordered + shipped + canceled
    # == quantity; packed is the part of the allocated quantity on a pick list.
    allocated_quantity: int = 0
    backordered_quantity: int = 0
    packed_quantity: int = 0
    shipped_quantity: int = 0
    canceled_quantity: int = 0
    cancelable_quantity: int = 0  # CAN-1: neither shipped, packed nor canceled yet
    returned_quantity: int = 0  # on returns not canceled (RET-1)
    personalization: str | None = None  # PER-1
    returnable_quantity: int = 0  # shipped and not yet on a return
    ship_to_id: int | None = None  # the ship-to this row goes to (SHP-1)
    # The line's actions (set_quantity, remove_item, hold_item, ...): None when allowed now.
    actions: dict[str, str | None] = {}


class BlockView(View):
    id: int
    kind: str
    rule: str | None = None
    reason: str
    comment: str = ""
    placed_by: str
    placed_at: datetime
    resolved: bool = False
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolve_comment: str = ""
    actions: dict[str, str | None] = {}  # resolve_block, modify_block


class HoldView(View):
    id: int
    item_id: int | None = None
    reason: str
    placed_by: str
    placed_at: datetime
    released: bool = False
    released_by: str | None = None
    released_at: datetime | None = None
    actions: dict[str, str | None] = {}  # release_hold or release_item_hold


class NoteView(View):
    id: int
    text: str
    author: str
    created_at: datetime


class HistoryEntryView(View):
    id: int
    order_id: int | None = None
    at: datetime
    user: str
    activity: str
    detail: str = ""
    before: str = ""
    after: str = ""


HistoryEntry = HistoryEntryView


class ReturnLineView(View):
    item_id: int
    sku: str
    name: str = ""
    quantity: int
    received_quantity: int = 0
    restocked_quantity: int = 0  # of those received, put back in stock (resaleable)
    credit: Decimal
    replacement_sku: str | None = None


class ReturnView(View):
    """A return (RMA), an exchange or a misship of an order's shipped goods (RET-1..RET-6)."""

    id: int
    number: str
    order_id: int
    order_number: str = ""
    customer_id: int | None = None
    kind: str  # return | exchange | misship
    status: str  # requested | approved | received | canceled
    reason: str
    comment: str = ""
    lines: list[ReturnLineView] = []
    credit_total: Decimal
    refunded_total: Decimal = Decimal("0.00")
    # An exchange's replacement beyond its credit: charged on the replacement order when
    # positive, refunded with the credit when negative.
    price_difference: Decimal = Decimal("0.00")
    replacement_order_id: int | None = None
    replacement_order_number: str | None = None
    approval_needed: str = ""  # why it waits for a Supervisor (RET-2)
    created_at: datetime
    created_by: str
    approved_by: str | None = None
    approved_at: datetime | None = None
    received_by: str | None = None
    received_at: datetime | None = None
    canceled_by: str | None = None
    cancel_reason: str = ""
    # approve, receive, cancel: None when this user may do it now, else the reason (as OrderView.actions).
    actions: dict[str, str | None] = {}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_label(self) -> str:
        return return_status_label(self.status)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kind_label(self) -> str:
        return return_kind_label(self.kind)


class OrderView(View):
    id: int
    number: str
    external_number: str | None = None
    kind: str = "order"
    is_quote: bool = False
    quote_expires: datetime | None = None
    quote_status: str | None = None  # draft | ready | canceled | expired | converted (PRC-1)
    name: str = ""
    status: str
    store: str
    currency: str = "USD"
    customer_id: int | None
    customer_name: str = ""
    customer_email: str | None = None
    is_guest: bool
    items: list[ItemView]
    subtotal: Decimal
    discount_total: Decimal
    shipping_total: Decimal
    tax_total: Decimal
    total: Decimal
    paid_total: Decimal = Decimal("0.00")
    refund_due: Decimal = Decimal("0.00")  # PAY-3: captured beyond the total
    payment_due: Decimal = Decimal("0.00")  # what of the total no payment covers yet
    coupon_code: str | None = None
    shipping_method: str = "standard"
    ship_complete: bool = False  # SHP-2: no line leaves before all can, but expedited ones
    shipping_address: ShippingAddressView | None = None
    bill_to: ShippingAddressView | None = None
    ship_tos: list[ShipToView] = []
    payments: list[PaymentView] = []
    blocks: list[BlockView]
    holds: list[HoldView]
    notes: list[NoteView] = []
    returns: list[ReturnView] = []  # RET-6
    recent_history: list[HistoryEntryView] = []
    locked_by: str | None = None
    lock_expires: datetime | None = None
    version: int
    notices: list[str] = []
    status_explanation: str = ""
    created_at: datetime
    submitted_at: datetime | None = None
    created_by: str = ""
    # Every action on the order for the signed-in user: None when it may be taken now,
    # otherwise the reason in the rep's words (the refusal the call would raise).
    actions: dict[str, str | None] = {}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_label(self) -> str:
        return state_label(self.status)

    @property
    def open_blocks(self) -> list[BlockView]:
        return [block for block in self.blocks if not block.resolved]

    @property
    def active_holds(self) -> list[HoldView]:
        return [hold for hold in self.holds if not hold.released]


class OrderSummaryView(View):
    id: int
    number: str
    external_number: str | None = None
    name: str = ""
    status: str
    store: str
    customer_id: int | None
    customer_name: str
    customer_email: str | None = None
    is_guest: bool = False
    kind: str = "order"
    created_at: datetime
    total: Decimal

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_label(self) -> str:
        return state_label(self.status)


class OrderLockView(View):
    """An order's edit lock as an administrator sees it before removing it (LCK-3)."""

    order_id: int
    number: str
    status: str
    customer_name: str = ""
    locked_by: str
    workstation: str = ""
    acquired_at: datetime
    expires_at: datetime
    lease_expired: bool = False  # the holder's desk stopped renewing it: likely stranded

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status_label(self) -> str:
        return state_label(self.status)


class Changes(View):
    """What an operation changed, so open views refresh without reaching into each other."""

    orders: frozenset[int] = frozenset()
    customers: frozenset[int] = frozenset()
    products: frozenset[str] = frozenset()
