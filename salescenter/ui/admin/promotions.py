"""Promotions (ADM-1, PRC-8): every promotion with its discount, code, dates and use limits,
and new ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..table_model import Column, RowsModel
from .base import AdminPage, confirm, line, select_first, selected_rows, table, text_or_none


def _discount(promotion: Any) -> str:
    if promotion.percent_off is not None:
        return f"{promotion.percent_off.normalize():f}% off"
    return f"{promotion.amount_off:,.2f} {promotion.currency or ''} off".replace("  ", " ")


def _number(edit: Any) -> Any:
    text = text_or_none(edit)
    return int(text) if text is not None and text.isdigit() else text


class PromotionsModel(RowsModel):
    columns = (
        Column("Name", lambda p: p.name),
        Column("Discount", _discount),
        Column("Coupon code", lambda p: p.coupon_code or "(automatic)"),
        Column("On SKU", lambda p: p.sku or ""),
        Column("From", lambda p: p.starts.date() if p.starts else None),
        Column("Until", lambda p: p.ends.date() if p.ends else None),
        Column("Uses per customer", lambda p: p.uses_per_customer),
        Column("Uses in all", lambda p: p.max_uses),
    )


class PromotionsPage(AdminPage):
    title = "Promotions"
    authority = "Manage the catalog"

    def __init__(self, desk: Any, parent: Any = None) -> None:
        super().__init__(desk, parent)
        self.setObjectName("adminPromotions")
        self.model = PromotionsModel(self)
        self.view = table("promotionsTable", self.model)
        self.new_button = self.button("&New promotion…", "newPromotion", self.new_promotion)
        self.end_button = self.button("&End now…", "endPromotion", self.end_promotion,
                                      "Stop the chosen promotion for new orders from now on")
        self.reload_button = self.button("Rel&oad", "reloadPromotions", self.refresh)
        self.layout_.addWidget(self.section("&Promotions", self.view,
                                            [self.new_button, self.end_button, self.reload_button]), 1)
        self.layout_.addWidget(self.message)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.end_button.setEnabled(bool(selected_rows(self.view))))
        self.end_button.setEnabled(False)

    def refresh(self) -> None:
        self.latest("promotions", self.desk.catalog.promotions, self._loaded)

    def _loaded(self, promotions: list[Any]) -> None:
        self.model.set_rows(promotions)
        select_first(self.view)
        self.end_button.setEnabled(bool(selected_rows(self.view)))

    def end_promotion(self) -> Any:
        rows = selected_rows(self.view)
        if not rows:
            return None
        promotion, desk = rows[0], self.desk
        return confirm(
            self, "confirmEndPromotion", "End Promotion",
            f"End '{promotion.name}' now? New orders no longer get it; orders that have it keep it.",
            "&End now", lambda: self.change(lambda: desk.catalog.end_promotion(promotion.id),
                                            lambda done: f"'{done.name}' ended."))

    def new_promotion(self) -> None:
        name = line("promotionName")
        percent = line("promotionPercent", placeholder="e.g. 15 (or leave empty)")
        amount = line("promotionAmount", placeholder="e.g. 5.00 (or leave empty)")
        currency = line("promotionCurrency", placeholder="of the amount: USD, CAD…")
        code = line("promotionCode", placeholder="empty: applies by itself")
        sku = line("promotionSku", placeholder="empty: the whole order")
        starts = line("promotionStarts", placeholder="YYYY-MM-DD")
        ends = line("promotionEnds", placeholder="YYYY-MM-DD, the last day it runs")
        per_customer = line("promotionPerCustomer", placeholder="empty: no limit")
        in_all = line("promotionMaxUses", placeholder="empty: no limit")
        desk = self.desk

        def build() -> Callable[[], Any]:
            fields: dict[str, Any] = {
                "percent_off": text_or_none(percent), "amount_off": text_or_none(amount),
                "coupon_code": text_or_none(code), "sku": text_or_none(sku),
                "starts": text_or_none(starts), "ends": text_or_none(ends),
                "uses_per_customer": _number(per_customer), "max_uses": _number(in_all),
            }
            if text_or_none(currency):
                fields["currency"] = text_or_none(currency)
            title = name.text()
            return lambda: desk.catalog.create_promotion(title, **fields)

        self.form("New Promotion", "newPromotionDialog",
                  [("&Name:", name), ("&Percent off:", percent), ("&Amount off:", amount),
                   ("Cu&rrency:", currency), ("&Coupon code:", code), ("On &SKU:", sku),
                   ("&From:", starts), ("&Until:", ends), ("Uses per cus&tomer:", per_customer),
                   ("Uses in a&ll:", in_all)],
                  build, lambda promo: f"Promotion '{promo.name}' added ({_discount(promo)}).")
