"""A product's list price per store, in that store's currency (PRC-4)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from ...models import ProductPrice, Store
from .. import audit
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..stores import store_by_code
from ..uow import UnitOfWork
from ..views import StorePriceView
from .service import product_by_sku


class CatalogPrices(Service):
    def set_price(self, sku: str, store: str, price: Decimal | str) -> StorePriceView:
        """The product's list price in one store; new lines there start from it."""
        self.ctx.require(Authority.MANAGE_CATALOG, "Setting a price")
        amount = v.money(price, "List price")

        def work(uow: UnitOfWork) -> StorePriceView:
            product = product_by_sku(uow, sku)
            shop = store_by_code(uow, store)
            row = uow.session.scalar(select(ProductPrice).where(
                ProductPrice.product_id == product.id, ProductPrice.store_id == shop.id))
            before = f"{row.price} {shop.currency}" if row else ""
            if row is None:
                row = ProductPrice(product_id=product.id, store_id=shop.id, price=amount)
                uow.session.add(row)
            row.price = amount
            audit.field_changed(uow, self.ctx.username, "product", product, f"price in {shop.code}",
                                before, f"{amount} {shop.currency}")  # AUD-1
            view = StorePriceView(sku=product.sku, store=shop.code, currency=shop.currency, price=amount)
            uow.commit()
            return view

        return self.ctx.write(work)

    def prices(self, sku: str) -> list[StorePriceView]:
        """The product's price in every store that has one of its own."""

        def work(uow: UnitOfWork) -> list[StorePriceView]:
            product = product_by_sku(uow, sku)
            rows = uow.session.execute(
                select(ProductPrice.price, Store.code, Store.currency)
                .join(Store, Store.id == ProductPrice.store_id)
                .where(ProductPrice.product_id == product.id).order_by(Store.code)
            ).all()
            return [StorePriceView(sku=product.sku, store=code, currency=currency, price=price)
                    for price, code, currency in rows]

        return self.ctx.read(work)
