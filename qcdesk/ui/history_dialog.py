"""A record's history (修改历史): every audited change with time, author, field, old → new.

Read-only. Changes made by another program are shown in red with "Outside QCDesk" as the
author; amendments show their reason. A status line says whether the record still matches
its audit trail (`qcdesk.models.amendments.record_status`).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
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

from qcdesk.models.amendments import HistoryLine, record_history, record_status
from qcdesk.models.clock_text import local_time
from qcdesk.models.inspections import inspector_names
from qcdesk.models.jurisdictions import jurisdiction_by_code
from qcdesk.models.record_source import Signer, record_origin
from qcdesk.models.store import Store
from qcdesk.ui import labels
from qcdesk.ui.forms import app_lang

OUTSIDE_COLOUR = QColor("#fde2e1")
COLUMNS = ("time", "author", "action", "part", "field", "old", "new", "note")


def action_text(op: str) -> str:
    return {
        "insert": QCoreApplication.translate("HistoryDialog", "Created"),
        "update": QCoreApplication.translate("HistoryDialog", "Changed"),
        "delete": QCoreApplication.translate("HistoryDialog", "Deleted"),
        "adopt": QCoreApplication.translate("HistoryDialog", "Adopted"),
        "import": QCoreApplication.translate("HistoryDialog", "Imported"),
    }.get(op, op)


def part_text(table: str, label: str) -> str:
    """Which part of a visit a line is about ("" for the record itself)."""
    name = {
        "sample": QCoreApplication.translate("HistoryDialog", "Sample"),
        "finding": QCoreApplication.translate("HistoryDialog", "Finding"),
        "photo": QCoreApplication.translate("HistoryDialog", "Photo"),
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
    }.get(name, name)


def value_text(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
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
            self.status_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        layout.addWidget(self.status_label)
        self.source_label = QLabel(self.source_text(record_origin(store, table, row_uuid)), self)
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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, line in enumerate(self.lines):
            self._fill(row, line)
        self.table.resizeColumnsToContents()
        self.table.setColumnHidden(COLUMNS.index("part"), not any(line.table != table for line in self.lines))
        layout.addWidget(self.table)
        if not self.lines:
            empty = QLabel(self.tr("No recorded changes (the record predates the audit trail)."), self)
            layout.addWidget(empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def source_text(self, origin: Signer | None) -> str:
        """Who first made the record, for the city office: names, area and role, and whose
        package vouched for a name its own trust list does not hold."""
        if origin is None:
            return self.tr("Source: made in this database.")
        if not origin.name and origin.trusted:
            return self.tr("Source: a package signed with key %1 (on the trust list without a "
                           "name).").replace("%1", origin.key_id)
        if not origin.name:
            return self.tr("Source: a package signed with key %1, which is not on the trust "
                           "list.").replace("%1", origin.key_id)
        roles = {"inspector": self.tr("Inspector"), "county": self.tr("County bureau")}
        area = jurisdiction_by_code(origin.jurisdiction)
        who = "，".join(x for x in (area.name if area else origin.jurisdiction,
                                   roles.get(origin.role, origin.role)) if x)
        text = self.tr("Source: %1 (%2), key %3.").replace("%1", origin.name).replace(
            "%2", who or "—").replace("%3", origin.key_id)
        if origin.vouched_by:
            text += " " + self.tr("Named by the package of %1.").replace("%1", origin.vouched_by)
        return text

    def _fill(self, row: int, line: HistoryLine) -> None:
        if line.outside:
            author = self.tr("Outside QCDesk")
            if line.author:
                author += " — " + self.tr("accepted by %1").replace("%1", line.author)
        else:
            author = line.author
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
                item.setBackground(QBrush(OUTSIDE_COLOUR))
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, line.at)
            self.table.setItem(row, column, item)

    def _field_name(self, line: HistoryLine) -> str:
        """The dialog's own name for a field; else, in Chinese, the exchange sheet's header."""
        name = field_text(line.field)
        if name == line.field and app_lang() == "zh":
            from qcdesk.exchange.workbook import SPEC_BY_TABLE

            spec = SPEC_BY_TABLE.get(line.table or self.record_table)
            fields = spec.data_fields if spec else ()
            return next((f.header for f in fields if f.name == line.field), name)
        return name

    def _shown(self, line: HistoryLine, value: object) -> str:
        """Codes as the labels the lists use, inspectors by name; anything else as stored."""
        table = line.table or self.record_table
        codes = {("visit", "kind"): labels.visit_kinds, ("visit", "status"): labels.visit_statuses,
                 ("rectification", "status"): labels.rectification_statuses}.get((table, line.field))
        if codes is not None and isinstance(value, str):
            return labels.label(codes(), value)
        if line.field == "sampling_place" and isinstance(value, str) and app_lang() == "zh":
            from qcdesk.models.records import SAMPLING_PLACES

            return SAMPLING_PLACES.get(value, value)
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
