"""Stores, users, catalog and customers of the demo, all made through the public API."""

from __future__ import annotations

import contextlib
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ..api import Desk, SalesCenter
from ..errors import NotFoundError
from ..services.users.demo_sign_ins import DEMO_PASSWORDS
from . import data

DEMO_ROLES = {"admin": "admin", "supervisor": "supervisor", "csr": "csr", "csr2": "csr"}
DEMO_FIRST_SIGN_IN = "csr"  # offered by the sign-in dialog once the demo is loaded

STORES = (
    # code, name, kind, currency, tax rate, review threshold, payment methods
    ("US", "Sales Center US", "consumer_direct", "USD", "0.0825", "2500",
     ["credit_card", "paypal", "check"]),
    ("CA", "Sales Center Canada", "consumer_direct", "CAD", "0.1300", "3000",
     ["credit_card", "paypal"]),
    ("B2B", "Sales Center Business", "b2b", "USD", "0.0600", "10000",
     ["on_account", "credit_card", "check"]),
)


@dataclass
class Customer:
    id: int
    name: str
    store: str
    has_credit: bool
    address: dict[str, str]


@dataclass
class World:
    """What the order generator draws from."""

    customers: dict[str, list[Customer]] = field(default_factory=lambda: defaultdict(list))
    skus: list[str] = field(default_factory=list)
    bundles: list[str] = field(default_factory=list)
    prices: dict[str, Decimal] = field(default_factory=dict)
    coupons: list[str] = field(default_factory=list)
    expired_coupon: str = ""

    def retire(self, sku: str) -> None:
        """No new line draws ``sku`` (nor a bundle holding it) once it is no longer sold."""
        self.skus = [code for code in self.skus if code != sku]
        holding = {code for code, _name, parts in data.BUNDLES if sku in parts}
        self.bundles = [code for code in self.bundles if code not in holding]


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ø", "o"))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch.isascii())
    return "".join(ch for ch in kept.lower() if ch.isalnum() or ch == " ").replace(" ", "")


def make_users(center: SalesCenter, admin: Desk | None) -> tuple[Desk, dict[str, str]]:
    """Create the demo users that do not exist yet; return an admin desk and the sign-ins made."""
    made: dict[str, str] = {}
    if admin is None:
        center.create_user("admin", DEMO_PASSWORDS["admin"], role="admin")
        admin = center.login("admin", DEMO_PASSWORDS["admin"], workstation="demo loader")
        made["admin"] = DEMO_PASSWORDS["admin"]
    existing = {user.username for user in admin.users.list()}
    for name, password in DEMO_PASSWORDS.items():
        if name not in existing:
            admin.users.create(name, password, DEMO_ROLES[name])
            made[name] = password
    return admin, made


def login_as(center: SalesCenter, name: str) -> Desk:
    return center.login(name, DEMO_PASSWORDS[name], workstation=f"{name}-desk")


def make_stores(admin: Desk) -> None:
    existing = {store.code for store in admin.stores.list()}
    for code, name, kind, currency, tax, threshold, methods in STORES:
        if code in existing:
            continue
        admin.stores.create(code, name, kind, currency, review_threshold=threshold, tax_rate=tax,
                            payment_methods=methods)


def make_catalog(admin: Desk, world: World, rng: random.Random) -> None:
    """Products, bundles, associations and promotions; those already there are kept."""
    today = date.today()
    existing = _existing_skus(admin)
    for sku, name, price, about in data.PRODUCTS:
        world.prices[sku] = Decimal(price)
        scarce = data.SCARCE.get(sku)
        if scarce is None and existing.get(sku, True):
            world.skus.append(sku)
        if sku in existing:
            continue
        restock = None
        if scarce is not None and sku != data.NO_RESTOCK_DATE:
            restock = today + timedelta(days=rng.randint(7, 40))
        stock = scarce if scarce is not None else rng.randint(800, 2500)
        admin.catalog.create_product(sku, name, price, description=about, stock=stock,
                                     restock_date=restock)
    for sku, name, parts in data.BUNDLES:
        world.bundles.append(sku)
        if sku in existing:
            continue
        # A bundle sells a little below the sum of its parts.
        total = sum((world.prices[p] * q for p, q in parts.items()), Decimal("0"))
        admin.catalog.create_bundle(sku, name, parts, list_price=(total * Decimal("0.95")).quantize(
            Decimal("1")) - Decimal("0.01"))
    for sku, other, kind in data.ASSOCIATIONS:
        admin.catalog.associate(sku, other, kind)
    make_promotions(admin, world, today)


