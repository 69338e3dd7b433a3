"""Early-warning list (风险预警): filter by kind and jurisdiction, open the enterprise, save as a
spreadsheet. A jurisdiction takes in those under it, as on the lists and in `qcdesk warnings
--jurisdiction` (咸安区 with 咸宁高新区; 咸宁市 is the whole city). It starts on the dashboard's
scope (the one remembered, else the office's own), so both count the same warnings.

An internal working list: it names risk classes, so it is never handed to an enterprise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qcdesk.export.list_words import WARNING_COLUMNS, suggested_warnings_name
from qcdesk.models import local_day
from qcdesk.models.enterprises import jurisdictions
from qcdesk.models.jurisdictions import area_codes, area_words
from qcdesk.models.open_checks import is_busy
from qcdesk.models.os_errors import os_error_reason
from qcdesk.models.risk import risk_is_current
from qcdesk.models.store import Store, StoreError, writer_active
from qcdesk.models.warnings import (
    WARNING_KINDS,
    EarlyWarning,
    early_warnings,
    sort_warnings,
    warning_name_keys,
    write_warnings_xlsx,
)
from qcdesk.paths import AppPaths
from qcdesk.ui import colours, labels
from qcdesk.ui.dashboard_risk import RiskRefresh
from qcdesk.ui.dashboard_scope import starting_area
from qcdesk.ui.day_watch import DayWatch
from qcdesk.ui.export_list import ExportListButton, export_warnings_page
from qcdesk.ui.file_dialogs import save_file
from qcdesk.ui.forms import app_settings
from qcdesk.ui.place_names import fit_places, jurisdiction_name
from qcdesk.ui.row_list_model import Index, RowListModel, fit_columns
from qcdesk.ui.workers import LatestRun, Progress, interruptible, ui_lang

SORT_SETTING = "lists/warnings/sort"  # "column,asc|desc": the order chosen last time
RETRY_MS = 10_000
HELD_BACK = "unvisited_high_risk"  # the one kind that writes (refreshes the risk classes) first


def kind_labels() -> dict[str, str]:
    return {
        "retest_withdraw": QCoreApplication.translate("Warnings", "Re-test passed: withdraw"),
        "rectification_overdue": QCoreApplication.translate("Warnings", "Rectification overdue"),
        "recheck_overdue": QCoreApplication.translate("Warnings", "Re-check overdue"),
        "notice_duplicate": QCoreApplication.translate("Warnings", "Duplicate notice number"),
        "zone_duplicate": QCoreApplication.translate("Warnings", "Duplicate demonstration zone"),
        "uscc_duplicate": QCoreApplication.translate("Warnings", "Duplicate credit code"),
        "visit_future": QCoreApplication.translate("Warnings", "Visit dated after today"),
        "repeated_failures": QCoreApplication.translate("Warnings", "Repeated failures"),
        "licence_expired": QCoreApplication.translate("Warnings", "Licence expired"),
        "licence_expiring": QCoreApplication.translate("Warnings", "Licence expiring"),
        "unvisited_high_risk": QCoreApplication.translate("Warnings", "Class C/D not visited"),
    }


@dataclass
class WarningsFound:
    """What one run of the list found, in the worker: the rows, their pinyin keys, and why the
    C/D kind is missing if it is (another program writing, or the risk classes' write failed)."""

    as_of: date
    rows: list[EarlyWarning]
    name_keys: dict[str, str]
    busy: bool = False
    failed: StoreError | None = None
    pending: bool = False  # the C/D kind waits for the window's pass to write today's classes


def find_warnings(store: Store, as_of: date, progress: Progress | None = None,
                  full_pass: bool = True) -> WarningsFound:
    """The list as of `as_of`, in a worker with its own connection (seconds at a million visits).
    The C/D kind first writes the risk classes; while another program holds the write lock (a
    long import) the rest is listed without waiting (reading is never blocked under WAL). Without
    `full_pass` (the window runs the day's one pass) C/D waits while the classes are not today's."""
    busy = store.path is not None and writer_active(store.path, 0.5)  # the dashboard's brief write passes
    pending = not busy and not full_pass and not risk_is_current(store, as_of)
    failed, rows = None, None
    if not busy and not pending:
        try:
            rows = early_warnings(store, as_of)
        except StoreError as exc:  # busy after all, or the file cannot take the write
            busy, failed = is_busy(exc), exc
    if rows is None:
        rows = early_warnings(store, as_of, tuple(k for k in WARNING_KINDS if k != HELD_BACK))
    if progress is not None:
        progress.check()
    return WarningsFound(as_of, rows, warning_name_keys(rows), busy, None if busy else failed, pending)


class WarningsModel(RowListModel):
    """Rows of `EarlyWarning`; reasons are computed, so they are worded in the UI's language."""

    COLUMNS = ("kind", "enterprise", "uscc", "jurisdiction", "subject", "due", "days", "reason")
    DEFAULT_SORT = ("days", Qt.SortOrder.DescendingOrder)  # most overdue first, then soonest due
    # The workbook's 已过天数 and 剩余天数 cells, worded in one column ("已过661天", "剩余28天"):
    # the signed count (−28 = 28 days left) was read as 28 days late. One column, not two, as
    # the reason needs the room; it still sorts by the signed count, the most urgent first.
    DAY_CELLS = {c.key: c.cell for c in WARNING_COLUMNS if c.key in ("days", "days_left")}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sort_column, self.sort_order = self.DEFAULT_SORT
        self.name_keys: dict[str, str] = {}  # pinyin keys made in the worker with the rows

    def set_rows(self, rows: list, jurisdiction_names: dict[str, str] | None = None) -> None:
        super().set_rows(self._sorted(rows), jurisdiction_names)

    def _sorted(self, rows: list[EarlyWarning]) -> list[EarlyWarning]:
        return sort_warnings(rows, self.sort_column, self.sort_order == Qt.SortOrder.DescendingOrder,
                             ui_lang(), self.name_keys)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Every column sorts (the list is bounded and computed, so its rows are sorted here);
        rows keep their selection across the new order."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self.sort_column, self.sort_order = self.COLUMNS[column], order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        rows = [self.rows[i.row()] if 0 <= i.row() < len(self.rows) else None for i in old]
        self.rows = self._sorted(self.rows)
        where = {id(w): r for r, w in enumerate(self.rows)}
        self.changePersistentIndexList(old, [
            self.index(where[id(w)], i.column()) if w is not None else QModelIndex()
            for w, i in zip(rows, old, strict=True)])
        self.layoutChanged.emit()

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Warnings", "Warning"),
            QCoreApplication.translate("Warnings", "Enterprise"),
            QCoreApplication.translate("Warnings", "Credit code"),
            QCoreApplication.translate("Warnings", "Jurisdiction"),
            QCoreApplication.translate("Warnings", "Subject"),
            QCoreApplication.translate("Warnings", "Date"),
            QCoreApplication.translate("Warnings", "Days"),
            QCoreApplication.translate("Warnings", "Reason"),
        )

    def days_text(self, w: EarlyWarning, whole: bool = False) -> str:
        """Days gone or days left, as the workbook's two day columns have them (blank in both:
        blank here). The cell says "609 ago" / "28 left" under "Days" (English is the longer:
        "days" in every cell took the reason's room); `whole` words it in full for the tooltip."""
        gone, left = self.DAY_CELLS["days"](w), self.DAY_CELLS["days_left"](w)
        if gone is None and left is None:
            return ""
        if gone is not None and whole:
            text = (QCoreApplication.translate("Warnings", "1 day ago") if gone == 1
                    else QCoreApplication.translate("Warnings", "%1 days ago"))
        elif gone is not None:
            text = QCoreApplication.translate("Warnings", "%1 ago")
        elif whole:
            text = (QCoreApplication.translate("Warnings", "1 day left") if left == 1
                    else QCoreApplication.translate("Warnings", "%1 days left"))
        else:
            text = QCoreApplication.translate("Warnings", "%1 left")
        return text.replace("%1", str(gone if gone is not None else left))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        w = self.row_at(index)
        if w is None:
            return None
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "days":
                return self.days_text(w, whole=role == Qt.ItemDataRole.ToolTipRole)
            if column == "kind":  # the labels are translated on demand: only for the cells showing them
                return kind_labels()[w.kind]
            if column in ("subject", "reason"):
                return w.subject_text(ui_lang()) if column == "subject" else w.reason_text(ui_lang())
            return {
                "enterprise": w.enterprise_name, "uscc": w.uscc,
                "jurisdiction": jurisdiction_name(w.jurisdiction_code, w.jurisdiction_name), "due": w.due,
            }[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "days":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return w.enterprise_id
        return None


class WarningsPage(QWidget):
    """The list behind the dashboard's warnings tile; `open_enterprise(id)` on double-click."""

    open_enterprise = Signal(int)

    def __init__(self, store: Store, paths: AppPaths | None = None, parent: QWidget | None = None, *,
                 settings: QSettings | None = None, risk: RiskRefresh | None = None, area: str | None = None):
        super().__init__(parent)
        self.store = store
        self.paths = paths
        self.settings = app_settings(settings)
        self.risk = risk if store.path is not None else None  # the window's one pass of the day's classes
        self.risk_pending = False  # the C/D kind waits for it
        if self.risk is not None:  # it wrote them: C/D listed (start-up, a new day)
            self.risk.done.connect(self.refresh)
            self.risk.failed.connect(self._risk_failed)
            self.risk.waiting_changed.connect(self._risk_waiting)
        self.all_rows: list[EarlyWarning] = []
        self.as_of = local_day.today()  # the day the rows shown were counted to
        self.run = LatestRun(store, self)  # the list is found in a worker; the newest run is shown
        self.run.landed.connect(self._found)
        self.run.failed.connect(self._failed)
        self.kind = QComboBox(self)
        self.jurisdiction = QComboBox(self)  # an area, as the lists and the CLI's --jurisdiction take it
        self.jurisdiction.setObjectName("warningsJurisdiction")
        fit_places(self.jurisdiction)  # its English names no wider than its Chinese ones
        self.area: set[str] | None = None  # the codes the jurisdiction chosen takes in; None = all
        self.count_label = QLabel(self)
        self.held_back = QLabel(self)  # why class C/D enterprises are missing from the list now
        self.held_back.setObjectName("heldBackNote")
        self.held_back.setWordWrap(True)
        self.held_back.hide()
        self.retry = QTimer(self)  # tries the risk classes again while another program writes
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self._retry)
        self.refresh_button = QPushButton(self)
        # what the page shows, with a 说明 sheet, in a worker (`save_as` stays for a direct save)
        self.export_button = ExportListButton(self, lambda: export_warnings_page(self))
        self.model = WarningsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it), as on the list pages
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self._restore_sort()
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.setSortingEnabled(True)  # sorts the model by the indicator, now and on each click
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._remember_sort)
        # One line a row, the reason cut with … (whole in its tooltip and in the pane below): rows
        # as tall as their wrapped reason let only ~6 warnings show in a 1000 × 700 window.
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.one_row = self.fontMetrics().height() + 10  # as the list pages' rows
        rows = self.view.verticalHeader()
        rows.setDefaultSectionSize(self.one_row)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.reason = QLabel(self)  # the current row's reason in full, wrapped
        self.reason.setObjectName("reasonDetail")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setMinimumHeight(2 * self.reason.fontMetrics().lineSpacing() + 8)
        self.reason.setStyleSheet(f"QLabel {{ {colours.text_css(colours.BODY)} padding: 2px 4px; }}")
        self.view.selectionModel().currentRowChanged.connect(lambda _now, _before: self.show_reason())
        self.model.modelReset.connect(self.show_reason)
        self.model.layoutChanged.connect(self.show_reason)
        self.view.doubleClicked.connect(self._open)
        self.kind.currentIndexChanged.connect(self._apply)
        self.jurisdiction.currentIndexChanged.connect(self._area_chosen)
        self.refresh_button.clicked.connect(self.refresh)
        self.day = DayWatch(self)  # past midnight: day counts and overdue orders move on
        self.day.changed.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.kind)
        bar.addWidget(self.jurisdiction)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.held_back)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.reason)
        self.retranslate()
        self.set_area(starting_area(store, paths, self.settings) if area is None else area)  # the dashboard's
        self.refresh()

    def retranslate(self) -> None:
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("All warnings"), "")
        for key, label in kind_labels().items():
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current or "")))
        self.kind.blockSignals(False)
        area = self.jurisdiction.currentData() if self.jurisdiction.count() else ""
        self.jurisdiction.blockSignals(True)
        self.jurisdiction.clear()
        self.jurisdiction.addItem(self.tr("All jurisdictions"), "")
        for code, name in jurisdictions(self.store):
            self.jurisdiction.addItem(labels.jurisdiction_filter(code, name), code)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(area or "")))
        self.jurisdiction.blockSignals(False)
        self.refresh_button.setText(self.tr("&Refresh"))
        self.model.relabel()
        self.show_reason()
        self._show_count()

    def _restore_sort(self) -> None:
        """The order chosen last time (like the list pages), else the most urgent first."""
        column, _, order = str(self.settings.value(SORT_SETTING, "") or "").partition(",")
        if column not in WarningsModel.COLUMNS:
            column, order = WarningsModel.DEFAULT_SORT[0], "desc"
        way = Qt.SortOrder.AscendingOrder if order == "asc" else Qt.SortOrder.DescendingOrder
        self.view.horizontalHeader().setSortIndicator(WarningsModel.COLUMNS.index(column), way)

    def _remember_sort(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(WarningsModel.COLUMNS):
            way = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
            self.settings.setValue(SORT_SETTING, f"{WarningsModel.COLUMNS[column]},{way}")

    @property
    def computing(self) -> bool:
        """A run (or the window's pass for the C/D kind) is under way: the count says so."""
        return self.run.busy or self.risk_pending and not self.risk.waiting

    def refresh(self) -> None:
        """The list as of today, found in a worker (`find_warnings`): the window stays usable
        meanwhile and the count says 正在计算…. A refresh while one runs replaces it (the
        older run's rows are never shown). While another program writes, the C/D kind is
        missing and tried again shortly."""
        self.retry.stop()
        as_of = local_day.today()  # the day the list is counted to: its workbook says it
        full_pass = self.risk is None  # else the window's pass writes the day's classes, once

        def work(store: Store | None, progress: Progress) -> WarningsFound:
            assert store is not None
            with interruptible(store, progress):
                return find_warnings(store, as_of, progress, full_pass)

        self.run.start(work)
        self._show_count()

    def _failed(self, message: str) -> None:
        self.held_back.setText(message)
        self.held_back.show()
        self._show_count()

    def _found(self, found: WarningsFound) -> None:
        self.as_of, self.all_rows = found.as_of, found.rows
        self.model.name_keys = found.name_keys
        self.risk_pending = found.pending
        if found.pending and self.risk is not None and not self.risk.start_if_stale():
            self.refresh()  # written since the worker looked: listed now
            return
        self._show_held_back(found.busy, found.failed.text(ui_lang()) if found.failed else None)
        if found.busy:
            self.retry.start()
        self._apply()

    def _show_held_back(self, busy: bool, failed: str | None) -> None:
        """Why the C/D kind is missing: another program writes (also while the window's pass
        waits for it), or the classes could not be written; hidden otherwise."""
        busy = busy or self.risk_pending and self.risk.waiting
        self.held_back.setVisible(busy or failed is not None)
        if busy:
            self.held_back.setText(self.tr("Class C/D enterprises not visited are not listed yet: "
                                           "another program is writing to the database (an import, "
                                           "for example). They are added when it has finished."))
        elif failed is not None:
            self.held_back.setText(self.tr("Class C/D enterprises not visited are not listed: %1")
                                   .replace("%1", failed))
        self._show_count()

    def _risk_waiting(self) -> None:
        if self.risk_pending:  # the C/D kind waits for the pass, which waits for a writer (or no more)
            self._show_held_back(False, None)

    def _risk_failed(self, message: str) -> None:
        """The window's pass could not write the classes: the rest stays listed, and why not C/D."""
        self.risk_pending = False
        self._show_held_back(False, message)

    def _retry(self) -> None:
        """Another program was writing: the worker asks again (never the GUI thread)."""
        self.refresh()

    def set_filters(self, filters: dict) -> None:
        """Called when the dashboard opens this list: {"kind": one of WARNING_KINDS,
        "jurisdiction": its scope}, either or neither (all)."""
        kind = filters.get("kind", "")
        area = self.jurisdiction.findData(filters.get("jurisdiction") or "")
        for combo, index in ((self.kind, self.kind.findData(kind if kind in WARNING_KINDS else "")),
                             (self.jurisdiction, area)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self._area_chosen()

    def set_area(self, area: str) -> None:
        """Limit the list to the dashboard's scope `area` ("" = all), the kind kept: the page
        opened from the menu lists what the dashboard's warnings tile counts. The user may
        choose another jurisdiction afterwards."""
        self.jurisdiction.blockSignals(True)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(area or "")))
        self.jurisdiction.blockSignals(False)
        self._area_chosen()

    def _area_chosen(self) -> None:
        code = self.jurisdiction.currentData() or ""
        codes = area_codes(self.store.db, code) if code else None  # the jurisdiction table: a few rows
        self.area = set(codes) if codes is not None else None
        self._apply()

    def area_words(self) -> str:
        """The jurisdiction the list is limited to, as its workbook's 说明 says it ("" = none)."""
        code = self.jurisdiction.currentData() or ""
        return area_words(code) if code else ""

    def shown(self) -> list[EarlyWarning]:
        """The rows of the kind and jurisdiction chosen: a warning is of the area when its own
        jurisdiction is, as `early_warnings(jurisdiction=…)` lists them."""
        kind, area = self.kind.currentData() or "", self.area
        return [w for w in self.all_rows
                if (not kind or w.kind == kind) and (area is None or w.jurisdiction_code in area)]

    def _apply(self) -> None:
        rows = self.shown()
        self.model.set_rows(rows)
        self._fit_columns()
        self._show_count()

    def _show_count(self) -> None:
        if self.computing:
            self.count_label.setText(self.tr("Computing…"))
        else:
            self.count_label.setText(self.tr("%1 warnings").replace("%1", str(self.model.rowCount())))

    def _fit_columns(self) -> None:
        """Columns sized to what they show, without the sort arrow's room in every one (seven
        arrows' widths squeezed the reason to a sliver); a column whose title is what sets its
        width gets the room for the arrow back, so that "Days ▼" is not cut to "D…"."""
        header = self.view.horizontalHeader()
        first = not self.view.property("columnsFitted")
        header.setSortIndicatorShown(False)
        fit_columns(self.view)
        header.setSortIndicatorShown(True)
        if not first or not self.view.property("columnsFitted"):
            return
        style, metrics = header.style(), header.fontMetrics()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 3 * margin + 2
        for column, title in enumerate(self.model.headers()[:-1]):
            wanted = metrics.horizontalAdvance(title) + arrow
            if header.sectionSize(column) < wanted:
                self.view.setColumnWidth(column, wanted)

    def show_reason(self) -> None:
        """The current row's reason, whole, under the table: the row shows it on one line."""
        w = self.model.row_at(self.view.currentIndex())
        self.reason.setText(w.reason_text(ui_lang()) if w is not None
                            else self.tr("Select a warning to read its reason in full here."))

    def _open(self, index: QModelIndex) -> None:
        eid = self.model.data(index, Qt.ItemDataRole.UserRole)
        if eid is not None:
            self.open_enterprise.emit(int(eid))

    def save_as(self, path: Path | None = None) -> Path | None:
        if not path:
            proposed = suggested_warnings_name(self.kind.currentData() or "", local_day.today())
            path = save_file(self, "lists", self.tr("Save warnings"), proposed,
                             self.tr("Excel workbook (*.xlsx)"))
            if path is None:
                return None
        path = xlsx_path(Path(path))
        try:
            return write_warnings_xlsx(self.model.rows, path, as_of=self.as_of)  # in the order shown
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save warnings"),
                                self.tr("Could not write %1: %2").replace("%1", str(path))
                                .replace("%2", os_error_reason(exc, ui_lang(), writing=True)))
            return None


def xlsx_path(path: Path) -> Path:
    """A workbook is saved under .xlsx: w → w.xlsx, w.txt → w.txt.xlsx (as the report dialog
    does), so that a spreadsheet never sits under a name other programs open as something else."""
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
