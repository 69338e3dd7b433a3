"""Importing the city's enterprise list (企业名录), or with `InspectorImportDialog` the
inspector register (执法人员名录), with a preview before anything is written.

Reading and checking the file (`plan_roster_import`) and writing it (`apply_roster_plan`, one
transaction) both run in a worker with its own store, so a large list never freezes the window.
The preview shows every row's outcome and every problem by row and column, as the CLI does.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import check_ledger, inspector_roster, order_ledger, roster
from qcdesk.models.roster import RosterFileError, RosterPlan, RosterResult
from qcdesk.models.store import Store, StoreError
from qcdesk.ui import colours
from qcdesk.ui.file_dialogs import open_file, save_file
from qcdesk.ui.forms import ERROR_COLOUR, WARNING_BACKGROUND, app_lang
from qcdesk.ui.record_window import fit_to_screen
from qcdesk.ui.roster_import_counts import (
    kind_words,
    partial_note,
    plan_counts,
    result_counts,
    row_details,
)
from qcdesk.ui.roster_preview_cells import OneLineDelegate, WrappingDelegate
from qcdesk.ui.workers import Job, attach_progress, start_job

SPREADSHEETS = "*.xlsx *.xlsm *.xls *.et *.ods *.csv"  # .et: WPS 表格's own format, read as .xls
# Widest a column may grow, as a sample of text it must show whole: a 300-character name must
# not push 列 and 说明 (the reason a row was refused) out of sight. Longer text is elided, whole
# in its tooltip; 说明 takes the rest of the width and wraps.
PREVIEW_ROWS = 300  # rows without problems shown in the preview; the report lists every row
PREVIEW_PROBLEMS = 2000
NOTE_LINES = 4  # tallest the notes on the file grow before they scroll
MAX_TEXT = {0: "000000", 1: "", 2: "91421202MA4AEDKU8TW", 3: "中" * 16, 4: "中" * 8}  # 1: outcomes


def undo_text(backup: Path | None) -> str:
    """Where the copy taken before an import (a list's or a package's) is, and how to go back to
    it: a wrong list (a code typed wrong renames a firm) or package is undone by restoring it."""
    if backup is None:
        return ""
    return "\n" + QCoreApplication.translate("RosterImportDialog",
        "The database as it was before this import was kept as %1. To undo the import, restore "
        "that copy (File ▸ Backup and restore…).").replace("%1", str(backup))


def _as_store_error(exc: RosterFileError) -> StoreError:
    """Workers turn StoreError into the one-line message the user sees, in the chosen language."""
    return StoreError(exc.text("zh"), exc.text("en"))


def _steps(progress, text: str):
    """The core's progress callback: report, and stop at Cancel (Cancelled rolls back)."""
    def step(done: int, total: int) -> None:
        progress(done, total, text)
        progress.check()
    return step


# The core functions of each list kind: plan, apply, report, template.
CORE = {
    "enterprises": (roster.plan_roster_import, roster.apply_roster_plan, roster.write_report,
                    roster.write_template),
    "inspectors": (inspector_roster.plan_inspector_import, inspector_roster.apply_inspector_plan,
                   inspector_roster.write_report, inspector_roster.write_template),
    "checks": (check_ledger.plan_check_import, check_ledger.apply_check_plan, check_ledger.write_report,
               check_ledger.write_template),
    "orders": (order_ledger.plan_order_import, order_ledger.apply_order_plan, order_ledger.write_report,
               order_ledger.write_template),
}


def _plan_job(plan_import, path: Path, text: str):
    def work(store: Store | None, progress) -> RosterPlan:
        try:
            return plan_import(store, path, _steps(progress, text))
        except RosterFileError as exc:
            raise _as_store_error(exc) from exc
    return work


def _apply_job(apply_plan, plan: RosterPlan, text: str):
    def work(store: Store | None, progress) -> RosterResult:
        try:
            return apply_plan(store, plan, _steps(progress, text), committing=progress.no_return)
        except RosterFileError as exc:
            raise _as_store_error(exc) from exc
    return work


