"""The audit trail (AUD-1): who changed which field, when, from what to what; who may read it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from salescenter import SalesCenter, errors
from salescenter.api import Desk
from tests.conftest import HOME, PASSWORDS, World
from tests.reliability.support import fingerprint


def _fields(entries) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {e.field: (e.before, e.after) for e in entries}


def test_aud_1_a_credit_limit_change_records_who_when_before_and_after(admin: Desk, supervisor: Desk,
                                                                       world: World) -> None:
    supervisor.customers.update(world.b2b_customer_id, credit_limit="2500.00")
    entries = admin.audit.search(entity="customer", entity_id=world.b2b_customer_id)
    latest = entries[0]
    assert (latest.user, latest.entity, latest.entity_id) == ("supervisor", "customer", world.b2b_customer_id)
    assert (latest.field, latest.before, latest.after) == ("credit_limit", "1000.00", "2500.00")
    assert latest.at is not None and latest.entity_name == "Bob Buyer"
    # The creation was recorded too: its first values against an empty before.
    assert _fields(entries[1:])["credit_limit"] == ("", "1000.00")


def test_aud_1_customer_profile_and_address_book_changes(csr: Desk, admin: Desk, world: World) -> None:
    csr.customers.update(world.customer_id, email="mercy.t@example.com", first_name="Mercy")
    address = csr.customers.add_address(world.customer_id, {**HOME, "line1": "1 New Road"})
    csr.customers.update_address(world.customer_id, address.id, {**HOME, "line1": "2 New Road"})
    entries = admin.audit.search(entity="customer", entity_id=world.customer_id, user="csr")
    assert [e.field for e in entries] == [f"address {address.id}", f"address {address.id}", "email"]
    assert _fields(entries[2:])["email"] == ("mercy@example.com", "mercy.t@example.com")
    assert "2 New Road" in entries[0].after and "1 New Road" in entries[0].before
    assert entries[1].before == "" and "1 New Road" in entries[1].after


def test_aud_1_user_create_role_disable_and_password_reset(admin: Desk) -> None:
    admin.users.create("temp", "temp-pw", "csr")
    admin.users.set_role("temp", "supervisor")
    admin.users.set_password("temp", "new-secret-pw")
    admin.users.set_active("temp", False)
    entries = admin.audit.search(entity="user", entity_id="temp")
    assert [(e.field, e.before, e.after) for e in entries] == [
        ("active", "yes", "no"),
        ("password", "", "reset"),
        ("role", "csr", "supervisor"),
        ("active", "", "yes"),
        ("role", "", "csr"),
        ("username", "", "temp"),
    ]
    assert all(e.user == "admin" for e in entries)
    assert not any("new-secret-pw" in e.after or "argon" in e.after for e in entries)


def test_aud_1_set_role_takes_effect_and_is_for_administrators(sc: SalesCenter, admin: Desk,
                                                              supervisor: Desk) -> None:
    assert admin.users.set_role("csr", "supervisor").role == "supervisor"
    assert sc.login("csr", PASSWORDS["csr"]).user.role == "supervisor"
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError, match="Manage users"):
        supervisor.users.set_role("csr2", "admin")
    with pytest.raises(errors.ValidationError) as caught:
        admin.users.set_role("csr2", "boss")
    assert caught.value.field == "Role"
    with pytest.raises(errors.NotFoundError):
        admin.users.set_role("nobody", "csr")
    assert fingerprint(sc.engine) == before


def test_aud_1_the_last_administrator_is_kept(sc: SalesCenter, admin: Desk) -> None:
    before = fingerprint(sc.engine)
    with pytest.raises(errors.ValidationError, match="only active administrator"):
        admin.users.set_role("admin", "csr")
    with pytest.raises(errors.ValidationError, match="only active administrator"):
        admin.users.set_active("admin", False)
    assert fingerprint(sc.engine) == before
    admin.users.set_role("supervisor", "admin")
    assert admin.users.set_role("admin", "csr").role == "csr"


def test_aud_1_store_and_catalog_changes(admin: Desk, world: World) -> None:
    admin.catalog.set_available("OLD-1", False)
    admin.catalog.create_promotion("Winter", percent_off="15", coupon_code="WINTER15", max_uses=100)
    product = admin.audit.search(entity="product", entity_id="OLD-1")
    assert (product[0].field, product[0].before, product[0].after) == ("available", "yes", "no")
    assert _fields(product[1:])["list_price"] == ("", "49.00")
    kit = _fields(admin.audit.search(entity="product", entity_id="KIT-1"))
    assert kit["components"] == ("", "WID-1 x 1, CAB-1 x 2") and kit["is_bundle"] == ("", "yes")
    widget = _fields(admin.audit.search(entity="product", entity_id="wid-1"))
    assert widget["accessory association"] == ("", "CAB-1")
    assert widget["cross_sell association"] == ("", "GAD-1")
    promotion = _fields(admin.audit.search(entity="promotion", entity_id="Winter"))
    assert promotion["percent_off"] == ("", "15.00") and promotion["coupon_code"] == ("", "WINTER15")
    assert promotion["max_uses"] == ("", "100")
    store = _fields(admin.audit.search(entity="store", entity_id="US"))
    assert store["review_threshold"] == ("", "5000.00") and store["tax_rate"] == ("", "0.0825")


def test_aud_1_search_by_user_newest_first_with_a_limit(admin: Desk, csr: Desk, world: World) -> None:
    for phone in ("555-010-3001", "555-010-3002", "555-010-3003"):
        csr.customers.update(world.customer_id, phone=phone)
    entries = admin.audit.search(user="csr", limit=2)
    assert [e.after for e in entries] == ["555-010-3003", "555-010-3002"]
    assert admin.audit.search(user="csr", limit=2, offset=2)[0].after == "555-010-3001"


def test_aud_1_only_supervisors_and_administrators_read_the_trail(csr: Desk, supervisor: Desk,
                                                                 world: World) -> None:
    with pytest.raises(errors.AuthorizationError, match="audit trail"):
        csr.audit.search()
    assert supervisor.audit.search(entity="store")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"entity": "order"}, "Record type"),
    ({"limit": 0}, "Results per page"),
    ({"limit": "50"}, "Results per page"),
    ({"entity_id": -1}, "Record"),
    ({"user": 7}, "User"),
])
def test_aud_1_bad_search_input_names_the_field(admin: Desk, kwargs: dict, field: str) -> None:
    with pytest.raises(errors.ValidationError) as caught:
        admin.audit.search(**kwargs)
    assert caught.value.field == field


def test_aud_1_a_refused_change_leaves_no_audit_entry(sc: SalesCenter, admin: Desk, csr: Desk,
                                                      world: World) -> None:
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError):
        csr.customers.update(world.b2b_customer_id, credit_limit="99999")
    with pytest.raises(errors.ValidationError):
        csr.customers.update(world.customer_id, email="not an email")
    assert fingerprint(sc.engine) == before


def test_aud_1_the_trail_is_append_only_in_the_database(sc: SalesCenter, admin: Desk, world: World) -> None:
    with sc.engine.connect() as connection:
        for statement in ("UPDATE audit_trail SET after = 'forged'", "DELETE FROM audit_trail"):
            with pytest.raises(Exception, match="append-only"):
                connection.execute(text(statement))
            connection.rollback()


def test_aud_1_a_list_price_change_is_recorded(sc: SalesCenter, admin: Desk, csr: Desk, world: World) -> None:
    product = admin.catalog.update_product("WID-1", list_price="21.50", name="Blue Widget Mk II")
    assert product.list_price == Decimal("21.50") and product.name == "Blue Widget Mk II"
    changes = _fields(admin.audit.search(entity="product", entity_id="WID-1", limit=2))
    assert changes == {"list_price": ("19.99", "21.50"), "name": ("Blue Widget", "Blue Widget Mk II")}
    before = fingerprint(sc.engine)
    with pytest.raises(errors.AuthorizationError):
        csr.catalog.update_product("WID-1", list_price="1.00")
    with pytest.raises(errors.ValidationError) as caught:
        admin.catalog.update_product("WID-1", list_price="-3")
    assert caught.value.field == "List price"
    assert fingerprint(sc.engine) == before
