"""Demo orders: each is taken, paid, blocked, held, edited, shipped or canceled the way a
rep and the warehouse would, through the public API, so every rule of the desk holds."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ..api import Desk
from ..errors import StateError
from ..services.views import OrderView
from . import data
from .setup import Customer, World, ascii_fold, random_address

# The share of the demo orders that ends in each situation.
SCENARIOS = {
    "cart": 0.07,
    "quote": 0.05,
    "submitted": 0.12,
    "blocked": 0.08,
    "edit": 0.03,
    "on_hold": 0.06,
    "released": 0.06,
    "packing": 0.03,
    "backorder": 0.05,
    "shipped": 0.37,
    "canceled": 0.08,
}
DECLINED_CARD = "4000000000000002"
GOOD_CARD = "4111111111111111"


def plan(total: int, rng: random.Random) -> list[str]:
    """Exactly ``total`` scenarios in a shuffled order, every one at least once."""
    counts = {name: max(1, round(total * share)) for name, share in SCENARIOS.items()}
    counts["shipped"] += total - sum(counts.values())
    if counts["shipped"] < 1:
        raise ValueError(f"A demo needs at least {len(SCENARIOS) + 10} orders.")
    names = [name for name, count in counts.items() for _ in range(count)]
    rng.shuffle(names)
    return names


@dataclass
class Desks:
    admin: Desk
    supervisor: Desk
    csr: Desk
    csr2: Desk


class OrderMaker:
    def __init__(self, desks: Desks, world: World, rng: random.Random) -> None:
        self.desks, self.world, self.rng = desks, world, rng
        self.quotes: list[int] = []
        # Quotes that time has overtaken: a new quote cannot expire in the past (PRC-1),
        # so the loader moves their expiry back once they are written.
        self.overdue_quotes: dict[int, date] = {}
        self.shipped_with_retired: list[int] = []
        self.submitted_customers: set[int] = set()
        self.guests = 0
        self.store_methods: dict[str, list[str]] = {}

    # scenarios ---------------------------------------------------------------

    def make(self, scenario: str) -> OrderView:
        return getattr(self, f"_{scenario}")()

    def _cart(self) -> OrderView:
        rep = self._rep()
        view = self._from_quote(rep) if self.quotes and self.rng.random() < 0.25 else None
        if view is None:
            view = self._fill(rep, self._start(rep))
        if self.rng.random() < 0.3:
            view = self._maybe_coupon(rep, view, self.rng.choice(self.world.coupons))
        return view

    def _quote(self) -> OrderView:
        rep = self._rep()
        expired = self.rng.random() < 0.3
        expires = date.today() - timedelta(days=self.rng.randint(1, 20)) if expired else None
        view = self._fill(rep, self._start(rep, quote=True))
        if expires is None:
            self.quotes.append(view.id)
        else:
            self.overdue_quotes[view.id] = expires
        return view

    def _submitted(self) -> OrderView:
        rep = self._rep()
        view = self._submit(rep, self._fill(rep, self._start(rep)))
        roll = self.rng.random()
        if roll < 0.4:
            return view  # waiting for a payment
        if roll < 0.7:  # part paid by check, the rest still to come
            half = (view.total / 2).quantize(Decimal("0.01"))
            if "check" in self._methods(view):
                return rep.orders.add_payment(view.id, "check", half)
            return view
        view = self._pay(rep, view)
        return self._clear_blocks(view) if self.rng.random() < 0.5 else view

    def _blocked(self) -> OrderView:
        rep = self._rep()
        view = self._fill(rep, self._start(rep), big=self.rng.random() < 0.3)
        view = self._submit(rep, view)
        roll = self.rng.random()
        if roll < 0.35:
            reasons = rep.stores.get(view.store).block_reasons
            view = rep.orders.place_block(view.id, self.rng.choice(reasons),
                                          self.rng.choice(["Customer asked on the phone.", "",
                                                           "Second opinion needed."]))
        if roll >= 0.35 and roll < 0.65 and "credit_card" in self._methods(view):
            view = rep.orders.add_payment(view.id, "credit_card", view.total, card_number=DECLINED_CARD)
        else:
            view = self._pay(rep, view)
        if not [b for b in view.blocks if not b.resolved]:
            view = rep.orders.place_block(view.id, "Address needs verification",
                                          "Street number missing in the carrier's database.")
        return view

    def _edit(self) -> OrderView:
        rep = self._rep()
        view = self._submit(rep, self._fill(rep, self._start(rep)))
        if self.rng.random() < 0.5:
            view = self._clear_blocks(self._pay(rep, view))
        editor = self.rng.choice([self.desks.csr, self.desks.csr2])
        view = editor.orders.begin_edit(view.id)
        item = self.rng.choice(view.items)
        # The rep is on the phone changing a quantity when the demo stops: the lock stays.
        try:
            # Within PayPal's allowance the rep agrees to ask PayPal for more (PAY-2).
            return editor.orders.set_quantity(view.id, item.id, item.quantity + 1,
                                              acknowledge="paypal_raise")
        except StateError:  # more than the PayPal authorization allows: the rep keeps the quantity
            return view

    def _on_hold(self) -> OrderView:
        rep = self._rep()
        view = self._submit(rep, self._fill(rep, self._start(rep)))
        if self.rng.random() < 0.5:
            view = self._clear_blocks(self._pay(rep, view))
            if self.rng.random() < 0.5:
                view = rep.orders.release(view.id)
        return rep.orders.hold(view.id, self.rng.choice(data.HOLD_REASONS))

    def _released(self) -> OrderView:
        return self._to_released(self._rep())

    def _packing(self) -> OrderView:
        view = self._to_released(self._rep())
        return self.desks.supervisor.fulfillment.pick(view.id)

    def _backorder(self) -> OrderView:
        rep = self._rep()
        view = self._fill(rep, self._start(rep), scarce=True)
        view = self._to_released(rep, view)
        if any(i.fulfillment_status == "released" for i in view.items):
            view = self.desks.supervisor.fulfillment.pick(view.id)
            if self.rng.random() < 0.7:
                view = self.desks.supervisor.fulfillment.ship(view.id)
        return view

    def _shipped(self) -> OrderView:
        view = self._to_released(self._rep())
        warehouse = self.desks.supervisor
        view = warehouse.fulfillment.ship(warehouse.fulfillment.pick(view.id).id)
        if any(i.sku == data.RETIRED for i in view.items):
            self.shipped_with_retired.append(view.id)
        return view

    def _canceled(self) -> OrderView:
        rep = self._rep()
        view = self._fill(rep, self._start(rep))
        roll = self.rng.random()
        if roll >= 0.3:
            view = self._submit(rep, view)
        if roll >= 0.7:
            view = self._clear_blocks(self._pay(rep, view))
            view = rep.orders.release(view.id)
        return rep.orders.cancel(view.id, self.rng.choice(data.CANCEL_REASONS))

    def reorder(self) -> OrderView:
        """A copy of a shipped order whose product is no longer sold: the copy says so (ORD-2)."""
        rep = self._rep()
        if self.shipped_with_retired:
            return rep.orders.create_from(self.shipped_with_retired.pop())
        return self._cart()

    # steps -------------------------------------------------------------------

    def _rep(self) -> Desk:
        return self.rng.choice([self.desks.csr, self.desks.csr, self.desks.csr2, self.desks.supervisor])

    def _start(self, rep: Desk, *, quote: bool = False, quote_expires: date | None = None) -> OrderView:
        store = self.rng.choices(["US", "CA", "B2B"], weights=[6, 2, 2])[0]
        method = self.rng.choices(["standard", "express", "overnight", "pickup"], weights=[12, 4, 1, 1])[0]
        if store != "B2B" and not quote and self.rng.random() < 0.1:
            return self._guest_order(rep, store, method)
        customer = self.rng.choice(self.world.customers[store])
        view = rep.orders.create(store, customer.id, quote=quote, quote_expires=quote_expires,
                                 shipping_method=method)
        if not quote and self.rng.random() < 0.1:
            view = self._ship_elsewhere(rep, view, customer)
        return view

    def _guest_order(self, rep: Desk, store: str, method: str) -> OrderView:
        self.guests += 1
        first, last = self.rng.choice(data.FIRST_NAMES), self.rng.choice(data.LAST_NAMES)
        # The same name gives the same email: a returning guest keeps one record (GST-4).
        guest = {"first_name": first, "last_name": last,
                 "email": f"{ascii_fold(first)}.{ascii_fold(last)}@guest.example.com",
                 "phone": f"+1 (555) 555-{100 + self.guests % 90:04d}"}
        view = rep.orders.create(store, guest=guest, shipping_method=method)
        return rep.orders.set_shipping(view.id, random_address(self.rng, f"{first} {last}", store))

    def _ship_elsewhere(self, rep: Desk, view: OrderView, customer: Customer) -> OrderView:
        """A gift or an office delivery; on a first order this draws the address-mismatch block."""
        address = random_address(self.rng, customer.name, customer.store)
        return rep.orders.set_shipping(view.id, address, save_to_address_book=self.rng.random() < 0.3)

    def _fill(self, rep: Desk, view: OrderView, *, big: bool = False, scarce: bool = False) -> OrderView:
        lines = self.rng.choices([1, 2, 3, 4, 5], weights=[3, 4, 3, 2, 1])[0]
        b2b = view.store == "B2B"
        for sku in self.rng.sample(self.world.skus, lines):
            quantity = self._quantity(b2b or big)
            price = None
            if rep is self.desks.supervisor and self.rng.random() < 0.2:
                price = (self.world.prices[sku] * Decimal("0.9")).quantize(Decimal("0.01"))
            # The supervisor, asked, keeps the lower price (ORD-10).
            view = rep.orders.add_item(view.id, sku, quantity, placed_price=price,
                                       acknowledge="price_below_list" if price else None)
        if self.rng.random() < 0.12:
            view = rep.orders.add_bundle(view.id, self.rng.choice(self.world.bundles),
                                         self.rng.randint(1, 3 if b2b else 1))
        if big:
            view = rep.orders.add_item(view.id, self.rng.choice(["LAP-900", "CHR-110", "MON-300"]),
                                       self.rng.randint(8, 15))
        if scarce:
            sku = self.rng.choice(sorted(data.SCARCE))
            view = rep.orders.add_item(view.id, sku, self.rng.randint(2, 4))
        if view.items and self.rng.random() < (0.5 if scarce else 0.08):
            view = rep.orders.expedite(view.id, view.items[-1].id)
        if self.rng.random() < 0.25:
            view = rep.orders.add_note(view.id, self.rng.choice(data.NOTES))
        return view

    def _quantity(self, large: bool) -> int:
        if large:
            return self.rng.choice([2, 5, 10, 12, 20, 25])
        return self.rng.choices([1, 2, 3, 4], weights=[10, 4, 2, 1])[0]

    def _maybe_coupon(self, rep: Desk, view: OrderView, code: str) -> OrderView:
        return rep.orders.apply_coupon(view.id, code)

    def _from_quote(self, rep: Desk) -> OrderView | None:
        quote = self.quotes.pop(0)
        return rep.orders.create_from(quote)

    def _submit(self, rep: Desk, view: OrderView) -> OrderView:
        if self.rng.random() < 0.1 and view.store != "B2B":
            view = self._maybe_coupon(rep, view, self.rng.choice(self.world.coupons))
        for item in view.items:
            if item.flag and not item.flag_accepted:
                view = rep.orders.accept_item(view.id, item.id)  # ORD-16: the customer agrees
        view = rep.orders.submit(view.id)
        if view.customer_id is not None:
            self.submitted_customers.add(view.customer_id)
        return view

    def _methods(self, view: OrderView) -> list[str]:
        if view.store not in self.store_methods:
            self.store_methods[view.store] = self.desks.admin.stores.get(view.store).payment_methods
        return self.store_methods[view.store]

    def _pay(self, rep: Desk, view: OrderView) -> OrderView:
        methods = self._methods(view)
        due = view.total
        if view.store == "B2B" and self._has_credit(view) and self.rng.random() < 0.7:
            return rep.orders.add_payment(view.id, "on_account", due)
        if self.rng.random() < 0.15 and "check" in methods and due > 20:
            part = (due / 3).quantize(Decimal("0.01"))
            view = rep.orders.add_payment(view.id, "check", part)
            due -= part
        if "paypal" in methods and self.rng.random() < 0.25:
            return rep.orders.add_payment(view.id, "paypal", due)
        if self.rng.random() < 0.05:  # declined first, then a second card: an automatic block remains
            view = rep.orders.add_payment(view.id, "credit_card", due, card_number=DECLINED_CARD)
        return rep.orders.add_payment(view.id, "credit_card", due, card_number=GOOD_CARD)

    def _has_credit(self, view: OrderView) -> bool:
        return any(c.id == view.customer_id and c.has_credit for c in self.world.customers["B2B"])

    def _clear_blocks(self, view: OrderView) -> OrderView:
        """Manual blocks are cleared by the rep, automatic ones by an administrator (BLK-3, BLK-4)."""
        for block in view.blocks:
            if block.resolved:
                continue
            if block.kind == "automatic":
                view = self.desks.admin.orders.resolve_block(view.id, block.id, "Checked with the customer.")
            else:
                view = self.desks.csr.orders.resolve_block(view.id, block.id, "Resolved by phone.")
        return view

    def _to_released(self, rep: Desk, view: OrderView | None = None) -> OrderView:
        if view is None:
            view = self._fill(rep, self._start(rep))
        view = self._pay(rep, self._submit(rep, view))
        if self.rng.random() < 0.08:  # a rep stopped it for a check and cleared it after the call
            view = rep.orders.place_block(view.id, "Awaiting customer confirmation",
                                          "Confirming the delivery address by phone.")
        return rep.orders.release(self._clear_blocks(view).id)
