"""``desk.orders``: every order operation of API.md in one namespace, over small use cases.

Each use case is its own class in its own module (create.py, lines.py, flow.py,
payments.py, blocks.py, query.py, repricing.py, ship_tos.py) over the one change pipeline
(base.py). This facade only routes: ``OrderService.add_item`` is
``OrderLines.add_item`` with the same signature, run on the desk's OrderLines.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from ..context import DeskContext, Service
from .base import OrderServiceBase
from .blocks import OrderBlocks
from .create import OrderCreation
from .flow import OrderFlow
from .line_changes import OrderLineChanges
from .lines import OrderLines
from .payments import OrderPayments
from .query import OrderQueries
from .repricing import OrderRepricing
from .ship_tos import OrderShipTos

P = ParamSpec("P")
R = TypeVar("R")
U = TypeVar("U", bound=OrderServiceBase)

USE_CASES: tuple[type[OrderServiceBase], ...] = (
    OrderCreation, OrderLines, OrderLineChanges, OrderFlow, OrderPayments, OrderBlocks, OrderQueries,
    OrderRepricing, OrderShipTos,
)
_BY_NAME = {use_case.__name__: use_case for use_case in USE_CASES}


def _through(method: Callable[Concatenate[U, P], R]) -> Callable[Concatenate[OrderService, P], R]:
    """The facade's method: the use case's own, called on the desk's instance of its class."""
    owner = _BY_NAME[method.__qualname__.rsplit(".", 1)[0]]

    @functools.wraps(method)  # same name, signature, hints and argument checks
    def call(self: OrderService, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return method(self._part(owner), *args, **kwargs)  # type: ignore[arg-type]

    return call


class OrderService(Service):
    """Create, change, move and find orders; each change is one committed unit."""

    def __init__(self, ctx: DeskContext) -> None:
        super().__init__(ctx)
        self._parts: dict[type[OrderServiceBase], OrderServiceBase] = {}

    def _part(self, use_case: type[OrderServiceBase]) -> OrderServiceBase:
        if use_case not in self._parts:
            self._parts[use_case] = use_case(self.ctx)
        return self._parts[use_case]

    # creating (create.py)
    create = _through(OrderCreation.create)
    create_from = _through(OrderCreation.create_from)
    associate_customer = _through(OrderCreation.associate_customer)
    delete = _through(OrderCreation.delete)
    # lines (lines.py)
    add_item = _through(OrderLines.add_item)
    add_bundle = _through(OrderLines.add_bundle)
    set_quantity = _through(OrderLines.set_quantity)
    set_price = _through(OrderLines.set_price)
    remove_item = _through(OrderLines.remove_item)
    expedite = _through(OrderLines.expedite)
    accept_item = _through(OrderLines.accept_item)
    # after the sale, on one line (line_changes.py)
    cancel_item = _through(OrderLineChanges.cancel_item)
    personalize = _through(OrderLineChanges.personalize)
    set_ship_complete = _through(OrderLineChanges.set_ship_complete)
    # the lifecycle (flow.py)
    submit = _through(OrderFlow.submit)
    begin_edit = _through(OrderFlow.begin_edit)
    renew_lock = _through(OrderFlow.renew_lock)
    finish_edit = _through(OrderFlow.finish_edit)
    release = _through(OrderFlow.release)
    cancel = _through(OrderFlow.cancel)
    cancel_remainder = _through(OrderFlow.cancel_remainder)
    mark_quote_ready = _through(OrderFlow.mark_quote_ready)
    set_shipping = _through(OrderFlow.set_shipping)
    # payments and coupons (payments.py)
    add_payment = _through(OrderPayments.add_payment)
    apply_coupon = _through(OrderPayments.apply_coupon)
    void_payment = _through(OrderPayments.void_payment)
    refund = _through(OrderPayments.refund)
    payment_gateway = _through(OrderPayments.payment_gateway)
    # blocks, holds and notes (blocks.py)
    place_block = _through(OrderBlocks.place_block)
    resolve_block = _through(OrderBlocks.resolve_block)
    modify_block = _through(OrderBlocks.modify_block)
    hold = _through(OrderBlocks.hold)
    release_hold = _through(OrderBlocks.release_hold)
    add_note = _through(OrderBlocks.add_note)
    # reading (query.py)
    get = _through(OrderQueries.get)
    history = _through(OrderQueries.history)
    search = _through(OrderQueries.search)
    promotions = _through(OrderQueries.promotions)
    associations = _through(OrderQueries.associations)
    blocked_queue = _through(OrderQueries.blocked_queue)
    # prices on purpose (repricing.py)
    reprice = _through(OrderRepricing.reprice)
    # several ship-tos (ship_tos.py)
    add_ship_to = _through(OrderShipTos.add_ship_to)
    assign_item = _through(OrderShipTos.assign_item)
    remove_ship_to = _through(OrderShipTos.remove_ship_to)
    override_shipping = _through(OrderShipTos.override_shipping)
