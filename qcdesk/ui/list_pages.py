"""The list pages 企业档案 / 检查记录 / 整改跟踪: a filter bar over a lazy table.

Filtering and sorting re-query the core; the total ("共 N 条") is counted in a worker so a
million-row count never blocks typing.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.listing import (
    DUE_SOON,
    ENTERPRISES,
    OVERDUE,
    RECTIFICATIONS,
    UNFINISHED,
    VISITS,
    ListFilters,
    ListRequest,
    filter_choices,
)
from qcdesk.models.listing_deleted import counts
from qcdesk.models.rectification_texts import requirement_gist
from qcdesk.ui import colours, labels
from qcdesk.ui.date_filter import DateFilter
from qcdesk.ui.day_watch import DayWatch
from qcdesk.ui.export_list import ExportListButton, export_list_page
from qcdesk.ui.flow_layout import FlowLayout
from qcdesk.ui.list_day import RiskDay
from qcdesk.ui.list_deleted import DeletedRows, deleted_part
from qcdesk.ui.list_empty import EmptyState, search_scope
from qcdesk.ui.list_model import ID_ROLE, Column, LazyListModel
from qcdesk.ui.list_widths import FILL_COLUMNS, LastColumnGuard, fit_columns, needed_width
from qcdesk.ui.search_keys import SearchKeys
from qcdesk.ui.settings_values import stored_bytes
from qcdesk.ui.workers import Job, start_job

if TYPE_CHECKING:
    from qcdesk.models.store import Store

_Q = QCoreApplication  # `_Q.translate("ListPage", "…")` keeps the strings visible to lupdate


def _deadline_text(row: dict[str, Any]) -> str:
    text = row.get("deadline") or ""
    return text + _Q.translate("ListPage", " (extended)") if row.get("extended") else text


def _clock_text(row: dict[str, Any]) -> str:
    """The order's clock (`rules.order_clock`), worded as everywhere else (`labels.clock_text`)."""
    return labels.clock_text(row.get("clock"))


def columns_for(kind: str) -> list[Column]:
    """Displayed columns of each list; keys match `qcdesk.models.listing.LIST_SPECS`."""
    if kind == ENTERPRISES:
        return [
            Column("name", lambda: _Q.translate("ListPage", "Enterprise")),
            Column("uscc", lambda: _Q.translate("ListPage", "Credit code")),
            Column("jurisdiction", lambda: _Q.translate("ListPage", "Jurisdiction"), labels.place),
            Column("industry", lambda: _Q.translate("ListPage", "Industry")),
            Column("risk_class", lambda: _Q.translate("ListPage", "Risk class"),
                   lambda r: labels.label(labels.risk_classes(), r.get("risk_class") or "")),
            Column("main_products", lambda: _Q.translate("ListPage", "Main products")),
            Column("contact", lambda: _Q.translate("ListPage", "Contact")),
            Column("updated_at", lambda: _Q.translate("ListPage", "Updated")),
        ]
    if kind == VISITS:
        return [
            Column("visit_date", lambda: _Q.translate("ListPage", "Date")),
            Column("enterprise", lambda: _Q.translate("ListPage", "Enterprise")),
            Column("jurisdiction", lambda: _Q.translate("ListPage", "Jurisdiction"), labels.place),
            Column("kind", lambda: _Q.translate("ListPage", "Kind"),
                   lambda r: labels.label(labels.visit_kinds(), r["kind"])),
            Column("status", lambda: _Q.translate("ListPage", "Status"),
                   lambda r: labels.label(labels.visit_statuses(), r["status"])),
            Column("inspectors", lambda: _Q.translate("ListPage", "Inspectors"),  # core joins with 、
                   lambda r: labels.joined((r["inspectors"] or "").split("、")) if r["inspectors"] else ""),
            Column("conclusion", lambda: _Q.translate("ListPage", "Conclusion")),
        ]
    return [
        Column("notice_no", lambda: _Q.translate("ListPage", "Notice no.")),
        Column("enterprise", lambda: _Q.translate("ListPage", "Enterprise")),
        Column("requirement", lambda: _Q.translate("ListPage", "Requirement"),
               lambda r: requirement_gist(r["requirement"] or ""), tip=lambda r: r["requirement"] or ""),
        Column("ordered_on", lambda: _Q.translate("ListPage", "Ordered on")),
        Column("deadline", lambda: _Q.translate("ListPage", "Deadline"), _deadline_text),
        Column("days_left", lambda: _Q.translate("ListPage", "Days left"), _clock_text, align_right=True),
        Column("status", lambda: _Q.translate("ListPage", "Status"),
               lambda r: labels.label(labels.rectification_statuses(), r["status"]),
               tip=lambda r: r.get("closing_reason") or ""),  # why a withdrawn order was withdrawn
    ]


