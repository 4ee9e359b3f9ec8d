"""What a store charges beyond its prices: tax by destination (PRC-5), shipping by method,
and the store settings an administrator changes later (return window, review threshold)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ...errors import ValidationError
from ...models import ShippingRate, TaxRate
from .. import audit
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..uow import UnitOfWork
from ..views import ShippingRateView, StoreView, TaxRateView
from .service import PAYMENT_METHODS, store_by_code, store_view

# ISO 3166 alpha-2 codes a rate may name; a typo ("UK", "USA") is refused, not stored.
COUNTRIES = frozenset((
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW"
))
UPDATABLE = ("name", "review_threshold", "return_days", "tax_rate", "payment_methods")


def country_code(value: object) -> str:
    code = v.text(value, "Country", max_length=2).upper()
    if code not in COUNTRIES:
        raise ValidationError(f"'{code}' is not a country code; use two letters such as US or CA.", "Country")
    return code


class StoreRates(Service):
    def update(self, code: str, **fields: Any) -> StoreView:
        """Change a store's name, review threshold, return window, base tax rate or payment methods."""
        self.ctx.require(Authority.MANAGE_STORES, "Changing a store")
        unknown = set(fields) - set(UPDATABLE)
        if unknown:
            raise ValidationError(f"Unknown store field: {', '.join(sorted(map(str, unknown)))}.", "Store")
        changes = _cleaned(fields)

        def work(uow: UnitOfWork) -> StoreView:
            store = store_by_code(uow, code)
            before = audit.snapshot_of("store", store)
            for name, value in changes.items():
                setattr(store, name, value)
            audit.changed(uow, self.ctx.username, "store", store, before)  # AUD-1
            view = store_view(store)
            uow.commit()
            return view

        return self.ctx.write(work)

    def set_tax_rate(self, code: str, country: str, rate: Decimal | str, *, region: str | None = None,
                     tax_shipping: bool = False) -> TaxRateView:
        """PRC-5: tax on what the store ships to a country (or one region of it)."""
        self.ctx.require(Authority.MANAGE_STORES, "Setting a tax rate")
        where = country_code(country)
        area = v.optional_text(region, "Region", max_length=100) or ""
        fraction = v.rate(rate, "Tax rate")
        if not isinstance(tax_shipping, bool):
            raise ValidationError("Tax shipping must be yes or no.", "Tax shipping")

        def work(uow: UnitOfWork) -> TaxRateView:
            store = store_by_code(uow, code)
            row = uow.session.scalar(select(TaxRate).where(
                TaxRate.store_id == store.id, TaxRate.country == where, TaxRate.region == area))
            before = f"{row.rate} shipping {'taxed' if row.tax_shipping else 'untaxed'}" if row else ""
            if row is None:
                row = TaxRate(store_id=store.id, country=where, region=area)
                uow.session.add(row)
            row.rate, row.tax_shipping = fraction, tax_shipping
            audit.field_changed(uow, self.ctx.username, "store", store,
                                f"tax rate {where}{'-' + area if area else ''}", before,
                                f"{fraction} shipping {'taxed' if tax_shipping else 'untaxed'}")  # AUD-1
            view = TaxRateView(store=store.code, country=where, region=area, rate=fraction,
                               tax_shipping=tax_shipping)
            uow.commit()
            return view

        return self.ctx.write(work)

    def set_shipping_rate(self, code: str, method: str, amount: Decimal | str, *,
                          free_over: Decimal | str | None = None) -> ShippingRateView:
        """PRC-4: a shipping method's charge in the store's currency, free from an order amount on."""
        from ..orders.pricing import SHIPPING_RATES

        self.ctx.require(Authority.MANAGE_STORES, "Setting a shipping rate")
        kind = v.choice(method, "Shipping method", list(SHIPPING_RATES))
        charge = v.money(amount, "Shipping charge")
        threshold = (None if free_over is None
                     else v.money(free_over, "Free shipping from", allow_zero=False))

        def work(uow: UnitOfWork) -> ShippingRateView:
            store = store_by_code(uow, code)
            row = uow.session.scalar(select(ShippingRate).where(
                ShippingRate.store_id == store.id, ShippingRate.method == kind))
            before = f"{row.amount} free over {row.free_over}" if row else ""
            if row is None:
                row = ShippingRate(store_id=store.id, method=kind)
                uow.session.add(row)
            row.amount, row.free_over = charge, threshold
            audit.field_changed(uow, self.ctx.username, "store", store, f"shipping {kind}",
                                before, f"{charge} free over {threshold}")  # AUD-1
            view = ShippingRateView(store=store.code, method=kind, amount=charge, free_over=threshold,
                                    currency=store.currency)
            uow.commit()
            return view

        return self.ctx.write(work)

    def tax_rates(self, code: str) -> list[TaxRateView]:
        def work(uow: UnitOfWork) -> list[TaxRateView]:
            store = store_by_code(uow, code)
            rows = uow.session.scalars(select(TaxRate).where(TaxRate.store_id == store.id)
                                       .order_by(TaxRate.country, TaxRate.region))
            return [TaxRateView(store=store.code, country=r.country, region=r.region, rate=r.rate,
                                tax_shipping=r.tax_shipping) for r in rows]

        return self.ctx.read(work)

    def shipping_rates(self, code: str) -> list[ShippingRateView]:
        def work(uow: UnitOfWork) -> list[ShippingRateView]:
            store = store_by_code(uow, code)
            rows = uow.session.scalars(select(ShippingRate).where(ShippingRate.store_id == store.id)
                                       .order_by(ShippingRate.method))
            return [ShippingRateView(store=store.code, method=r.method, amount=r.amount,
                                     free_over=r.free_over, currency=store.currency) for r in rows]

        return self.ctx.read(work)


def _cleaned(fields: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if "name" in fields:
        changes["name"] = v.text(fields["name"], "Store name")
    if "review_threshold" in fields:
        value = fields["review_threshold"]
        changes["review_threshold"] = (None if value is None
                                       else v.money(value, "Review threshold", allow_zero=False))
    if "return_days" in fields:
        days = fields["return_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 3650:
            raise ValidationError("Return window must be a whole number of days from 0 to 3650.",
                                  "Return window")
        changes["return_days"] = days
    if "tax_rate" in fields:
        changes["tax_rate"] = v.rate(fields["tax_rate"], "Tax rate")
    if "payment_methods" in fields:
        methods = fields["payment_methods"]
        if not isinstance(methods, list | tuple) or not methods:
            raise ValidationError("Choose at least one payment method.", "Payment methods")
        changes["payment_methods"] = ",".join(v.choice(m, "Payment method", PAYMENT_METHODS) for m in methods)
    return changes
