"""`salescenter init` + `salescenter demo`: every demo order adds up, every state appears."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from salescenter import SalesCenter
from salescenter.api import Desk
from salescenter.cli import main
from salescenter.demo import DEMO_PASSWORDS
from salescenter.services.orders.lifecycle import STATES

DEMO_ORDERS = 120


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("demo")
    secret = folder / "admin.txt"
    secret.write_text("chosen-admin-pw\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'demo.db'}"
    assert main(["init", "--db", url, "--password-file", str(secret)]) == 0
    assert main(["demo", "--db", url, "--orders", str(DEMO_ORDERS), "--customers", "60",
                 "--admin-password-file", str(secret)]) == 0
    return url


@pytest.fixture
def desk(demo_db: str) -> Desk:
    center = SalesCenter.open(demo_db)
    return center.login("supervisor", DEMO_PASSWORDS["supervisor"])


def all_orders(desk: Desk) -> list[int]:
    ids: list[int] = []
    while page := desk.orders.search(kind=None, limit=500, offset=len(ids)):
        ids.extend(row.id for row in page)
    return ids


def test_ord_6_every_demo_order_totals_are_sums_of_rounded_lines(desk: Desk) -> None:
    ids = all_orders(desk)
    assert len(ids) == DEMO_ORDERS
    for order_id in ids:
        order = desk.orders.get(order_id)
        # A canceled order keeps the amounts it was canceled with; a line canceled on a
        # live order counts zero. Either way the order is the sum of its lines.
        lines = sum((i.line_total for i in order.items), Decimal("0.00"))
        assert order.subtotal - order.discount_total == lines, order.number
        assert order.total == lines + order.shipping_total + order.tax_total, order.number
        for item in order.items:
            assert item.line_total == item.line_total.quantize(Decimal("0.01")), order.number


def test_demo_covers_every_state_and_kind_of_order(desk: Desk) -> None:
    views = [desk.orders.get(i) for i in all_orders(desk)]
    assert set(Counter(v.status for v in views)) == set(STATES)
    assert any(v.is_guest for v in views)
    assert any(v.quote_expires is not None for v in views)
    blocks = [b for v in views for b in v.blocks]
    assert {"manual", "automatic"} <= {b.kind for b in blocks}
    assert any(not b.resolved for b in blocks) and any(b.resolved for b in blocks)
    items = [i for v in views for i in v.items]
    assert any(i.expedite for i in items)
    assert any(i.fulfillment_status == "awaiting_inventory" and i.expected_date for i in items)
    assert any(v.status == "edit" and v.locked_by is not None for v in views)
    assert any(v.holds for v in views) and any(v.notes for v in views)
    assert desk.catalog.get("TAB-940").available is False  # sold before, retired since


def test_demo_catalog_stores_and_customers(desk: Desk) -> None:
    stores = {s.code: s for s in desk.stores.list()}
    assert {s.kind for s in stores.values()} == {"consumer_direct", "b2b"} and len(stores) >= 3
    assert all(s.review_threshold and s.tax_rate > 0 for s in stores.values())
    assert len(desk.catalog.find("Desk", limit=500)) >= 4
    assert desk.catalog.components("KIT-CALL") == {"HDS-600": 1, "KBD-400": 1, "MOU-500": 1}
    promos = desk.catalog.promotions()
    assert any(p.coupon_code for p in promos) and any(not p.coupon_code for p in promos)
    assert any(p.ends is not None and p.coupon_code == "SUMMER15" for p in promos)
    customers = desk.customers.find("%", limit=500)
    assert any(not f"{c.first_name}{c.last_name}".isascii() for c in customers)
    assert any(c.company and c.credit_limit for c in customers)
    assert all(c.email and "@" in c.email for c in customers if not c.is_guest)


def test_demo_logins_work_and_demo_refuses_a_second_load(demo_db: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    with SalesCenter.open(demo_db) as center:
        roles = {name: center.login(name, DEMO_PASSWORDS[name]).user.role for name in ("csr", "supervisor")}
        assert center.login("admin", "chosen-admin-pw").user.role == "admin"
    assert roles == {"csr": "csr", "supervisor": "supervisor"}
    secret = tmp_path / "admin.txt"
    secret.write_text("chosen-admin-pw", encoding="utf-8")
    assert main(["demo", "--db", demo_db, "--orders", "20", "--admin-password-file", str(secret)]) == 2
    assert "--force" in capsys.readouterr().err


def test_demo_alone_on_an_empty_database_creates_the_demo_users(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["demo", "--db", url, "--orders", "20", "--customers", "15"]) == 0
    out = capsys.readouterr().out
    for name, password in DEMO_PASSWORDS.items():
        assert f"{name}" in out and password in out
    with SalesCenter.open(url) as center:
        assert center.login("admin", DEMO_PASSWORDS["admin"]).user.role == "admin"
        assert len(center.login("csr", DEMO_PASSWORDS["csr"]).orders.search(kind=None, limit=500)) == 20


def test_init_demo_is_safe_to_run_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "admin.txt"
    secret.write_text("chosen-admin-pw\n", encoding="utf-8")
    command = ["init", "--demo", "--db", f"sqlite:///{tmp_path / 'again.db'}",
               "--password-file", str(secret), "--orders", "20", "--customers", "15"]
    assert main(command) == 0
    first = capsys.readouterr().out
    assert "Administrator 'admin' created" in first and "csr-demo" in first
    assert "the one you chose" in first and "admin-demo" not in first
    assert main(command) == 0
    again = capsys.readouterr().out
    assert "up to date" in again and "not loaded again" in again


def test_demo_force_adds_a_second_load_beside_the_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    secret = tmp_path / "admin.txt"
    secret.write_text(DEMO_PASSWORDS["admin"], encoding="utf-8")
    assert main(["demo", "--db", url, "--orders", "20", "--customers", "15"]) == 0
    assert main(["demo", "--db", url, "--orders", "20", "--customers", "15", "--force", "--seed", "7",
                 "--admin-password-file", str(secret)]) == 0
    with SalesCenter.open(url) as center:
        desk = center.login("admin", DEMO_PASSWORDS["admin"])
        assert len(desk.orders.search(kind=None, limit=500)) == 40
        assert len(desk.stores.list()) == 3


def test_demo_same_seed_gives_the_same_orders(tmp_path: Path) -> None:
    def load(name: str) -> list[tuple[str, str, Decimal, str]]:
        url = f"sqlite:///{tmp_path / name}"
        assert main(["demo", "--db", url, "--orders", "20", "--customers", "15", "--seed", "11"]) == 0
        with SalesCenter.open(url) as center:
            desk = center.login("admin", DEMO_PASSWORDS["admin"])
            rows = desk.orders.search(kind=None, limit=500)
            return sorted((r.number, r.status, r.total, r.customer_name) for r in rows)

    first = load("one.db")
    assert first == load("two.db") and len(first) == 20


def test_demo_of_the_issues_size_succeeds_with_every_order_written(tmp_path: Path) -> None:
    """Issue 17: `demo --orders 60 --customers 20` used to exit 2 after writing 60 orders: a
    reorder with no shipped order of the retired tablet to copy drew the tablet for a new cart."""
    url = f"sqlite:///{tmp_path / 'small.db'}"
    assert main(["demo", "--db", url, "--orders", "60", "--customers", "20"]) == 0
    with SalesCenter.open(url) as center:
        desk = center.login("admin", DEMO_PASSWORDS["admin"])
        assert len(all_orders(desk)) == 60
        assert desk.catalog.get("TAB-940").available is False


@pytest.mark.parametrize(("orders", "customers", "seed"), [(20, 15, 1), (33, 16, 4)])
def test_demo_succeeds_for_the_smallest_sizes_it_accepts(
    tmp_path: Path, orders: int, customers: int, seed: int
) -> None:
    url = f"sqlite:///{tmp_path / 'tiny.db'}"
    assert main(["demo", "--db", url, "--orders", str(orders), "--customers", str(customers),
                 "--seed", str(seed)]) == 0
    with SalesCenter.open(url) as center:
        assert len(all_orders(center.login("csr", DEMO_PASSWORDS["csr"]))) == orders
    with pytest.raises(SystemExit):  # below what it accepts: refused before anything is written
        main(["demo", "--db", url, "--orders", "19", "--customers", str(customers)])
