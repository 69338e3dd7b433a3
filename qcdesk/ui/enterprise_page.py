"""One enterprise's quality file at a glance: its data, its visits, its open rectification orders.

Editors open window-modal (not blocking), and the page re-reads the store whenever one saves.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.editor_queries import (
    rectifications_of_enterprise,
    retest_passed_orders,
    visits_of_enterprise,
)
from qcdesk.models.enterprises import enterprise_licences, jurisdictions
from qcdesk.models.inspections import inspector_names
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.models.risk import risk_for
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.forms import ERROR_COLOUR, visit_kind_texts, visit_status_texts
from qcdesk.ui.labels import joined
from qcdesk.ui.list_model import clock_colour
from qcdesk.ui.rectification_dialog import RectificationDialog, days_text, rectification_clock, status_text
from qcdesk.ui.visit_editor import VisitEditor
from qcdesk.ui.workers import ui_lang


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


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
        self.risk_reasons.setStyleSheet("color: #555;")

        self.facts: dict[str, QLabel] = {}
        facts = QFormLayout()
        for key, label in (
            ("uscc", self.tr("Credit code:")), ("jurisdiction", self.tr("Jurisdiction:")),
            ("industry", self.tr("Industry:")), ("products", self.tr("Main products:")),
            ("address", self.tr("Address:")), ("flags", self.tr("Status:")),
            ("certifications", self.tr("Certifications:")), ("licences", self.tr("Licences:")),
            ("contact", self.tr("Contact:")),
        ):
            value = QLabel()
            value.setObjectName(f"fact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(label, value)
            self.facts[key] = value

        self.visits = _table([self.tr("Date"), self.tr("Kind"), self.tr("Status"), self.tr("Inspectors"),
                              self.tr("Conclusion")], "visitsTable")
        self.visits.itemActivated.connect(lambda item: self.open_visit(self._row_id(self.visits, item)))
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
        layout.addWidget(visits_box, 2)
        layout.addWidget(rects_box, 1)
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
        contact = "  ".join(p for p in (e.legal_representative, e.contact_name, e.contact_phone) if p)
        for key, value in (
            ("uscc", e.uscc), ("jurisdiction", names.get(e.jurisdiction_code, e.jurisdiction_code)),
            ("industry", e.industry), ("products", e.main_products), ("address", e.address),
            ("flags", "，".join(flags)), ("certifications", e.certifications),
            ("licences", "；".join(licences)), ("contact", contact),
        ):
            self.facts[key].setText(value or "—")
        self._show_risk(e.id)

        kinds, statuses = visit_kind_texts(), visit_status_texts()
        visits = visits_of_enterprise(self.store, e.id)
        uuids = list(dict.fromkeys(u for v in visits for u in v.inspectors))  # each name looked up once
        people = dict(zip(uuids, inspector_names(self.store, uuids), strict=True))
        self.visits.setRowCount(len(visits))
        for row, v in enumerate(visits):
            values = (v.visit_date, kinds.get(v.kind, v.kind), statuses.get(v.status, v.status),
                      joined(people[u] for u in v.inspectors), v.conclusion)
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, v.id)
                self.visits.setItem(row, col, item)

        today = date.today()
        rects = rectifications_of_enterprise(self.store, e.id, open_only=True)
        passed = retest_passed_orders(self.store, [r.id for r in rects])  # 复检合格待撤销, not late
        self.rects.setRowCount(len(rects))
        for row, r in enumerate(rects):
            days, _late = days_text(r, today, r.id in passed)
            colour = clock_colour(rectification_clock(r, today, r.id in passed))  # as the list: red or amber
            values = (r.requirement.splitlines()[0][:60] if r.requirement else "", r.ordered_on,
                      r.effective_deadline, days, status_text(r.status, r.closing_reason))
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, r.id)
                    item.setToolTip(r.requirement)
                if colour and col == 3:
                    item.setForeground(QColor(colour))
                self.rects.setItem(row, col, item)

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
        colour = ERROR_COLOUR if found.risk_class in ("C", "D") else "#2e7d32"
        self.risk_label.setStyleSheet(f"font-weight: bold; color: {colour};")
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

    def open_visit(self, visit_id: int | None) -> QDialog:
        if visit_id is None:
            editor = VisitEditor(self.store, self.paths, enterprise_id=self.enterprise_id, parent=self)
        else:
            editor = VisitEditor(self.store, self.paths, visit_id=visit_id, parent=self)
        return self._show(editor)

    def open_rectification(self, rectification_id: int) -> QDialog:
        return self._show(RectificationDialog(self.store, self.paths, rectification_id, self))
