"""A bundle costs what its catalog entry says (PRC-3): its components carry that price.

The bundle price is shared among the components in proportion to their list
prices; each share is a unit price in cents, and the rounding rest goes to a
component bought once per bundle so the lines add up to the bundle price exactly.
These unit prices are the components' list prices within the bundle, so a bundle
cheaper than its parts is no price override.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import BundleComponent, Product
from ..validation import round_money
from .store_charges import list_price_in

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def unit_prices(bundle_price: Decimal, parts: Sequence[tuple[Decimal, int]]) -> list[Decimal]:
    """Unit prices for ``parts`` (list price, quantity per bundle) adding up to ``bundle_price``."""
    if not parts:
        return []
    worth = sum((price * quantity for price, quantity in parts), ZERO)
    if worth <= 0:  # free parts: the whole price rides on the first part bought once
        units = [ZERO for _ in parts]
    else:
        # Rounded down, so the rest is never negative and can always go to a part bought once.
        units = [(bundle_price * price / worth).quantize(CENT, rounding=ROUND_DOWN) for price, _ in parts]
    rest = bundle_price - sum((unit * quantity for unit, (_, quantity) in zip(units, parts, strict=True)),
                              ZERO)
    if rest:
        _settle(units, parts, rest)
    return units


def _settle(units: list[Decimal], parts: Sequence[tuple[Decimal, int]], rest: Decimal) -> None:
    """Put the rounding rest (never negative) on a part whose quantity divides it, one bought once first."""
    order = sorted(range(len(parts)), key=lambda i: (parts[i][1], -units[i]))
    for index in order:
        quantity = parts[index][1]
        step = rest / quantity
        if step == round_money(step):
            units[index] += step
            return
    # No quantity divides the rest (every part bought an even number of times, say):
    # the closest whole-cent share on the cheapest-to-shift part.
    index = order[0]
    units[index] += round_money(rest / parts[index][1])


def todays_unit_price(session: Session, bundle_sku: str, component_sku: str,
                      store_id: int) -> Decimal | None:
    """A component's share of its bundle at today's bundle price in that store (reorders, re-pricing)."""
    bundle = session.scalar(select(Product).where(Product.sku == bundle_sku))
    if bundle is None or not bundle.is_bundle:
        return None
    parts = session.scalars(
        select(BundleComponent).where(BundleComponent.bundle_id == bundle.id)
        .options(selectinload(BundleComponent.component)).order_by(BundleComponent.id)
    ).all()
    units = unit_prices(list_price_in(session, bundle, store_id),
                        [(list_price_in(session, part.component, store_id), part.quantity) for part in parts])
    for part, unit in zip(parts, units, strict=True):
        if part.component.sku == component_sku:
            return unit
    return None
