"""A record's history (修改历史): every audited change with time, author, field, old → new.

Read-only. Changes made by another program are shown in red with "Outside QCDesk" as the
author; amendments show their reason. A status line says whether the record still matches
its audit trail (`qcdesk.models.amendments.record_status`).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.trust import format_local
from qcdesk.models.amendments import HistoryLine, record_history, record_status
from qcdesk.models.clock_text import local_time
from qcdesk.models.conflict_history import ResolvedConflict
from qcdesk.models.inspections import inspector_names
from qcdesk.models.record_source import Signer, late_arrival, record_origin
from qcdesk.models.records import SAMPLING_PLACES
from qcdesk.models.store import Store
from qcdesk.models.trust_store import ReceivedPackage
from qcdesk.ui import colours, labels
from qcdesk.ui.forms import app_lang
from qcdesk.ui.place_names import jurisdiction_name
from qcdesk.ui.resolution_words import author_words

OUTSIDE_COLOUR = QColor(colours.OUTSIDE_BACKGROUND)  # light design
COLUMNS = ("time", "author", "action", "part", "field", "old", "new", "note")
MAX_COLUMN_WIDTH = 320  # px; the note column takes the rest
_OFFICIAL_WORDS = {"sampling_place": SAMPLING_PLACES}  # shown in Chinese even without a translation
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z")  # created_at, deleted_at…


def action_text(op: str) -> str:
    return {
        "insert": QCoreApplication.translate("HistoryDialog", "Created"),
        "update": QCoreApplication.translate("HistoryDialog", "Changed"),
        "delete": QCoreApplication.translate("HistoryDialog", "Deleted"),
        "adopt": QCoreApplication.translate("HistoryDialog", "Adopted"),
        "import": QCoreApplication.translate("HistoryDialog", "Imported"),
        "resolve": QCoreApplication.translate("HistoryDialog", "Conflict resolved"),
        "reopen": QCoreApplication.translate("HistoryDialog", "Correction: reopened"),
    }.get(op, op)


def part_text(table: str, label: str) -> str:
    """Which part of a visit or an enterprise a line is about ("" for the record itself)."""
    name = {
        "sample": QCoreApplication.translate("HistoryDialog", "Sample"),
        "finding": QCoreApplication.translate("HistoryDialog", "Finding"),
        "photo": QCoreApplication.translate("HistoryDialog", "Photo"),
        "contact": QCoreApplication.translate("HistoryDialog", "Contact"),
        "licence": QCoreApplication.translate("HistoryDialog", "Licence"),
    }.get(table, "")
    return f"{name}：{label}" if name and label else name


def field_text(name: str) -> str:
    """Column names users recognise; anything else is shown as stored."""
    return {
        "visit_date": QCoreApplication.translate("HistoryDialog", "Visit date"),
        "kind": QCoreApplication.translate("HistoryDialog", "Kind"),
        "inspectors": QCoreApplication.translate("HistoryDialog", "Inspectors"),
        "summary": QCoreApplication.translate("HistoryDialog", "Summary"),
        "conclusion": QCoreApplication.translate("HistoryDialog", "Conclusion"),
        "status": QCoreApplication.translate("HistoryDialog", "Status"),
        "locked_package": QCoreApplication.translate("HistoryDialog", "Sent in package"),
        "deleted_at": QCoreApplication.translate("HistoryDialog", "Deleted at"),
        "name": QCoreApplication.translate("HistoryDialog", "Name"),
        "uscc": QCoreApplication.translate("HistoryDialog", "Credit code"),
        "address": QCoreApplication.translate("HistoryDialog", "Address"),
        "notes": QCoreApplication.translate("HistoryDialog", "Notes"),
        "description": QCoreApplication.translate("HistoryDialog", "Description"),
        "severity": QCoreApplication.translate("HistoryDialog", "Severity"),
        "result": QCoreApplication.translate("HistoryDialog", "Result"),
        "product_name": QCoreApplication.translate("HistoryDialog", "Product"),
        "deadline": QCoreApplication.translate("HistoryDialog", "Deadline"),
        "requirement": QCoreApplication.translate("HistoryDialog", "Requirement"),
        "enterprise_id": QCoreApplication.translate("HistoryDialog", "Enterprise"),
        "visit_id": QCoreApplication.translate("HistoryDialog", "Visit"),
        "number": QCoreApplication.translate("HistoryDialog", "Number"),
        "expires_on": QCoreApplication.translate("HistoryDialog", "Expires on"),
        "jurisdiction_code": QCoreApplication.translate("HistoryDialog", "Jurisdiction"),
        **part_field_texts(),
    }.get(name, name)


def field_name(table: str, field: str) -> str:
    """The history's name for a field; else, in Chinese, the exchange sheet's header, and in
    English the column name in words (never `main_products`; a link is named by what it links
    to, as `enterprise_id` is: the conflict dialog shows the linked record's name under it)."""
    name = field_text(field)
    if name != field and (field not in part_field_texts() or not name.isascii()
                          or app_lang() != "zh"):
        return name
    if app_lang() == "zh":  # no word of ours, or its translation is not loaded
        from qcdesk.exchange.workbook import SPEC_BY_TABLE

        spec = SPEC_BY_TABLE.get(table)
        fields = spec.data_fields if spec else ()
        return next((f.header for f in fields if f.name == field), name)
    return name.removesuffix("_id").replace("_", " ").capitalize()


def part_field_texts() -> dict[str, str]:
    """A sample's and a finding's fields by the words their editors use (抽样单, 发现问题)."""
    return {
        "task_no": QCoreApplication.translate("HistoryDialog", "Task no."),
        "organiser": QCoreApplication.translate("HistoryDialog", "Organising body"),
        "trademark": QCoreApplication.translate("HistoryDialog", "Trademark"),
        "spec_model": QCoreApplication.translate("HistoryDialog", "Specification / model"),
        "batch_no": QCoreApplication.translate("HistoryDialog", "Batch no."),
        "production_date": QCoreApplication.translate("HistoryDialog", "Production date"),
        "grade": QCoreApplication.translate("HistoryDialog", "Grade"),
        "standard": QCoreApplication.translate("HistoryDialog", "Executed standard"),
        "unit_price": QCoreApplication.translate("HistoryDialog", "Unit price"),
        "lot_size": QCoreApplication.translate("HistoryDialog", "Lot size"),
        "sample_qty": QCoreApplication.translate("HistoryDialog", "Sample quantity"),
        "test_qty": QCoreApplication.translate("HistoryDialog", "Test sample quantity"),
        "backup_qty": QCoreApplication.translate("HistoryDialog", "Backup sample quantity"),
        "licence_no": QCoreApplication.translate("HistoryDialog", "Licence no."),
        "seal_state": QCoreApplication.translate("HistoryDialog", "Seal state"),
        "sampling_place": QCoreApplication.translate("HistoryDialog", "Sampling place"),
        "enterprise_size": QCoreApplication.translate("HistoryDialog", "Enterprise size"),
        "samplers": QCoreApplication.translate("HistoryDialog", "Samplers"),
        "sampled_on": QCoreApplication.translate("HistoryDialog", "Sampling date"),
        "remarks": QCoreApplication.translate("HistoryDialog", "Remarks"),
        "refused_to_sign": QCoreApplication.translate("HistoryDialog", "Enterprise refused to sign"),
        "refusal_reason": QCoreApplication.translate("HistoryDialog", "Reason for refusal"),
        "failed_items": QCoreApplication.translate("HistoryDialog", "Failed items"),
        "result_notified_on": QCoreApplication.translate("HistoryDialog", "Result notified on"),
        "category": QCoreApplication.translate("HistoryDialog", "Category"),
        "basis": QCoreApplication.translate("HistoryDialog", "Basis"),
    }


def code_texts(field: str) -> dict[object, str] | None:
    """Words for the coded values of a sample's or a finding's field, as their editors show them."""
    if field == "result":
        return {"pending": QCoreApplication.translate("HistoryDialog", "Pending test"),
                "pass": QCoreApplication.translate("HistoryDialog", "Pass"),
                "fail": QCoreApplication.translate("HistoryDialog", "Fail")}
    if field == "retest_result":  # 复检结论, as the sample editor's re-test combo words it
        return {"pending": QCoreApplication.translate("HistoryDialog", "Re-test under way"),
                "pass": QCoreApplication.translate("HistoryDialog", "Re-test passed"),
                "fail": QCoreApplication.translate("HistoryDialog", "Re-test failed")}
    if field == "severity":
        return {"minor": QCoreApplication.translate("HistoryDialog", "Minor"),
                "major": QCoreApplication.translate("HistoryDialog", "Major"),
                "critical": QCoreApplication.translate("HistoryDialog", "Critical")}
    if field == "sampling_place":
        return {"warehouse": QCoreApplication.translate("HistoryDialog", "Finished-goods warehouse"),
                "market": QCoreApplication.translate("HistoryDialog", "Market")}
    if field == "seal_state":
        return dict(labels.seal_states())
    if field == "enterprise_size":
        return dict(labels.enterprise_sizes())
    if field in ("refused_to_sign", "above_scale", "in_improvement", "demonstration", "active"):
        yes = QCoreApplication.translate("HistoryDialog", "Yes")
        no = QCoreApplication.translate("HistoryDialog", "No")
        return {1: yes, 0: no, "1": yes, "0": no}  # True and False are 1 and 0
    return None


def value_text(value: object) -> str:
    """A stored value as the user reads it: a UTC time as local time, a list as its items."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        if _STAMP.fullmatch(value):
            return local_time(value, seconds=True)
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "、".join(value) or "—"
    return json.dumps(value, ensure_ascii=False)


class HistoryDialog(QDialog):
    """`HistoryDialog(store, "visit", uuid, parent)`; `.exec()` or `.show()`."""

    def __init__(self, store: Store, table: str, row_uuid: str, parent: QWidget | None = None,
                 title: str = "", with_parts: bool = True):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(title or self.tr("History"))
        self.resize(900, 480)
        self.record_table = table
        self.store = store
        self.lines: list[HistoryLine] = record_history(store, table, row_uuid, with_parts=with_parts)
        layout = QVBoxLayout(self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("historyStatus")
        self.status_label.setWordWrap(True)
        problem = record_status(store, table, row_uuid)
        if problem is None:
            self.status_label.setText(self.tr("This record matches its audit trail."))
        else:
            self.status_label.setText(problem.text(app_lang()))
            self.status_label.setStyleSheet(f"{colours.text_css('#b3261e')} font-weight: bold;")
        layout.addWidget(self.status_label)
        self.source_label = QLabel(self.source_text(record_origin(store, table, row_uuid),
                                                    late_arrival(store, table, row_uuid)), self)
        self.source_label.setObjectName("historySource")
        self.source_label.setWordWrap(True)
        self.source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.source_label)
        self.table = QTableWidget(len(self.lines), len(COLUMNS), self)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Author"), self.tr("Action"), self.tr("Part"), self.tr("Field"),
            self.tr("Old value"), self.tr("New value"), self.tr("Note")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, line in enumerate(self.lines):
            self._fill(row, line)
        self.table.resizeColumnsToContents()
        self._wrap_resolutions()
        self.table.setColumnHidden(COLUMNS.index("part"), not any(line.table != table for line in self.lines))
        layout.addWidget(self.table)
        if not self.lines:
            empty = QLabel(self.tr(
                "No changes recorded one by one: the record was written in bulk (demo data, an imported "
                "package or list) or before the audit trail, and has not been edited since."), self)
            empty.setWordWrap(True)
            layout.addWidget(empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _wrap_resolutions(self) -> None:
        """A resolved conflict's note (the values not taken: the point of its line) wraps in a
        row as high as it needs, in a note column that fills the window: readable without
        hovering or widening the column. Other columns are kept to a width that leaves it room."""
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_WIDTH))
        header.setSectionResizeMode(COLUMNS.index("note"), QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        rows = [row for row, line in enumerate(self.lines) if line.resolved is not None]

        def fit(*_args: object) -> None:
            for row in rows:
                self.table.resizeRowToContents(row)

        if rows:
            header.sectionResized.connect(fit)
            fit()

    def source_text(self, origin: Signer | None, late: ReceivedPackage | None = None) -> str:
        """Who first made the record, for the city office: names, area and role, and whose
        package vouched for a name its own trust list does not hold. A revoked key is marked,
        and so is a version that came in a package received after its key's revocation (a
        back-dated revocation): the clerk sees that the record may be a thief's."""
        text = self._origin_text(origin, late)
        if late is not None and (origin is None or late.key_id != origin.key_id):
            text += " " + self.tr("Its current version came in package no. %1 of key %2, received "
                                  "after that key's revocation: check it.").replace(
                "%1", str(late.sequence)).replace("%2", late.key_id)
        return text

    def _origin_text(self, origin: Signer | None, late: ReceivedPackage | None) -> str:
        if origin is None:
            return self.tr("Source: made in this database.")
        key = origin.key_id
        if origin.revoked_at is not None:
            shown = format_local(origin.revoked_at)
            key += (self.tr(" (revoked %1)") if origin.revoked_at <= datetime.now(UTC)
                    else self.tr(" (to be revoked %1)")).replace("%1", shown)
        if late is not None and late.key_id == origin.key_id:
            key += self.tr(" (received after revocation)")
        if not origin.name and origin.trusted:
            return self.tr("Source: a package signed with key %1 (on the trust list without a "
                           "name).").replace("%1", key)
        if not origin.name:
            return self.tr("Source: a package signed with key %1, which is not on the trust "
                           "list.").replace("%1", key)
        roles = {"inspector": self.tr("Inspector"), "county": self.tr("County bureau"),
                 "city": self.tr("City office")}
        who = "，".join(x for x in (jurisdiction_name(origin.jurisdiction),
                                   roles.get(origin.role, origin.role)) if x)
        text = self.tr("Source: %1 (%2), key %3.").replace("%1", origin.name).replace(
            "%2", who or "—").replace("%3", key)
        if origin.vouched_by:
            text += " " + self.tr("Named by the package of %1.").replace("%1", origin.vouched_by)
        return text

    def _fill(self, row: int, line: HistoryLine) -> None:
        if line.resolved is not None:
            self._fill_resolution(row, line, line.resolved)
            return
        if line.outside:
            author = self.tr("Outside QCDesk")
            if line.author:
                author += " — " + self.tr("accepted by %1").replace("%1", line.author)
        else:
            author = author_words(line.author)  # "cli", "system" in words
        note = line.note
        if line.note and not line.outside and line.op == "update":  # an amendment's reason
            note = self.tr("Amendment: %1").replace("%1", line.note)
        if line.outside and not line.sealed:
            note = self.tr("Not accepted yet")
        field = line.field
        texts = (local_time(line.at, seconds=True), author, action_text(line.op),
                 part_text(line.table, line.record),
                 self._field_name(line) if field else "",
                 self._shown(line, line.old) if field else "", self._shown(line, line.new) if field else "",
                 note)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if line.outside:
                colours.paint_item(item, colours.OUTSIDE_BACKGROUND)  # its text too
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, line.at)
            self.table.setItem(row, column, item)

    def _fill_resolution(self, row: int, line: HistoryLine, done: ResolvedConflict) -> None:
        """A merge conflict resolved here: the version kept and the one set aside in the conflict
        dialog's words, and each value not taken, so a wrong choice can be seen and undone by
        typing the value back."""
        from qcdesk.ui.resolution_words import field_words, joined, resolution_words

        table = line.table or self.record_table
        headers = joined([field_words(table, v.field, v.header) for v in done.not_taken])
        texts = (local_time(line.at, seconds=True), author_words(line.author), action_text(line.op),
                 part_text(line.table, line.record), headers, "", "",
                 resolution_words(self.store, done, table))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, line.at)
            self.table.setItem(row, column, item)

    def _field_name(self, line: HistoryLine) -> str:
        return field_name(line.table or self.record_table, line.field)

    def _shown(self, line: HistoryLine, value: object) -> str:
        """Codes as the labels the lists use, inspectors by name; anything else as stored."""
        from qcdesk.ui.conflict_words import coded_value

        table = line.table or self.record_table
        codes = {("visit", "kind"): labels.visit_kinds, ("visit", "status"): labels.visit_statuses,
                 ("rectification", "status"): labels.rectification_statuses}.get((table, line.field))
        if codes is not None and isinstance(value, str):
            return labels.label(codes(), value)
        words = code_texts(line.field) if table in ("sample", "finding", "enterprise", "inspector") else None
        if words is not None and isinstance(value, (str, int)) and value in words:
            word = words[value]
            if app_lang() == "zh" and word.isascii():  # no translation loaded: the official words
                word = _OFFICIAL_WORDS.get(line.field, {}).get(str(value), word)
            return word
        coded = coded_value(table, line.field, value)  # escalation, zones, size… (conflict_words)
        if coded is not None:
            return coded
        if line.field == "enterprise_id" and isinstance(value, int):
            from qcdesk.models.editor_queries import enterprise_name

            return enterprise_name(self.store, value) or str(value)
        if line.field == "samplers" and isinstance(value, str):  # stored as a JSON list of names
            try:
                people = json.loads(value)
            except ValueError:
                people = None
            if isinstance(people, list) and all(isinstance(p, str) for p in people):
                return "、".join(inspector_names(self.store, people)) or "—"  # older data: uuids
        if line.field == "inspectors" and isinstance(value, str):
            try:
                uuids = json.loads(value)
            except ValueError:
                uuids = None
            if isinstance(uuids, list) and all(isinstance(u, str) for u in uuids):
                return "、".join(inspector_names(self.store, uuids)) or value_text(value)
        return value_text(value)

    def row_texts(self, row: int) -> list[str]:
        """What one row shows (for tests and copy)."""
        return [self.table.item(row, c).text() for c in range(self.table.columnCount())]
