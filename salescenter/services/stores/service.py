"""Stores (markets): currency, kind, tax rate, accepted payments, review threshold."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from ...errors import NotFoundError, ValidationError
from ...labels import PAYMENT_METHOD_NAMES, STORE_KIND_NAMES
from ...models import Store
from .. import audit
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..uow import UnitOfWork
from ..views import StoreView

STORE_KINDS = STORE_KIND_NAMES
PAYMENT_METHODS = PAYMENT_METHOD_NAMES
DEFAULT_BLOCK_REASONS = [
    "Customer requested review",
    "Suspected fraud",
    "Address needs verification",
    "Awaiting customer confirmation",
    "Pricing needs approval",
]


def store_by_code(uow: UnitOfWork, code: object) -> Store:
    cleaned = v.text(code, "Store", max_length=40)
    store = uow.session.scalar(select(Store).where(Store.code == cleaned))
    if store is None:
        raise ValidationError(f"There is no store '{cleaned[:40]}'.", "Store")
    return store


def store_view(store: Store) -> StoreView:
    return StoreView(
        id=store.id,
        code=store.code,
        name=store.name,
        kind=store.kind,
        currency=store.currency,
        review_threshold=store.review_threshold,
        tax_rate=store.tax_rate,
        payment_methods=store.payment_methods.split(","),
        block_reasons=[r for r in store.block_reasons.split("\n") if r],
        return_days=store.return_days if store.return_days is not None else 30,
    )


class StoreBasics(Service):
    def create(
        self,
        code: str,
        name: str,
        kind: str = "consumer_direct",
        currency: str = "USD",
        *,
        review_threshold: Decimal | str | None = None,
        tax_rate: Decimal | str = "0",
        payment_methods: list[str] | None = None,
        block_reasons: list[str] | None = None,
    ) -> StoreView:
        self.ctx.require(Authority.MANAGE_STORES, "Creating a store")
        clean_code = v.text(code, "Store code", max_length=40)
        clean_name = v.text(name, "Store name")
        clean_kind = v.choice(kind, "Store kind", STORE_KINDS)
        clean_currency = v.currency(currency)
        threshold = None
        if review_threshold is not None:
            threshold = v.money(review_threshold, "Review threshold", allow_zero=False)
        rate = v.rate(tax_rate, "Tax rate")
        if payment_methods is None:
            methods = ["credit_card", "paypal", "check"]
            if clean_kind == "b2b":
                methods = ["on_account", "credit_card", "check"]
        else:
            methods = [v.choice(m, "Payment method", PAYMENT_METHODS) for m in payment_methods]
        reasons = [
            v.text(r, "Block reason", max_length=200) for r in (block_reasons or DEFAULT_BLOCK_REASONS)
        ]

        def work(uow: UnitOfWork) -> StoreView:
            if uow.session.scalar(select(Store.id).where(Store.code == clean_code)):
                raise ValidationError(f"Store code '{clean_code}' is already used.", "Store code")
            store = Store(
                code=clean_code,
                name=clean_name,
                kind=clean_kind,
                currency=clean_currency,
                review_threshold=threshold,
                tax_rate=rate,
                payment_methods=",".join(methods),
                block_reasons="\n".join(reasons),
            )
            uow.session.add(store)
            uow.session.flush()
            audit.created(uow, self.ctx.username, "store", store)  # AUD-1
            view = store_view(store)
            uow.commit()
            return view

        return self.ctx.write(work)

    def list(self) -> list[StoreView]:
        return self.ctx.read(
            lambda uow: [store_view(s) for s in uow.session.scalars(select(Store).order_by(Store.code))]
        )

    def get(self, code: str) -> StoreView:
        def work(uow: UnitOfWork) -> StoreView:
            try:
                return store_view(store_by_code(uow, code))
            except ValidationError:
                raise NotFoundError(f"There is no store '{code}'.") from None

        return self.ctx.read(work)