def _existing_skus(admin: Desk) -> dict[str, bool]:
    """SKUs of the demo catalog already there (a demo loaded before), and whether they sell."""
    found = {}
    for sku, *_ in (*data.PRODUCTS, *data.BUNDLES):
        with contextlib.suppress(NotFoundError):
            found[sku] = admin.catalog.get(sku).available
    return found


def make_promotions(admin: Desk, world: World, today: date) -> None:
    world.coupons = ["WELCOME10", "HEADSET20"]
    world.expired_coupon = "SUMMER15"
    if "WELCOME10" in {promo.coupon_code for promo in admin.catalog.promotions()}:
        return  # loaded before
    start, end = today - timedelta(days=30), today + timedelta(days=90)
    admin.catalog.create_promotion("Monitor month: 10% off the 27in 4K monitor", percent_off="10",
                                   sku="MON-300", starts=start, ends=end)
    admin.catalog.create_promotion("$25 off orders of $300 or more", amount_off="25",
                                   min_subtotal="300", starts=start, ends=end)
    admin.catalog.create_promotion("Welcome: 10% off the first order", percent_off="10",
                                   coupon_code="WELCOME10", starts=start, ends=end)
    admin.catalog.create_promotion("Call center week: $20 off each headset", amount_off="20",
                                   sku="HDS-600", coupon_code="HEADSET20", starts=start, ends=end)
    admin.catalog.create_promotion("Summer clearance: 15% off", percent_off="15",
                                   coupon_code="SUMMER15", starts=today - timedelta(days=150),
                                   ends=today - timedelta(days=60))


def make_customers(admin: Desk, world: World, rng: random.Random, count: int) -> None:
    used_emails: set[str] = set()
    phone_serial: dict[str, int] = defaultdict(int)
    companies = list(data.COMPANIES)
    for index in range(count):
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.LAST_NAMES)
        b2b = index % 5 == 0
        store = "B2B" if b2b else ("CA" if index % 5 == 1 and index % 3 else "US")
        city, region, postal, country, area = rng.choice(data.CA_CITIES if store == "CA" else data.US_CITIES)
        company = companies[index // 5 % len(companies)] if b2b else None
        domain = (ascii_fold(company) + ".example") if company else rng.choice(data.EMAIL_DOMAINS)
        email = f"{ascii_fold(first)}.{ascii_fold(last)}@{domain}"
        serial = 2
        while email in used_emails:
            email = f"{ascii_fold(first)}.{ascii_fold(last)}{serial}@{domain}"
            serial += 1
        used_emails.add(email)
        phone_serial[area] += 1
        phone = f"+1 ({area}) 555-{100 + phone_serial[area] % 100:04d}"
        address = {
            "name": f"{company}, attn. {first} {last}" if company else f"{first} {last}",
            "line1": f"{rng.randint(1, 9800)} {rng.choice(data.STREETS)}",
            "line2": rng.choice(["", "", "", f"Suite {rng.randint(100, 900)}", f"Apt {rng.randint(1, 40)}"]),
            "city": city, "region": region, "country": country, "phone": phone,
            "postal_code": _postal_code(postal, country, rng),
        }
        credit = Decimal(rng.choice(["5000", "10000", "25000", "50000"])) if b2b else None
        view = admin.customers.create(first, last, company=company, email=email,
                                      phone=phone if rng.random() > 0.05 else None,
                                      address=address, credit_limit=credit)
        if rng.random() < 0.15:
            city2, region2, postal2, country2, _ = rng.choice(
                data.CA_CITIES if country == "CA" else data.US_CITIES)
            admin.customers.add_address(view.id, {
                **address, "name": f"{first} {last} (office)",
                "line1": f"{rng.randint(1, 400)} {rng.choice(data.STREETS)}", "line2": "",
                "city": city2, "region": region2, "postal_code": _postal_code(postal2, country2, rng),
            })
        world.customers[store].append(
            Customer(view.id, f"{first} {last}", store, credit is not None, address)
        )


def _postal_code(prefix: str, country: str, rng: random.Random) -> str:
    if country == "CA":
        return f"{prefix} {rng.randint(1, 9)}{rng.choice('ABCEGHJKLMNPRSTVXY')}{rng.randint(1, 9)}"
    return f"{prefix}{rng.randint(1, 99):02d}"


def random_address(rng: random.Random, name: str, store: str) -> dict[str, str]:
    city, region, postal, country, area = rng.choice(data.CA_CITIES if store == "CA" else data.US_CITIES)
    return {
        "name": name, "line1": f"{rng.randint(1, 9800)} {rng.choice(data.STREETS)}", "line2": "",
        "city": city, "region": region, "postal_code": _postal_code(postal, country, rng),
        "country": country, "phone": f"+1 ({area}) 555-{rng.randint(100, 199):04d}",
    }