class RosterImportDialog(QDialog):
    """Choose a file → preview (new / updated / unchanged / problems) → import in one go."""

    imported = Signal(object)  # RosterResult, after the list was written
    KIND = "enterprises"

    def __init__(self, store: Store, parent: QWidget | None = None, lang: str | None = None):
        super().__init__(parent)
        self.store = store
        self.lang = app_lang(lang)
        self.core = CORE[self.KIND]
        self.words = kind_words(self.KIND)
        self.plan: RosterPlan | None = None
        self.result: RosterResult | None = None
        self.job: Job | None = None
        self.writing: Job | None = None  # the job that writes the list: see done()
        self.setWindowTitle(self.words["title"])
        fit_to_screen(self, QSize(1000, 640))

        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.words["file"])
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(self.tr("Save blank &template…"), self)
        self.template_button.clicked.connect(self.save_template)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("File:"), self))
        top.addWidget(self.file_edit, 1)
        top.addWidget(self.choose_button)
        top.addWidget(self.template_button)
        self.county = None  # the county of rows without one: the enterprise list only
        if self.KIND == "enterprises":
            from qcdesk.ui.roster_import_choices import CountyChoice

            self.county = CountyChoice(store, getattr(parent, "paths", None), self)
            self.county.changed.connect(lambda: self.file_edit.text() and self.load_file(
                Path(self.file_edit.text())))

        self.summary = QLabel(self.words["intro"], self)  # the counts: always in sight
        self.summary.setWordWrap(True)
        self.notes = QPlainTextEdit(self)  # the file's notes, scrolled: the table keeps the room
        self.notes.setObjectName("importNotes")
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName(self.tr("Notes on the file"))
        self.notes.hide()
        self.filter_combo = QComboBox(self)
        for key, text in (("all", self.tr("All rows")), ("problem", self.tr("Problems")),
                          ("add", self.tr("New")), ("update", self.tr("Updated")),
                          ("unchanged", self.tr("Unchanged"))):
            self.filter_combo.addItem(text, key)
        self.filter_combo.currentIndexChanged.connect(self._fill_table)
        middle = QHBoxLayout()
        middle.addWidget(self.summary, 1)
        middle.addWidget(QLabel(self.tr("Show:"), self))
        middle.addWidget(self.filter_combo)

        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Outcome"), self.words["key"],
                                              self.words["who"], self.tr("Column"), self.tr("Details")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setMinimumSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps a name's end (有限公司)
        one_line = OneLineDelegate(self.table)
        for column in MAX_TEXT:
            self.table.setItemDelegateForColumn(column, one_line)
        self.table.setItemDelegateForColumn(5, WrappingDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self._row_heights = QTimer(self, singleShot=True, interval=0)  # once per burst of resizes
        self._row_heights.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(self._row_heights.start)

        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_plan)
        self.report_button = QPushButton(self.tr("Save &report…"), self)
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(self.save_report)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        for button in (self.report_button, self.import_button, self.close_button):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        if self.county is not None:
            layout.addWidget(self.county)
        layout.addLayout(middle)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        self.more_label = QLabel(self)
        self.more_label.setWordWrap(True)
        self.more_label.hide()
        layout.addWidget(self.more_label)
        layout.addLayout(bottom)

    # --- choosing and previewing -----------------------------------------------------------
    def choose_file(self) -> None:
        name = open_file(self, "rosters", self.words["choose"],
                         self.tr("Spreadsheets (%1)").replace("%1", SPREADSHEETS))
        if name:
            self.load_file(name)

    def load_file(self, path: Path) -> None:
        """Read and check `path` in a worker; the preview fills when it is done. The previous
        file's preview goes at once: rows of one file must never be shown under another's name."""
        self.file_edit.setText(str(path))
        self.plan, self.result = None, None
        self.table.setRowCount(0)
        self._set_notes([])
        self.more_label.hide()
        self._busy(True)
        text = self.words["reading"]
        self.summary.setText(text)
        plan_import = self.core[0]
        if self.county is not None and self.county.code():
            code = self.county.code()
            plan_import = lambda store, path, step: self.core[0](store, path, step, jurisdiction=code)  # noqa: E731
        self.job = start_job(_plan_job(plan_import, path, text), db_path=self.store.path, parent=self)
        attach_progress(self.job, self, self.words["list"], text)
        self.job.succeeded.connect(self._show_plan)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(lambda: self.summary.setText(
            self.tr("Checking was cancelled. Choose the file again to check it.")))
        self.job.finished.connect(lambda: self._busy(False))

    def _show_plan(self, plan: RosterPlan) -> None:
        self.plan = plan
        text = plan_counts(self.KIND, plan) or self.tr(
            "%1 rows: %2 new, %3 to update, %4 unchanged, %5 with problems (not imported)."
        ).replace("%1", str(plan.total_rows)).replace("%2", str(plan.count("add"))) \
            .replace("%3", str(plan.count("update"))).replace("%4", str(plan.count("unchanged"))) \
            .replace("%5", str(len(plan.bad_rows)))
        if plan.folded:
            text += " " + self.tr("%1 more rows belong to a firm on an earlier row (see the notes).").replace(
                "%1", str(len(plan.folded)))
        self.summary.setText(text + partial_note(plan))
        # the sheets read, sheets left out and columns not read: what the rows alone do not show
        self._set_notes([note.text(self.lang) for note in plan.notes])
        self._fill_table()

    def _set_notes(self, notes: list[str]) -> None:
        """The notes in a box of at most NOTE_LINES lines that scrolls: fourteen sheets' notes
        in the summary left the table one row and cut off the counts and the last notes."""
        self.notes.setPlainText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self._fit_notes()

    def _fit_notes(self) -> None:
        """As tall as its text, up to NOTE_LINES lines."""
        document = self.notes.document().clone()
        document.setTextWidth(max(self.notes.viewport().width(), 100))
        frame = 2 * self.notes.frameWidth() + self.notes.contentsMargins().top() \
            + self.notes.contentsMargins().bottom()
        cap = self.notes.fontMetrics().lineSpacing() * NOTE_LINES + 2 * document.documentMargin()
        self.notes.setFixedHeight(math.ceil(min(document.size().height(), cap)) + frame)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.notes.isVisible():
            self._fit_notes()

    def _rows(self) -> tuple[list[tuple[int, str, str, str, str, str, bool]], int]:
        """(row, outcome, USCC, name, column, details, is_problem) for the current filter, and
        how many were left out: at most PREVIEW_PROBLEMS problems and PREVIEW_ROWS other rows
        (a list of 300 000 rows must not become 300 000 table rows; the report has them all)."""
        plan = self.plan
        if plan is None:
            return [], 0
        wanted = self.filter_combo.currentData()
        outcome = {"add": self.tr("New"), "update": self.tr("Update"), "unchanged": self.tr("Unchanged")}
        lines, hidden = [], 0
        order = {name: i for i, name in enumerate(plan.sheets)}
        if wanted in ("all", "add", "update", "unchanged"):
            for item in plan.rows:
                if wanted in ("all", item.action):
                    if len(lines) >= PREVIEW_ROWS:
                        hidden += 1
                        continue
                    changes = item.changes.items() if item.action == "update" else ()
                    details = "; ".join(f"{self._field_name(k)}: {old or '—'} → {new}"
                                        for k, (old, new) in changes) or row_details(self.KIND, item)
                    sheet = getattr(item, "sheet", "")  # an inspector register is one sheet
                    lines.append((item.row, outcome[item.action], *plan.identity(item.row, sheet),
                                  "", self._on_sheet(sheet, details), False, order.get(sheet, 0)))
        if wanted in ("all", "problem"):
            hidden += max(0, len(plan.issues) - PREVIEW_PROBLEMS)
            for issue in plan.issues[:PREVIEW_PROBLEMS]:
                uscc, name = plan.identity(issue.row, issue.sheet)
                text = self._on_sheet(issue.sheet, issue.reason(self.lang))
                lines.append((issue.row, self.tr("Note") if issue.warning else self.tr("Not imported"), uscc,
                              name, issue.column, text, not issue.warning, order.get(issue.sheet, 0)))
        lines.sort(key=lambda line: (line[7], line[0], not line[6]))
        return [line[:7] for line in lines], hidden

    def _on_sheet(self, sheet: str, text: str) -> str:
        """A line of a list spread over several sheets names its sheet: row 3 is on each."""
        if not sheet:
            return text
        where = self.tr("Sheet “%1”").replace("%1", sheet)
        return f"{where}: {text}" if text else where

    def _fill_table(self) -> None:
        lines, hidden = self._rows()
        self.more_label.setVisible(hidden > 0)
        self.more_label.setText(self.tr(
            "%1 more lines are not shown here. Save the report to see every row.").replace("%1", str(hidden)))
        self.table.setRowCount(len(lines))
        problem = QBrush(QColor(colours.readable(ERROR_COLOUR)))
        for r, (row, outcome, uscc, name, column, details, bad) in enumerate(lines):
            for c, value in enumerate((str(row), outcome, uscc, name, column, details)):
                cell = QTableWidgetItem(value)
                if c >= 2 and value:
                    cell.setToolTip(value)  # the whole text of a cell the column elides
                if c == 0:
                    cell.setData(Qt.ItemDataRole.TextAlignmentRole,
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                if bad:
                    cell.setForeground(problem)
                elif outcome == self.tr("Note"):
                    colours.paint_item(cell, WARNING_BACKGROUND)  # its text too
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        self._cap_columns()
        self._update_buttons()

    def _cap_columns(self) -> None:
        """No column wider than its MAX_TEXT (or its title); 说明 takes the rest and wraps."""
        cells, titles = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        padding = cells.horizontalAdvance("中")
        outcomes = (self.tr("New"), self.tr("Update"), self.tr("Unchanged"), self.tr("Note"),
                    self.tr("Not imported"))
        for column, sample in MAX_TEXT.items():
            sample = sample or max(outcomes, key=cells.horizontalAdvance)
            title = titles.horizontalAdvance(self.table.horizontalHeaderItem(column).text())
            limit = max(cells.horizontalAdvance(sample), title) + padding
            if self.table.columnWidth(column) > limit:
                self.table.setColumnWidth(column, limit)
        # Narrowing a column does not give its width back to the stretched 说明 at once: it stayed
        # as wide as before, past the window's edge, and its reasons were cut off there.
        self.table.horizontalHeader().resizeSections()
        self._row_heights.start()

    def _update_buttons(self) -> None:
        plan = self.plan
        self.import_button.setEnabled(plan is not None and self.result is None
                                      and plan.count("add") + plan.count("update") > 0)
        self.report_button.setEnabled(plan is not None)

    def _field_name(self, key: str) -> str:
        return {
            "name": self.tr("Name"), "jurisdiction_code": self.tr("County"), "address": self.tr("Address"),
            "industry": self.tr("Industry"), "contact_name": self.tr("Contact"),
            "contact_phone": self.tr("Phone"), "licence": self.tr("Licence"),
            "licence_expires": self.tr("Licence valid until"), "unit": self.tr("Unit"),
            "legal_representative": self.tr("Legal representative"),
            "main_products": self.tr("Main products"),
            "active": self.tr("Status"), "cert_no": self.tr("Certificate no."),
        }.get(key, key)

    # --- importing -------------------------------------------------------------------------
    def import_plan(self) -> None:
        from qcdesk.ui.roster_import_choices import import_anyway

        if self.plan is None or not import_anyway(self, self.plan, self.lang, self.words["list"]):
            return
        self._busy(True)
        text = self.tr("Importing…")
        self.job = self.writing = start_job(_apply_job(self.core[1], self.plan, text),
                                            db_path=self.store.path, parent=self)
        attach_progress(self.job, self, self.words["list"], text)
        self.job.succeeded.connect(self._imported)
        self.job.failed.connect(self._failed)
        self.job.cancelled.connect(lambda: self.summary.setText(
            self.tr("Import cancelled: nothing was written. Press Import to import the list.")))
        self.job.finished.connect(lambda: self._busy(False))

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: Close, Esc and the X
        """Stay open while the list is written, and say why (as the export does): closed, the
        import went on unseen and its outcome, or its failure, was never shown."""
        if self.writing is not None and not self.writing.done:
            self.summary.setText(self.tr("The list is still being imported. Wait until it is "
                                         "finished, or press Cancel in the progress window; "
                                         "then close this window."))
            return
        super().done(result)

    def _imported(self, result: RosterResult) -> None:
        self.result = result
        self.summary.setText((result_counts(self.KIND, self.plan, result) or self.tr(
            "Imported: %1 new, %2 updated, %3 unchanged; %4 rows with problems were left out."
        ).replace("%1", str(result.added)).replace("%2", str(result.updated))
            .replace("%3", str(result.unchanged)).replace("%4", str(result.skipped)))
            + partial_note(self.plan) + undo_text(result.backup))
        self.import_button.setEnabled(False)
        self.imported.emit(result)

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.summary.setStyleSheet(colours.text_css(ERROR_COLOUR))
        QMessageBox.warning(self, self.words["list"], message)
        self.summary.setStyleSheet("")

    def _busy(self, busy: bool) -> None:
        for widget in (self.choose_button, self.template_button, self.filter_combo,
                       *([self.county] if self.county is not None else [])):
            widget.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)
            self.report_button.setEnabled(False)
        else:  # the table already shows the plan (filled when it arrived)
            self._update_buttons()

    # --- files -----------------------------------------------------------------------------
    def save_report(self) -> None:
        if self.plan is None:
            return
        name = save_file(self, "rosters", self.tr("Save import report"), "导入结果.xlsx",
                         self.tr("Excel workbook (*.xlsx)"))
        if name:
            self._write(lambda: self.core[2](name, self.plan, self.result))

    def save_template(self) -> None:
        name = save_file(self, "rosters", self.words["save_template"], self.words["template"],
                         self.tr("Excel workbook (*.xlsx)"))
        if name:
            self._write(lambda: self.core[3](name))

    def _write(self, action) -> None:
        try:
            action()
        except OSError as exc:
            QMessageBox.warning(self, self.words["list"],
                                self.tr("The file could not be written: %1").replace("%1", str(exc)))


class InspectorImportDialog(RosterImportDialog):
    """The inspector register (执法人员名录, the people a 双随机 draw picks from): rows are
    matched by 执法证号 (`qcdesk.models.inspector_roster`); the same preview and import."""

    KIND = "inspectors"


class CheckLedgerImportDialog(RosterImportDialog):
    """Past spot checks (抽查台账), one sample a row, matched to firms on file by credit code
    (`qcdesk.models.check_ledger`): each becomes a done visit; the same preview and import."""

    KIND = "checks"


class OrderLedgerImportDialog(RosterImportDialog):
    """Open rectification orders (整改台账), one order a row, each on a failed sample already on
    file (`qcdesk.models.order_ledger`); the same preview and import."""

    KIND = "orders"