def records_behind(store: Store, kind: str, values: dict[str, Any]) -> tuple[int, ...] | None:
    """Ids behind a dashboard figure (the dashboard's core query)."""
    from qcdesk.models.dashboard_queries import records_behind as behind

    plural = {ENTERPRISES: "enterprises", VISITS: "visits", RECTIFICATIONS: "rectifications"}[kind]
    return tuple(behind(store, plural, dict(values)))


def page_title(kind: str) -> str:
    return {ENTERPRISES: _Q.translate("ListPage", "Enterprises"),
            VISITS: _Q.translate("ListPage", "Inspections"),
            RECTIFICATIONS: _Q.translate("ListPage", "Rectifications")}[kind]


class ListPage(QWidget):
    """One list with its filter bar; emits `open_requested(kind, id)` on Enter/double-click."""

    open_requested = Signal(str, int)
    count_changed = Signal(str)

    def __init__(self, store: Store, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self._count_job: Job | None = None
        self._count_generation = 0
        self._last_count: tuple[tuple[int, int] | None, str] | None = None
        self._choices = filter_choices(store)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.jurisdiction = QComboBox(self)
        self.industry = QComboBox(self)
        self.status = QComboBox(self) if kind != ENTERPRISES else None
        self.visit_kind = QComboBox(self) if kind == VISITS else None
        self.risk = QComboBox(self) if kind == ENTERPRISES else None
        self.date_from = DateFilter(self) if kind != ENTERPRISES else None
        self.date_to = DateFilter(self, after=self.date_from) if kind != ENTERPRISES else None
        self.date_label = QLabel(self)
        self.clear_button = QPushButton(self)
        self.export_button = ExportListButton(self, lambda: export_list_page(self))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.preset_label = QLabel(self)
        self.preset_label.setObjectName("presetLabel")
        notice = colours.pair_css(colours.NOTICE_BACKGROUND)  # its text too: not white on pale yellow
        self.preset_label.setStyleSheet(f"QLabel {{ {notice} padding: 2px 6px; }}")
        self.preset_label.setVisible(False)
        self._preset: tuple[int, ...] | None = None

        # One bar that wraps: whole on a wide screen, on two lines in English at 125 % on a 1366 px
        # laptop, so the window can be narrowed onto the screen with nothing cut off.
        self.filter_bar = FlowLayout()
        lead = QHBoxLayout()  # the New… button joins the search box (list_empty.EmptyState)
        lead.addWidget(self.search)
        self.filter_bar.add_layout(lead, 2)
        for combo in (self.jurisdiction, self.industry, self.risk, self.visit_kind, self.status):
            if combo is not None:
                labels.fit_filter(combo, places=combo is self.jurisdiction)
                self.filter_bar.add_widget(combo)
        if self.date_from is not None:  # label, from – to: wrapped as one
            dates = QHBoxLayout()
            for widget in (self.date_label, self.date_from, QLabel("–", self), self.date_to):
                dates.addWidget(widget)
            self.filter_bar.add_layout(dates)
        else:
            self.date_label.hide()  # not laid out: it would sit over the bar's top left corner
        self.filter_bar.add_widget(self.clear_button)
        self.filter_bar.add_widget(self.preset_label)
        tail = QHBoxLayout()  # the total and the export keep to the right of their line
        tail.addStretch(1)
        tail.addWidget(self.count_label)
        tail.addWidget(self.export_button)
        self.filter_bar.add_layout(tail, 1)

        self.model = LazyListModel(store, ListRequest(kind), columns_for(kind), parent=self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it): no cell to edit
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.sortIndicatorChanged.connect(self._on_sort)
        fit_columns(self.view, self.model.columns(), kind, first=True)
        self._last_column = LastColumnGuard(
            self.view, lambda i: needed_width(self.view, self.model.columns()[i], self.kind),
            lambda: self.model.column_of(FILL_COLUMNS[kind]) if kind in FILL_COLUMNS else None)
        self.view.activated.connect(self._on_activated)
        self.deleted_rows = DeletedRows(self) if kind in (ENTERPRISES, VISITS) else None  # 显示已删除
        self.empty_state = EmptyState(self, lead)  # the hint over an empty table, the New button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_keys = SearchKeys(self)  # Enter opens the one match, Down goes to the list, Esc clears
        for combo in (self.jurisdiction, self.industry, self.risk, self.visit_kind, self.status):
            if combo is not None:
                combo.currentIndexChanged.connect(lambda _i: self.apply())
        for edit in (self.date_from, self.date_to):
            if edit is not None:
                edit.dateChanged.connect(lambda _d: self.apply())
        self.clear_button.clicked.connect(self.clear_filters)
        self.model.reloaded.connect(self._start_count)
        # 剩余天数 and the 已逾期 filter count to today: past midnight the orders are counted again.
        # The risk class is the day's (risk_cache): past midnight the new day's is written and
        # read (list_day.py). The visits list shows only stored dates.
        self.day = DayWatch(self) if kind in (RECTIFICATIONS, ENTERPRISES) else None
        self.risk_day = RiskDay(self) if kind == ENTERPRISES else None
        if self.day is not None:
            self.day.changed.connect(self.risk_day.new_day if self.risk_day else self.refresh_for_new_day)
        self.retranslate()
        self._start_count()

    # --- filters -------------------------------------------------------------------------
    def _fill_combo(self, combo: QComboBox | None, any_text: str, items: list[tuple[str, str]]) -> None:
        if combo is None:
            return
        # PySide6 6.12 drops a reference to None when currentData() has no value (an empty combo):
        # on Python 3.11 enough of those crash the process, so an empty combo is not asked.
        current = combo.currentData() if combo.count() else None
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_text, "")
        for code, text in items:
            combo.addItem(text, code)
        found = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def filters(self) -> ListFilters:
        def data(combo: QComboBox | None) -> str:
            return (combo.currentData() or "") if combo is not None else ""

        return ListFilters(
            jurisdiction=data(self.jurisdiction), industry=data(self.industry), status=data(self.status),
            kind=data(self.visit_kind), search=self.search.text().strip(), risk_class=data(self.risk),
            date_from=self.date_from.iso() if self.date_from else "",
            date_to=self.date_to.iso() if self.date_to else "",
            deleted=self.deleted_rows is not None and self.deleted_rows.on(),
        )

    def apply(self) -> None:
        self._search_timer.stop()
        self.model.set_filters(replace(self.filters(), ids=self._preset))
        self.preset_label.setVisible(self._preset is not None)

    def set_filters(self, values: dict[str, Any]) -> None:
        """Show the list filtered as asked. Keys beyond the filter bar's (e.g. a dashboard figure's
        `state`) restrict the list to the records that figure counts."""
        known = {f.name for f in fields(ListFilters)} - {"ids", "deleted"}
        wanted = replace(ListFilters(), **{k: str(v) for k, v in values.items() if k in known})
        self._preset = None
        if any(k not in known for k in values):
            self._preset = records_behind(self.store, self.kind, values)
        widgets: list[QWidget] = [self.search, self.jurisdiction, self.industry]
        widgets += [w for w in (self.status, self.visit_kind, self.risk, self.date_from, self.date_to) if w]
        for w in widgets:
            w.blockSignals(True)
        self.search.setText(wanted.search)
        for combo, value in ((self.jurisdiction, wanted.jurisdiction), (self.industry, wanted.industry),
                             (self.status, wanted.status), (self.visit_kind, wanted.kind),
                             (self.risk, wanted.risk_class)):
            if combo is not None:
                combo.setCurrentIndex(max(combo.findData(value), 0))
        if self.date_from is not None:
            self.date_from.set_iso(wanted.date_from)
            self.date_to.set_iso(wanted.date_to)
        for w in widgets:
            w.blockSignals(False)
        self.apply()

    def clear_filters(self) -> None:
        self._preset = None
        self.set_filters({})

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- sorting, selection, opening -----------------------------------------------------
    def _on_sort(self, column: int, order: Qt.SortOrder) -> None:
        if self.model.is_sortable(column):
            self.model.sort(column, order)
        else:  # put the indicator back where the data really is sorted
            header = self.view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
            header.blockSignals(False)

    def selected_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return self.model.data(index, ID_ROLE)

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        return True

    def _on_activated(self, index: Any) -> None:
        record_id = self.model.data(index, ID_ROLE)
        if record_id is not None:
            self.open_requested.emit(self.kind, int(record_id))

    def open_selected(self) -> bool:
        record_id = self.selected_id()
        if record_id is None:
            return False
        self.open_requested.emit(self.kind, record_id)
        return True

    def refresh(self) -> None:
        """Re-read after an edit, keeping the selected record selected if it is still listed."""
        keep = self.selected_id()
        self._choices = filter_choices(self.store)
        last = self.view.rowAt(self.view.viewport().height() - 1)  # the last row shown (-1: blank below)
        last = last if last >= 0 else self.model.rowCount() - 1
        self.model.refresh(in_use=max(self.view.currentIndex().row(), last) + 1)
        if keep is not None:
            self.select_id(keep)

    def refresh_for_new_day(self) -> None:
        """The same list counted to the new day, where the reader left it: the selected order
        stays selected and the list keeps its scroll position."""
        bar = self.view.verticalScrollBar()
        at = bar.value()
        self.refresh()
        bar.setValue(at)

    # --- total count ---------------------------------------------------------------------
    def _start_count(self) -> None:
        self._count_generation += 1
        generation = self._count_generation
        if self._count_job is not None and not self._count_job.done:
            self._count_job.cancel()
        request = self.model.request
        if self.store.path is None:  # in-memory store: count here, it is small
            self._show_count(generation, counts(self.model.source))
            return
        self.count_label.setText(_Q.translate("ListPage", "Counting…"))

        def work(store: Store, progress: Any) -> tuple[int, int] | None:
            from qcdesk.models.listing import ListSource

            return counts(ListSource(store, request), lambda: progress.cancelled)

        self._count_job = start_job(work, db_path=Path(self.store.path), parent=self)
        self._count_job.succeeded.connect(lambda n, g=generation: self._show_count(g, n))
        self._count_job.failed.connect(lambda msg, g=generation: self._show_count(g, None, msg))

    def _show_count(self, generation: int, count: tuple[int, int] | None, error: str = "") -> None:
        if generation != self._count_generation or count is None and not error:
            return
        self._last_count = (count, error)
        if count is None:
            text = _Q.translate("ListPage", "Total: ?")
        else:
            text = _Q.translate("ListPage", "Total: %1").replace("%1", f"{count[0]:,}") + deleted_part(count)
        self.count_label.setText(text)
        self.count_label.setToolTip(error)
        self.count_changed.emit(text)

    def wait_for_count(self, timeout_ms: int = 30000) -> None:
        """Tests and the bench: block until this page's count has arrived. It waits for its own
        job, not the whole pool for a while: at start-up the window's other workers (risk pass,
        warnings, dashboard, zones) share the pool, and on a loaded machine the count came
        after a fixed 5 s wait (the page still read 正在统计…)."""
        from PySide6.QtCore import QDeadlineTimer, QThread

        deadline = QDeadlineTimer(timeout_ms)
        counting = _Q.translate("ListPage", "Counting…")
        while not deadline.hasExpired() and (  # a refresh may start a new count meanwhile
                self._count_job is not None and not self._count_job.done
                or self.count_label.text() == counting):
            QCoreApplication.processEvents()
            QThread.msleep(5)
        QCoreApplication.processEvents()

    # --- settings and language -----------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"lists/{self.kind}/header", self.view.horizontalHeader().saveState())
        self.deleted_rows and self.deleted_rows.save(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.deleted_rows and self.deleted_rows.restore(settings)
        state = stored_bytes(settings, f"lists/{self.kind}/header")  # a damaged qcdesk.ini: defaults
        header = self.view.horizontalHeader()
        if state is not None and header.restoreState(state):
            column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
            if self.model.is_sortable(column):
                self.model.sort(column, order)
            self._on_sort(self.model.sort_column(), self.model.sort_order())
        # widths saved before the texts grew (an older version, another language) are widened
        fit_columns(self.view, self.model.columns(), self.kind, first=False)
        self._last_column.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fit_filters(self) -> None:
        """After a language switch the filter boxes need their new texts' widths: QComboBox keeps
        its minimum size hint from the old texts, so the bar squeezed them ("All industrie…")
        and the window stayed narrower than a fresh start in that language opens it."""
        for combo in (self.jurisdiction, self.industry, self.risk, self.visit_kind, self.status):
            if combo is not None:
                combo.setMinimumWidth(combo.sizeHint().width())
        QTimer.singleShot(0, self, self._fit_window)

    def _fit_window(self) -> None:
        top = self.window()
        if top is self or not self.isVisible():
            return  # the window is widened when the page is shown
        need = top.width() - self.width() + self.minimumSizeHint().width()
        if top.width() < need:
            top.resize(need, top.height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit_window)

    def retranslate(self) -> None:
        names = dict(self._choices["jurisdiction"])
        # Short enough to be read whole in either language; the tooltip says it all.
        self.search.setPlaceholderText({
            ENTERPRISES: _Q.translate("ListPage", "Name, credit code, product"),
            VISITS: _Q.translate("ListPage", "Enterprise, product, finding"),
            # a clerk holding the paper notice looks for its 文号 first
            RECTIFICATIONS: _Q.translate("ListPage", "Notice number, enterprise, product, finding"),
        }[self.kind])
        self.search.setToolTip(search_scope(self.kind) + " " + _Q.translate(
            "ListPage", "Ctrl+F. Words separated by spaces must all be found, in any order."))
        self.search.setMinimumWidth(max(220, self.search.fontMetrics().horizontalAdvance(
            self.search.placeholderText()) + 36))  # + frame, margins and the clear button
        self._fill_combo(self.jurisdiction, _Q.translate("ListPage", "All jurisdictions"),
                         [(code, labels.jurisdiction_filter(code, name)) for code, name in names.items()])
        self._fill_combo(self.industry, _Q.translate("ListPage", "All industries"),
                         self._choices["industry"])
        self._fill_combo(self.risk, _Q.translate("ListPage", "All risk classes"),
                         list(labels.risk_classes().items()))
        if self.kind == VISITS:
            self._fill_combo(self.visit_kind, _Q.translate("ListPage", "All kinds"),
                             list(labels.visit_kinds().items()))
            self._fill_combo(self.status, _Q.translate("ListPage", "All statuses"),
                             list(labels.visit_statuses().items()))
            self.date_label.setText(_Q.translate("ListPage", "Visit date"))
        elif self.kind == RECTIFICATIONS:
            statuses = list(labels.rectification_statuses().items())
            statuses.sort(key=lambda item: item[0] not in (UNFINISHED, DUE_SOON, OVERDUE))  # these first
            self._fill_combo(self.status, _Q.translate("ListPage", "All statuses"), statuses)
            self.date_label.setText(_Q.translate("ListPage", "Ordered on"))
        self.clear_button.setText(_Q.translate("ListPage", "Clear filters"))
        self.preset_label.setText(_Q.translate("ListPage", "Only the records behind the dashboard figure"))
        for edit in (self.date_from, self.date_to):
            if edit is not None:
                edit.setPlaceholderText(_Q.translate("ListPage", "Any date"))
        self.model.retranslate()
        self.deleted_rows and self.deleted_rows.retranslate()
        fit_columns(self.view, self.model.columns(), self.kind, first=False)
        self._last_column.update()
        self._fit_filters()
        if self._last_count is not None:
            self._show_count(self._count_generation, *self._last_count)
