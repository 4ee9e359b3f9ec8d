"""Customers and their address books; finding a customer by name, email or phone."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ...errors import NotFoundError, ValidationError
from ...models import Address, Customer, Order, OrderItem, Store
from .. import audit, search
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..uow import UnitOfWork
from ..views import AddressView, Changes, CustomerSummary, CustomerView

# Orders that count as placed for a customer's summary (quotes and carts do not).
PLACED_STATES = ("pending_payment_authorization", "edit", "on_hold", "released", "shipped", "canceled")
MIN_PHONE_DIGITS = 7


def customer_view(customer: Customer) -> CustomerView:
    return CustomerView.model_validate(customer)


def load_customer(uow: UnitOfWork, customer_id: object) -> Customer:
    key = v.identifier(customer_id, "Customer")
    customer = uow.session.scalar(
        select(Customer).where(Customer.id == key).options(selectinload(Customer.addresses))
    )
    if customer is None:
        raise NotFoundError(f"There is no customer number {key}.")
    return customer


def set_names(customer: Customer, first: str, last: str) -> None:
    customer.first_name, customer.last_name = first, last
    customer.full_name = f"{first} {last}".strip()
    company = f" {customer.company}" if customer.company else ""
    customer.search_name = v.stored_search_key(f"{customer.full_name}{company}")


def new_customer(uow: UnitOfWork, profile: dict[str, Any], *, is_guest: bool = False) -> Customer:
    customer = Customer(
        company=profile["company"], email=profile["email"], phone=profile["phone"],
        phone_digits=v.phone_key(profile["phone"]), is_guest=is_guest,
        created_at=uow.now, addresses=[],
    )
    set_names(customer, profile["first_name"], profile["last_name"])
    uow.session.add(customer)
    uow.session.flush()
    return customer


def clean_profile(
    first_name: object, last_name: object, company: object = None, email: object = None,
    phone: object = None,
) -> dict[str, Any]:
    return {
        "first_name": v.text(first_name, "First name", max_length=100),
        "last_name": v.text(last_name, "Last name", max_length=100),
        "company": v.optional_text(company, "Company", max_length=200),
        "email": v.email(email),
        "phone": v.phone(phone),
    }


def add_address_row(uow: UnitOfWork, customer: Customer, address: v.AddressInput) -> Address:
    row = Address(customer_id=customer.id, **address.model_dump())
    uow.session.add(row)
    uow.session.flush()
    if customer.billing_address_id is None:
        customer.billing_address_id = row.id
    return row


class CustomerService(Service):
    def create(
        self, first_name: str, last_name: str, *, company: str | None = None,
        email: str | None = None, phone: str | None = None, address: Any = None,
        credit_limit: Decimal | str | None = None,
    ) -> CustomerView:
        self.ctx.require(Authority.MAINTAIN_CUSTOMERS, "Creating a customer")
        profile = clean_profile(first_name, last_name, company, email, phone)
        home = v.address(address) if address is not None else None
        limit = v.money(credit_limit, "Credit limit") if credit_limit is not None else None
        if limit is not None:
            self.ctx.require(Authority.SET_CREDIT_LIMITS, "Setting a credit limit")

        def work(uow: UnitOfWork) -> CustomerView:
            customer = new_customer(uow, profile)
            customer.credit_limit = limit
            if home is not None:
                add_address_row(uow, customer, home)
            uow.session.flush()
            audit.created(uow, self.ctx.username, "customer", customer)  # AUD-1
            return self._commit_view(uow, customer.id)

        return self.ctx.write(work)

    def update(self, customer_id: int, **fields: Any) -> CustomerView:
        """Change the profile: first_name, last_name, company, email, phone, credit_limit."""
        self.ctx.require(Authority.MAINTAIN_CUSTOMERS, "Changing a customer")
        allowed = {"first_name", "last_name", "company", "email", "phone", "credit_limit", "tax_exempt"}
        if "credit_limit" in fields:
            self.ctx.require(Authority.SET_CREDIT_LIMITS, "Changing a credit limit")
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"Unknown customer field: {', '.join(sorted(unknown))}.", "Customer")
        touched: list[int] = []  # orders whose automatic blocks followed the new limit

        def work(uow: UnitOfWork) -> CustomerView:
            touched.clear()  # a retried unit starts over
            customer = load_customer(uow, customer_id)
            before = audit.snapshot_of("customer", customer)
            merged = {
                "first_name": customer.first_name, "last_name": customer.last_name,
                "company": customer.company, "email": customer.email, "phone": customer.phone,
            }
            merged.update({k: fields[k] for k in fields if k not in ("credit_limit", "tax_exempt")})
            profile = clean_profile(**merged)
            customer.company, customer.email, customer.phone = (
                profile["company"], profile["email"], profile["phone"],
            )
            customer.phone_digits = v.phone_key(profile["phone"])
            set_names(customer, profile["first_name"], profile["last_name"])
            if "tax_exempt" in fields:  # PRC-5
                if not isinstance(fields["tax_exempt"], bool):
                    raise ValidationError("Tax exempt must be yes or no.", "Tax exempt")
                customer.tax_exempt = fields["tax_exempt"]
            limit_moved = False
            if "credit_limit" in fields:
                value = fields["credit_limit"]
                new_limit = None if value is None else v.money(value, "Credit limit")
                limit_moved = new_limit != customer.credit_limit
                customer.credit_limit = new_limit
            audit.changed(uow, self.ctx.username, "customer", customer, before)  # AUD-1
            if limit_moved:
                from ..orders.credit import customer_limit_changed

                uow.session.flush()
                touched.extend(customer_limit_changed(uow, customer.id, uow.now))  # PRC-7
            return self._commit_view(uow, customer.id)

        view = self.ctx.write(work)
        if touched:
            self.ctx.announce(Changes(orders=frozenset(touched)))
        return view

    def find(self, text: str, *, limit: int = 50, offset: int = 0,
             include_guests: bool = True) -> list[CustomerView]:
        """Any part of the name (% is a wildcard), an exact email, or a phone number (FND-4)."""
        phrase = v.text(text, "Search", max_length=200)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 500:
            raise ValidationError("Results per page must be from 1 to 500.", "Results per page")
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValidationError("Page start must be zero or more.", "Page")

        def work(uow: UnitOfWork) -> list[CustomerView]:
            query = select(Customer).options(selectinload(Customer.addresses))
            digits = v.digits_of(phrase)
            if "@" in phrase:
                query = query.where(Customer.email == phrase.lower())
            elif len(digits) >= MIN_PHONE_DIGITS and len(digits) >= len(phrase.replace(" ", "")) // 2:
                query = query.where(Customer.phone_digits == v.phone_key(digits))
            else:
                # Through the trigram index; short phrases match the start of the name.
                named = search.phrase_of(v.search_key(phrase))
                page_end = max(0, offset) + max(1, min(limit, 500))
                query = query.where(search.customer_name_filter(uow.session, named, page_end=page_end))
            if not include_guests:
                query = query.where(Customer.is_guest.is_(False))
            query = query.order_by(Customer.last_name, Customer.first_name, Customer.id)
            query = query.limit(max(1, min(limit, 500))).offset(max(0, offset))
            return [customer_view(c) for c in uow.session.scalars(query)]

        return self.ctx.read(work)

    def get(self, customer_id: int) -> CustomerView:
        return self.ctx.read(lambda uow: customer_view(load_customer(uow, customer_id)))

    def add_address(self, customer_id: int, address: Any, *, billing: bool = False) -> AddressView:
        self.ctx.require(Authority.MAINTAIN_CUSTOMERS, "Adding an address")
        cleaned = v.address(address)

        def work(uow: UnitOfWork) -> AddressView:
            customer = load_customer(uow, customer_id)
            row = add_address_row(uow, customer, cleaned)
            if billing:
                customer.billing_address_id = row.id
            audit.field_changed(uow, self.ctx.username, "customer", customer, f"address {row.id}", "",
                                audit.address_line(row))  # AUD-1
            view = AddressView.model_validate(row)
            uow.commit()
            return view

        return self.ctx.write(work)

    def update_address(self, customer_id: int, address_id: int, address: Any) -> AddressView:
        """Changes the address book only; orders keep the copy they were given (ADR-2)."""
        self.ctx.require(Authority.MAINTAIN_CUSTOMERS, "Changing an address")
        cleaned = v.address(address)
        key = v.identifier(address_id, "Address")

        def work(uow: UnitOfWork) -> AddressView:
            row = uow.session.get(Address, key)
            if row is None or row.customer_id != customer_id:
                raise NotFoundError(f"Customer {customer_id} has no address number {key}.")
            was = audit.address_line(row)
            for name, value in cleaned.model_dump().items():
                setattr(row, name, value)
            owner = uow.session.get(Customer, row.customer_id)
            audit.field_changed(uow, self.ctx.username, "customer", owner, f"address {row.id}", was,
                                audit.address_line(row))  # AUD-1
            view = AddressView.model_validate(row)
            uow.commit()
            return view

        return self.ctx.write(work)

    def summary(self, customer_id: int) -> CustomerSummary:
        """Orders placed (canceled included) and the value of those not canceled."""

        def work(uow: UnitOfWork) -> CustomerSummary:
            key = load_customer(uow, customer_id).id
            placed = (Order.customer_id == key, Order.kind == "order", Order.status.in_(PLACED_STATES))
            count, last = uow.session.execute(
                select(func.count(Order.id), func.max(Order.created_at)).where(*placed)
            ).one()
            # Summed per line in Python: SQLite's SUM over NUMERIC would go through floats.
            # Per currency (PRC-4): amounts of different stores' currencies are never added.
            lines = uow.session.execute(
                select(OrderItem.line_total, Store.currency)
                .join(Order, Order.id == OrderItem.order_id)
                .join(Store, Store.id == Order.store_id)
                .where(*placed, Order.status != "canceled",
                       func.coalesce(OrderItem.fulfillment_status, "") != "canceled")
            ).all()
            by_currency: dict[str, Decimal] = {}
            for amount, currency in lines:
                by_currency[currency] = by_currency.get(currency, Decimal("0.00")) + amount
            # lifetime_value: the figure of the currency the customer buys most in, never a sum.
            main = max(by_currency, key=lambda c: by_currency[c]) if by_currency else None
            open_count = uow.session.scalar(
                select(func.count(Order.id)).where(
                    *placed, Order.status.in_(("pending_payment_authorization", "edit", "on_hold"))
                )
            )
            return CustomerSummary(
                customer_id=key, order_count=count or 0,
                lifetime_value=by_currency.get(main or "", Decimal("0.00")), lifetime_values=by_currency,
                lifetime_currency=main,
                open_orders=open_count or 0,
                last_order_at=last,
            )

        return self.ctx.read(work)

    def _commit_view(self, uow: UnitOfWork, customer_id: int) -> CustomerView:
        uow.session.flush()
        uow.session.expire_all()
        view = customer_view(load_customer(uow, customer_id))
        uow.commit()
        return view

