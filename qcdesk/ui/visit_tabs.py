"""The samples and findings tabs of the visit editor: a list on the left, the record's form on the right.

Each tab edits copies of its records; the visit editor collects them all and saves once.
Errors such as "samples.1.product_name" are kept per row, so they reappear when the row is shown.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.messages import Issue
from qcdesk.models.persistence import plain_values
from qcdesk.models.records import Record, Sample
from qcdesk.models.retest import first_failed, first_result, settle_retest
from qcdesk.models.sample_checks import check_samplers_and_seal, sample_licence_issues, split_names
from qcdesk.models.store import now_utc
from qcdesk.ui import colours
from qcdesk.ui.forms import ERROR_COLOUR, FieldErrors, OptionalDateEdit
from qcdesk.ui.labels import enterprise_sizes, seal_states
from qcdesk.ui.sample_retest import RETEST_FIELDS, retest_closed_label, retest_closed_reason, retest_warnings
from qcdesk.ui.widget_values import read_widget, write_widget


class RecordListTab(QWidget):
    """Master–detail editing of a list of records of one kind, errors remembered per row."""

    changed = Signal()
    current_changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.items: list[Record] = []
        self.removed: list[Record] = []
        self.row_issues: dict[int, list[Issue]] = {}
        self.bindings: list[tuple[str, QWidget]] = []
        self.errors = FieldErrors(lang)
        self._row = -1
        self.may_remove: Callable[[Record], bool] = lambda _record: True  # the editor's guard
        self.list = QListWidget()
        self.list.setMinimumWidth(180)
        self.list.currentRowChanged.connect(self._switch)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_current)
        self.form_area = QWidget()
        self.form_layout = QVBoxLayout(self.form_area)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop between list and form
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_area)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left_layout.addLayout(buttons)
        self.action_row = QHBoxLayout()
        left_layout.addLayout(self.action_row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    # -- to specialise ------------------------------------------------------------------
    def new_record(self) -> Record:
        raise NotImplementedError

    def title(self, record: Record) -> str:
        raise NotImplementedError

    # -- binding --------------------------------------------------------------------------
    def bind(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> None:
        self.errors.add_row(form, label, field, widget)
        self.bindings.append((field, widget))
        signal = getattr(widget, "dateChanged", None) or getattr(widget, "textChanged", None) \
            or getattr(widget, "currentTextChanged", None) or getattr(widget, "toggled", None)
        if signal is not None:
            signal.connect(self._edited)

    def _edited(self, *_args: object) -> None:
        if 0 <= self._row < len(self.items):
            self.store_form()
            item = self.list.item(self._row)
            if item is not None:
                item.setText(self.title(self.items[self._row]))
            self.changed.emit()

    def load(self, records: list[Record]) -> None:
        keep = max(self.list.currentRow(), 0)
        self.items = [copy.deepcopy(r) for r in records]
        self.removed = []
        self.row_issues = {}
        self._row = -1
        self.list.blockSignals(True)
        self.list.clear()
        for record in self.items:
            self.list.addItem(self.title(record))
        self.list.blockSignals(False)
        self.form_area.setEnabled(bool(self.items))
        if self.items:
            self.list.setCurrentRow(min(keep, len(self.items) - 1))
        else:
            self._clear_form()

    def _clear_form(self) -> None:
        self.errors.clear()
        for _field, widget in self.bindings:
            widget.blockSignals(True)
            write_widget(widget, None if isinstance(widget, OptionalDateEdit) else "")
            widget.blockSignals(False)

    def store_form(self) -> None:
        """Copy what the form shows into the current record."""
        if 0 <= self._row < len(self.items):
            record = self.items[self._row]
            for field, widget in self.bindings:
                setattr(record, field, read_widget(widget))
            self.store_extra(record)

    def store_extra(self, record: Record) -> None:
        """Fields not bound one-to-one (subclasses)."""

    def show_record(self, record: Record) -> None:
        for field, widget in self.bindings:
            widget.blockSignals(True)
            write_widget(widget, getattr(record, field))
            widget.blockSignals(False)

    def _switch(self, row: int) -> None:
        self.store_form()
        self._row = row
        self.errors.clear()
        if 0 <= row < len(self.items):
            self.form_area.setEnabled(True)
            self.show_record(self.items[row])
            self.errors.show_issues(self.row_issues.get(row, []))
        self.current_changed.emit()

    def current(self) -> Record | None:
        return self.items[self._row] if 0 <= self._row < len(self.items) else None

    def add(self) -> None:
        self.store_form()
        self.items.append(self.new_record())
        self.list.addItem(self.title(self.items[-1]))
        self.form_area.setEnabled(True)
        self.list.setCurrentRow(len(self.items) - 1)
        if self.bindings:
            self.first_field().setFocus()
        self.changed.emit()

    def first_field(self) -> QWidget:
        return self.bindings[0][1]

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row < 0 or not self.may_remove(self.items[row]):
            return
        record = self.items.pop(row)
        if record.id:
            record.deleted_at = now_utc()
            self.removed.append(record)
        self.row_issues = {}
        self._row = -1
        self.list.blockSignals(True)
        self.list.takeItem(row)
        self.list.blockSignals(False)
        if self.items:
            self.list.setCurrentRow(min(row, len(self.items) - 1))
            self._switch(self.list.currentRow())
        else:
            self._clear_form()
            self.form_area.setEnabled(False)
        self.changed.emit()

    def collect(self) -> list[Record]:
        """Live rows first (so issue indexes match the list), then rows removed in this session."""
        self.store_form()
        return [copy.deepcopy(r) for r in self.items] + [copy.deepcopy(r) for r in self.removed]

    def snapshot(self) -> object:
        self.store_form()
        return [plain_values(r) for r in self.items], len(self.removed)

    def show_issues(self, issues: list[Issue], prefix: str) -> bool:
        """Keep issues like '<prefix>2.field' per row, mark rows in red, show the first one."""
        self.row_issues = {}
        for issue in issues:
            rest = issue.field.removeprefix(prefix)
            index, _, field = rest.partition(".")
            if issue.field.startswith(prefix) and index.isdigit():
                # a copy of the issue itself: a subclass (RetestIssue…) brings its own texts
                self.row_issues.setdefault(int(index), []).append(dataclasses.replace(issue, field=field))
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setForeground(QColor(colours.readable(ERROR_COLOUR)) if row in self.row_issues else QColor())
        if not self.row_issues:
            return False
        first = min(self.row_issues)
        if self.list.currentRow() == first:
            self._switch(first)
        else:
            self.list.setCurrentRow(first)
        widget = self.errors.widget(self.row_issues[first][0].field)
        if widget is not None:
            widget.setFocus()
        return True

    def clear_issues(self) -> None:
        self.row_issues = {}
        self.errors.clear()
        for row in range(self.list.count()):
            self.list.item(row).setForeground(QColor())


class SamplesTab(RecordListTab):
    """The sampling record (抽样单) fields of the domain brief, one form per sample."""

    def __init__(self, lang: str, defaults: Callable[[], dict[str, object]],
                 parent: QWidget | None = None, *,
                 person_name: Callable[[object], str] = str):
        super().__init__(lang, parent)
        self.defaults = defaults
        # a stored sampler as the name the inspector reads: older data holds inspector uuids
        self.person_name = person_name
        self._stored_samplers: list = []
        self.setObjectName("samplesTab")
        self.list.setObjectName("sampleList")
        self.add_button.setText(self.tr("&Add sample"))
        self.add_button.setObjectName("addSampleButton")
        self.remove_button.setText(self.tr("Remove sample"))
        self.remove_button.setObjectName("removeSampleButton")

        def line(name: str) -> QLineEdit:
            edit = QLineEdit()
            edit.setObjectName(name)
            return edit

        self.product_edit = line("productNameEdit")
        self.result_combo = QComboBox()
        self.result_combo.setObjectName("resultCombo")
        for code, text in (("pending", self.tr("Pending test")), ("pass", self.tr("Pass")),
                           ("fail", self.tr("Fail"))):
            self.result_combo.addItem(text, code)
        self.failed_items_edit = QPlainTextEdit()
        self.failed_items_edit.setObjectName("failedItemsEdit")
        self.failed_items_edit.setTabChangesFocus(True)
        self.failed_items_edit.setFixedHeight(60)
        self.licence_edit = line("sampleLicenceEdit")
        self.place_combo = QComboBox()
        self.place_combo.setObjectName("samplingPlaceCombo")
        self.place_combo.addItem(self.tr("Finished-goods warehouse"), "warehouse")
        self.place_combo.addItem(self.tr("Market"), "market")
        self.seal_combo = QComboBox()
        self.seal_combo.setEditable(True)
        self.seal_combo.setObjectName("sealStateCombo")
        # as wide as its longest wording: sized to its hint, the editable combo showed only the
        # end of 检验样品和备用样品已封存，封条完好. Measured, not counted as two x per character:
        # the English label is 32 letters, so that made the form wider than its pane.
        self.seal_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        metrics = self.seal_combo.fontMetrics()
        longest = max(metrics.horizontalAdvance(t) for t in seal_states().values())
        self.seal_combo.setMinimumContentsLength(-(-longest // metrics.horizontalAdvance("x")) + 2)
        for state, text in seal_states().items():  # a label shown, the official words stored
            self.seal_combo.addItem(text, state)
        self.size_combo = QComboBox()  # the 抽样单's four boxes: picked, never typed
        self.size_combo.setObjectName("enterpriseSizeCombo")
        self.size_combo.addItem("", "")
        for size, text in enterprise_sizes().items():  # a label shown, the Chinese word stored
            self.size_combo.addItem(text, size)
        self._size_count = self.size_combo.count()
        self.size_combo.setMinimumWidth(140)
        self.refused_check = QCheckBox(self.tr("Enterprise refused to sign"))
        self.refused_check.setObjectName("refusedCheck")
        self.remarks_edit = QPlainTextEdit()
        self.remarks_edit.setTabChangesFocus(True)
        self.remarks_edit.setFixedHeight(60)

        groups = []
        task = QFormLayout()
        self.bind(task, self.tr("&Product name:"), "product_name", self.product_edit)
        self.bind(task, self.tr("Task no.:"), "task_no", line("taskNoEdit"))
        self.bind(task, self.tr("Organising body:"), "organiser", line("organiserEdit"))
        self.bind(task, self.tr("Sampling date:"), "sampled_on", OptionalDateEdit())
        self.bind(task, self.tr("Sampling place:"), "sampling_place", self.place_combo)
        self.bind(task, self.tr("Enterprise size:"), "enterprise_size", self.size_combo)
        self.bind(task, self.tr("Licence no.:"), "licence_no", self.licence_edit)
        groups.append((self.tr("Sampling"), task))
        product = QFormLayout()
        self.bind(product, self.tr("Trademark:"), "trademark", line("trademarkEdit"))
        self.bind(product, self.tr("Specification / model:"), "spec_model", line("specEdit"))
        self.bind(product, self.tr("Batch no.:"), "batch_no", line("batchEdit"))
        self.bind(product, self.tr("Production date:"), "production_date", OptionalDateEdit())
        self.bind(product, self.tr("Grade:"), "grade", line("gradeEdit"))
        self.bind(product, self.tr("Executed standard:"), "standard", line("standardEdit"))
        self.bind(product, self.tr("Unit price:"), "unit_price", line("unitPriceEdit"))
        groups.append((self.tr("Product"), product))
        qty = QFormLayout()
        self.bind(qty, self.tr("Lot size:"), "lot_size", line("lotSizeEdit"))
        self.bind(qty, self.tr("Sample quantity:"), "sample_qty", line("sampleQtyEdit"))
        self.bind(qty, self.tr("Test sample quantity:"), "test_qty", line("testQtyEdit"))
        self.bind(qty, self.tr("Backup sample quantity:"), "backup_qty", line("backupQtyEdit"))
        self.bind(qty, self.tr("Seal state:"), "seal_state", self.seal_combo)
        self.samplers_edit = line("samplersEdit")
        self.samplers_edit.setPlaceholderText(self.tr("names separated by 、"))
        self.bind(qty, self.tr("Samplers:"), "samplers", self.samplers_edit)
        self.bind(qty, "", "refused_to_sign", self.refused_check)
        self.bind(qty, self.tr("Reason for refusal:"), "refusal_reason", line("refusalReasonEdit"))
        self.bind(qty, self.tr("Remarks:"), "remarks", self.remarks_edit)
        groups.append((self.tr("Quantities and signatures"), qty))
        result = QFormLayout()
        self.bind(result, self.tr("Res&ult:"), "result", self.result_combo)
        self.bind(result, self.tr("Failed &items:"), "failed_items", self.failed_items_edit)
        self.bind(result, self.tr("Result notified on:"), "result_notified_on", OptionalDateEdit())
        groups.append((self.tr("Test result"), result))
        groups.append((self.tr("Re-test (objection)"), self._retest_form()))
        self._failed_first: set[str] = set()  # uuids of saved samples whose first test failed
        for title, form in groups:
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            box = QGroupBox(title)
            box.setLayout(form)
            self.form_layout.addWidget(box)
        self.retest_box = box  # the last group: enabled only after a failed first test
        self.retest_why = retest_closed_label()  # and the line under it saying why not
        self.form_layout.addWidget(self.retest_why)
        self.form_layout.addStretch(1)
        self.result_combo.currentIndexChanged.connect(self._result_changed)
        self.retest_combo.currentIndexChanged.connect(self._result_changed)
        self.refused_check.toggled.connect(self._result_changed)
        self.licence_edit.editingFinished.connect(self._check_licence)
        self.samplers_edit.editingFinished.connect(self._check_sampling)
        self.seal_combo.currentTextChanged.connect(self._check_sampling)
        for field in (*RETEST_FIELDS, "result_notified_on"):  # after _edited has stored the form
            widget = self.errors.widget(field)
            (getattr(widget, "dateChanged", None) or widget.currentTextChanged).connect(self._check_retest)
        self._result_changed()

    def _retest_form(self) -> QFormLayout:
        """复检: asked for by the enterprise within 15 days of the result, tested on the backup
        sample; its conclusion is final (models/retest.py). Test result keeps showing the first
        test's conclusion; the note under it says which one counts."""
        form = QFormLayout()
        self.retest_combo = QComboBox()
        self.retest_combo.setObjectName("retestResultCombo")
        for code, text in (("", self.tr("Not requested")), ("pending", self.tr("Re-test under way")),
                           ("pass", self.tr("Re-test passed")), ("fail", self.tr("Re-test failed"))):
            self.retest_combo.addItem(text, code)
        requested = OptionalDateEdit()
        requested.setObjectName("retestRequestedEdit")
        retest_on = OptionalDateEdit()
        retest_on.setObjectName("retestOnEdit")
        self.bind(form, self.tr("Re-test requested on:"), "retest_requested_on", requested)
        self.bind(form, self.tr("Re-test conclusion:"), "retest_result", self.retest_combo)
        self.bind(form, self.tr("Re-test date:"), "retest_on", retest_on)
        self.retest_note = QLabel()
        self.retest_note.setObjectName("retestNote")
        self.retest_note.setWordWrap(True)
        form.addRow(self.retest_note)
        return form

    def first_field(self) -> QWidget:
        return self.product_edit

    def new_record(self) -> Sample:
        return Sample(**self.defaults())

    def title(self, record: Record) -> str:
        assert isinstance(record, Sample)
        final = copy.copy(record)
        settle_retest(final)  # the re-test's conclusion, once there is one
        mark = {"pass": "✓ ", "fail": "✗ "}.get(final.result, "")
        return mark + (record.product_name or self.tr("(new sample)"))

    def load(self, records: list[Record]) -> None:
        """Test result holds the first test's conclusion, read once here from the saved rows
        (their result is the final one); the form never infers it again, so what the user
        chose is what is shown and saved (saving settles the final one, models/retest.py)."""
        firsts = [copy.copy(r) for r in records]
        for first in firsts:
            if isinstance(first, Sample):
                first.result = first_result(first)
        self._failed_first = {r.uuid for r in records
                              if isinstance(r, Sample) and r.id and first_failed(r, r)}
        super().load(firsts)

    def show_record(self, record: Record) -> None:
        self._offer_size(getattr(record, "enterprise_size", "") or "")
        shown = copy.copy(record)
        shown.samplers = "、".join(self.person_name(p) for p in record.samplers)  # type: ignore[attr-defined]
        super().show_record(shown)
        self._result_changed()
        self._check_sampling()
        self._check_retest()

    def _offer_size(self, stored: str) -> None:
        """A size stored outside the four (older data typed freely, an import) is shown as it
        is and saved unchanged, offered for this sample only."""
        self.size_combo.blockSignals(True)  # the form is between two records here
        while self.size_combo.count() > self._size_count:
            self.size_combo.removeItem(self._size_count)
        if stored and self.size_combo.findData(stored) < 0:
            self.size_combo.addItem(stored, stored)
        self.size_combo.blockSignals(False)

    def store_form(self) -> None:
        record = self.items[self._row] if 0 <= self._row < len(self.items) else None
        samplers = getattr(record, "samplers", [])  # as stored, before the form's text lands
        self._stored_samplers = list(samplers) if isinstance(samplers, list) else []
        super().store_form()

    def store_extra(self, record: Record) -> None:
        """The names typed; a name still shown for a stored entry (an inspector uuid) keeps
        that entry, so an untouched sample saves unchanged."""
        stored = {self.person_name(p): p for p in self._stored_samplers}
        record.samplers = [stored.get(n, n)  # type: ignore[attr-defined]
                           for n in split_names(self.samplers_edit.text())]

    def _check_sampling(self, *_args: object) -> None:
        """Samplers and seal state as saving reads them, pointed out in yellow while typing
        (saving decides what refuses: one sampler, unless the record was saved so before)."""
        record = self.current()
        for field in ("samplers", "seal_state"):
            self.errors.clear(field)
        if not isinstance(record, Sample):
            return
        issues: list[Issue] = []
        check_samplers_and_seal(issues, "", copy.deepcopy(record))
        for issue in issues:
            self.errors.set(issue.field, issue.text(self.lang), warning=True)

    def clear_issues(self) -> None:
        """A save's errors go; the re-test's warnings stay, they are no save's verdict."""
        super().clear_issues()
        self._check_retest()

    def _check_retest(self, *_args: object) -> None:
        """The re-test's warnings (15 days lapsed, no 复检日期) in yellow at their fields, as the
        更正 dialog lists them; saving still decides what refuses."""
        for field in RETEST_FIELDS:
            self.errors.clear(field)
        record = self.current()
        if isinstance(record, Sample):
            for field, text in retest_warnings(record, self.lang).items():
                self.errors.set(field, text, warning=True)

    def _result_changed(self, *_args: object) -> None:
        retest = self.retest_combo.currentData()
        record = self.current()  # a re-test only follows a failed first test, saved as failed
        saved_pass = isinstance(record, Sample) and bool(record.id) and record.uuid not in self._failed_first
        self.retest_box.setEnabled(self.result_combo.currentData() == "fail" and not saved_pass)
        self.retest_why.setText(retest_closed_reason(self.result_combo.currentData(), saved_pass))
        self.retest_why.setVisible(bool(self.retest_why.text()))
        self.failed_items_edit.setEnabled(self.result_combo.currentData() == "fail" or bool(retest))
        final = {"pass": self.tr("Pass"), "fail": self.tr("Fail")}.get(retest or "")
        self.retest_note.setText(
            self.tr("Final conclusion: %1 (the re-test's conclusion is final).").replace("%1", final)
            if final else self.tr("The first test's result stands until the re-test concludes.")
            if retest else "")
        self.retest_note.setVisible(bool(retest))
        self.findChild(QLineEdit, "refusalReasonEdit").setEnabled(self.refused_check.isChecked())

    def _check_licence(self) -> None:
        """As typed, by the rule saving applies (none for "/": a product without a licence)."""
        self.errors.clear("licence_no")
        _value, issues = sample_licence_issues("licence_no", self.licence_edit.text())
        if issues:
            self.errors.set("licence_no", "；".join(i.text(self.lang) for i in issues),
                            warning=all(i.warning for i in issues))
