"""One enterprise's quality file at a glance: its data, its visits, its open rectification orders.

Editors open window-modal (not blocking), and the page re-reads the store whenever one saves or
closes. A firm may have thousands of visits: they are a lazy list model (keyset pages, as the
lists), and no table re-measures its rows cell by cell while it is filled.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import local_day
from qcdesk.models.editor_queries import rectifications_of_enterprise, retest_passed_orders
from qcdesk.models.enterprises import enterprise_licences
from qcdesk.models.listing import RECTIFICATIONS, VISITS, ListFilters, ListRequest
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.risk import risk_for
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import colours
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.forms import ERROR_COLOUR, visit_kind_texts, visit_status_texts
from qcdesk.ui.labels import certification_labels, joined
from qcdesk.ui.list_model import ID_ROLE, Column, LazyListModel, clock_colour
from qcdesk.ui.place_names import jurisdictions
from qcdesk.ui.record_opening import shown_instead
from qcdesk.ui.rectification_dialog import RectificationDialog, days_text, rectification_clock, status_text
from qcdesk.ui.row_list_model import fit_columns
from qcdesk.ui.visit_editor import VisitEditor
from qcdesk.ui.workers import ui_lang


def _set_up(table: QTableView, name: str) -> None:
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    _set_up(table, name)
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    """Put the rows in with the header's sizing held and painting off, then size once. With
    ResizeToContents live, every setItem re-measured every row of the shown table: a refresh
    grew with the square of the rows (847 visits froze the window for over two minutes)."""
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(table.columnCount())]
    table.setUpdatesEnabled(False)
    try:
        for column, mode in enumerate(modes):
            if mode == QHeaderView.ResizeMode.ResizeToContents:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setRowCount(len(rows))
        for row, items in enumerate(rows):
            for column, item in enumerate(items):
                table.setItem(row, column, item)
    finally:
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)  # one measuring pass, after the fill
        table.setUpdatesEnabled(True)


def _kept_place(table: QTableView, role: int) -> tuple[int | None, int]:
    """The selected row's record id (held in `role` of its first cell) and the scroll position,
    to put back after a refresh: a clerk who opened the 300th visit and closed it is still there."""
    index, model, scroll = table.currentIndex(), table.model(), table.verticalScrollBar().value()
    if model is None or not index.isValid() or not table.selectionModel().isRowSelected(index.row()):
        return None, scroll
    return model.index(index.row(), 0).data(role), scroll


def _restore_place(table: QTableView, row: int, scroll: int) -> None:
    table.doItemsLayout()  # the scroll range of the new rows, before the position is put back
    if row >= 0:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        table.selectionModel().setCurrentIndex(table.model().index(row, 0), flags)
    table.verticalScrollBar().setValue(scroll)


class EnterprisePage(QWidget):
    """The enterprise file page; `changed` fires after anything was saved from it."""

    changed = Signal()

    def __init__(self, store: Store, paths: AppPaths, enterprise_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.paths = paths
        self.enterprise_id = enterprise_id
        self.dialog: QDialog | None = None
        self.setObjectName("enterprisePage")
        self.title = QLabel()
        self.title.setObjectName("enterpriseTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton(self.tr("&Edit file"))
        self.edit_button.setObjectName("editEnterpriseButton")
        self.edit_button.clicked.connect(self.edit_enterprise)
        self.visit_button = QPushButton(self.tr("&New visit"))
        self.visit_button.setObjectName("newVisitButton")
        self.visit_button.clicked.connect(lambda: self.open_visit(None))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.edit_button)
        header.addWidget(self.visit_button)
        # Internal supervision class: shown here only, never printed on a document for the enterprise.
        self.risk_label = QLabel()
        self.risk_label.setObjectName("riskLabel")
        self.risk_reasons = QLabel()
        self.risk_reasons.setObjectName("riskReasons")
        self.risk_reasons.setWordWrap(True)
        self.risk_reasons.setStyleSheet(colours.text_css(colours.MUTED))

        self.facts: dict[str, QLabel] = {}
        # two pairs a row: ten rows of one left the visits and orders one row each at 574 px
        # (review, small laptop)
        facts = QGridLayout()
        facts.setColumnStretch(1, 1)
        facts.setColumnStretch(3, 1)
        facts.setHorizontalSpacing(12)
        for n, (key, label) in enumerate((
            ("uscc", self.tr("Credit code:")), ("jurisdiction", self.tr("Jurisdiction:")),
            ("industry", self.tr("Industry:")), ("products", self.tr("Main products:")),
            ("address", self.tr("Address:")), ("flags", self.tr("Status:")),
            ("certifications", self.tr("Certifications:")), ("licences", self.tr("Licences:")),
            ("legal", self.tr("Legal representative:")), ("contact", self.tr("Contact:")),
        )):
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name = QLabel(label)
            name.setBuddy(value)
            top = Qt.AlignmentFlag.AlignTop
            facts.addWidget(name, n // 2, 2 * (n % 2), top | Qt.AlignmentFlag.AlignLeft)
            facts.addWidget(value, n // 2, 2 * (n % 2) + 1, top)
            self.facts[key] = value

        self.visits = QTableView()
        _set_up(self.visits, "visitsTable")
        self.visit_model: LazyListModel | None = None  # made by the first refresh
        self._kinds, self._statuses = visit_kind_texts(), visit_status_texts()
        self.visits.activated.connect(lambda index: self.open_visit(index.data(ID_ROLE)))
        self.rects = _table([self.tr("Requirement"), self.tr("Ordered"), self.tr("Deadline"),
                             self.tr("Days left"), self.tr("Status")], "rectificationsTable")
        self.rects.horizontalHeader().setStretchLastSection(False)
        self.rects.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rects.itemActivated.connect(lambda item: self.open_rectification(self._row_id(self.rects, item)))
        visits_box = QGroupBox(self.tr("Visits (Enter or double-click to open)"))
        QVBoxLayout(visits_box).addWidget(self.visits)
        rects_box = QGroupBox(self.tr("Open rectification orders"))
        QVBoxLayout(rects_box).addWidget(self.rects)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.risk_label)
        layout.addWidget(self.risk_reasons)
        layout.addLayout(facts)
        layout.addWidget(visits_box, 3)
        layout.addWidget(rects_box, 2)
        self.refresh()

    def refresh(self) -> None:
        e = fetch_record(self.store, Enterprise, self.enterprise_id)
        if e is None:
            self.title.setText(self.tr("Enterprise not found"))
            return
        names = dict(jurisdictions(self.store))
        self.title.setText(e.name)
        flags = [text for on, text in ((e.above_scale, self.tr("above designated size")),
                                       (e.in_improvement, self.tr("in the quality improvement programme")),
                                       (e.demonstration, self.tr("demonstration enterprise"))) if on]
        licences = [x.number + (self.tr(" (expires %1)").replace("%1", x.expires_on) if x.expires_on else "")
                    for x in enterprise_licences(self.store, e.id)]
        contact = "  ".join(p for p in (e.contact_name, e.contact_phone) if p)  # 法定代表人 on its own row
        for key, value in (
            ("uscc", e.uscc), ("jurisdiction", names.get(e.jurisdiction_code, e.jurisdiction_code)),
            ("industry", e.industry), ("products", e.main_products), ("address", e.address),
            ("flags", joined(flags)),  # the page's language: 、 or ", " (an English page read " , ")
            ("certifications", joined(certification_labels().get(c, c) for c in e.certifications.split("；")
                                      if c.strip())),
            ("licences", joined(licences)), ("legal", e.legal_representative), ("contact", contact),
        ):
            self.facts[key].setText(value or "—")
        self._show_risk(e.id)

        self._refresh_visits(e.id)
        record, scroll = _kept_place(self.rects, Qt.ItemDataRole.UserRole)
        today = local_day.today()
        rects = rectifications_of_enterprise(self.store, e.id, open_only=True)
        passed = retest_passed_orders(self.store, [r.id for r in rects])  # 复检合格待撤销, not late
        rows = []
        for r in rects:
            days, _late = days_text(r, today, r.id in passed)
            colour = clock_colour(rectification_clock(r, today, r.id in passed))  # as the list: red or amber
            items = [QTableWidgetItem(value) for value in (
                r.requirement.splitlines()[0][:60] if r.requirement else "", r.ordered_on,
                r.effective_deadline, days, status_text(r.status, r.closing_reason))]
            items[0].setData(Qt.ItemDataRole.UserRole, r.id)
            items[0].setToolTip(r.requirement)
            if colour:
                items[3].setForeground(QColor(colours.readable(colour)))
            rows.append(items)
        _fill(self.rects, rows)
        _restore_place(self.rects, next((i for i, r in enumerate(rects) if r.id == record), -1), scroll)

    def _refresh_visits(self, enterprise_id: int) -> None:
        """Re-read the visits where the reader left them: as many rows loaded as before, the
        selected visit selected, the same scroll position."""
        record, scroll = _kept_place(self.visits, ID_ROLE)
        self._kinds, self._statuses = visit_kind_texts(), visit_status_texts()
        if self.visit_model is None:
            request = ListRequest(VISITS, ListFilters(of_enterprise=enterprise_id))
            self.visit_model = LazyListModel(self.store, request, self._visit_columns(), parent=self)
            self.visits.setModel(self.visit_model)
        else:
            self.visit_model.refresh()
        fit_columns(self.visits)
        _restore_place(self.visits, -1 if record is None else self.visit_model.row_of(record), scroll)

    def _visit_columns(self) -> list[Column]:
        """Date, kind, status, inspectors, conclusion: the visit list's values in the page's words."""
        def names(row: dict[str, Any]) -> str:  # the core joins them with 、
            return joined(row["inspectors"].split("、")) if row["inspectors"] else ""

        return [
            Column("visit_date", lambda: self.tr("Date")),
            Column("kind", lambda: self.tr("Kind"), lambda r: self._kinds.get(r["kind"], r["kind"])),
            Column("status", lambda: self.tr("Status"),
                   lambda r: self._statuses.get(r["status"], r["status"])),
            Column("inspectors", lambda: self.tr("Inspectors"), names),
            Column("conclusion", lambda: self.tr("Conclusion")),
        ]

    def _show_risk(self, enterprise_id: int) -> None:
        """Class and the reasons behind it, computed fresh so a save just made is reflected."""
        found = risk_for(self.store, enterprise_id)
        if found is None:
            self.risk_label.setText(self.tr("Risk class: not assessed"))
            self.risk_reasons.clear()
            self.risk_label.setToolTip("")
            return
        names = {"A": self.tr("low risk"), "B": self.tr("lower risk"), "C": self.tr("higher risk"),
                 "D": self.tr("high risk")}
        self.risk_label.setText(self.tr("Risk class: %1 (%2)").replace("%1", found.risk_class)
                                .replace("%2", names.get(found.risk_class, "")))
        colour = ERROR_COLOUR if found.risk_class in ("C", "D") else colours.OK
        self.risk_label.setStyleSheet(f"font-weight: bold; {colours.text_css(colour)}")
        lang = ui_lang()
        reasons = found.reason_texts(lang)  # worded from the same parts the CLI prints in Chinese
        self.risk_label.setToolTip("\n".join(reasons))
        joined = ("; " if lang.startswith("en") else "；").join(reasons)
        self.risk_reasons.setText(self.tr("Why this class:") + " " + joined if reasons else "")

    @staticmethod
    def _row_id(table: QTableWidget, item: QTableWidgetItem) -> int:
        return table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)

    # -- opening editors -----------------------------------------------------------------
    def _show(self, dialog: QDialog) -> QDialog:
        """Window-modal and non-blocking: the page refreshes when the dialog saves or closes."""
        self.dialog = dialog
        saved = getattr(dialog, "saved", None) or getattr(dialog, "changed", None)
        if saved is not None:
            saved.connect(self._after_save)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _after_save(self) -> None:
        self.refresh()
        self.changed.emit()

    def edit_enterprise(self) -> QDialog:
        return self._show(EnterpriseEditor(self.store, self.paths, self.enterprise_id, self))

    def open_visit(self, visit_id: int | None) -> QWidget:
        """A visit already open elsewhere is brought to the front, not opened twice."""
        if (shown := shown_instead(self, VISITS, visit_id)) is not None:
            return shown
        if visit_id is None:
            editor = VisitEditor(self.store, self.paths, enterprise_id=self.enterprise_id, parent=self)
        else:
            editor = VisitEditor(self.store, self.paths, visit_id=visit_id, parent=self)
        return self._show(editor)

    def open_rectification(self, rectification_id: int) -> QWidget:
        if (shown := shown_instead(self, RECTIFICATIONS, rectification_id)) is not None:
            return shown
        return self._show(RectificationDialog(self.store, self.paths, rectification_id, self))
