"""Order Summary (SUM-1): one page with sold-to, ship-to(s), bill-to, the items of each ship-to
and their statuses, payments, totals, blocks and holds with reasons (BLK-7) and the latest
activity; printed or saved as PDF through Qt's print support."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QTextDocument, QTextOption
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...labels import shipping_label
from ..dialogs.address_form import one_line
from ..returns_list import goods
from ..table_model import show, words
from .models import item_exception, item_status
from .page import OrderPage
from .session import OrderSession

if TYPE_CHECKING:
    from ...services.views import ItemView, OrderView

LATEST_ACTIVITY = 5


def _table(headers: list[str], rows: list[list[str]], money_from: int = 99) -> str:
    # A heading never wraps: its column is at least as wide as its word ("Expected", "Qty").
    head = "".join(f"<th nowrap align='{'right' if i >= money_from else 'left'}'>{escape(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td align='{'right' if i >= money_from else 'left'}'>{escape(c)}</td>"
                         for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return (f"<table width='100%' cellspacing='0' cellpadding='3' border='1' "
            f"style='border-collapse:collapse'><tr>{head}</tr>{body}</table>")


def _items_table(items: list[ItemView]) -> str:
    return _table(
        ["SKU", "Item", "Status", "Expected", "Exception", "Qty", "Price", "Discount", "Total"],
        [[i.sku, i.name + (" (expedite)" if i.expedite else ""), item_status(i), show(i.expected_date),
          item_exception(i), str(i.quantity), show(i.placed_price), show(i.discount), show(i.line_total)]
         for i in items] or [["", "No items yet", "", "", "", "", "", "", ""]],
        money_from=5,
    )


def summary_html(view: OrderView) -> str:
    money = view.currency
    sold_to = escape(view.customer_name or "(no customer)")
    if view.is_guest:
        sold_to += " (guest)"
    if view.customer_email:
        sold_to += f"<br>{escape(view.customer_email)}"
    parts = [
        f"<h2>Order {escape(view.number)}" + (f" &mdash; {escape(view.name)}" if view.name else "") + "</h2>",
        f"<p><b>Status:</b> {escape(view.status_label)}"
        + (f" &nbsp; <b>Locked for editing by</b> {escape(view.locked_by)}" if view.locked_by else "")
        + f"<br><b>Store:</b> {escape(view.store)} &nbsp; <b>Created:</b> {show(view.created_at)}"
        + f" by {escape(view.created_by)}"
        + (f" &nbsp; <b>Submitted:</b> {show(view.submitted_at)}" if view.submitted_at else "") + "</p>",
    ]
    if view.status_explanation:
        parts.append(f"<p><b>Why:</b> {escape(view.status_explanation)}</p>")
    first_of = f" (1 of {len(view.ship_tos)})" if len(view.ship_tos) > 1 else ""
    parts.append(
        "<table width='100%' cellpadding='4'><tr>"
        f"<td valign='top'><b>Sold to</b><br>{sold_to}</td>"
        f"<td valign='top'><b>Ship to</b>{first_of}"
        f"<br>{escape(one_line(view.shipping_address)) or '(none yet)'}"
        f"<br>Method: {escape(words(view.shipping_method))}</td>"
        f"<td valign='top'><b>Bill to</b><br>{escape(one_line(view.bill_to)) or 'Same as ship to'}</td>"
        "</tr></table>"
    )
    parts.append("<h3>Items</h3>")
    if len(view.ship_tos) < 2:
        parts.append(_items_table(view.items))
    else:  # SUM-1, SHP-1: the items of each ship-to, with its own shipping and tax
        for ship_to in view.ship_tos:
            overridden = (f" (overridden from {show(ship_to.rated_shipping)}: {ship_to.override_reason})"
                          if ship_to.shipping_overridden else "")
            parts.append(
                f"<h4>{escape(ship_to.label)}</h4><p>{escape(one_line(ship_to.address)) or '(no address)'}"
                f"<br>Method: {escape(shipping_label(ship_to.method))} &nbsp; Shipping: "
                f"{show(ship_to.shipping_total)}{escape(overridden)} &nbsp; "
                f"Tax: {show(ship_to.tax_total)}</p>")
            parts.append(_items_table([i for i in view.items if i.id in ship_to.item_ids]))
    parts.append("<h3>Totals</h3>")
    parts.append(_table(
        ["Subtotal", "Discounts", "Shipping", "Tax", "Total", "Authorized", "Payment due", "Refund due"],
        [[show(view.subtotal), show(view.discount_total), show(view.shipping_total), show(view.tax_total),
          f"{show(view.total)} {money}", show(view.paid_total), show(view.payment_due),
          show(view.refund_due)]],
        money_from=0,
    ))
    parts.append("<h3>Payments</h3>")
    parts.append(_table(
        ["Method", "Reference", "Status", "Amount", "Authorized", "Captured", "Refunded"],
        [[words(p.method), p.reference, p.status_label, show(p.amount), show(p.authorized_amount),
          show(p.captured_amount), show(p.refunded_amount)]
         for p in view.payments] or [["No payments yet", "", "", "", "", "", ""]],
        money_from=3,
    ))
    parts.append("<h3>Blocks and holds</h3>")
    rows = [[f"{words(b.kind)} block", b.reason, b.comment, f"{b.placed_by}, {show(b.placed_at)}",
             f"Resolved by {b.resolved_by}" if b.resolved else "Open"] for b in view.blocks]
    rows += [["Hold" + ("" if h.item_id is None else f" on item {h.item_id}"), h.reason, "",
              f"{h.placed_by}, {show(h.placed_at)}",
              f"Released by {h.released_by}" if h.released else "Active"]
             for h in view.holds]
    parts.append(_table(["What", "Reason", "Comment", "Placed", "State"],
                        rows or [["None", "", "", "", ""]]))
    if view.returns:  # RET-6: and the reason of each, as the summary answers it (003)
        parts.append("<h3>Returns, exchanges and misships</h3>")
        parts.append(_table(
            ["Return", "Kind", "Status", "Goods", "Reason", "Replacement order", "Credit", "Refunded"],
            [[r.number, r.kind_label, r.status_label, goods(r), r.reason, r.replacement_order_number or "",
              show(r.credit_total), show(r.refunded_total)] for r in view.returns],
            money_from=6,
        ))
    parts.append("<h3>Latest activity</h3>")
    parts.append(_table(
        ["When", "User", "Activity", "Detail"],
        [[show(h.at), h.user, h.activity, h.detail] for h in view.recent_history[:LATEST_ACTIVITY]]
        or [["", "", "None yet", ""]],
    ))
    return "".join(parts)


class SummaryPage(OrderPage):
    title = "Summary"

    def __init__(self, session: OrderSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.browser = QTextBrowser()
        self.browser.setObjectName("summary")
        self.print_button = QPushButton("&Print...")
        self.print_button.setObjectName("print_summary")
        self.pdf_button = QPushButton("Save as P&DF...")
        self.pdf_button.setObjectName("save_pdf")
        self.print_button.clicked.connect(self.print_document)
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)

    def show_order(self, view: OrderView) -> None:
        scroll = self.browser.verticalScrollBar().value()
        self.browser.setHtml(summary_html(view))
        self.browser.verticalScrollBar().setValue(scroll)

    def text(self) -> str:
        return self.browser.toPlainText()

    def document(self) -> QTextDocument:
        document = QTextDocument()
        document.setHtml(summary_html(self.session.view) if self.session.view else "")
        return document

    def print_layout(self, printer: QPrinter) -> QTextDocument:
        """The summary laid out for ``printer``'s page: as wide as the page's printable area
        (the document scales onto it whole, not into two thirds of it), wrapping at word
        boundaries only, so no word breaks in the middle."""
        document = self.document()
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        document.setDefaultTextOption(option)
        page = printer.pageLayout().paintRect(QPageLayout.Unit.Inch)
        screen = QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInchX() if screen is not None else 96.0
        document.setPageSize(QSizeF(page.width() * dpi, page.height() * dpi))
        return document

    def print_to(self, printer: QPrinter) -> None:
        self.print_layout(printer).print_(printer)

    def save_pdf(self, path: str) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.print_to(printer)

    def print_document(self) -> None:
        if self.session.view is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print order {self.session.view.number}")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def ask_pdf_path(self) -> None:
        view = self.session.view
        if view is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save order summary as PDF",
                                              f"order-{view.number}.pdf", "PDF files (*.pdf)")
        if path:
            self.save_pdf(path if path.lower().endswith(".pdf") else path + ".pdf")
            self.session.message.emit(f"Saved the summary of order {view.number} to {path}.", "info")
