"""The customer aggregate: find, create and maintain customers and their address books."""

from .service import (
    PLACED_STATES,
    CustomerService,
    add_address_row,
    clean_profile,
    customer_view,
    load_customer,
    new_customer,
    set_names,
)

__all__ = [
    "PLACED_STATES", "CustomerService", "add_address_row", "clean_profile", "customer_view",
    "load_customer", "new_customer", "set_names",
]
