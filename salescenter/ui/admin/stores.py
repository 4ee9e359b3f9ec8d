"""Stores (ADM-1, PRC-4, PRC-5): a store's name, kind, currency, return window and review
threshold; its tax rates by country and region and its shipping rates by method."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...labels import STORE_KIND_NAMES, shipping_label
from ..table_model import Column, RowsModel
from .base import AdminPage, check, choices, line, select_first, selected_rows, table, text_or_none


def _percent(rate: Any) -> str:
    return f"{rate * 100:.2f}%"


class StoresModel(RowsModel):
    columns = (
        Column("Code", lambda s: s.code),
        Column("Name", lambda s: s.name),
        Column("Kind", lambda s: STORE_KIND_NAMES.get(s.kind, s.kind)),
        Column("Currency", lambda s: s.currency),
        Column("Return window", lambda s: f"{s.return_days} days"),
        Column("Review above", lambda s: s.review_threshold, money=True),
        Column("Base tax", lambda s: _percent(s.tax_rate)),
    )


class TaxRatesModel(RowsModel):
    columns = (
        Column("Country", lambda r: r.country),
        Column("Region", lambda r: r.region or "(all)"),
        Column("Rate", lambda r: _percent(r.rate)),
        Column("Shipping taxed", lambda r: r.tax_shipping),
    )


class ShippingRatesModel(RowsModel):
    columns = (
        Column("Method", lambda r: shipping_label(r.method)),
        Column("Charge", lambda r: f"{r.amount:,.2f} {r.currency}"),
        Column("Free from", lambda r: f"{r.free_over:,.2f} {r.currency}" if r.free_over else ""),
    )


class StoresPage(AdminPage):
    title = "Stores"
    authority = "Manage stores"

    def __init__(self, desk: Any, parent: Any = None) -> None:
        super().__init__(desk, parent)
        self.setObjectName("adminStores")
        self.model = StoresModel(self)
        self.view = table("storesTable", self.model)
        self.tax_model = TaxRatesModel(self)
        self.tax_view = table("taxRatesTable", self.tax_model)
        self.shipping_model = ShippingRatesModel(self)
        self.shipping_view = table("shippingRatesTable", self.shipping_model)
        self.new_button = self.button("&New store…", "newStore", self.new_store)
        self.edit_button = self.button("&Edit store…", "editStore", self.edit_store,
                                       "Name, return window, review threshold, base tax rate")
        self.reload_button = self.button("Rel&oad", "reloadStores", self.refresh)
        self.tax_button = self.button("Set ta&x rate…", "setTaxRate", self.set_tax_rate,
                                      "Tax on what the store ships to a country or one region of it")
        self.shipping_button = self.button("Set s&hipping rate…", "setShippingRate",
                                           self.set_shipping_rate)
        self.layout_.addWidget(self.section(
            "&Stores", self.view, [self.new_button, self.edit_button, self.reload_button]), 2)
        self.layout_.addWidget(self.section("T&ax rates of the store", self.tax_view,
                                            [self.tax_button]), 1)
        self.layout_.addWidget(self.section("Sh&ipping rates of the store", self.shipping_view,
                                            [self.shipping_button]), 1)
        self.layout_.addWidget(self.message)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._store_changed())
        self._enable()

    def refresh(self) -> None:
        self.latest("stores", self.desk.stores.list, self._loaded)

    def _loaded(self, stores: list[Any]) -> None:
        self.model.set_rows(stores)
        select_first(self.view)
        self._store_changed()

    def chosen(self) -> Any:
        rows = selected_rows(self.view)
        return rows[0] if rows else None

    def _enable(self) -> None:
        for button in (self.edit_button, self.tax_button, self.shipping_button):
            button.setEnabled(self.chosen() is not None)

    def _store_changed(self) -> None:
        self._enable()
        store = self.chosen()
        if store is None:
            self.tax_model.set_rows([])
            self.shipping_model.set_rows([])
            return
        desk, code = self.desk, store.code
        self.latest("rates", lambda: (desk.stores.tax_rates(code), desk.stores.shipping_rates(code)),
                    self._rates_loaded)

    def _rates_loaded(self, rates: tuple[list[Any], list[Any]]) -> None:
        self.tax_model.set_rows(rates[0])
        self.shipping_model.set_rows(rates[1])

    # commands -------------------------------------------------------------------------
    def new_store(self) -> None:
        code, name = line("storeCode", placeholder="e.g. WEST"), line("storeName")
        kind = choices("storeKind", STORE_KIND_NAMES)
        currency = line("storeCurrency", "USD")
        desk = self.desk

        def build() -> Callable[[], Any]:
            values = code.text(), name.text(), kind.currentData(), currency.text()
            return lambda: desk.stores.create(*values)

        self.form("New Store", "newStoreDialog",
                  [("&Code:", code), ("&Name:", name), ("&Kind:", kind), ("C&urrency:", currency)],
                  build, lambda store: f"Store {store.code} ({store.currency}) added.")

    def edit_store(self) -> None:
        store = self.chosen()
        if store is None:
            return
        name = line("storeName", store.name)
        days = line("storeReturnDays", str(store.return_days), "days after shipping")
        threshold = line("storeReviewThreshold",
                         "" if store.review_threshold is None else str(store.review_threshold),
                         "empty: no review")
        tax = line("storeTaxRate", str(store.tax_rate), "a fraction such as 0.0825")
        desk = self.desk

        def build() -> Callable[[], Any]:
            fields: dict[str, Any] = {
                "name": name.text(), "review_threshold": text_or_none(threshold),
                "tax_rate": tax.text().strip(),
                # Not a number: the desk names the field in its refusal.
                "return_days": int(days.text()) if days.text().strip().isdigit() else days.text(),
            }
            return lambda: desk.stores.update(store.code, **fields)

        self.form(f"Store {store.code}", "editStoreDialog",
                  [("&Name:", name), ("&Return window (days):", days),
                   ("Re&view orders above:", threshold), ("Base &tax rate:", tax)],
                  build, lambda done: f"Store {done.code} saved.")

    def set_tax_rate(self) -> None:
        store = self.chosen()
        if store is None:
            return
        rows = selected_rows(self.tax_view)
        current = rows[0] if rows else None
        country = line("taxCountry", current.country if current else "", "two letters: US, CA")
        region = line("taxRegion", current.region if current else "", "empty: the whole country")
        rate = line("taxRate", str(current.rate) if current else "", "a fraction such as 0.0825")
        shipping = check("taxShipping", "Tax the &shipping charge too",
                         current.tax_shipping if current else False)
        desk = self.desk

        def build() -> Callable[[], Any]:
            values = country.text(), rate.text()
            area, taxed = text_or_none(region), shipping.isChecked()
            return lambda: desk.stores.set_tax_rate(store.code, *values, region=area, tax_shipping=taxed)

        self.form(f"Tax Rate of {store.code}", "taxRateDialog",
                  [("&Country:", country), ("&Region:", region), ("R&ate:", rate), ("", shipping)],
                  build, lambda done: f"Tax {_percent(done.rate)} for {done.country}"
                                      f"{' ' + done.region if done.region else ''} saved.")

    def set_shipping_rate(self) -> None:
        store = self.chosen()
        if store is None:
            return
        rows = selected_rows(self.shipping_view)
        current = rows[0] if rows else None
        method = choices("shippingMethod", self.desk.shipping_methods(),
                         current.method if current else None)
        amount = line("shippingAmount", str(current.amount) if current else "",
                      f"in {store.currency}")
        free = line("shippingFreeOver",
                    str(current.free_over) if current and current.free_over else "",
                    "empty: never free")
        desk = self.desk

        def build() -> Callable[[], Any]:
            code, charge, over = method.currentData(), amount.text(), text_or_none(free)
            return lambda: desk.stores.set_shipping_rate(store.code, code, charge, free_over=over)

        self.form(f"Shipping Rate of {store.code}", "shippingRateDialog",
                  [("&Method:", method), ("&Charge:", amount), ("&Free from order amount:", free)],
                  build, lambda done: f"{shipping_label(done.method)} in {done.store}: "
                                      f"{done.amount} {done.currency} saved.")
