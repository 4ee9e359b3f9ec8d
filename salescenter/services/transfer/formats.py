"""The four files of an import or export and the columns each one must have."""

from __future__ import annotations

CUSTOMERS = "customers.csv"
PRODUCTS = "products.csv"
ORDERS = "orders.csv"
ORDER_LINES = "order_lines.csv"
# Returns travel in a file of their own (desk.transfer.export_returns / import_returns).
RETURNS = "returns.csv"

# Dependency order: every file refers only to files before it.
FILES = (CUSTOMERS, PRODUCTS, ORDERS, ORDER_LINES)

COLUMNS: dict[str, tuple[str, ...]] = {
    CUSTOMERS: (
        "customer_ref", "first_name", "last_name", "company", "email", "phone",
        "line1", "line2", "city", "region", "postal_code", "country",
    ),
    PRODUCTS: ("sku", "name", "description", "list_price", "stock", "available"),
    ORDERS: (
        "order_ref", "store", "customer_ref", "created_at", "status", "ship_name", "ship_line1",
        "ship_line2", "ship_city", "ship_region", "ship_postal_code", "ship_country",
        "shipping_method", "shipping_total", "shipped_at", "required_at",
    ),
    ORDER_LINES: ("order_ref", "sku", "quantity", "placed_price", "discount_percent"),
}
RETURN_COLUMNS = (
    "return_number", "order_ref", "order_number", "kind", "status", "reason", "comment", "sku",
    "quantity", "received_quantity", "credit", "replacement_sku", "replacement_order_number",
    "created_at", "created_by",
)
# Every file the transfer code reads or writes, the returns file included.
ALL_COLUMNS: dict[str, tuple[str, ...]] = {**COLUMNS, RETURNS: RETURN_COLUMNS}

# What a rep calls each column in a rejection report.
FIELD_NAMES = {
    "customer_ref": "Customer ref", "first_name": "First name", "last_name": "Last name",
    "company": "Company", "email": "Email", "phone": "Phone", "line1": "Street address",
    "line2": "Address line 2", "city": "City", "region": "State/region",
    "postal_code": "Postal code", "country": "Country", "sku": "SKU", "name": "Name",
    "description": "Description", "list_price": "List price", "stock": "Stock",
    "available": "Available", "order_ref": "Order ref", "store": "Store",
    "created_at": "Created", "status": "Status", "ship_name": "Ship-to name",
    "ship_line1": "Ship-to street address", "ship_line2": "Ship-to address line 2",
    "ship_city": "Ship-to city", "ship_region": "Ship-to state/region",
    "ship_postal_code": "Ship-to postal code", "ship_country": "Ship-to country",
    "shipping_method": "Shipping method", "shipping_total": "Shipping total",
    "shipped_at": "Shipped", "required_at": "Required by", "quantity": "Quantity",
    "placed_price": "Placed price", "discount_percent": "Discount percent",
    "return_number": "Return number", "order_number": "Order number", "kind": "Return kind",
    "reason": "Return reason", "comment": "Comment", "received_quantity": "Received quantity",
    "credit": "Credit", "replacement_sku": "Replacement SKU",
    "replacement_order_number": "Replacement order", "created_by": "Created by",
}

TRUE_WORDS = ("true", "yes", "1", "y")
FALSE_WORDS = ("false", "no", "0", "n")
