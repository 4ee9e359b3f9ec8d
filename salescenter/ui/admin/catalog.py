"""The catalog (ADM-1, PRC-4): products found by SKU or phrase, new products and bundles,
changes, availability, merchandising associations, and a product's price in each store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel

from ...labels import ASSOCIATION_NAMES
from ..table_model import Column, RowsModel
from .base import AdminPage, choices, line, select_first, selected_rows, table, text_or_none


class ProductsModel(RowsModel):
    columns = (
        Column("SKU", lambda p: p.sku),
        Column("Name", lambda p: p.name),
        Column("List price", lambda p: p.list_price, money=True),
        Column("Stock", lambda p: p.stock),
        Column("Sold", lambda p: "yes" if p.available else "no longer"),
        Column("Bundle", lambda p: p.is_bundle),
    )


class StorePricesModel(RowsModel):
    columns = (
        Column("Store", lambda p: p.store),
        Column("Price", lambda p: f"{p.price:,.2f} {p.currency}"),
    )


def parse_components(text: str) -> dict[str, int] | str:
    """"SKU-1 x2, SKU-2" as {"SKU-1": 2, "SKU-2": 1}; a mistake comes back as its message."""
    parts: dict[str, int] = {}
    for chunk in filter(None, (c.strip() for c in text.replace(";", ",").split(","))):
        sku, _, count = chunk.replace("×", "x").rpartition(" x")
        if not sku:
            sku, count = chunk, "1"
        if not count.strip().isdigit():
            return f"Components: '{chunk}' should be a SKU, or a SKU x quantity such as TAB-1 x2."
        parts[sku.strip()] = parts.get(sku.strip(), 0) + int(count)
    return parts


class CatalogPage(AdminPage):
    title = "Catalog"
    authority = "Manage the catalog"

    def __init__(self, desk: Any, parent: Any = None) -> None:
        super().__init__(desk, parent)
        self.setObjectName("adminCatalog")
        self.phrase = line("catalogPhrase", placeholder="SKU, or 3+ letters of a name or description")
        self.phrase.returnPressed.connect(self.refresh)
        caption = QLabel("&Find:")
        caption.setBuddy(self.phrase)
        self.model = ProductsModel(self)
        self.view = table("productsTable", self.model)
        self.prices_model = StorePricesModel(self)
        self.prices_view = table("storePricesTable", self.prices_model)
        self.new_button = self.button("&New product…", "newProduct", self.new_product)
        self.edit_button = self.button("&Edit product…", "editProduct", self.edit_product)
        self.available_button = self.button("Stop se&lling", "toggleAvailable", self.toggle_available)
        self.bundle_button = self.button("New &bundle…", "newBundle", self.new_bundle)
        self.associate_button = self.button("Asso&ciate…", "associateProduct", self.associate,
                                            "Suggest another product with the chosen one")
        self.price_button = self.button("Set store &price…", "setStorePrice", self.set_store_price,
                                        "The chosen product's price in one store, in its currency")
        search = QHBoxLayout()
        search.addWidget(caption)
        search.addWidget(self.phrase, 1)
        self.layout_.addLayout(search)
        self.layout_.addWidget(self.section(
            "Pro&ducts", self.view, [self.new_button, self.edit_button, self.available_button,
                                     self.bundle_button, self.associate_button]), 3)
        self.layout_.addWidget(self.section("Prices in &stores (the list price elsewhere)",
                                            self.prices_view, [self.price_button]), 1)
        self.layout_.addWidget(self.message)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._product_changed())
        self._enable()

    def focus_first(self) -> None:
        self.phrase.setFocus()

    def refresh(self) -> None:
        phrase = self.phrase.text().strip()
        if not phrase:
            self.say("Type a SKU or 3 or more letters of a product name, then Enter.")
            return
        desk = self.desk
        self.latest("products", lambda: desk.catalog.find(phrase, limit=200, include_unavailable=True),
                    self._loaded)

    def _loaded(self, products: list[Any]) -> None:
        self.model.set_rows(products)
        select_first(self.view)
        self._product_changed()
        if not products:
            self.say("No product matches; search by SKU or 3 or more letters of a name.")

    def chosen(self) -> Any:
        rows = selected_rows(self.view)
        return rows[0] if rows else None

    def _enable(self) -> None:
        product = self.chosen()
        for button in (self.edit_button, self.available_button, self.associate_button,
                       self.price_button):
            button.setEnabled(product is not None)
        selling = product is None or product.available
        self.available_button.setText("Stop se&lling" if selling else "Se&ll again")

    def _product_changed(self) -> None:
        self._enable()
        product = self.chosen()
        if product is None:
            self.prices_model.set_rows([])
            return
        desk, sku = self.desk, product.sku
        self.latest("prices", lambda: desk.catalog.prices(sku), self.prices_model.set_rows)

    # commands -------------------------------------------------------------------------
    def new_product(self) -> None:
        sku, name = line("productSku"), line("productName")
        price, stock = line("productPrice", placeholder="19.99"), line("productStock", "0")
        description = line("productDescription")
        desk = self.desk

        def build() -> Callable[[], Any]:
            values = sku.text(), name.text(), price.text()
            count: Any = int(stock.text()) if stock.text().strip().isdigit() else stock.text()
            words = description.text()
            return lambda: desk.catalog.create_product(*values, description=words, stock=count)

        self.form("New Product", "newProductDialog",
                  [("&SKU:", sku), ("&Name:", name), ("&List price:", price), ("S&tock:", stock),
                   ("&Description:", description)],
                  build, lambda product: f"Product {product.sku} added at {product.list_price}.")

    def edit_product(self) -> None:
        product = self.chosen()
        if product is None:
            return
        name, price = line("productName", product.name), line("productPrice", str(product.list_price))
        description = line("productDescription", product.description)
        desk = self.desk

        def build() -> Callable[[], Any]:
            fields = {"name": name.text(), "list_price": price.text(), "description": description.text()}
            return lambda: desk.catalog.update_product(product.sku, **fields)

        self.form(f"Product {product.sku}", "editProductDialog",
                  [("&Name:", name), ("&List price:", price), ("&Description:", description)],
                  build, lambda done: f"Product {done.sku} saved; orders taken keep their prices.")

    def toggle_available(self) -> None:
        product = self.chosen()
        if product is None:
            return
        desk, on = self.desk, not product.available
        self.change(lambda: desk.catalog.set_available(product.sku, on),
                    lambda done: f"{done.sku} is {'sold again' if done.available else 'no longer sold'}.")

    def new_bundle(self) -> None:
        sku, name = line("bundleSku"), line("bundleName")
        parts = line("bundleComponents", placeholder="TAB-1 x2, PEN-3")
        desk = self.desk

        def build() -> Callable[[], Any]:
            values, components = (sku.text(), name.text()), parse_components(parts.text())
            if isinstance(components, str):
                problem = components
                return lambda: _refuse(problem, "Components")
            return lambda: desk.catalog.create_bundle(*values, components)

        self.form("New Bundle", "newBundleDialog",
                  [("&SKU:", sku), ("&Name:", name), ("&Components:", parts)],
                  build, lambda bundle: f"Bundle {bundle.sku} added at {bundle.list_price}.")

    def associate(self) -> None:
        product = self.chosen()
        if product is None:
            return
        other = line("associateOther", placeholder="SKU to suggest")
        kind = choices("associateKind", ASSOCIATION_NAMES)
        desk = self.desk

        def build() -> Callable[[], Any]:
            values = other.text().strip(), kind.currentData()
            return lambda: desk.catalog.associate(product.sku, *values)

        self.form(f"Associate with {product.sku}", "associateDialog",
                  [("&Other product:", other), ("&Kind:", kind)], build,
                  lambda _done: f"{other.text().strip()} is now suggested with {product.sku}.")

    def set_store_price(self) -> None:
        product = self.chosen()
        if product is None:
            return
        rows = selected_rows(self.prices_view)
        store = line("priceStore", rows[0].store if rows else "", "store code")
        price = line("priceValue", str(rows[0].price) if rows else "", "in the store's currency")
        desk = self.desk

        def build() -> Callable[[], Any]:
            code, amount = text_or_none(store) or "", price.text()
            return lambda: desk.catalog.set_price(product.sku, code, amount)

        self.form(f"Price of {product.sku} in a Store", "storePriceDialog",
                  [("&Store:", store), ("&Price:", price)], build,
                  lambda done: f"{done.sku} costs {done.price} {done.currency} in {done.store}.")


def _refuse(text: str, field: str) -> Any:
    from ...errors import ValidationError

    raise ValidationError(text, field)
