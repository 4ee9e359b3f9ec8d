"""The action table, proved against the operations themselves.

For every action of ``OrderView.actions`` x every order state (with the variants
that decide preconditions: paid or not, blocked, held, packed, part shipped, ...)
x every role: the map says None exactly when the operation succeeds, and
otherwise the operation raises the error whose message is the reason shown; a
refused operation changes nothing. Actions on one line, block or hold are
checked on every such subject through its own map. After an operation succeeds
the order is put back as the scenario built it, so each action starts from the
same order: on SQLite by copying back a database where every scenario was built
once per module, on PostgreSQL by building the scenario again.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from salescenter.labels import ORDER_STATE_NAMES
from salescenter.services.views import OrderView
from tests import pg
from tests.conftest import World, build_world, first_admin, login_as
from tests.integration.order_steps import ELSEWHERE, cart, paid, released, submitted
from tests.reliability.support import DECLINED_CARD, GOOD_CARD

NO_SUCH_ID = 999_999


@dataclass
class Cast:
    """The desks of one database: csr builds the orders (and holds their edit locks)."""

    csr: Desk
    supervisor: Desk
    admin: Desk
    world: World

    def as_role(self, role: str) -> Desk:
        return {"csr": self.csr, "supervisor": self.supervisor, "admin": self.admin}[role]


def _cast(sc: SalesCenter, world: World | None = None) -> Cast:
    admin = first_admin(sc) if world is None else login_as(sc, "admin")
    if world is None:
        world = build_world(admin)
        admin.catalog.create_promotion("Ten off", percent_off="10", coupon_code="SAVE10")
    return Cast(login_as(sc, "csr"), login_as(sc, "supervisor"), admin, world)


def _flagged_cart(c: Cast) -> OrderView:
    return cart(c.csr, c.world, ("GAD-1", 5))  # 3 in stock: flagged, awaits inventory once paid


def _guest_cart(c: Cast) -> OrderView:
    guest = {"first_name": "Gus", "last_name": "Guest", "email": "gus@example.com"}
    order = c.csr.orders.create(c.world.store, guest=guest)
    return c.csr.orders.add_item(order.id, "WID-1", 1)


def _quote(c: Cast) -> OrderView:
    order = c.csr.orders.create(c.world.store, c.world.customer_id, quote=True)
    return c.csr.orders.add_item(order.id, "WID-1", 1)


def _auto_blocked(c: Cast) -> OrderView:
    order = submitted(c.csr, c.world)
    c.csr.orders.add_payment(order.id, "credit_card", order.total, card_number=DECLINED_CARD)
    return c.csr.orders.add_payment(order.id, "credit_card", order.total, card_number=GOOD_CARD)


def _blocked(c: Cast) -> OrderView:
    return c.csr.orders.place_block(paid(c.csr, c.world).id, "Customer requested review")


def _line_held(c: Cast) -> OrderView:
    order = paid(c.csr, c.world, ("WID-1", 1), ("CAB-1", 1))
    return c.csr.orders.hold(order.id, "Colour to be confirmed", item_id=order.items[1].id)


def _editing(c: Cast) -> OrderView:
    return c.csr.orders.begin_edit(submitted(c.csr, c.world).id)


def _on_hold(c: Cast) -> OrderView:
    return c.csr.orders.hold(paid(c.csr, c.world).id, "Customer asked to wait")


def _packing(c: Cast) -> OrderView:
    return c.supervisor.fulfillment.pick(released(c.csr, c.world).id)


def _part_shipped(c: Cast) -> OrderView:
    order = cart(c.csr, c.world, ("WID-1", 1), ("GAD-1", 5))
    order = c.csr.orders.accept_item(order.id, order.items[1].id)
    order = c.csr.orders.submit(order.id)
    order = c.csr.orders.add_payment(order.id, "credit_card", order.total)
    order = c.csr.orders.release(order.id)
    c.supervisor.fulfillment.pick(order.id)
    return c.supervisor.fulfillment.ship(order.id)  # GAD-1 still awaits inventory


def _shipped(c: Cast) -> OrderView:
    return c.supervisor.fulfillment.ship(_packing(c).id)


def _canceled(c: Cast) -> OrderView:
    return c.csr.orders.cancel(cart(c.csr, c.world, ("WID-1", 1)).id, "Customer changed their mind")


# name -> (the state the order is in, how to build it)
SCENARIOS: dict[str, tuple[str, Callable[[Cast], OrderView]]] = {
    "cart": ("pending", lambda c: cart(c.csr, c.world, ("WID-1", 1))),
    "empty_cart": ("pending", lambda c: c.csr.orders.create(c.world.store, c.world.customer_id)),
    "flagged_cart": ("pending", _flagged_cart),
    "guest_cart": ("pending", _guest_cart),
    "quote": ("pending", _quote),
    "submitted_unpaid": ("pending_payment_authorization", lambda c: submitted(c.csr, c.world)),
    "paid": ("pending_payment_authorization", lambda c: paid(c.csr, c.world)),
    "blocked": ("pending_payment_authorization", _blocked),
    "auto_blocked": ("pending_payment_authorization", _auto_blocked),
    "line_held": ("pending_payment_authorization", _line_held),
    "edit": ("edit", _editing),
    "on_hold": ("on_hold", _on_hold),
    "released": ("released", lambda c: released(c.csr, c.world)),
    "packing": ("released", _packing),
    "part_shipped": ("released", _part_shipped),
    "shipped": ("shipped", _shipped),
    "canceled": ("canceled", _canceled),
}
ROLES = ("csr", "supervisor", "admin")

Call = Callable[[Desk, int, int], Any]  # (desk, order id, subject id)
CALLS: dict[str, Call] = {
    "submit": lambda d, o, _: d.orders.submit(o),
    "begin_edit": lambda d, o, _: d.orders.begin_edit(o),
    "renew_lock": lambda d, o, _: d.orders.renew_lock(o),
    "finish_edit": lambda d, o, _: d.orders.finish_edit(o),
    "release": lambda d, o, _: d.orders.release(o),
    "cancel": lambda d, o, _: d.orders.cancel(o, "Customer changed their mind"),
    "cancel_remainder": lambda d, o, _: d.orders.cancel_remainder(o, "Out of stock"),
    "add_item": lambda d, o, _: d.orders.add_item(o, "CAB-1", 1),
    "add_bundle": lambda d, o, _: d.orders.add_bundle(o, "KIT-1", 1),
    "set_quantity": lambda d, o, s: d.orders.set_quantity(o, s, 2),
    "set_price": lambda d, o, s: d.orders.set_price(o, s, "99.00"),
    "remove_item": lambda d, o, s: d.orders.remove_item(o, s),
    "accept_item": lambda d, o, s: d.orders.accept_item(o, s),
    "set_shipping": lambda d, o, _: d.orders.set_shipping(o, ELSEWHERE),
    "add_ship_to": lambda d, o, _: d.orders.add_ship_to(o, ELSEWHERE),
    "assign_item": lambda d, o, s: d.orders.assign_item(o, s, d.orders.get(o).ship_tos[-1].id),
    "remove_ship_to": lambda d, o, _: d.orders.remove_ship_to(o, d.orders.get(o).ship_tos[-1].id),
    "override_shipping": lambda d, o, _: d.orders.override_shipping(
        o, d.orders.get(o).ship_tos[0].id, "5.00", "Goodwill"),
    "apply_coupon": lambda d, o, _: d.orders.apply_coupon(o, "SAVE10"),
    "reprice": lambda d, o, _: d.orders.reprice(o),
    "mark_quote_ready": lambda d, o, _: d.orders.mark_quote_ready(o),
    "expedite": lambda d, o, s: d.orders.expedite(o, s),
    "add_payment": lambda d, o, _: d.orders.add_payment(o, "credit_card", "1.00", card_number=GOOD_CARD),
    "void_payment": lambda d, o, s: d.orders.void_payment(o, s, "Customer asked"),
    "refund": lambda d, o, s: d.orders.refund(o, "1.00", "Goodwill", payment_id=s),
    "associate_customer": lambda d, o, _: d.orders.associate_customer(o, CUSTOMER[0]),
    "place_block": lambda d, o, _: d.orders.place_block(o, "Customer requested review"),
    "resolve_block": lambda d, o, s: d.orders.resolve_block(o, s, "Checked"),
    "modify_block": lambda d, o, s: d.orders.modify_block(o, s, comment="Called the customer"),
    "hold": lambda d, o, _: d.orders.hold(o, "Customer asked to wait"),
    "hold_item": lambda d, o, s: d.orders.hold(o, "Wait for this line", item_id=s),
    "release_hold": lambda d, o, _: d.orders.release_hold(o),
    "release_item_hold": lambda d, o, s: d.orders.release_hold(o, s),
    "add_note": lambda d, o, _: d.orders.add_note(o, "Called back"),
    "create_from": lambda d, o, _: d.orders.create_from(o),
    "delete": lambda d, o, _: d.orders.delete([o]),
    "pick": lambda d, o, _: d.fulfillment.pick(o),
    "ship": lambda d, o, _: d.fulfillment.ship(o),
    "unlock_order": lambda d, o, _: d.admin.unlock_order(o),
    "create_return": lambda d, o, s: d.returns.create(o, {s: 1}, "Arrived damaged"),
    "cancel_item": lambda d, o, s: d.orders.cancel_item(o, s, "Customer changed their mind", quantity=1),
    "personalize": lambda d, o, s: d.orders.personalize(o, s, "For Sam"),
    "set_ship_complete": lambda d, o, _: d.orders.set_ship_complete(o),
}
CUSTOMER: list[int] = []  # the registered customer a guest order is associated with


def _subjects(view: OrderView, action: str) -> list[tuple[int, dict[str, str | None]]]:
    """The lines, blocks, holds or payments whose own map names the action: (id, that map)."""
    parts: list[Any] = [*view.items, *view.blocks, *view.holds, *view.payments]
    return [(part.id, part.actions) for part in parts if action in part.actions]


def _outcome(call: Call, desk: Desk, order_id: int, subject: int) -> str | None:
    """None when the operation succeeded, else the message of the refusal it raised."""
    try:
        call(desk, order_id, subject)
    except errors.SalesCenterError as refused:
        return str(refused)
    return None


@dataclass
class Bench:
    """A database holding the scenario orders, and how to put one back as it was built."""

    cast: Cast
    put_back: Callable[[str], int]  # the scenario's order (again), as its id
    orders: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Template:
    path: Path
    world: World
    orders: dict[str, int]
    epochs: dict[int, int]  # the edit locks the csr's desk took while building


@pytest.fixture(scope="module")
def scenario_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Template:
    """Every scenario built once, in one SQLite file each test copies."""
    path = tmp_path_factory.mktemp("action-table") / "scenarios.db"
    shutil.copy(sqlite_template, path)
    sc = SalesCenter.open(f"sqlite:///{path}", migrate=False)
    cast = _cast(sc)
    orders = {name: build(cast).id for name, (_, build) in SCENARIOS.items()}
    epochs = dict(cast.csr.context.lock_epochs)
    sc.close()  # the last connection folds the WAL into the file
    return Template(path, cast.world, orders, epochs)


@pytest.fixture
def sqlite_bench(scenario_template: Template, tmp_path: Path) -> Iterator[Bench]:
    target = tmp_path / "salescenter.db"
    shutil.copy(scenario_template.path, target)
    sc = SalesCenter.open(f"sqlite:///{target}", migrate=False)
    cast = _cast(sc, scenario_template.world)
    epochs = cast.csr.context.lock_epochs

    def put_back(name: str) -> int:
        sc.engine.dispose()  # no connection stays open on the file being replaced
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copy(scenario_template.path, target)
        epochs.clear()
        epochs.update(scenario_template.epochs)
        return scenario_template.orders[name]

    yield Bench(cast, put_back, dict(scenario_template.orders))
    sc.close()


@pytest.fixture
def postgres_bench(request: pytest.FixtureRequest) -> Iterator[Bench]:
    with pg.fresh_database(request.node.name) as url:
        sc = SalesCenter.open(url)
        cast = _cast(sc)
        bench = Bench(cast, lambda name: SCENARIOS[name][1](cast).id)
        yield bench
        sc.close()


def test_every_scenario_state_and_action_is_covered() -> None:
    assert {state for state, _ in SCENARIOS.values()} == set(ORDER_STATE_NAMES)


def check_every_action(bench: Bench, scenario: str, role: str) -> None:
    state = SCENARIOS[scenario][0]
    desk = bench.cast.as_role(role)
    CUSTOMER[:] = [bench.cast.world.customer_id]
    order_id = bench.orders.get(scenario) or bench.put_back(scenario)
    wrong: list[str] = []
    shown_before: list[OrderView] = []  # the view the last refused operation started from

    def look() -> OrderView:
        """The order as the role sees it; after a refusal it must be just as it was."""
        view = desk.orders.get(order_id)
        if shown_before:
            last = shown_before.pop()
            if (view.version, view.status) != (last.version, last.status):
                wrong.append(f"a refused operation changed the order: {last.status} v{last.version} "
                             f"-> {view.status} v{view.version}")
        return view

    def attempt(view: OrderView, action: str, subject: int, shown: str | None, what: str) -> None:
        nonlocal order_id
        said = _outcome(CALLS[action], desk, order_id, subject)
        if said != shown:
            wrong.append(f"{what}: actions says {shown!r}, the operation "
                         + ("succeeded" if said is None else f"refused: {said!r}"))
        if said is None:
            order_id = bench.put_back(scenario)  # the next action starts from the scenario again
        else:
            shown_before.append(view)

    view = look()
    assert view.status == state
    assert set(view.actions) == set(CALLS), "every action of the table has a call in this test"
    for action in CALLS:
        view = look()
        shown = view.actions[action]
        subjects = _subjects(view, action)
        if not subjects:
            attempt(view, action, NO_SUCH_ID, shown, action)
            continue
        own_reasons = [own[action] for _, own in subjects]
        if (shown is None) != (None in own_reasons) or (shown is not None and shown not in own_reasons):
            wrong.append(f"{action}: the order says {shown!r}, its parts say {own_reasons!r}")
        for position in range(len(subjects)):
            if position:  # looked up again: a success builds a new order, with new ids
                view = look()
            subject, own = _subjects(view, action)[position]
            attempt(view, action, subject, own[action], f"{action} on part {position + 1}")
    look()
    assert not wrong, f"{scenario} as {role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_ord_actions_say_what_each_operation_does_blk_2_blk_4_lck_1_gst_3_ord_7(
    scenario: str, role: str, sqlite_bench: Bench
) -> None:
    check_every_action(sqlite_bench, scenario, role)


# On PostgreSQL each scenario is built by calls (a test database per test costs seconds),
# so each scenario runs as one role, the roles taking turns: every state, every role.
ROLE_TURNS = [(name, ROLES[i % len(ROLES)]) for i, name in enumerate(SCENARIOS)]


@pytest.mark.postgres
@pytest.mark.parametrize(("scenario", "role"), ROLE_TURNS)
def test_ord_actions_say_what_each_operation_does_on_postgresql(
    scenario: str, role: str, postgres_bench: Bench
) -> None:
    check_every_action(postgres_bench, scenario, role)
