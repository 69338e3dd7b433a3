"""The visit editor (检查记录): header, inspectors, samples, findings, orders and re-check outcome.

Everything is collected from the form and saved with one call, in one transaction; a visit that
went out in a signed package opens read-only and is corrected in amend mode (visit_amend.py).
"""

from __future__ import annotations

import copy
from dataclasses import replace

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import local_day
from qcdesk.models.conflict_names import RecordNames
from qcdesk.models.editor_queries import (
    order_subjects,
    recheckable_rectifications,
    retest_passed_orders,
    sample_defaults,
    save_visit_with_recheck,
)
from qcdesk.models.inspections import VisitBundle, inspector_names, load_visit, roster
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import fetch_record, plain_values
from qcdesk.models.records import KINDS_WITH_SAMPLES, Rectification, Sample, Visit
from qcdesk.models.stale_fields import is_stale
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import colours
from qcdesk.ui.date_notes import DateNotes
from qcdesk.ui.enterprise_picker import EnterprisePicker
from qcdesk.ui.field_message import spoken_name
from qcdesk.ui.findings_tab import FindingsTab
from qcdesk.ui.forms import (
    ERROR_COLOUR,
    EditorDialog,
    date_edit,
    iso,
    issue_text,
    set_combo_data,
    visit_kind_texts,
    visit_status_texts,
)
from qcdesk.ui.inspector_chooser import describe_inspector
from qcdesk.ui.order_basis_guard import guard_removals
from qcdesk.ui.order_dialog import issue_order
from qcdesk.ui.pdf_preview import RenderJob, preview_record_document
from qcdesk.ui.place_names import jurisdictions
from qcdesk.ui.recheck_confirm import confirm_settling
from qcdesk.ui.recheck_outcome import follow_order_basis
from qcdesk.ui.record_window import FormScroll, fit_to_screen
from qcdesk.ui.rectification_dialog import order_label, status_text
from qcdesk.ui.repeat_check_note import RepeatCheckNote
from qcdesk.ui.stale_save import resolve_visit
from qcdesk.ui.visit_amend import AmendMode, show_locked
from qcdesk.ui.visit_orders import OrdersBox
from qcdesk.ui.visit_tabs import SamplesTab


