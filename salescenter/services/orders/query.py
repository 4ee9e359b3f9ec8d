"""Reading orders: open one, its history, find orders, promotions and associations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Select, literal, select
from sqlalchemy.orm import Session, joinedload

from ...errors import ValidationError
from ...models import HistoryEntry, Order, Promotion, Store
from .. import search as search_index
from .. import validation as v
from ..authority import Authority
from ..catalog import CatalogService
from ..uow import UnitOfWork
from ..views import AssociationView, HistoryEntryView, OrderSummaryView, OrderView, PromotionView
from . import lifecycle
from .base import OrderServiceBase, load_order, recent_history
from .pricing import applicable
from .view_builder import order_view, summary_view

NEWEST_FIRST = (Order.created_at.desc(), Order.id.desc())
# One validation call for a whole page of results.
SUMMARY_LIST = TypeAdapter(list[OrderSummaryView])

MAX_PAGE = 500
SUMMARY_COLUMNS = (
    Order.id, Order.number, Order.external_number, Order.name, Order.status, Order.customer_id,
    Order.customer_name, Order.customer_email, Order.is_guest, Order.kind, Order.created_at, Order.total,
)
# A result row: only its columns (a page of 50 builds no ORM objects), built once. The
# store code is looked up per row rather than joined, so the planner never starts from
# stores and sorts a whole store's orders to find a page.
SUMMARY_ROWS = select(
    *SUMMARY_COLUMNS,
    select(Store.code).where(Store.id == Order.store_id).scalar_subquery().label("store"),
)


def _day_start(value: object, field: str) -> datetime | None:
    moment = v.when(value, field)
    return moment


def _day_end(value: object, field: str) -> datetime | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day) + timedelta(days=1)
    return v.when(value, field)


def clean_statuses(status: object) -> list[str] | None:
    if status is None:
        return None
    if isinstance(status, str):
        values = [status]
    elif isinstance(status, list | tuple | set | frozenset):
        values = list(status)
    else:
        raise ValidationError("Status must be a state or a list of states.", "Status")
    return [v.choice(s, "Status", list(lifecycle.STATES)) for s in values]


class OrderQueries(OrderServiceBase):
    def get(self, order_id: int) -> OrderView:
        def work(uow: UnitOfWork) -> OrderView:
            order = load_order(uow, order_id)
            return order_view(order, uow.now, actor=self.actor, history=recent_history(uow, order.id))

        return self.ctx.read(work)

    def history(self, order_id: int) -> list[HistoryEntryView]:
        key = v.identifier(order_id, "Order")

        def work(uow: UnitOfWork) -> list[HistoryEntryView]:
            rows = uow.session.scalars(
                select(HistoryEntry).where(HistoryEntry.order_id == key).order_by(HistoryEntry.id)
            )
            return [HistoryEntryView.model_validate(r) for r in rows]

        return self.ctx.read(work)

    def search(
        self, *, number: str | None = None, customer_name: str | None = None,
        email: str | None = None, status: str | Iterable[str] | None = None,
        store: str | None = None, created_from: object = None, created_to: object = None,
        name: str | None = None, customer_id: int | None = None, kind: str | None = "order",
        limit: int = 50, offset: int = 0, after: tuple[datetime, int] | None = None,
    ) -> list[OrderSummaryView]:
        """FND-1: every filter combines with the others; newest first.

        ``after``: the (created_at, id) of the last row already shown; the page then
        starts right after it (keyset paging: as fast on page 2,000 as on page 1).
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
            raise ValidationError(f"Results per page must be from 1 to {MAX_PAGE}.", "Results per page")
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise ValidationError("Page start must be zero or more.", "Page")
        filters = {
            "number": number, "customer_name": customer_name, "email": email, "status": status,
            "store": store, "created_from": created_from, "created_to": created_to, "name": name,
            "customer_id": customer_id, "kind": kind,
        }

        def work(uow: UnitOfWork) -> list[OrderSummaryView]:
            query = self._filters(session=uow.session, page_end=offset + limit, **filters)
            if after is not None:
                query = query.where(search_index.orders_after(
                    v.when(after[0], "Page start") or datetime.min, v.identifier(after[1], "Page start")))
            query = query.order_by(*NEWEST_FIRST).limit(limit).offset(offset)
            rows = uow.session.connection().execute(query).mappings()
            return SUMMARY_LIST.validate_python([dict(row) for row in rows])

        return self.ctx.read(work)

    def _filters(
        self, *, session: Session, page_end: int = 50, **f: Any
    ) -> Select[*tuple[Any, ...]]:
        """The search's conditions; name phrases go through the search index."""
        query = SUMMARY_ROWS
        if f["number"]:
            number = v.text(f["number"], "Order number", max_length=100)
            # Two index lookups named as ids: with an OR the planner would rather walk the
            # newest-first index across the whole table to save a sort of one row.
            query = query.where(Order.id.in_(
                select(Order.id).where(Order.number == number)
                .union_all(select(Order.id).where(Order.external_number == number))
            ))
        if f["customer_name"]:
            phrase = v.search_key(v.text(f["customer_name"], "Customer name"))
            query = query.where(search_index.order_name_filter(
                session, search_index.phrase_of(phrase), page_end=page_end))
        if f["name"]:
            phrase = v.text(f["name"], "Order name").lower()
            query = query.where(search_index.order_name_filter(
                session, search_index.phrase_of(phrase), column="name", page_end=page_end))
        if f["email"]:
            query = query.where(Order.customer_email == v.email(f["email"], required=True))
        statuses = clean_statuses(f["status"])
        if statuses:
            query = query.where(Order.status.in_(statuses))
        if f["store"]:
            code = v.text(f["store"], "Store", max_length=40)
            query = query.where(Order.store_id.in_(select(Store.id).where(Store.code == code)))
        start = _day_start(f["created_from"], "Created from")
        end = _day_end(f["created_to"], "Created to")
        if start:
            query = query.where(Order.created_at >= start)
        if end:
            query = query.where(Order.created_at < end if end.time() == datetime.min.time()
                                else Order.created_at <= end)
        if f["customer_id"] is not None:
            query = query.where(Order.customer_id == v.identifier(f["customer_id"], "Customer"))
        if f["kind"]:
            kind = v.choice(f["kind"], "Kind", ["order", "quote"])
            # A constant in the SQL: the planners can then use the partial indexes of quotes.
            query = query.where(Order.kind == literal(kind, literal_execute=True))
        return query

    def promotions(self, order_id: int) -> list[PromotionView]:
        """ORD-13: promotions that apply, or could apply, to this customer and order."""

        def work(uow: UnitOfWork) -> list[PromotionView]:
            order = load_order(uow, order_id)
            views = []
            for promo in uow.session.scalars(select(Promotion).where(Promotion.active.is_(True))):
                applies, why = applicable(promo, order, uow.now)
                if not applies and why == "Not running now.":
                    continue
                base = PromotionView.model_validate(promo)
                views.append(base.model_copy(update={"applies": applies, "why": why}))
            return sorted(views, key=lambda p: (not p.applies, p.name))

        return self.ctx.read(work)

    def associations(self, order_id: int) -> list[AssociationView]:
        """ORD-12: merchandising associations of the order's items."""
        order = self.get(order_id)
        skus = sorted({i.sku for i in order.items})
        if not skus:
            return []
        in_order = set(skus)
        found = CatalogService(self.ctx).associations(skus)
        return [a for a in found if a.product.sku not in in_order]

    def blocked_queue(self, *, limit: int = 100) -> list[OrderSummaryView]:
        """Supervisors work the orders held up by open blocks, oldest first."""
        self.ctx.require(Authority.BLOCKED_QUEUE, "The blocked-orders queue")
        from ...models import Block

        query = (
            select(Order).options(joinedload(Order.store))
            .where(Order.id.in_(select(Block.order_id).where(Block.resolved.is_(False))))
            .where(Order.status.in_(lifecycle.SUBMITTED))
            .order_by(Order.created_at).limit(max(1, min(limit, MAX_PAGE)))
        )
        return self.ctx.read(lambda uow: [summary_view(o) for o in uow.session.scalars(query)])
