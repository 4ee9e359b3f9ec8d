"""The administrator's screens (ADM-1), driven from the keyboard as an administrator would;
and nobody else is offered them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from salescenter.api import Desk
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.conftest import World
from tests.reliability.support import cart, submitted
from tests.ui.order_support import TIMEOUT_MS, column_values

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the rules behind the
# screens run on both databases and through a server in tests/integration/test_admin_work.py.


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _window(qtbot, desk: Desk) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(desk, "test database", Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.navigator.loaded, timeout=TIMEOUT_MS)
    return window


def _top(qtbot, name: str, kind: type = QDialog) -> QWidget:  # type: ignore[no-untyped-def]
    found: list[QWidget] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, kind) and w.objectName() == name and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=TIMEOUT_MS)
    found[0].activateWindow()  # keys reach a dialog's mnemonics once it is the active window
    qtbot.waitUntil(found[0].isActiveWindow, timeout=TIMEOUT_MS)
    return found[0]


def _screen(qtbot, window: MainWindow, key: str):  # type: ignore[no-untyped-def]
    """Alt+M opens Administration; the screen's entry opens it, loaded, with the focus in it."""
    window.admin_actions[key].trigger()
    admin = _top(qtbot, "adminWindow")
    page = admin.tabs.currentWidget()  # type: ignore[attr-defined]
    qtbot.waitUntil(page.calls.is_idle, timeout=TIMEOUT_MS)
    return admin, page


def _type_into(qtbot, dialog: QWidget, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    for name, text in values.items():
        edit = dialog.findChild(QLineEdit, name)
        assert edit is not None, name
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, text)


