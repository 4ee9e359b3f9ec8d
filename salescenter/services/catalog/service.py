"""Catalog: products, bundles, merchandising associations and promotions."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ...errors import NotFoundError, ValidationError
from ...labels import ASSOCIATION_NAMES
from ...models import Association, BundleComponent, Product, Promotion
from .. import audit
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..uow import UnitOfWork
from ..views import AssociationView, ProductView, PromotionView

ASSOCIATION_KINDS = ASSOCIATION_NAMES
MIN_PHRASE = 3


def clean_sku(value: object) -> str:
    sku = v.text(value, "SKU", max_length=64)
    if any(ch.isspace() for ch in sku):
        raise ValidationError("SKU cannot contain spaces.", "SKU")
    return sku.upper()


def product_by_sku(uow: UnitOfWork, sku: object) -> Product:
    code = clean_sku(sku)
    product = uow.session.scalar(select(Product).where(Product.sku == code))
    if product is None:
        raise ValidationError(f"There is no product with SKU '{code[:64]}'.", "SKU")
    return product


def like_pattern(phrase: str) -> str:
    """A LIKE pattern for 'any part of': % stays a wildcard, _ and \\ match themselves."""
    escaped = phrase.replace("\\", "\\\\").replace("_", "\\_")
    return f"%{escaped}%"


class CatalogBasics(Service):
    def create_product(
        self,
        sku: str,
        name: str,
        list_price: Decimal | str | int,
        *,
        description: str = "",
        stock: int = 0,
        restock_date: date | None = None,
        available: bool = True,
    ) -> ProductView:
        self.ctx.require(Authority.MANAGE_CATALOG, "Adding a product")
        code, title = clean_sku(sku), v.text(name, "Product name")
        price = v.money(list_price, "List price")
        about = v.text(description, "Description", max_length=4000, required=False, multiline=True)
        if isinstance(stock, bool) or not isinstance(stock, int) or not 0 <= stock <= 10_000_000:
            raise ValidationError("Stock must be a whole number from 0.", "Stock")
        if restock_date is not None and not isinstance(restock_date, date):
            raise ValidationError("Restock date must be a date.", "Restock date")

        def work(uow: UnitOfWork) -> ProductView:
            if uow.session.scalar(select(Product.id).where(Product.sku == code)):
                raise ValidationError(f"SKU '{code}' is already in the catalog.", "SKU")
            product = Product(
                sku=code, name=title, list_price=price, description=about, stock=stock,
                restock_date=restock_date, available=bool(available),
            )
            uow.session.add(product)
            uow.session.flush()
            audit.created(uow, self.ctx.username, "product", product)  # AUD-1
            view = ProductView.model_validate(product)
            uow.commit()
            return view

        return self.ctx.write(work)

    def create_bundle(
        self, sku: str, name: str, components: dict[str, int], *, list_price: Decimal | None = None
    ) -> ProductView:
        """A bundle expands into its components when added to an order (ORD-11)."""
        self.ctx.require(Authority.MANAGE_CATALOG, "Adding a bundle")
        code, title = clean_sku(sku), v.text(name, "Bundle name")
        if not isinstance(components, dict) or not components:
            raise ValidationError("A bundle needs at least one component.", "Components")
        parts = {clean_sku(k): v.quantity(q, "Component quantity") for k, q in components.items()}

        def work(uow: UnitOfWork) -> ProductView:
            if uow.session.scalar(select(Product.id).where(Product.sku == code)):
                raise ValidationError(f"SKU '{code}' is already in the catalog.", "SKU")
            found = {p.sku: p for p in uow.session.scalars(select(Product).where(Product.sku.in_(parts)))}
            missing = sorted(set(parts) - set(found))
            if missing:
                raise ValidationError(f"Unknown component SKU: {', '.join(missing)}.", "Components")
            if any(p.is_bundle for p in found.values()):
                raise ValidationError("A bundle cannot contain another bundle.", "Components")
            price = list_price
            if price is None:
                price = sum((found[s].list_price * q for s, q in parts.items()), Decimal("0.00"))
            bundle = Product(
                sku=code, name=title, list_price=v.money(price, "List price"), is_bundle=True,
            )
            uow.session.add(bundle)
            uow.session.flush()
            for sku_, qty in parts.items():
                uow.session.add(
                    BundleComponent(bundle_id=bundle.id, component_id=found[sku_].id, quantity=qty)
                )
            audit.created(uow, self.ctx.username, "product", bundle)  # AUD-1
            audit.field_changed(uow, self.ctx.username, "product", bundle, "components", "",
                                ", ".join(f"{sku_} x {qty}" for sku_, qty in parts.items()))
            view = ProductView.model_validate(bundle)
            uow.commit()
            return view

        return self.ctx.write(work)

    def associate(self, sku: str, other_sku: str, kind: str = "cross_sell") -> None:
        self.ctx.require(Authority.MANAGE_CATALOG, "Adding a merchandising association")
        relation = v.choice(kind, "Association kind", ASSOCIATION_KINDS)

        def work(uow: UnitOfWork) -> None:
            source, target = product_by_sku(uow, sku), product_by_sku(uow, other_sku)
            if source.id == target.id:
                raise ValidationError("A product cannot be associated with itself.", "SKU")
            exists = uow.session.scalar(
                select(Association.id).where(
                    Association.product_id == source.id,
                    Association.other_id == target.id,
                    Association.kind == relation,
                )
            )
            if exists is None:
                uow.session.add(Association(product_id=source.id, other_id=target.id, kind=relation))
                audit.field_changed(uow, self.ctx.username, "product", source, f"{relation} association",
                                    "", target.sku)  # AUD-1
            uow.commit()

        self.ctx.write(work)

    def update_product(self, sku: str, **fields: object) -> ProductView:
        """Change name, description, list_price or restock_date; recorded (AUD-1). Orders
        already taken keep the prices they were sold at."""
        self.ctx.require(Authority.MANAGE_CATALOG, "Changing a product")
        unknown = set(fields) - {"name", "description", "list_price", "restock_date"}
        if unknown:
            raise ValidationError(f"Unknown product field: {', '.join(sorted(unknown))}.", "Product")
        cleaned: dict[str, object] = {}
        if "name" in fields:
            cleaned["name"] = v.text(fields["name"], "Product name")
        if "description" in fields:
            cleaned["description"] = v.text(fields["description"], "Description", max_length=4000,
                                            required=False, multiline=True)
        if "list_price" in fields:
            cleaned["list_price"] = v.money(fields["list_price"], "List price")
        if "restock_date" in fields:
            when = fields["restock_date"]
            if when is not None and not isinstance(when, date):
                raise ValidationError("Restock date must be a date.", "Restock date")
            cleaned["restock_date"] = when

        def work(uow: UnitOfWork) -> ProductView:
            product = product_by_sku(uow, sku)
            before = audit.snapshot_of("product", product)
            for name, value in cleaned.items():
                setattr(product, name, value)
            audit.changed(uow, self.ctx.username, "product", product, before)  # AUD-1
            view = ProductView.model_validate(product)
            uow.commit()
            return view

        return self.ctx.write(work)

    def set_available(self, sku: str, available: bool) -> ProductView:
        self.ctx.require(Authority.MANAGE_CATALOG, "Changing product availability")

        def work(uow: UnitOfWork) -> ProductView:
            product = product_by_sku(uow, sku)
            before = audit.snapshot_of("product", product)
            product.available = bool(available)
            audit.changed(uow, self.ctx.username, "product", product, before)  # AUD-1
            view = ProductView.model_validate(product)
            uow.commit()
            return view

        return self.ctx.write(work)

    def create_promotion(
        self,
        name: str,
        *,
        percent_off: Decimal | str | None = None,
        amount_off: Decimal | str | None = None,
        coupon_code: str | None = None,
        starts: object = None,
        ends: object = None,
        sku: str | None = None,
        min_subtotal: Decimal | str | None = None,
        uses_per_customer: int | None = None,
        max_uses: int | None = None,
        currency: str | None = None,
    ) -> PromotionView:
        self.ctx.require(Authority.MANAGE_CATALOG, "Adding a promotion")
        title = v.text(name, "Promotion name")
        if (percent_off is None) == (amount_off is None):
            raise ValidationError("Give either a percent off or an amount off.", "Discount")
        pct = v.percent(percent_off, "Percent off") if percent_off is not None else None
        amount = v.money(amount_off, "Amount off", allow_zero=False) if amount_off is not None else None
        code = v.optional_text(coupon_code, "Coupon code", max_length=40)
        # An end date names the last day the promotion runs, all of it.
        start, end = v.when(starts, "Start date"), v.until(ends, "End date")
        per_customer = _use_limit(uses_per_customer, "Uses per customer")
        money_in = v.currency(currency) if currency is not None else ("USD" if amount is not None else None)
        in_all = _use_limit(max_uses, "Uses in all")
        if start and end and end < start:
            raise ValidationError("End date is before the start date.", "End date")
        minimum = v.money(min_subtotal, "Minimum subtotal") if min_subtotal is not None else None

        def work(uow: UnitOfWork) -> PromotionView:
            item_sku = product_by_sku(uow, sku).sku if sku else None
            holder = overlapping(uow.session, code, start, end, uow.now) if code else None
            if holder is not None:  # PRC-8: a code is free again once its promotion has ended
                until = f" until {holder.ends:%Y-%m-%d}" if holder.ends else ""
                raise ValidationError(
                    f"Coupon code '{code}' is already used by the promotion '{holder.name}'{until}; "
                    "choose another code or start this promotion after that one ends.", "Coupon code")
            promo = Promotion(
                name=title, percent_off=pct, amount_off=amount,
                coupon_code=code.upper() if code else None, starts=start, ends=end,
                sku=item_sku, min_subtotal=minimum, uses_per_customer=per_customer, max_uses=in_all,
                currency=money_in,
            )
            uow.session.add(promo)
            uow.session.flush()
            audit.created(uow, self.ctx.username, "promotion", promo)  # AUD-1
            view = PromotionView.model_validate(promo)
            uow.commit()
            return view

        return self.ctx.write(work)

    def find(self, phrase: str, *, limit: int = 50, include_unavailable: bool = False) -> list[ProductView]:
        """An exact SKU, or three or more characters of the name or description (ORD-10)."""
        text = v.text(phrase, "Search phrase", max_length=200)

        def work(uow: UnitOfWork) -> list[ProductView]:
            exact = uow.session.scalar(select(Product).where(Product.sku == text.upper()))
            if exact is not None:
                return [ProductView.model_validate(exact)]
            if len(text.replace("%", "")) < MIN_PHRASE:
                raise ValidationError(
                    f"Type a SKU or at least {MIN_PHRASE} characters of the product name.",
                    "Search phrase",
                )
            pattern = like_pattern(text.lower())
            query = select(Product).where(
                or_(
                    func.lower(Product.name).like(pattern, escape="\\"),
                    func.lower(Product.description).like(pattern, escape="\\"),
                    Product.sku.like(pattern.upper(), escape="\\"),
                )
            )
            if not include_unavailable:
                query = query.where(Product.available.is_(True))
            rows = uow.session.scalars(query.order_by(Product.name).limit(max(1, min(limit, 500))))
            return [ProductView.model_validate(p) for p in rows]

        return self.ctx.read(work)

    def get(self, sku: str) -> ProductView:
        def work(uow: UnitOfWork) -> ProductView:
            try:
                return ProductView.model_validate(product_by_sku(uow, sku))
            except ValidationError as error:
                raise NotFoundError(error.message) from None

        return self.ctx.read(work)

    def components(self, sku: str) -> dict[str, int]:
        def work(uow: UnitOfWork) -> dict[str, int]:
            bundle = uow.session.scalar(
                select(Product)
                .where(Product.sku == clean_sku(sku))
                .options(selectinload(Product.components).selectinload(BundleComponent.component))
            )
            if bundle is None:
                raise NotFoundError(f"There is no product with SKU '{sku}'.")
            return {c.component.sku: c.quantity for c in bundle.components}

        return self.ctx.read(work)

    def associations(self, skus: list[str]) -> list[AssociationView]:
        if isinstance(skus, str) or not isinstance(skus, list | tuple | set | frozenset):
            raise ValidationError("Give a list of SKUs.", "SKU")
        codes = [clean_sku(s) for s in skus]

        def work(uow: UnitOfWork) -> list[AssociationView]:
            rows = uow.session.execute(
                select(Association, Product.sku)
                .join(Product, Product.id == Association.product_id)
                .where(Product.sku.in_(codes))
                .options(selectinload(Association.other))
                .order_by(Product.sku, Association.kind, Association.id)
            )
            return [
                AssociationView(kind=a.kind, from_sku=s, product=ProductView.model_validate(a.other))
                for a, s in rows
                if a.other.available
            ]

        return self.ctx.read(work)

    def promotions(self) -> list[PromotionView]:
        return self.ctx.read(
            lambda uow: [
                PromotionView.model_validate(p)
                for p in uow.session.scalars(select(Promotion).order_by(Promotion.id))
            ]
        )


def _use_limit(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1_000_000_000:
        raise ValidationError(f"{field} must be a whole number of at least 1.", field)
    return value


def overlapping(session: Any, code: str, starts: datetime | None, ends: datetime | None,
                now: datetime) -> Promotion | None:
    """A promotion already holding the coupon code during any part of [starts, ends] (PRC-8)."""
    begin = starts or now
    query = select(Promotion).where(
        func.upper(Promotion.coupon_code) == code.upper(), Promotion.active.is_(True),
        or_(Promotion.ends.is_(None), Promotion.ends >= begin),
    )
    if ends is not None:
        query = query.where(or_(Promotion.starts.is_(None), Promotion.starts <= ends))
    return session.scalars(query.order_by(Promotion.id)).first()