class VisitEditor(EditorDialog):
    """New visit (for an enterprise) or an existing one; `recheck_of` presets a re-check visit."""

    def __init__(self, store: Store, paths: AppPaths, *, visit_id: int | None = None,
                 enterprise_id: int | None = None, recheck_of: int | None = None,
                 parent: QWidget | None = None, settings: QSettings | None = None,
                 lang: str | None = None):
        super().__init__(parent, settings=settings, lang=lang)
        self.store = store
        self.paths = paths
        bundle = load_visit(store, visit_id) if visit_id else None
        if bundle is None:
            visit = Visit(enterprise_id=enterprise_id, visit_date=local_day.today().isoformat())
            if store.author and any(i.uuid == store.author for i in roster(store)):
                visit.inspectors = [store.author]
            rect = fetch_record(store, Rectification, recheck_of) if recheck_of else None
            if rect is not None:
                visit.kind = "recheck"
                visit.enterprise_id = rect.enterprise_id
                visit.rectification_id = rect.id
            bundle = VisitBundle(visit)
        self.bundle = bundle
        self.amend: AmendMode | None = None  # a sent visit's 更正 mode, made by show_locked
        self._build()
        self._load()
        self.mark_clean()
        self.restore_geometry()
        (self.date_edit if self.bundle.visit.enterprise_id else self.enterprise_combo).setFocus()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.setObjectName("visitEditor")
        fit_to_screen(self, QSize(980, 720))
        self.banner = QLabel()
        self.banner.setObjectName("lockedBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"{colours.warning_box()} padding: 6px;")  # text too: not white on yellow
        self.banner.setVisible(False)
        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(colours.text_css(ERROR_COLOUR))
        self.general_error.setVisible(False)
        self.status_note = QLabel()
        self.status_note.setObjectName("statusNote")

        self.enterprise_combo = EnterprisePicker(self.store)  # searches as the user types
        self.enterprise_combo.setObjectName("enterpriseCombo")
        self.enterprise_combo.setMinimumWidth(360)
        self.date_edit = date_edit()
        self.date_edit.setObjectName("visitDateEdit")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        for code, text in visit_kind_texts().items():
            self.kind_combo.addItem(text, code)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for code, text in visit_status_texts().items():
            if code != "planned" or self.bundle.visit.status == "planned":
                self.status_combo.addItem(text, code)
        self.inspector_list = QListWidget()
        self.inspector_list.setObjectName("inspectorList")
        self.inspector_list.setMaximumHeight(110)
        self._fill_inspectors(self.bundle.visit.inspectors)
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setObjectName("summaryEdit")
        self.summary_edit.setTabChangesFocus(True)
        self.conclusion_edit = QPlainTextEdit()
        self.conclusion_edit.setObjectName("conclusionEdit")
        self.conclusion_edit.setTabChangesFocus(True)
        self.conclusion_edit.setMaximumHeight(80)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors.add_row(form, self.tr("&Enterprise:"), "enterprise_id", self.enterprise_combo)
        self.errors.add_row(form, self.tr("&Date:"), "visit_date", self.date_edit)
        self.errors.add_row(form, self.tr("&Kind:"), "kind", self.kind_combo)
        self.errors.add_row(form, self.tr("S&tatus:"), "status", self.status_combo)
        roster_button = QPushButton(self.tr("Inspector roster…"))
        roster_button.setObjectName("rosterButton")
        roster_button.setToolTip(self.tr("Add or correct inspectors, then tick them here"))
        roster_button.clicked.connect(self._edit_roster)
        self.roster_button = roster_button
        inspectors = QWidget()
        inspectors_layout = QHBoxLayout(inspectors)
        inspectors_layout.setContentsMargins(0, 0, 0, 0)
        inspectors_layout.addWidget(self.inspector_list, 1)
        inspectors_layout.addWidget(roster_button, 0, Qt.AlignmentFlag.AlignTop)
        self.errors.add_row(form, self.tr("&Inspectors:"), "inspectors", inspectors,
                            named=self.inspector_list)
        self.errors.add_row(form, self.tr("Su&mmary:"), "summary", self.summary_edit)
        self.errors.add_row(form, self.tr("Co&nclusion:"), "conclusion", self.conclusion_edit)

        # Re-check of an earlier order
        self.recheck_box = QGroupBox(self.tr("Re-check of a rectification order"))
        self.recheck_box.setObjectName("recheckBox")
        self.recheck_combo = QComboBox()
        self.recheck_combo.setObjectName("recheckCombo")
        self.outcome_combo = QComboBox()
        self.outcome_combo.setObjectName("outcomeCombo")
        self.outcome_combo.addItem(self.tr("(not decided yet)"), None)
        self.outcome_combo.addItem(self.tr("Pass — closes the order"), True)
        follow_order_basis(self.store, self.recheck_combo, self.outcome_combo)  # Fail: escalate or not
        self.outcome_combo.currentIndexChanged.connect(self._outcome_changed)
        self.recheck_state = QLabel()
        self.recheck_state.setObjectName("recheckState")
        recheck_form = QFormLayout(self.recheck_box)
        self.errors.add_row(recheck_form, self.tr("Order &re-checked:"), "recheck", self.recheck_combo)
        self.errors.add_row(recheck_form, self.tr("O&utcome:"), "outcome", self.outcome_combo)
        recheck_form.addRow(self.recheck_state)

        # Orders issued on this visit
        orders_box = OrdersBox(self.tr("Rectification orders issued on this visit (double-click to open)"),
                               self.store, self.paths)
        self.orders_box, self.orders_list = orders_box, orders_box.list

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.addLayout(form)
        main_layout.addWidget(self.recheck_box)
        main_layout.addWidget(orders_box)

        self.samples_tab = SamplesTab(self.lang, self._sample_defaults,
                                      person_name=RecordNames(self.store).person)
        self.findings_tab = FindingsTab(self.lang, self.paths.photos_dir)
        guard_removals(self, self.store, self.lang, self.samples_tab, self.findings_tab)
        spoken_name(self.samples_tab.list, lambda: self.tr("Samples"))  # the lists have no label
        spoken_name(self.findings_tab.list, lambda: self.tr("Findings"))
        for tab in (self.samples_tab, self.findings_tab):
            button = QPushButton(self.tr("Order &rectification…"))
            button.setObjectName("orderRectificationButton")
            button.setToolTip(self.tr("Issue a rectification order for the selected saved item"))
            button.clicked.connect(lambda _=False, t=tab: self._order_rectification(t))
            tab.action_row.addWidget(button)
            QWidget.setTabOrder(tab.remove_button, button)  # Tab: after 添加/删除, not after the form
            tab.order_button = button
        self.sample_doc_button = QPushButton(self.tr("Sampling form…"))
        self.sample_doc_button.setObjectName("sampleDocumentButton")
        self.sample_doc_button.setToolTip(self.tr("Preview the sampling form of the selected saved sample"))
        self.sample_doc_button.clicked.connect(lambda: self._show_document("sample"))
        self.samples_tab.action_row.addWidget(self.sample_doc_button)
        QWidget.setTabOrder(self.samples_tab.order_button, self.sample_doc_button)
        self.visit_doc_button = QPushButton(self.tr("Inspection record…"))
        self.visit_doc_button.setObjectName("visitDocumentButton")
        self.visit_doc_button.setToolTip(self.tr("Preview this visit's on-site inspection record"))
        self.visit_doc_button.clicked.connect(lambda: self._show_document("visit"))
        self.document_job: RenderJob | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("visitTabs")
        self.tabs.addTab(FormScroll(main), self.tr("&Visit"))  # Save / Close stay on a short screen
        self.tabs.addTab(self.samples_tab, self.tr("Samp&les"))
        self.tabs.addTab(self.findings_tab, self.tr("&Findings"))

        buttons = self.make_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.general_error)
        layout.addWidget(self.tabs)
        bottom = QHBoxLayout()
        bottom.addWidget(self.visit_doc_button)
        bottom.addWidget(self.status_note)
        bottom.addWidget(buttons, 1)
        layout.addLayout(bottom)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.enterprise_combo.currentIndexChanged.connect(self._fill_rechecks)
        self.inspector_list.itemChanged.connect(self._inspectors_changed)
        self.repeat_note = RepeatCheckNote(self)  # the 6-month rule of spot checks, a warning
        self.date_notes = DateNotes(self)  # a visit in 1926, a 生产日期 after today…: warnings

    # -- load / collect ------------------------------------------------------------------
    def _load(self) -> None:
        visit = self.bundle.visit
        self.enterprise_combo.select(visit.enterprise_id)
        name = self.enterprise_combo.currentText() if visit.enterprise_id else ""
        title = self.tr("Visit record") if visit.id else self.tr("New visit")
        self.setWindowTitle(f"{title} — {name}" if name else title)
        self.date_edit.setDate(date_edit(visit.visit_date).date())
        set_combo_data(self.kind_combo, visit.kind)
        set_combo_data(self.status_combo, visit.status)
        self.inspector_list.blockSignals(True)
        for i in range(self.inspector_list.count()):
            item = self.inspector_list.item(i)
            chosen = item.data(Qt.ItemDataRole.UserRole) in visit.inspectors
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.inspector_list.blockSignals(False)
        self.summary_edit.setPlainText(visit.summary)
        self.conclusion_edit.setPlainText(visit.conclusion)
        self.samples_tab.load(self.bundle.samples)
        self.findings_tab.load_with_photos(self.bundle.findings, self.bundle.photos)
        self._fill_rechecks()
        self._kind_changed()
        self._fill_orders()
        if visit.locked_package:  # read-only, corrected with 更正… and a reason (visit_amend.py)
            show_locked(self)

    def _sample_defaults(self) -> dict[str, object]:
        """A new sample starts with the samplers ticked here, the visit date and the enterprise's data."""
        values: dict[str, object] = dict(sample_defaults(self.store, self._enterprise_id()))
        values["samplers"] = inspector_names(self.store, self._checked_inspectors())
        values["sampled_on"] = iso(self.date_edit)
        return values

    def _enterprise_id(self) -> int | None:
        """The enterprise whose name is in the box (typed text that names none gives None)."""
        return self.enterprise_combo.enterprise_id()

    def _checked_inspectors(self) -> list[str]:
        """Ticked inspectors, those already recorded first in their recorded order (the list
        shows them in pinyin order; an untouched visit must save unchanged)."""
        ticked = [self.inspector_list.item(i).data(Qt.ItemDataRole.UserRole)
                  for i in range(self.inspector_list.count())
                  if self.inspector_list.item(i).checkState() == Qt.CheckState.Checked]
        recorded = [u for u in self.bundle.visit.inspectors if u in ticked]
        return recorded + [u for u in ticked if u not in recorded]

    def collect(self) -> VisitBundle:
        """A fresh bundle from the form (the loaded one kept until saved); only a re-check keeps its order."""
        visit = copy.deepcopy(self.bundle.visit)
        visit.enterprise_id = self._enterprise_id()
        visit.visit_date = iso(self.date_edit)
        visit.kind = self.kind_combo.currentData()
        visit.rectification_id = visit.rectification_id if visit.kind == "recheck" else None
        visit.status = self.status_combo.currentData()
        visit.inspectors = self._checked_inspectors()
        visit.summary = self.summary_edit.toPlainText().strip()
        visit.conclusion = self.conclusion_edit.toPlainText().strip()
        samples = self.samples_tab.collect() if visit.kind in KINDS_WITH_SAMPLES \
            or self.samples_tab.items else []
        return VisitBundle(visit, samples, self.findings_tab.collect(), self.findings_tab.collect_photos())

    def _recheck_choice(self) -> tuple[Rectification | None, bool | None]:
        if self.kind_combo.currentData() != "recheck" or not self.recheck_combo.isEnabled():
            return None, None
        rect_id = self.recheck_combo.currentData()
        rect = fetch_record(self.store, Rectification, rect_id) if rect_id else None
        return rect, self.outcome_combo.currentData()

    def snapshot(self) -> object:
        bundle = self.collect()
        rect, outcome = self._recheck_choice()
        return (plain_values(bundle.visit), [plain_values(s) for s in bundle.samples],
                self.findings_tab.snapshot(), rect.id if rect else None, outcome)

    # -- reactions -----------------------------------------------------------------------
    def _kind_changed(self, *_args: object) -> None:
        kind = self.kind_combo.currentData()
        has_samples = kind in KINDS_WITH_SAMPLES or bool(self.samples_tab.items)
        self.tabs.setTabEnabled(1, has_samples)
        self.recheck_box.setVisible(kind == "recheck")
        self.errors.clear("inspectors")

    def _fill_inspectors(self, checked: list[str]) -> None:
        """The active roster, plus inspectors recorded on this visit who are no longer active; those
        ticked first (a roster of 62 hid them among the rest)."""
        self.inspector_list.blockSignals(True)
        self.inspector_list.clear()
        people = roster(self.store)
        known = {i.uuid for i in people}
        units = dict(jurisdictions(self.store))  # the unit tells two people of one name apart
        entries = [(i.uuid, describe_inspector(i, units)) for i in people]
        recorded = self.bundle.visit.inspectors
        entries += [(u, n) for u, n in zip(recorded, inspector_names(self.store, recorded), strict=True)
                    if u not in known]
        entries.sort(key=lambda entry: entry[0] not in checked)  # who made it on top, then the roster
        for uuid, text in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if uuid in checked else Qt.CheckState.Unchecked)
            self.inspector_list.addItem(item)
        self.inspector_list.blockSignals(False)

    def _edit_roster(self) -> None:
        from qcdesk.ui.inspector_chooser import RosterDialog

        checked = self._checked_inspectors()
        RosterDialog(self.store, self, lang=self.lang).exec()
        self._fill_inspectors(checked)

    def _inspectors_changed(self, *_args: object) -> None:
        self.errors.clear("inspectors")

    def _outcome_changed(self, *_args: object) -> None:
        """An outcome is recorded on a completed re-check (a draft settles nothing): choosing one
        marks the visit completed; setting it back to Draft is then refused on saving."""
        if self.outcome_combo.currentData() is not None and self.status_combo.currentData() == "draft":
            set_combo_data(self.status_combo, "done")

    def _fill_rechecks(self, *_args: object) -> None:
        visit = self.bundle.visit
        self.recheck_combo.clear()
        self.recheck_combo.addItem(self.tr("(none)"), None)
        enterprise_id = self._enterprise_id()
        rects = recheckable_rectifications(self.store, enterprise_id) if enterprise_id else []
        linked = fetch_record(self.store, Rectification, visit.rectification_id) \
            if visit.rectification_id else None
        if linked and all(r.id != linked.id for r in rects):
            rects.insert(0, linked)
        subjects = order_subjects(self.store, [r.id for r in rects])
        passed = retest_passed_orders(self.store, [r.id for r in rects])  # 复检合格待撤销, as listed
        for rect in rects:  # told apart by notice number, subject and order date, not wording
            label = order_label(rect, subjects.get(rect.id, ""), rect.id in passed)
            self.recheck_combo.addItem(label, rect.id)
            self.recheck_combo.setItemData(self.recheck_combo.count() - 1, rect.requirement,
                                           Qt.ItemDataRole.ToolTipRole)
        set_combo_data(self.recheck_combo, visit.rectification_id)
        done = bool(linked and visit.id and linked.recheck_visit_id == visit.id)
        self.recheck_combo.setEnabled(not done)
        self.outcome_combo.setEnabled(not done)
        outcome = status_text(linked.status, linked.closing_reason) if done and linked else ""
        self.recheck_state.setText(self.tr("Outcome recorded: %1").replace("%1", outcome) if outcome else "")

    def _fill_orders(self) -> None:
        self.orders_box.fill(self.bundle.visit.id)

    # -- save ----------------------------------------------------------------------------
    def save(self) -> bool:
        if self.amend is not None and self.amend.active:
            return self.amend.save()
        bundle = self.collect()
        rect, outcome = self._recheck_choice()
        self.errors.clear()
        self.samples_tab.clear_issues()
        self.findings_tab.clear_issues()
        self.general_error.setVisible(False)
        issues: list[Issue] = []
        if rect is not None:
            bundle.visit.rectification_id = rect.id
        elif outcome is not None:
            issues.append(Issue("recheck", "required", {"field": "复查的整改"}))
        if issues:
            self._show_failure(issues)
            return False
        if not confirm_settling(self, self.store, bundle, rect, outcome):
            return False  # asked first: 合格 closes the order for good, 不合格 escalates it
        removed_photos = [p.id for p in self.findings_tab.removed_photos if p.id is not None]
        try:
            save_visit_with_recheck(self.store, bundle, rect, outcome, removed_photos,
                                    today=local_day.today())
        except ValidationFailed as failure:
            if is_stale(failure):  # changed elsewhere: compare, keep the typing (stale_save.py)
                return resolve_visit(self, self.collect(), rect, outcome, removed_photos)
            self._show_failure(failure.issues)
            return False
        reloaded = load_visit(self.store, bundle.visit.id)
        assert reloaded is not None
        self.bundle = reloaded
        self._load()
        self.status_note.setText(self.tr("Saved."))
        return True

    def _show_failure(self, issues: list[Issue]) -> None:
        # The re-check's own date or draft status is told beside the outcome (a full-width row);
        # anything else about the order beside the order picked.
        at = {"recheck.visit_date": "outcome", "recheck.visit_status": "outcome"}
        issues = [replace(i, field=at.get(i.field, "recheck")) if i.field.startswith("recheck.") else i
                  for i in issues]
        first, rest = self.errors.show_issues(issues)
        rest = [i for i in rest if not i.field.startswith(("samples.", "findings."))]
        if self.findings_tab.show_issues(issues, "findings.") and first is None:
            self.tabs.setCurrentWidget(self.findings_tab)
        if self.samples_tab.show_issues(issues, "samples.") and first is None:
            self.tabs.setCurrentWidget(self.samples_tab)
        if first is not None:
            self.tabs.setCurrentIndex(0)
            first.setFocus()
        if rest:
            self.general_error.setText("\n".join(issue_text(i, self.lang) for i in rest))
            self.general_error.setVisible(True)

    # -- orders --------------------------------------------------------------------------
    def _order_rectification(self, tab: SamplesTab | FindingsTab) -> None:
        record = tab.current()
        title = self.tr("Order rectification")
        if record is None:
            QMessageBox.information(self, title, self.tr("Select a finding or a failed sample first."))
            return
        if not self.bundle.visit.id or record.id is None or self.is_dirty():
            QMessageBox.information(self, title, self.tr(
                "Save the visit first: an order refers to the saved visit and its saved items."))
            return
        if isinstance(record, Sample) and record.result != "fail":
            QMessageBox.information(self, title, self.tr("Only a failed sample can lead to an order."))
            return
        created = issue_order(self, self.store, self.paths, self.bundle.visit, record, self.lang)
        self._fill_orders()  # also after opening an existing order: its status may have moved
        if created is not None:
            self.status_note.setText(self.tr("Rectification ordered, deadline %1.")
                                     .replace("%1", created.deadline))
            self.saved.emit()

    # -- documents -----------------------------------------------------------------------
    def _show_document(self, kind: str) -> None:
        """The visit's 现场检查笔录 or the selected sample's 抽样单, rendered from the saved record."""
        if not self.saved_for_document(self.bundle.visit.id is None):
            return
        record: Visit | Sample | None = self.bundle.visit
        if kind == "sample":
            record = self.samples_tab.current()
            if not isinstance(record, Sample) or record.id is None:
                QMessageBox.information(self, self.tr("Sampling form"),
                                        self.tr("Select a saved sample first."))
                return
        assert record is not None and self.store.path is not None
        self.document_job = preview_record_document(self, self.store.path, kind, record.uuid)
