"""Order lines: add by SKU or phrase, bundles, quantities, prices, expedite, accept flags."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...errors import ValidationError
from ...models import BundleComponent, OrderItem, Product
from .. import validation as v
from ..authority import PRICE_OVERRIDE_LIMIT_PERCENT, Authority
from ..catalog import product_by_sku
from ..views import OrderView
from . import allocation, bundles
from .base import OrderServiceBase, OrderWork
from .line_counts import billed
from .store_charges import list_price_in
from .warnings import PRICE_BELOW_LIST, Acknowledge

HUNDRED = Decimal("100")


def flag_for(product: Product, quantity: int) -> str | None:
    """ORD-16: an availability exception the rep must accept before submitting (a reorder
    also flags a price exception: create.py)."""
    if product.stock >= quantity:
        return None
    when = f"expected {product.restock_date:%Y-%m-%d}" if product.restock_date else "no restock date"
    return f"Only {product.stock} in stock; {quantity - product.stock} backordered ({when})"


class OrderLines(OrderServiceBase):
    def add_item(
        self, order_id: int, sku: str, quantity: int = 1, *,
        placed_price: Decimal | str | None = None, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        """ORD-10: add a product by SKU with a quantity and optionally a placed price.

        ``acknowledge``: the warnings (warnings.py) the rep accepted when asked.
        """
        count = v.quantity(quantity)
        price = v.money(placed_price, "Placed price") if placed_price is not None else None

        def change(job: OrderWork) -> None:
            product = self._sellable(job, sku)
            if product.is_bundle:
                raise ValidationError(f"{product.sku} is a bundle; add it as a bundle.", "SKU")
            listed = list_price_in(job.session, product, job.order.store_id)  # PRC-4
            item = self._new_line(job, product, count, price, listed)
            job.order.items.append(item)
            job.detail = f"{product.sku} x {count} at {item.placed_price}"
            if item.flag:
                job.notices.append(f"{product.sku}: {item.flag}. Accept it to proceed.")

        return self._mutate(order_id, "add_item", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def add_bundle(
        self, order_id: int, sku: str, quantity: int = 1, *, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        """ORD-11: a bundle's components are added as items."""
        count = v.quantity(quantity)

        def change(job: OrderWork) -> None:
            bundle = self._sellable(job, sku)
            if not bundle.is_bundle:
                raise ValidationError(f"{bundle.sku} is not a bundle.", "SKU")
            parts = job.session.scalars(
                select(BundleComponent).where(BundleComponent.bundle_id == bundle.id)
                .options(selectinload(BundleComponent.component)).order_by(BundleComponent.id)
            ).all()
            store_id = job.order.store_id
            units = bundles.unit_prices(
                list_price_in(job.session, bundle, store_id),
                [(list_price_in(job.session, part.component, store_id), part.quantity) for part in parts])
            for part, unit in zip(parts, units, strict=True):
                if not part.component.available:
                    raise ValidationError(
                        f"Bundle {bundle.sku} includes {part.component.sku}, which is no longer "
                        "sold.", "SKU",
                    )
                total = part.quantity * count
                if total > v.MAX_QUANTITY:
                    raise ValidationError(f"Quantity can be at most {v.MAX_QUANTITY:,}.", "Quantity")
                item = self._new_line(job, part.component, total, None)
                # PRC-3: within the bundle, its share of the bundle price is the part's list price.
                item.list_price = item.placed_price = unit
                item.bundle_sku = bundle.sku
                job.order.items.append(item)
            job.detail = f"Bundle {bundle.sku} x {count}: " + ", ".join(
                f"{p.component.sku} x {p.quantity * count}" for p in parts
            )

        return self._mutate(order_id, "add_bundle", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def set_quantity(
        self, order_id: int, item_id: int, quantity: int, *, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        """The line's quantity not canceled becomes ``quantity``."""
        count = v.quantity(quantity)

        def change(job: OrderWork) -> None:
            item = job.subject(item_id)
            job.detail = f"{item.sku}: {billed(item)} -> {count}"
            allocation.give_back(job.session, item)
            # ``quantity``: the units still wanted; those canceled before stay canceled (CAN-1)
            item.quantity = count + item.canceled_quantity
            product = job.session.get(Product, item.product_id) if item.product_id else None
            item.flag = flag_for(product, count) if product else None
            item.flag_accepted = False

        return self._mutate(order_id, "set_quantity", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def set_price(
        self, order_id: int, item_id: int, placed_price: Decimal | str, *,
        expected_version: int | None = None, acknowledge: Acknowledge = None,
    ) -> OrderView:
        price = v.money(placed_price, "Placed price")

        def change(job: OrderWork) -> None:
            item = job.subject(item_id)
            self._approve_price(job, item, price)
            job.detail = f"{item.sku}: placed price {item.placed_price} -> {price}"
            item.placed_price = price

        return self._mutate(order_id, "set_price", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def remove_item(
        self, order_id: int, item_id: int, *, expected_version: int | None = None,
        acknowledge: Acknowledge = None,
    ) -> OrderView:
        def change(job: OrderWork) -> None:
            item = job.subject(item_id)
            allocation.give_back(job.session, item)
            job.detail = f"{item.sku} x {item.quantity}"
            job.order.items.remove(item)

        return self._mutate(order_id, "remove_item", change, expected_version=expected_version,
                            acknowledge=acknowledge)

    def expedite(
        self, order_id: int, item_id: int, on: bool = True, *, expected_version: int | None = None
    ) -> OrderView:
        """EXP-1: expedited items are released and shipped as soon as they are available."""

        def change(job: OrderWork) -> None:
            item = job.subject(item_id)
            item.expedite = bool(on)
            job.detail = f"{item.sku} {'expedited' if on else 'no longer expedited'}"

        return self._mutate(order_id, "expedite", change, expected_version=expected_version,
                            activity="Item expedited" if on else "Expedite removed")

    def accept_item(
        self, order_id: int, item_id: int, *, expected_version: int | None = None
    ) -> OrderView:
        """ORD-16: accept a flagged item (price or availability exception)."""

        def change(job: OrderWork) -> None:
            item = job.subject(item_id)
            item.flag_accepted = True
            job.detail = f"{item.sku}: accepted '{item.flag}'"

        return self._mutate(order_id, "accept_item", change, expected_version=expected_version)

    # helpers -----------------------------------------------------------------

    def _sellable(self, job: OrderWork, sku: str) -> Product:
        product = product_by_sku(job.uow, sku)
        if not product.available:
            raise ValidationError(f"{product.sku} ({product.name}) is no longer sold.", "SKU")
        return product

    def _new_line(self, job: OrderWork, product: Product, count: int, price: Decimal | None,
                  listed: Decimal | None = None) -> OrderItem:
        listed = product.list_price if listed is None else listed
        item = OrderItem(
            product_id=product.id, sku=product.sku, name=product.name, quantity=count,
            list_price=listed, placed_price=listed,
            flag=flag_for(product, count), discount=Decimal("0.00"),
            discount_percent=Decimal("0.00"), line_total=Decimal("0.00"), allocated_quantity=0,
            expedite=False, flag_accepted=False,
        )
        if price is not None and price != listed:
            self._approve_price(job, item, price)
            item.placed_price = price
        return item

    def _approve_price(self, job: OrderWork, item: OrderItem, price: Decimal) -> None:
        """A placed price below list needs Supervisor and the rep's acknowledgement; the
        approver is kept for the automatic price-override block (BLK-1)."""
        if price >= item.list_price:
            item.price_approved_by = None
            return
        self.ctx.require(Authority.OVERRIDE_PRICE, "A placed price below the list price")
        below = (item.list_price - price) / item.list_price * 100 if item.list_price > 0 else HUNDRED
        limit = PRICE_OVERRIDE_LIMIT_PERCENT.get(self.ctx.role, 0)
        consequence = (f"within your limit of {limit}%" if below <= limit else
                       f"beyond your limit of {limit}%, so the order will be blocked for review")
        job.warn(PRICE_BELOW_LIST, (
            f"The placed price {price} of {item.sku} is {below:.0f}% below its list price "
            f"{item.list_price}, {consequence}. Keep this price?"
        ))
        item.price_approved_by = f"{self.ctx.username}:{self.ctx.role}"
