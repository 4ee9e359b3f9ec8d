"""Creating orders and quotes, reorders, guest orders and deleting drafts."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...errors import StateError, ValidationError
from ...models import Address, Customer, Order, OrderItem, Preference, Product
from .. import validation as v
from ..authority import Authority
from ..customers import clean_profile, load_customer, new_customer
from ..stores import store_by_code
from ..uow import UnitOfWork
from ..views import Changes, OrderView
from . import bundles, destinations, quotes
from . import lifecycle as s
from . import promotions as promotion_rules
from .actions import refusal_for
from .base import OrderServiceBase, OrderWork, load_order, write_history
from .lines import flag_for
from .pricing import SHIPPING_RATES, promotion_live
from .store_charges import list_price_in
from .view_builder import order_view
from .warnings import Acknowledge

QUOTE_DAYS = 30


def default_expiry(uow: UnitOfWork) -> datetime:
    """A new quote runs for QUOTE_DAYS, to the end of the last day."""
    last = (uow.now + timedelta(days=QUOTE_DAYS)).date()
    return datetime.combine(last, time.max)


def start_quote(order: Order, expires: datetime) -> None:
    order.quote_expires, order.quote_status = expires, quotes.DRAFT
FIRST_NUMBER = 100_000


def attach_customer(order: Order, customer: Customer) -> None:
    order.customer_id = customer.id
    order.customer = customer
    order.is_guest = customer.is_guest
    order.customer_name = customer.full_name
    order.customer_search = v.stored_search_key(customer.full_name)
    order.customer_email = customer.email


def copy_billing_to_ship(order: Order, customer: Customer) -> None:
    book = {a.id: a for a in customer.addresses}
    source = book.get(customer.billing_address_id or 0) or next(iter(customer.addresses), None)
    if source is None:
        return
    order.ship_name = source.name or customer.full_name
    order.ship_line1, order.ship_line2 = source.line1, source.line2
    order.ship_city, order.ship_region = source.city, source.region
    order.ship_postal_code, order.ship_country = source.postal_code, source.country
    order.ship_phone = source.phone


def billing_json(session: Session, customer: Customer | None) -> str:
    if customer is None or customer.billing_address_id is None:
        return ""
    source = session.get(Address, customer.billing_address_id)
    if source is None:
        return ""
    keys = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")
    return json.dumps({k: getattr(source, k) for k in keys})


def new_order(uow: UnitOfWork, store_id: int, user: str, *, kind: str = "order") -> Order:
    order = Order(
        number=f"new-{uuid.uuid4().hex}", store_id=store_id, kind=kind, status=s.PENDING,
        created_by=user, created_at=uow.now, updated_at=uow.now,
        items=[], payments=[], blocks=[], holds=[], notes=[], ship_tos=[], lock=None,
    )
    uow.session.add(order)
    uow.session.flush()
    order.number = str(FIRST_NUMBER + order.id)
    return order


class OrderCreation(OrderServiceBase):
    def create(
        self,
        store: str | None = None,
        customer_id: int | None = None,
        *,
        guest: dict[str, Any] | None = None,
        quote: bool = False,
        quote_expires: object = None,
        name: str = "",
        shipping_method: str | None = None,
    ) -> OrderView:
        """ORD-1: a new, empty order (or quote) for an existing customer or a guest."""
        self.ctx.require(Authority.MAINTAIN_ORDERS, "Creating an order")
        title = v.text(name, "Order name", required=False)
        method = (v.choice(shipping_method, "Shipping method", list(SHIPPING_RATES))
                  if shipping_method else None)
        # An expiry date counts its whole day (PRC-1).
        expires = v.until(quote_expires, "Quote expiry date")
        if quote_expires is not None and not quote:
            raise ValidationError("Only a quote has an expiry date.", "Quote expiry date")
        if guest is not None and customer_id is not None:
            raise ValidationError("Choose a customer or a guest, not both.", "Customer")
        if guest is None and customer_id is None:
            raise ValidationError("Choose a customer, or take a guest order.", "Customer")
        profile = self._guest_profile(guest) if guest is not None else None

        def work(uow: UnitOfWork) -> OrderView:
            shop = store_by_code(uow, store if store is not None else self._preferred_store(uow))
            if profile is not None:
                customer = self._guest_customer(uow, profile)
            else:
                customer = load_customer(uow, customer_id)
            if customer.is_guest and shop.kind != "consumer_direct":
                raise ValidationError(
                    f"Guest orders can be taken only in consumer-direct stores; {shop.code} is a "
                    "B2B store. Find or create the customer instead.",
                    "Store",
                )  # GST-1
            if shop.kind == "b2b" and not customer.company:
                raise ValidationError(
                    f"{shop.code} is a B2B store: the customer must belong to a company.", "Customer"
                )
            order = new_order(uow, shop.id, self.ctx.username, kind="quote" if quote else "order")
            order.name = title
            order.store = shop
            attach_customer(order, customer)
            copy_billing_to_ship(order, customer)
            order.shipping_method = method or self._preferred_method(uow)
            if quote:
                if expires is not None and expires < uow.now:
                    raise ValidationError(
                        f"The quote expiry date {expires:%Y-%m-%d} has passed; choose today or later.",
                        "Quote expiry date")
                start_quote(order, expires or default_expiry(uow))
            return self._finish_new(uow, order, "Quote created" if quote else "Order created")

        return self._commit_new(work)

    def create_from(self, order_id: int, *, quote: bool = False) -> OrderView:
        """ORD-2: a new pending order from an order or an unexpired quote."""
        self.ctx.require(Authority.MAINTAIN_ORDERS, "Creating an order from another")

        def work(uow: UnitOfWork) -> OrderView:
            source = load_order(uow, order_id)
            refusal = refusal_for("create_from", source, self.actor, uow.now)
            if refusal is not None:
                raise refusal.exception()
            customer = None
            if source.customer_id is not None:
                customer = uow.session.scalar(
                    select(Customer).where(Customer.id == source.customer_id)
                    .options(selectinload(Customer.addresses))
                )
            order = new_order(uow, source.store_id, self.ctx.username, kind="quote" if quote else "order")
            order.store = source.store
            if customer is not None:
                attach_customer(order, customer)
            for key in ("ship_name", "ship_line1", "ship_line2", "ship_city", "ship_region",
                        "ship_postal_code", "ship_country", "ship_phone", "shipping_method", "name"):
                setattr(order, key, getattr(source, key))
            if quote:
                start_quote(order, default_expiry(uow))
            from_quote = source.kind == "quote"
            if from_quote:
                notices = quotes.convert(uow, source, order)
            else:
                notices = self._copy_lines(uow, source, order)
                notices += self._copy_coupon(uow, source, order)
            notices += destinations.copy_ship_tos(uow.session, source, order, keep_overrides=from_quote)
            detail = f"Created from {'quote' if from_quote else 'order'} {source.number}"
            if from_quote:
                write_history(uow, source, self.ctx.username, "Quote converted", f"to order {order.number}")
            return self._finish_new(uow, order, "Order created", detail=detail, notices=notices)

        return self._commit_new(work)

    def associate_customer(
        self, order_id: int, customer_id: int, *, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        """GST-2/GST-3: a guest order takes a registered customer until it is submitted."""
        key = v.identifier(customer_id, "Customer")

        def change(job: OrderWork) -> None:
            order = job.order
            customer = load_customer(job.uow, key)
            if customer.is_guest:
                raise ValidationError("Choose a registered customer, not a guest.", "Customer")
            job.detail = f"Guest {order.customer_name} -> customer {customer.full_name} ({customer.id})"
            attach_customer(order, customer)
            if not order.ship_line1:
                copy_billing_to_ship(order, customer)

        return self._mutate(order_id, "associate_customer", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def delete(self, order_ids: list[int] | int) -> int:
        """ORD-8: administrators delete draft orders, carts and quotes; all or none."""
        self.ctx.require(Authority.DELETE_ORDERS, "Deleting orders")
        if not isinstance(order_ids, int | list | tuple | set | frozenset):
            raise ValidationError("Choose the orders to delete by their record numbers.", "Orders")
        ids = [order_ids] if isinstance(order_ids, int) else list(order_ids)
        keys = sorted({v.identifier(i, "Order") for i in ids})
        if not keys:
            raise ValidationError("Choose at least one order to delete.", "Orders")

        def work(uow: UnitOfWork) -> int:
            orders = [load_order(uow, key, for_update=True) for key in keys]
            refusals = [r for r in (refusal_for("delete", o, self.actor, uow.now) for o in orders) if r]
            if len(refusals) == 1:
                raise refusals[0].exception()
            if refusals:
                busy = ", ".join(o.number for o in orders if refusal_for("delete", o, self.actor, uow.now))
                raise StateError(
                    f"Only draft orders, carts and quotes can be deleted; {busy} were submitted. "
                    "Cancel them instead."
                )
            for order in orders:
                write_history(uow, order, self.ctx.username, "Order deleted",
                              f"{order.kind} {order.number}, total {order.total}")
                uow.session.delete(order)
            uow.commit()
            return len(orders)

        count = self.ctx.write(work)
        self.ctx.announce(Changes(orders=frozenset(keys)))
        return count

    # helpers -----------------------------------------------------------------

    def _guest_profile(self, guest: Any) -> dict[str, Any]:
        if not isinstance(guest, dict):
            raise ValidationError("Guest details must give first and last name.", "Guest")
        unknown = set(guest) - {"first_name", "last_name", "email", "phone"}
        if unknown:
            raise ValidationError(f"Unknown guest detail: {', '.join(sorted(map(str, unknown)))}.", "Guest")
        return clean_profile(guest.get("first_name"), guest.get("last_name"), None,
                             guest.get("email"), guest.get("phone"))

    def _guest_customer(self, uow: UnitOfWork, profile: dict[str, Any]) -> Customer:
        """GST-4: a returning guest (same email) keeps one guest record for all orders."""
        if profile["email"]:
            found = uow.session.scalar(
                select(Customer).where(Customer.email == profile["email"], Customer.is_guest.is_(True))
                .options(selectinload(Customer.addresses)).limit(1)
            )
            if found is not None:
                return found
        return new_customer(uow, profile, is_guest=True)

    def _preferred_store(self, uow: UnitOfWork) -> str:
        """ORD-15: without a store named, the rep's default store takes the order."""
        pref = uow.session.get(Preference, self.ctx.user_id)
        if pref is None or not pref.default_store:
            raise ValidationError("Choose a store; no default store is set in your preferences.", "Store")
        return pref.default_store

    def _preferred_method(self, uow: UnitOfWork) -> str:
        pref = uow.session.get(Preference, self.ctx.user_id)
        return (pref.shipping_method if pref else None) or "standard"

    def _copy_lines(self, uow: UnitOfWork, source: Order, order: Order) -> list[str]:
        ids = {i.product_id for i in source.items if i.product_id}
        products = {p.id: p for p in uow.session.scalars(select(Product).where(Product.id.in_(ids)))}
        notices = []
        for item in source.items:
            product = products.get(item.product_id or 0)
            if product is None or not product.available:
                notices.append(f"{item.sku} ({item.name}) is no longer available and was left out.")
                continue
            if s.line_canceled(item):
                continue
            price = list_price_in(uow.session, product, order.store_id)  # PRC-4
            if item.bundle_sku:  # PRC-3: the part's share of today's bundle price
                share = bundles.todays_unit_price(uow.session, item.bundle_sku, item.sku, order.store_id)
                price = share or price
            # ORD-16: what the rep must confirm with the customer before the copy can go on:
            # a price that is not the one they paid last time, and stock short of the quantity.
            exceptions = [flag_for(product, item.quantity)]
            if item.placed_price != price:  # PRC-1: a reorder takes today's prices
                notices.append(f"{item.sku} ({item.name}) is {price} today; "
                               f"it was {item.placed_price} on order {source.number}.")
                exceptions.insert(0, f"Price changed: {price} today, {item.placed_price} on order "
                                     f"{source.number}")
            flag = "; ".join(e for e in exceptions if e)[:200] or None  # the column's width
            order.items.append(OrderItem(
                product_id=product.id, sku=product.sku, name=product.name, quantity=item.quantity,
                list_price=price, placed_price=price, bundle_sku=item.bundle_sku, flag=flag,
                flag_accepted=False, ship_to_id=item.ship_to_id,  # the source's: copy_ship_tos maps it
            ))
        return notices

    def _copy_coupon(self, uow: UnitOfWork, source: Order, order: Order) -> list[str]:
        if not source.coupon_code:
            return []
        promo = promotion_rules.promotion_for_code(uow.session, source.coupon_code, uow.now)
        if promo is not None and promotion_live(promo, uow.now):
            order.coupon_code = source.coupon_code
            return []
        return [f"Coupon {source.coupon_code} has expired and was not applied again."]

    def _finish_new(
        self, uow: UnitOfWork, order: Order, activity: str, *, detail: str = "",
        notices: list[str] | None = None,
    ) -> OrderView:
        job = OrderWork(uow, order, None, self.actor,
                        detail=detail or f"{order.kind} for {order.customer_name}",
                        notices=list(notices or []))
        self.after_change(job)
        write_history(uow, order, self.ctx.username, activity, job.detail)
        uow.session.flush()
        view = order_view(order, uow.now, actor=self.actor, notices=job.notices)
        uow.commit()
        return view

    def _commit_new(self, work: Any) -> OrderView:
        view: OrderView = self.ctx.write(work)
        self.ctx.announce(Changes(orders=frozenset({view.id})))
        return view
