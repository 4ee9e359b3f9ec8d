"""SUM-1 printed: the summary is laid out for the page it prints on (as wide as the printable
area) and no word breaks in the middle ("Expecte d", "Qt y")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPageLayout, QPageSize, QTextTable
from PySide6.QtPrintSupport import QPrinter

from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import open_editor


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _tables(document) -> list[QTextTable]:
    return [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]


def _broken_words(table: QTextTable) -> list[str]:
    """Words a line break cuts in two, in any cell of ``table``."""
    broken = []
    for row in range(table.rows()):
        for column in range(table.columns()):
            block = table.cellAt(row, column).firstCursorPosition().block()
            text, layout = block.text(), block.layout()
            for number in range(layout.lineCount() - 1):
                line = layout.lineAt(number)
                end = line.textStart() + line.textLength()
                if 0 < end < len(text) and not text[end - 1].isspace() and not text[end].isspace():
                    broken.append(text)
    return broken


@pytest.mark.parametrize("paper", [QPageSize.PageSizeId.Letter, QPageSize.PageSizeId.A4])
def test_sum_1_the_printed_summary_uses_the_page_and_breaks_no_word(qtbot, csr, world, paper):
    order = csr.orders.create(world.store, world.customer_id)
    csr.orders.add_item(order.id, "WID-1", 2)
    csr.orders.add_bundle(order.id, "KIT-1", 1)
    editor = open_editor(qtbot, csr, order.id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(paper))
    document = editor.summary.print_layout(printer)
    document.size()  # lay it out

    page = printer.pageLayout().paintRect(QPageLayout.Unit.Inch)
    laid_out = document.pageSize()
    assert abs(laid_out.width() / laid_out.height() - page.width() / page.height()) < 0.01  # the page's shape
    assert document.size().width() <= document.pageSize().width() + 1  # nothing runs off the page
    items = _tables(document)[1]
    headings = [items.cellAt(0, c).firstCursorPosition().block().text() for c in range(items.columns())]
    assert "Expected" in headings and "Qty" in headings
    for column in range(items.columns()):
        assert items.cellAt(0, column).firstCursorPosition().block().layout().lineCount() == 1
    assert [words for table in _tables(document) for words in _broken_words(table)] == []
    width = document.documentLayout().frameBoundingRect(items).width()
    assert width >= 0.95 * (document.pageSize().width() - 2 * document.documentMargin())
