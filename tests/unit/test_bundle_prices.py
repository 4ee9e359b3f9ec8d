"""PRC-3: a bundle's components carry the bundle price between them, to the cent."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from salescenter.services.orders.bundles import unit_prices

cents = st.integers(min_value=0, max_value=500_000).map(lambda c: Decimal(c).scaleb(-2))
parts = st.lists(st.tuples(cents, st.integers(min_value=1, max_value=6)), min_size=1, max_size=6)


@given(bundle=cents, others=parts, single=cents)
def test_prc_3_components_add_up_to_the_bundle_price(
    bundle: Decimal, others: list[tuple[Decimal, int]], single: Decimal
) -> None:
    components = [(single, 1), *others]  # a bundle with one part bought once
    units = unit_prices(bundle, components)
    assert sum((unit * quantity for unit, (_, quantity) in zip(units, components, strict=True)),
               Decimal("0.00")) == bundle
    assert all(unit >= 0 and unit == unit.quantize(Decimal("0.01")) for unit in units)


def test_prc_3_shares_follow_the_list_prices_and_the_rest_goes_to_a_part_bought_once() -> None:
    # 29.99 over 19.99 x 1 and 9.99 x 2: 14.99 and 7.49 rounded down, the 0.02 left on the first.
    assert unit_prices(Decimal("29.99"), [(Decimal("19.99"), 1), (Decimal("9.99"), 2)]) == [
        Decimal("15.01"), Decimal("7.49")]
