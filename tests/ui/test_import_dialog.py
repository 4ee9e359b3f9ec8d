"""File > Import: progress on the GUI thread, Cancel, the summary per file and every rejected row."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QPushButton

from salescenter.errors import ValidationError
from salescenter.ui.import_dialog import FileCountsModel, ImportDialog, RejectionsModel
from salescenter.ui.main_window import MainWindow
from salescenter.ui.preferences import Settings
from salescenter.ui.worker import wait_for_idle
from tests.ui.order_support import TIMEOUT_MS, cell, column_values

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@pytest.fixture(autouse=True)
def _idle() -> Iterator[None]:
    yield
    wait_for_idle()


def _dialog(qtbot, desk) -> ImportDialog:
    dialog = ImportDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _run(qtbot, dialog: ImportDialog, folder: Path) -> None:
    dialog.folder_edit.setText(str(folder))
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.summary is not None or dialog.message.isVisible(), timeout=TIMEOUT_MS)


def test_import_shows_progress_on_the_gui_thread_and_the_counts_per_file(qtbot, admin, world):
    dialog = _dialog(qtbot, admin)
    threads: list[bool] = []
    values: list[int] = []

    def seen(_report) -> None:
        threads.append(QThread.currentThread() is QCoreApplication.instance().thread())
        if dialog.progress is not None:
            values.append(dialog.progress.value())

    dialog.relay.reported.connect(seen)
    _run(qtbot, dialog, DATA / "basic")
    summary = dialog.summary
    assert summary is not None and not summary.canceled
    assert dialog.reports > 0 and threads and all(threads)
    assert values[-1] == 1000  # every byte read
    assert dialog.progress is None  # the progress dialog went away with the summary
    assert column_values(dialog.counts, 0) == ["customers.csv", "products.csv", "orders.csv",
                                               "order_lines.csv"]
    assert column_values(dialog.counts, 2) == ["3", "2", "3", "4"]
    assert dialog.rejections.rowCount() == 0
    text = dialog.message.text()
    assert text.startswith("Import finished: 12 rows read, 12 imported, 0 updated")
    assert admin.orders.search(number="A-1001")

    _run(qtbot, dialog, DATA / "basic")  # again: upsert by ref changes nothing
    qtbot.waitUntil(lambda: not dialog.running(), timeout=TIMEOUT_MS)
    assert column_values(dialog.counts, 4) == ["3", "2", "3", "4"]
    assert "0 imported, 0 updated, 12 unchanged" in dialog.message.text()


def test_import_lists_every_rejected_row_with_file_line_field_and_reason(qtbot, admin, world):
    dialog = _dialog(qtbot, admin)
    _run(qtbot, dialog, DATA / "hostile")
    summary = dialog.summary
    assert summary is not None and summary.rejected == dialog.rejections.rowCount() > 0
    model = dialog.rejections
    rows = [tuple(cell(model, r, c) for c in range(4)) for r in range(model.rowCount())]
    assert ("customers.csv", "4", "customer_ref", "'H-1' appears again; first on line 2.") in rows
    assert ("order_lines.csv", "4", "sku",
            "There is no product with SKU 'NO-SUCH-SKU'; add it to products.csv.") in rows
    assert f"Rejected rows ({summary.rejected})" == dialog.rejections_box.title()
    assert f"{summary.rejected} rejected" in dialog.message.text()


def test_import_refused_before_writing_says_nothing_was_imported(qtbot, admin, world):
    dialog = _dialog(qtbot, admin)
    _run(qtbot, dialog, DATA / "missing_columns")
    qtbot.waitUntil(lambda: not dialog.running(), timeout=TIMEOUT_MS)
    assert dialog.summary is None
    assert dialog.message.text().startswith("Nothing was imported.")
    assert "customers.csv" in dialog.message.text()
    assert dialog.import_button.isEnabled()


def test_import_cancel_button_stops_the_import(qtbot, admin, world, monkeypatch):
    real = admin.transfer.import_dir
    started = threading.Event()

    def after_cancel(path, *, progress=None, cancel=None):
        started.set()
        if cancel is None or not cancel.wait(TIMEOUT_MS / 1000):  # the rep pressed Cancel first
            raise ValidationError("Cancel was never pressed.", "Cancel")
        return real(path, progress=progress, cancel=cancel)

    monkeypatch.setattr(admin.transfer, "import_dir", after_cancel)
    dialog = _dialog(qtbot, admin)
    dialog.folder_edit.setText(str(DATA / "basic"))
    dialog.import_button.click()
    progress = dialog.progress
    assert isinstance(progress, QProgressDialog) and progress.isVisible()
    assert not dialog.import_button.isEnabled()
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT_MS)
    qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)  # its Cancel button
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=TIMEOUT_MS)
    assert dialog.summary.canceled
    assert dialog.message.text().startswith("Import canceled:")
    assert "importing the same folder again continues" in dialog.message.text()
    assert dialog.summary.counts("orders.csv").imported == 0


def test_import_models_pass_the_model_tester(qtmodeltester, admin, world):
    summary = admin.transfer.import_dir(DATA / "hostile")
    for model, rows in ((FileCountsModel(), summary.files), (RejectionsModel(), summary.rejections)):
        model.set_rows(rows)
        qtmodeltester.check(model, force_py=True)


def test_file_menu_import_is_for_administrators_only(qtbot, admin, csr, world):
    window = MainWindow(admin, "sqlite:///test.db", Settings())
    qtbot.addWidget(window)
    window.show()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert window.import_action.isEnabled()
    window.import_action.trigger()
    dialog = window.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    _run(qtbot, dialog, DATA / "basic")
    assert dialog.summary is not None and dialog.summary.imported == 12
    dialog.close()

    theirs = MainWindow(csr, "sqlite:///test.db", Settings())
    qtbot.addWidget(theirs)
    assert not theirs.import_action.isEnabled()
    assert "Import and export data" in theirs.import_action.statusTip()
    assert "csr is not an administrator" in theirs.import_action.statusTip()
    refused = _dialog(qtbot, csr)  # even opened directly, it refuses and says why
    assert not refused.import_button.isEnabled()
    assert "Import and export data" in refused.message.text()