def _save(qtbot, dialog: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def _alt(qtbot, widget: QWidget, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A mnemonic of the widget's window, once it is active again (as when a form closes)."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT_MS)
    qtbot.keyClick(window.focusWidget() or widget, key, Qt.KeyboardModifier.AltModifier)


def test_adm_1_only_the_administrator_is_offered_the_screens(qtbot, admin: Desk, csr: Desk,
                                                              supervisor: Desk) -> None:
    for desk in (csr, supervisor):
        window = _window(qtbot, desk)
        assert window.admin_actions == {}
        assert "Ad&ministration" not in [a.text() for a in window.menuBar().actions()]
    window = _window(qtbot, admin)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("Ad&ministration") == menus.index("&Help") - 1
    assert set(window.admin_actions) == {"users", "stores", "catalog", "promotions", "orders"}


def test_adm_1_add_a_user_disable_them_and_change_their_role_by_keyboard(qtbot, admin: Desk) -> None:
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "users")
    assert page.view.hasFocus()
    assert "csr" in column_values(page.model, 0)
    _alt(qtbot, page, Qt.Key.Key_A)
    dialog = _top(qtbot, "addUserDialog")
    _type_into(qtbot, dialog, {"newUserName": "dana", "newUserPassword": "s3cret-pass"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "dana" in column_values(page.model, 0), timeout=TIMEOUT_MS)
    assert "dana added as CSR" in page.message.text()
    page.view.selectRow(column_values(page.model, 0).index("dana"))
    page.view.setFocus()
    _alt(qtbot, page, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: "dana is disabled" in page.message.text(), timeout=TIMEOUT_MS)
    assert not next(u for u in admin.users.list() if u.username == "dana").active
    _alt(qtbot, page, Qt.Key.Key_R)
    dialog = _top(qtbot, "changeRoleDialog")
    role = dialog.findChild(QWidget, "changeRoleValue")
    qtbot.keyClick(role, Qt.Key.Key_Down)  # CSR -> Supervisor
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "dana is now Supervisor" in page.message.text(), timeout=TIMEOUT_MS)
    assert next(u for u in admin.users.list() if u.username == "dana").role == "supervisor"


def test_adm_1_a_refused_form_stays_open_and_names_the_field(qtbot, admin: Desk) -> None:
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "users")
    _alt(qtbot, page, Qt.Key.Key_A)
    dialog = _top(qtbot, "addUserDialog")
    _type_into(qtbot, dialog, {"newUserName": "x y", "newUserPassword": "s3cret-pass"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "User name" in dialog.message.text(), timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert dialog.isVisible() and "x y" not in [u.username for u in admin.users.list()]


def test_adm_1_reset_a_password_and_clear_a_sign_in_pause(qtbot, sc, admin: Desk) -> None:  # type: ignore[no-untyped-def]
    from salescenter.errors import AuthenticationError

    for _ in range(5):
        with pytest.raises(AuthenticationError):
            sc.login("csr2", "not-the-password")
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "users")
    assert column_values(page.locked_model, 0) == ["csr2"]
    page.view.selectRow(column_values(page.model, 0).index("csr2"))
    _alt(qtbot, page, Qt.Key.Key_W)
    dialog = _top(qtbot, "resetPasswordDialog")
    _type_into(qtbot, dialog, {"resetPasswordValue": "brand-new-1"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "password of csr2 was reset" in page.message.text(), timeout=TIMEOUT_MS)
    page.locked_view.selectRow(0)
    page.locked_view.setFocus()
    _alt(qtbot, page, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: page.locked_model.rowCount() == 0, timeout=TIMEOUT_MS)
    assert sc.login("csr2", "brand-new-1").user.username == "csr2"


def test_adm_1_store_return_window_tax_and_shipping_rates(qtbot, admin: Desk, world: World) -> None:
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "stores")
    assert column_values(page.model, 0) == ["B2B", "US"]
    page.view.selectRow(1)
    qtbot.waitUntil(page.calls.is_idle, timeout=TIMEOUT_MS)
    _alt(qtbot, page, Qt.Key.Key_E)
    dialog = _top(qtbot, "editStoreDialog")
    _type_into(qtbot, dialog, {"storeReturnDays": "45"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Store US saved" in page.message.text(), timeout=TIMEOUT_MS)
    assert admin.stores.get("US").return_days == 45
    _alt(qtbot, page, Qt.Key.Key_X)
    dialog = _top(qtbot, "taxRateDialog")
    _type_into(qtbot, dialog, {"taxCountry": "CA", "taxRegion": "QC", "taxRate": "0.14975"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "at most 4 decimals" in dialog.message.text(), timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    _type_into(qtbot, dialog, {"taxRate": "0.1498"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "CA QC saved" in page.message.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: "CA" in column_values(page.tax_model, 0), timeout=TIMEOUT_MS)
    assert [(r.country, r.region, r.rate) for r in admin.stores.tax_rates("US")] == [
        ("CA", "QC", Decimal("0.1498"))]
    _alt(qtbot, page, Qt.Key.Key_H)
    dialog = _top(qtbot, "shippingRateDialog")
    _type_into(qtbot, dialog, {"shippingAmount": "6.50", "shippingFreeOver": "100"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.shipping_model.rowCount() >= 1, timeout=TIMEOUT_MS)
    rates = {r.method: (r.amount, r.free_over) for r in admin.stores.shipping_rates("US")}
    assert next(iter(rates.values())) == (Decimal("6.50"), Decimal("100.00"))


def test_adm_1_catalog_new_product_store_price_and_availability(qtbot, admin: Desk, world: World) -> None:
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "catalog")
    assert page.phrase.hasFocus()
    qtbot.keyClicks(page.phrase, "widget")
    qtbot.keyClick(page.phrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column_values(page.model, 0) == ["WID-1"], timeout=TIMEOUT_MS)
    _alt(qtbot, page, Qt.Key.Key_N)
    dialog = _top(qtbot, "newProductDialog")
    _type_into(qtbot, dialog, {"productSku": "LAMP-9", "productName": "Desk Lamp",
                               "productPrice": "24.50", "productStock": "7"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "LAMP-9 added at 24.50" in page.message.text(), timeout=TIMEOUT_MS)
    page.phrase.setFocus()
    page.phrase.selectAll()
    qtbot.keyClicks(page.phrase, "LAMP-9")
    qtbot.keyClick(page.phrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column_values(page.model, 0) == ["LAMP-9"], timeout=TIMEOUT_MS)
    qtbot.waitUntil(page.calls.is_idle, timeout=TIMEOUT_MS)
    _alt(qtbot, page, Qt.Key.Key_P)
    dialog = _top(qtbot, "storePriceDialog")
    _type_into(qtbot, dialog, {"priceStore": "B2B", "priceValue": "22.00"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: "22.00 USD in B2B" in page.message.text(), timeout=TIMEOUT_MS)
    assert [(p.store, p.price) for p in admin.catalog.prices("LAMP-9")] == [("B2B", Decimal("22.00"))]
    qtbot.waitUntil(page.calls.is_idle, timeout=TIMEOUT_MS)
    _alt(qtbot, page, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: "no longer sold" in page.message.text(), timeout=TIMEOUT_MS)
    assert not admin.catalog.get("LAMP-9").available


def test_adm_1_a_new_promotion_from_the_promotions_screen(qtbot, admin: Desk) -> None:
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "promotions")
    _alt(qtbot, page, Qt.Key.Key_N)
    dialog = _top(qtbot, "newPromotionDialog")
    _type_into(qtbot, dialog, {"promotionName": "Spring", "promotionPercent": "10",
                               "promotionCode": "SPRING10", "promotionMaxUses": "100"})
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: column_values(page.model, 0) == ["Spring"], timeout=TIMEOUT_MS)
    assert column_values(page.model, 1) == ["10% off"]
    promotion = admin.catalog.promotions()[0]
    assert (promotion.coupon_code, promotion.max_uses) == ("SPRING10", 100)


def test_adm_1_unlock_a_stranded_order_and_delete_carts_after_confirmation(
        qtbot, admin: Desk, csr: Desk, world: World) -> None:  # type: ignore[no-untyped-def]
    stranded = submitted(csr, world.store, world.customer_id)
    csr.orders.begin_edit(stranded.id)
    carts = [cart(csr, world.store, world.customer_id) for _ in range(2)]
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "orders")
    assert column_values(page.locks_model, 0) == [stranded.number]
    assert column_values(page.locks_model, 3) == ["csr"]
    _alt(qtbot, page, Qt.Key.Key_U)
    box = _top(qtbot, "confirmUnlock", QMessageBox)
    qtbot.keyClick(box, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.locks_model.rowCount() == 0, timeout=TIMEOUT_MS)
    assert admin.orders.get(stranded.id).locked_by is None
    assert sorted(column_values(page.carts_model, 0)) == sorted(c.number for c in carts)
    page.carts_view.setFocus()
    page.carts_view.selectAll()
    _alt(qtbot, page, Qt.Key.Key_D)
    box = _top(qtbot, "confirmDeleteCarts", QMessageBox)
    assert "2 carts and quotes" in box.text()  # type: ignore[attr-defined]
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # the default answer keeps them
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=TIMEOUT_MS)
    assert {o.id for o in admin.admin.carts()} == {c.id for c in carts}
    _alt(qtbot, page, Qt.Key.Key_D)
    box = _top(qtbot, "confirmDeleteCarts", QMessageBox)
    qtbot.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "2 deleted" in page.message.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: page.carts_model.rowCount() == 0, timeout=TIMEOUT_MS)  # reloaded
    assert admin.admin.carts() == []


def test_adm_1_the_audit_trail_opens_from_the_administration_window(qtbot, admin: Desk) -> None:
    admin.users.set_role("csr2", "supervisor")
    window = _window(qtbot, admin)
    admin_window, _page = _screen(qtbot, window, "users")
    _alt(qtbot, admin_window, Qt.Key.Key_T)
    audit = _top(qtbot, "auditDialog")
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert "csr2" in " ".join(column_values(audit.model, 3))  # type: ignore[attr-defined]


def test_adm_1_no_alt_letter_reaches_two_things_on_any_screen_or_form(qtbot, admin: Desk,
                                                                      world: World) -> None:
    from tests.ui.keyboard_support import clashes

    window = _window(qtbot, admin)
    found = {"main window": clashes(window)}
    for key in window.admin_actions:
        admin_window, page = _screen(qtbot, window, key)
        found[f"screen {key}"] = clashes(admin_window)
        forms = [button for button in page.commands if button.isEnabled() and button.text().endswith("…")]
        for button in forms:
            button.click()
            QApplication.processEvents()
            dialog = next(w for w in QApplication.topLevelWidgets()
                          if isinstance(w, QDialog) and w.isVisible() and w is not admin_window
                          and w.objectName() != "auditDialog")
            found[f"{key}: {button.text()}"] = clashes(dialog)
            dialog.close()
            QApplication.processEvents()
    assert {where: letters for where, letters in found.items() if letters} == {}


def test_adm_1_end_a_promotion_after_confirming(qtbot, admin: Desk) -> None:
    promotion = admin.catalog.create_promotion("Weekend", percent_off="5")
    window = _window(qtbot, admin)
    _admin, page = _screen(qtbot, window, "promotions")
    assert column_values(page.model, 0) == ["Weekend"] and page.end_button.isEnabled()
    _alt(qtbot, page, Qt.Key.Key_E)
    box = _top(qtbot, "confirmEndPromotion", QMessageBox)
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "'Weekend' ended" in page.message.text(), timeout=TIMEOUT_MS)
    assert next(p for p in admin.catalog.promotions() if p.id == promotion.id).ends is not None
