"""Open merge conflicts, explained as a clerk reads them: which record (by name), which fields
differ, and who made each version when; the clerk keeps one version.

At a county office neither version is "mine": both came from inspectors' packages. So the two
columns are named by their authors (from the roster the packages carried, or the trust list),
not "local" and "imported", and the bookkeeping columns (revision, times, author uuid) are
summarised above the table instead of shown as raw values.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models.store import Store, StoreError
from qcdesk.ui.history_dialog import local_time

DIFF_BACKGROUND = QColor("#fff4ce")
BOOKKEEPING = ("uuid", "revision", "created_at", "updated_at", "author", "deleted_at")
TITLE_FIELDS = ("name", "product_name", "summary", "description", "requirement", "number",
                "visit_date")


def record_title(row: dict[str, Any]) -> str:
    """A name a person recognises (enterprise name, product, summary…), never the uuid."""
    for name in TITLE_FIELDS:
        if row.get(name):
            return str(row[name])[:40]
    return ""


class ConflictDialog(QDialog):
    """Open conflicts; for the selected one, the differing fields first, each version named by
    who made it and when."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Conflicts to resolve"))
        self.list = QTableWidget(0, 4, self)
        self.list.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Record"),
                                             self.tr("Fields that differ"), self.tr("Reason")])
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.itemSelectionChanged.connect(self._show_fields)
        self.versions_label = QLabel(self)
        self.versions_label.setWordWrap(True)
        self.fields = QTableWidget(0, 3, self)
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Current"), self.tr("Other version")])
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.keep_button = QPushButton(self.tr("Keep current"), self)
        self.take_button = QPushButton(self.tr("Use other version"), self)
        self.combine_button = QPushButton(self.tr("Combine: take the ticked values"), self)
        self.combine_button.setEnabled(False)
        self.keep_button.clicked.connect(lambda: self.resolve(take_incoming=False))
        self.take_button.clicked.connect(lambda: self.resolve(take_incoming=True))
        self.combine_button.clicked.connect(lambda: self.resolve(False, self.ticked()))
        self.fields.itemChanged.connect(
            lambda _item: self.combine_button.setEnabled(bool(self.ticked())))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keep_button)
        row.addWidget(self.combine_button)
        row.addWidget(self.take_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.empty_label)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.versions_label)
        lay.addWidget(self.fields, 2)
        lay.addLayout(row)
        lay.addWidget(close)
        self.resize(900, 600)
        self.reload()

    # --- reading -------------------------------------------------------------------------
    def _rows(self, conflict: dict[str, Any]) -> list[tuple[str, str, Any, Any]]:
        """(field name, header, current value, other value) of every data field."""
        from qcdesk.exchange.reconcile import conflict_fields

        spec = SPEC_BY_TABLE[conflict["kind"]]
        return [(f.name, header, mine, theirs) for f, (header, mine, theirs)
                in zip(spec.data_fields, conflict_fields(self.store, conflict), strict=True)]

    def _differing(self, rows: list[tuple[str, str, Any, Any]]) -> list[str]:
        return [header for name, header, mine, theirs in rows
                if mine != theirs and (name not in BOOKKEEPING or name == "deleted_at")]

    def person(self, author: Any) -> str:
        """An inspector's name for an author uuid (or a signer's name for a key id)."""
        from qcdesk.models.inspections import inspector_names

        text = str(author or "")
        if not text:
            return self.tr("unknown")
        name = inspector_names(self.store, [text])[0]
        if name != text:
            return name
        return self._key_name(text) or (
            text if len(text) <= 16 else self.tr("unknown (%1…)").replace("%1", text[:8]))

    def _signer(self, key_id: str) -> str:
        return self._key_name(key_id) or key_id

    def _key_name(self, key_id: str) -> str:
        """The trust list's name for a key id ("" when it has none, or the text is no key id)."""
        from qcdesk.models import trust_store

        try:
            key = trust_store.get_key(self.store, key_id)
        except ValueError:
            return ""
        return key.name if key is not None else ""

    # --- list ----------------------------------------------------------------------------
    def reload(self) -> None:
        import json

        from qcdesk.models import exchange_store as xs

        self.conflicts = xs.open_conflicts(self.store)
        self.list.setRowCount(len(self.conflicts))
        reasons = {"divergent": self.tr("Changed on both sides"),
                   "duplicate_uscc": self.tr("Same credit code registered twice")}
        for r, c in enumerate(self.conflicts):
            kind = SPEC_BY_TABLE[c["kind"]].sheet if c["kind"] in SPEC_BY_TABLE else c["kind"]
            rows = self._rows(c) if c["kind"] in SPEC_BY_TABLE else []
            title = record_title(json.loads(c["row_json"])) or c["uuid"][:8]
            cells = (kind, title, "、".join(self._differing(rows)),
                     reasons.get(c["reason"], c["reason"]))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(c["uuid"] if col == 1 else text)
                self.list.setItem(r, col, item)
        self.fields.setRowCount(0)
        self.versions_label.clear()
        has = bool(self.conflicts)
        self.empty_label.setText(self.tr("%n conflict(s) to resolve: select one, compare the two versions "
                                         "(the fields that differ are marked and listed first) and keep "
                                         "one, or tick values of the other version to combine them.",
                                         "", len(self.conflicts)) if has else
                                 self.tr("No conflicts to resolve. Conflicts appear here when an imported "
                                         "package changed a record that was also changed here."))
        self.keep_button.setEnabled(has)
        self.take_button.setEnabled(has)
        self.combine_button.setEnabled(False)
        if has:
            self.list.selectRow(0)

    def current(self) -> dict[str, Any] | None:
        rows = self.list.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    # --- one conflict --------------------------------------------------------------------
    def _show_fields(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        rows = self._rows(conflict)
        values = {name: (mine, theirs) for name, _h, mine, theirs in rows}
        mine_by = self.person(values.get("author", (None, None))[0])
        theirs_by = self.person(values.get("author", (None, None))[1])
        mine_at, theirs_at = (local_time(t, seconds=False) for t in values.get("updated_at", ("", "")))
        self.versions_label.setText(
            self.tr("Current version: changed by %1 on %2.\nOther version: changed by %3 on %4, "
                    "received in a package signed by %5.")
            .replace("%1", mine_by).replace("%2", mine_at).replace("%3", theirs_by)
            .replace("%4", theirs_at).replace("%5", self._signer(conflict["signer"])))
        self.fields.setHorizontalHeaderLabels([
            self.tr("Field"), self.tr("Current version (%1)").replace("%1", mine_by),
            self.tr("Other version (%1)").replace("%1", theirs_by)])
        shown = [r for r in rows if r[0] not in BOOKKEEPING or (r[0] == "deleted_at" and r[2] != r[3])]
        shown.sort(key=lambda r: r[2] == r[3])  # the differing fields first, each group in order
        duplicate = conflict["reason"] != "divergent"
        self.fields.blockSignals(True)
        self.fields.setRowCount(len(shown))
        for r, (name, header, mine, theirs) in enumerate(shown):
            for col, value in enumerate((header, mine, theirs)):
                item = QTableWidgetItem("" if value is None else str(value))
                if mine != theirs:
                    item.setBackground(QBrush(DIFF_BACKGROUND))
                    if col == 2 and not duplicate and name not in BOOKKEEPING:
                        # tick the other version's value to take it into a combination
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(Qt.CheckState.Unchecked)
                        item.setData(Qt.ItemDataRole.UserRole, name)
                self.fields.setItem(r, col, item)
        self.fields.blockSignals(False)
        self.combine_button.setEnabled(False)
        self.combine_button.setVisible(not duplicate)
        self.keep_button.setText(self.tr("Checked, keep as it is") if duplicate else
                                 self.tr("Keep the version by %1").replace("%1", mine_by))
        self.take_button.setText(self.tr("Use the version by %1").replace("%1", theirs_by))
        self.take_button.setVisible(not duplicate)

    def ticked(self) -> list[str]:
        """Fields whose other-version value is ticked for a combination."""
        out = []
        for r in range(self.fields.rowCount()):
            item = self.fields.item(r, 2)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) and \
                    item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def resolve(self, take_incoming: bool, from_other: list[str] | None = None) -> None:
        from qcdesk.exchange.reconcile import resolve_conflict

        conflict = self.current()
        if conflict is None:
            return
        try:
            resolve_conflict(self.store, conflict["id"], take_incoming=take_incoming,
                             fields_from_other=from_other or ())
        except (ValueError, StoreError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.reload()
