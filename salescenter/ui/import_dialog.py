"""File > Import: bring a folder of CSV files in, with a progress bar that can be canceled,
then the counts per file and every rejected row (file, line, field, reason).

The import runs on a worker; its progress callback is called from the import's own
threads, so it only emits a queued signal and the GUI thread draws the progress.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .calls import Calls
from .order_editor.page import table
from .table_model import Column, RowsModel

if TYPE_CHECKING:
    from ..api import Desk
    from ..services.transfer import ImportSummary, TransferProgress

TRANSFER_DATA = "Import and export data"
FILES = "customers.csv, products.csv, orders.csv and order_lines.csv"
ERROR_STYLE = "background:#fde2e1; color:#7a1c16; padding:4px;"
INFO_STYLE = "background:#e6eef9; color:#19365e; padding:4px;"


class FileCountsModel(RowsModel):
    columns = (
        Column("File", lambda c: c.file),
        Column("Read", lambda c: c.read),
        Column("Imported", lambda c: c.imported),
        Column("Updated", lambda c: c.updated),
        Column("Unchanged", lambda c: c.unchanged),
        Column("Rejected", lambda c: c.rejected),
    )


class RejectionsModel(RowsModel):
    columns = (
        Column("File", lambda r: r.file),
        Column("Line", lambda r: r.line),
        Column("Field", lambda r: r.field),
        Column("Reason", lambda r: r.reason),
    )


class ProgressRelay(QObject):
    """Carries the import's progress reports to the GUI thread."""

    reported = Signal(object)  # TransferProgress

    def report(self, progress: TransferProgress) -> None:
        # RuntimeError: the dialog was closed meanwhile and nobody is watching
        with contextlib.suppress(RuntimeError):
            self.reported.emit(progress)


def refusal(desk: Desk) -> str:
    """Why this user may not import, in words; empty when allowed."""
    if desk.can(TRANSFER_DATA):
        return ""
    return (f"Importing data needs the authority '{TRANSFER_DATA}' (Administrator); "
            f"{desk.user.username} is not an administrator.")


class ImportDialog(QDialog):
    finished_import = Signal(object)  # ImportSummary

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Import data")
        self.resize(820, 560)
        self.summary: ImportSummary | None = None
        self.cancel_event: threading.Event | None = None
        self.progress: QProgressDialog | None = None
        self.reports = 0
        self.calls = Calls(self, say=lambda text: self._say(f"Nothing was imported. {text}", ERROR_STYLE))

        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("import_folder")
        self.folder_edit.setPlaceholderText("A folder holding the CSV files")
        self.folder_edit.textChanged.connect(lambda *_: self._update())
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder_edit)
        self.browse_button = QPushButton("&Choose folder…")
        self.browse_button.clicked.connect(self.choose_folder)
        self.import_button = QPushButton("&Import")
        self.import_button.setObjectName("start_import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        folder_row = QHBoxLayout()
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        folder_row.addWidget(self.import_button)
        hint = QLabel(f"The folder may hold {FILES}. Stores must exist before orders are imported; "
                      "importing the same files again changes nothing.")
        hint.setWordWrap(True)

        self.message = QLabel()
        self.message.setObjectName("import_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.counts = FileCountsModel(self)
        self.counts_view = table(self.counts, stretch=0, name="import_counts")
        self.rejections = RejectionsModel(self)
        self.rejections_view = table(self.rejections, stretch=3, name="import_rejections")
        counts_box = QGroupBox("Rows per file")
        QVBoxLayout(counts_box).addWidget(self.counts_view)
        self.rejections_box = QGroupBox("Rejected rows")
        QVBoxLayout(self.rejections_box).addWidget(self.rejections_view)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(counts_box, 1)
        layout.addWidget(self.rejections_box, 2)
        layout.addWidget(buttons)

        self.relay = ProgressRelay(self)
        self.relay.reported.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._update()
        denied = refusal(desk)
        if denied:
            self._say(denied, ERROR_STYLE)

    # the rep's steps --------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder to import", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def running(self) -> bool:
        return self.cancel_event is not None

    def start(self) -> None:
        folder = self.folder_edit.text().strip()
        if self.running() or not folder or refusal(self.desk):
            return
        self.summary = None
        self.reports = 0
        self.counts.set_rows([])
        self.rejections.set_rows([])
        self.message.hide()
        cancel = self.cancel_event = threading.Event()
        progress = self.progress = QProgressDialog(f"Importing {Path(folder).name or folder}…",
                                                   "&Cancel", 0, 1000, self)
        progress.setWindowTitle("Importing")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel)
        progress.setValue(0)
        progress.show()
        self._update()
        transfer, report = self.desk.transfer, self.relay.report
        self.calls.run(lambda: transfer.import_dir(folder, progress=report, cancel=cancel),
                       self._finished, on_failed=self._stop_progress)

    def cancel(self) -> None:
        """Stop after the batch being written; what was written stays (never part of an order)."""
        if self.cancel_event is not None:
            self.cancel_event.set()
            if self.progress is not None:
                self.progress.setLabelText("Stopping after the current batch…")

    def reject(self) -> None:
        if self.running():
            self.cancel()
            return  # the summary arrives and says canceled; then the dialog can close
        super().reject()

    # answers from the worker ------------------------------------------------------------

    def _progressed(self, report: TransferProgress) -> None:
        self.reports += 1
        progress = self.progress
        if progress is None:
            return
        if report.total > 0:
            progress.setValue(min(1000, report.done * 1000 // report.total))
        if not (self.cancel_event and self.cancel_event.is_set()):
            progress.setLabelText(f"Reading {report.file}: {report.rows:,} rows read, "
                                  f"{report.rejected:,} rejected")

    def _finished(self, summary: ImportSummary) -> None:
        self._stop_progress()
        self.summary = summary
        self.counts.set_rows(summary.files)
        self.rejections.set_rows(summary.rejections)
        self.rejections_box.setTitle(f"Rejected rows ({len(summary.rejections)})")
        counts = (f"{summary.rows_read:,} rows read, {summary.imported:,} imported, "
                  f"{summary.updated:,} updated, {summary.unchanged:,} unchanged, "
                  f"{summary.rejected:,} rejected.")
        if summary.canceled:
            self._say("Import canceled: " + counts + " What was written stays; importing the same "
                      "folder again continues where it stopped.", ERROR_STYLE)
        else:
            self._say("Import finished: " + counts, ERROR_STYLE if summary.rejected else INFO_STYLE)
        self.finished_import.emit(summary)

    def _stop_progress(self) -> None:
        self.cancel_event = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._update()

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.show()

    def _update(self) -> None:
        allowed = not refusal(self.desk)
        idle = not self.running()
        self.import_button.setEnabled(allowed and idle and bool(self.folder_edit.text().strip()))
        self.browse_button.setEnabled(allowed and idle)
        self.folder_edit.setEnabled(allowed and idle)


def import_action(window: QWidget, desk: Desk,
                  on_open: Callable[[ImportDialog], None] | None = None) -> QAction:
    """File > Import…: administrators only; for others it is disabled and says why.
    ``on_open`` receives each dialog opened (the window keeps it for its tests and shutdown)."""
    action = QAction("&Import…", window)
    action.setObjectName("importData")
    action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    denied = refusal(desk)
    tip = denied or f"Import {FILES} from a folder"
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setEnabled(not denied)

    def open_dialog() -> None:
        dialog = ImportDialog(desk, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    action.triggered.connect(lambda _checked=False: open_dialog())
    return action
