"""The quarterly quality analysis report from the GUI (same figures as `qcdesk report quarterly`).

The queries and the PDF take a few seconds on a county's data (minutes at a million visits), so
they run in a worker with its own store; the result opens in the PDF preview. Cancel stops the
queries and leaves no file: the PDF and the spreadsheet are renamed into place together, last.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.export.files import write_atomically
from qcdesk.models import local_day
from qcdesk.models.jurisdictions import CITY_CODE, jurisdiction_by_code
from qcdesk.models.report_queries import REPORT_TITLE, PeriodNotStarted, check_period_started, report_name
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import colours
from qcdesk.ui.field_message import labelled_row, spoken_label
from qcdesk.ui.file_dialogs import remember, save_file, start_folder
from qcdesk.ui.forms import path_row
from qcdesk.ui.pdf_preview import PdfPreviewDialog
from qcdesk.ui.place_names import jurisdictions
from qcdesk.ui.workers import Job, Progress, attach_progress, interruptible, start_job, ui_lang


def last_complete_quarter(today: date | None = None) -> tuple[int, int]:
    """The quarter before the current one: what a report is normally written about."""
    today = today or local_day.today()
    q = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if q == 1 else (today.year, q - 1)


def generate_report(store: Store, year: int, quarter: int, jurisdiction: str | None, pdf: Path,
                    xlsx: Path | None, check: Callable[[], None] = lambda: None) -> Path:
    """Collect the figures and write the PDF (and the spreadsheet); runs in a worker.

    `check` raises to stop (Cancel): between the steps, and last before the files are renamed
    into place, both together (the spreadsheet within the PDF's side-file write), so a stopped
    report leaves neither file nor a half of the pair."""
    from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
    from qcdesk.models.document_data import doc_settings
    from qcdesk.models.report_queries import quarterly_data

    data = quarterly_data(store.db, year, quarter, jurisdiction or None)
    check()
    settings = doc_settings(store.db)

    def write_pdf(side: Path) -> None:
        render_quarterly(data, settings, side)
        check()
        if xlsx is not None:
            write_atomically(xlsx, lambda p: (write_quarterly_xlsx(data, p), check()))

    write_atomically(pdf, write_pdf)
    return pdf


class ReportDialog(QDialog):
    """Period, jurisdiction and files; Generate writes the report and shows it."""

    def __init__(self, store: Store, paths: AppPaths, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.paths = store, paths
        self.job: Job | None = None
        self.preview: PdfPreviewDialog | None = None
        self.setWindowTitle(self.tr("Quarterly quality analysis report"))
        self.setMinimumWidth(760)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        year, quarter = last_complete_quarter()
        self.year_combo = QComboBox()
        for y in range(local_day.today().year, local_day.today().year - 8, -1):
            self.year_combo.addItem(str(y), y)
        self.year_combo.setCurrentIndex(self.year_combo.findData(year))
        self.quarter_combo = QComboBox()
        for q, text in enumerate((self.tr("Q1 (Jan–Mar)"), self.tr("Q2 (Apr–Jun)"),
                                  self.tr("Q3 (Jul–Sep)"), self.tr("Q4 (Oct–Dec)")), start=1):
            self.quarter_combo.addItem(text, q)
        self.quarter_combo.setCurrentIndex(quarter - 1)
        period = QWidget()
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(0, 0, 0, 0)
        period_row.addWidget(self.year_combo)
        period_row.addWidget(self.quarter_combo, 1)
        form.addRow(self.tr("&Period:"), period)
        self.jurisdiction_combo = QComboBox()
        self.jurisdiction_combo.addItem(self.tr("All jurisdictions (whole city)"), None)
        for code, name in jurisdictions(store):
            if code != CITY_CODE:
                self.jurisdiction_combo.addItem(name, code)
        form.addRow(self.tr("&Jurisdiction:"), self.jurisdiction_combo)
        self.pdf_edit = QLineEdit()
        pdf_button = QPushButton(self.tr("Browse…"))
        pdf_button.clicked.connect(self._pick_pdf)
        labelled_row(form, self.tr("PDF &file:"), path_row(self.pdf_edit, pdf_button), self.pdf_edit)
        self.xlsx_check = QCheckBox(self.tr("Also save the tables as a &spreadsheet:"))
        self.xlsx_edit = QLineEdit()
        xlsx_button = QPushButton(self.tr("Browse…"))
        xlsx_button.clicked.connect(self._pick_xlsx)
        self.xlsx_edit.setAccessibleName(spoken_label(self.xlsx_check.text()))  # a screen reader's name
        self.xlsx_row = path_row(self.xlsx_edit, xlsx_button)
        form.addRow(self.xlsx_check)
        form.addRow("", self.xlsx_row)
        self.xlsx_check.toggled.connect(self.xlsx_row.setEnabled)
        self.xlsx_row.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.generate_button = QPushButton(self.tr("&Generate"))
        self.buttons.addButton(self.generate_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.generate_button.clicked.connect(lambda: self.generate())
        # a county's report signed by the default (city) bureau: said before Generate, not refused
        self.signer_note = QLabel()
        self.signer_note.setWordWrap(True)
        self.signer_note.setStyleSheet(colours.text_css("#a15c00"))  # amber, lighter on a dark window
        layout.addWidget(self.signer_note)
        layout.addWidget(self.buttons)
        self.generate_button.setDefault(True)  # in the dialog now: Enter generates (it closed, or browsed)
        for w in (self.year_combo, self.quarter_combo, self.jurisdiction_combo):
            w.currentIndexChanged.connect(self._suggest_names)
        self.jurisdiction_combo.currentIndexChanged.connect(self._note_signer)
        self._suggest_names()
        self._note_signer()

    def _note_signer(self) -> None:
        from qcdesk.models.document_data import default_signer_note

        note = default_signer_note(self.store.db, self.jurisdiction_combo.currentData(), ui_lang())
        self.signer_note.setText(note)
        self.signer_note.setVisible(bool(note))

    def _base_name(self) -> str:
        place = jurisdiction_by_code(self.jurisdiction_combo.currentData() or CITY_CODE)
        where = place.name if place else ""  # Chinese in any UI language: the report is official
        year, quarter = self.year_combo.currentData(), self.quarter_combo.currentData()
        return report_name(where, year, quarter)  # the title printed on the report

    def _suggest_names(self) -> None:
        """Default file names follow the chosen period and jurisdiction, in the folder reports
        were last saved to, else Documents (not the app's hidden data folder: never found again)."""
        folder = start_folder("reports", self)
        self.pdf_edit.setText(str(folder / f"{self._base_name()}.pdf"))
        self.xlsx_edit.setText(str(folder / f"{self._base_name()}.xlsx"))

    def _pick_pdf(self) -> None:
        path = save_file(self, "reports", self.tr("Save report"), self.pdf_edit.text(),
                         self.tr("PDF files (*.pdf)"))
        if path:
            self.pdf_edit.setText(str(path))

    def _pick_xlsx(self) -> None:
        path = save_file(self, "reports", self.tr("Save spreadsheet"), self.xlsx_edit.text(),
                         self.tr("Spreadsheets (*.xlsx)"))
        if path:
            self.xlsx_edit.setText(str(path))

    def generate(self) -> Job | None:
        pdf_text = self.pdf_edit.text().strip()
        if not pdf_text:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose where to save the PDF."))
            return None
        pdf = Path(pdf_text)
        if pdf.suffix.lower() != ".pdf":
            pdf = pdf.with_name(pdf.name + ".pdf")
        xlsx = None
        if self.xlsx_check.isChecked() and self.xlsx_edit.text().strip():
            xlsx = Path(self.xlsx_edit.text().strip())
            if xlsx.suffix.lower() != ".xlsx":
                xlsx = xlsx.with_name(xlsx.name + ".xlsx")
        year, quarter = self.year_combo.currentData(), self.quarter_combo.currentData()
        code = self.jurisdiction_combo.currentData()
        try:  # a quarter that has not begun would be an empty report signed today
            check_period_started(year, quarter)
        except PeriodNotStarted as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.text(ui_lang()))
            return None

        def work(store: Store | None, progress: Progress) -> Path:
            assert store is not None
            progress.check()
            with interruptible(store, progress):  # Cancel stops a long query too
                return generate_report(store, year, quarter, code, pdf, xlsx, progress.check)

        self.generate_button.setEnabled(False)
        self.job = start_job(work, db_path=self.store.path, parent=self)
        attach_progress(self.job, self, self.windowTitle(), self.tr("Writing the report…"))
        self.job.succeeded.connect(self._show)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(self._cancelled)
        return self.job

    def done(self, result: int) -> None:  # noqa: D401 — Qt override
        """Stay open while the worker runs: its signals are owned by this dialog."""
        if self.job is not None and not self.job.done:
            return
        super().done(result)

    def _show(self, pdf: Path) -> None:
        self.job = None
        self.generate_button.setEnabled(True)
        remember("reports", pdf, self)  # the next report goes beside this one
        self.preview = PdfPreviewDialog(pdf, REPORT_TITLE, self, suggested_name=pdf.name)
        self.preview.setObjectName("pdfPreviewDialog")
        self.preview.show()

    def _cancelled(self) -> None:
        self.job = None
        self.generate_button.setEnabled(True)

    def _failed(self, text: str) -> None:
        self.job = None
        self.generate_button.setEnabled(True)
        QMessageBox.warning(self, self.windowTitle(), text)
