"""Open merge conflicts, explained as a clerk reads them: which record (by name), which fields
differ, and who made each version when; the clerk keeps one version.

At a county office neither version is "mine": both came from inspectors' packages. So the two
columns are named by their authors (from the roster the packages carried, or the trust list),
not "local" and "imported", and the bookkeeping columns (revision, times, author uuid) are
summarised above the table instead of shown as raw values. Values are shown in the app's words
and links by name (`exchange.conflict_view`); values that belong together (an order's status and
its closing date …) are ticked together, and a combination the core refuses leaves the ticks as
they were, with the reason.

The list is lazy (`conflict_list_model`): a city can have tens of thousands of open conflicts,
and only the rows shown have their views built.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from qcdesk.exchange.code_clash import twin_note
from qcdesk.exchange.conflict_view import (
    BOOKKEEPING,
    ConflictView,
    FieldRow,
    VersionSource,
)
from qcdesk.models.clock_text import local_time
from qcdesk.models.conflict_checks import CombinationRefused
from qcdesk.models.store import Store, StoreError
from qcdesk.ui import colours
from qcdesk.ui.conflict_list_model import MEASURED_ROWS, ConflictListModel, ConflictTable, LoadedConflicts
from qcdesk.ui.conflict_words import field_label, group_label, value_label
from qcdesk.ui.labels import record_kind
from qcdesk.ui.list_model import Column
from qcdesk.ui.record_window import fit_to_screen
from qcdesk.ui.resolution_words import (
    field_words,
    joined,
    person_words,
    record_words,
    source_words,
    version_by,
)
from qcdesk.ui.workers import ui_lang

DIFF_BACKGROUND = QColor(colours.DIFF_BACKGROUND)  # light design; paint_item adapts it


def ask_resolve(box: QMessageBox) -> int:
    """Show the question before a resolution; the tests answer it here (tests/conftest.py)."""
    return box.exec()


class ConflictDialog(QDialog):
    """Open conflicts; for the selected one, the differing fields first, each version named by
    who made it and when."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.ask_again = True  # ask before each resolution (`_confirmed`)
        self.setWindowTitle(self.tr("Conflicts to resolve"))
        self.model = ConflictListModel(store, self._columns(), self)
        self.conflicts = LoadedConflicts(self.model)  # the loaded rows' conflicts, by row
        self.list = ConflictTable(self)
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Fitted to the rows around those in sight: Qt's default measures up to 1000 rows, each
        # row's view built (and the cache thrashed) at every layout once the user scrolled far.
        header.setResizeContentsPrecision(MEASURED_ROWS)
        self.list.selectionModel().selectionChanged.connect(self._show_fields)
        self.versions_label = QLabel(self)
        self.versions_label.setWordWrap(True)
        self.fields = QTableWidget(0, 3, self)
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Current"), self.tr("Other version")])
        # the two versions take the width and wrap: a clerk chooses between texts that differ at
        # their end (…抽取2批次（李明更正）), which a one-line cell cut off at …
        fields_header = self.fields.horizontalHeader()
        fields_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        fields_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # as wide as its labels
        self.fields.setWordWrap(True)
        self.fields.viewport().installEventFilter(self)  # rows as tall as their text at this width
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.keep_button = QPushButton(self.tr("Keep current"), self)
        self.take_button = QPushButton(self.tr("Use other version"), self)
        self.combine_button = QPushButton(self.tr("Combine: take the ticked values"), self)
        self.combine_button.setEnabled(False)
        self.keep_button.clicked.connect(lambda: self.resolve(take_incoming=False))
        self.take_button.clicked.connect(lambda: self.resolve(take_incoming=True))
        self.combine_button.clicked.connect(lambda: self.resolve(False, self.ticked()))
        self.fields.itemChanged.connect(self._ticked_changed)
        self.group_note = QLabel(self)
        self.group_note.setWordWrap(True)
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
        lay.addWidget(self.group_note)
        lay.addLayout(row)
        lay.addWidget(close)
        fit_to_screen(self, QSize(900, 600))
        self.reload(refresh=False)

    # --- reading -------------------------------------------------------------------------
    def _columns(self) -> list[Column]:
        """The list's columns; a row is {"conflict", "view"} (`ConflictSource.rows`). Each cell's
        tooltip is its text, the record's names both versions' titles."""
        reasons = {"divergent": lambda: self.tr("Changed on both sides"),
                   "duplicate_uscc": lambda: self.tr("Same credit code registered twice"),
                   "uscc_taken": lambda: self.tr("Credit code held by another enterprise"),
                   "deleted_in_use": lambda: self.tr("Deleted, but still in use here"),
                   "deleted_with_visit": lambda: self.tr("Deleted with its visit, which stays")}

        def kind(row: dict[str, Any]) -> str:
            return record_kind(row["conflict"]["kind"])  # the sheet's name in Chinese, English in English

        def title(row: dict[str, Any]) -> str:
            return (row["view"].label if row["view"] else "") or self.tr("(no name)")

        def differing(row: dict[str, Any]) -> str:
            table = row["conflict"]["kind"]
            return joined([field_label(table, r) for r in row["view"].differing()]) if row["view"] else ""

        def reason(row: dict[str, Any]) -> str:
            code = row["conflict"]["reason"]
            return reasons[code]() if code in reasons else code

        def title_tip(row: dict[str, Any]) -> str:
            return self._title_tip(row["view"]) if row["view"] else title(row)

        return [Column("kind", lambda: self.tr("Kind"), kind, tip=kind),
                Column("record", lambda: self.tr("Record"), title, tip=title_tip),
                Column("differing", lambda: self.tr("Fields that differ"), differing, tip=differing),
                Column("reason", lambda: self.tr("Reason"), reason, tip=reason)]

    def person(self, author: Any) -> str:
        """An inspector's name for an author uuid (or a signer's name for a key id)."""
        return person_words(self.store, author)

    def _names(self, view: ConflictView) -> tuple[str, str]:
        """Who the current and the other version are by (`version_by`: never "cli", the person
        who sent it), for the headers, the buttons and the question alike."""
        authors = {r.name: (r.mine, r.theirs) for r in view.rows}.get("author", (None, None))
        return (version_by(self.store, authors[0], view.current),
                version_by(self.store, authors[1], view.other))

    def source(self, source: VersionSource) -> str:
        """Where a version came from (`source_words`)."""
        return source_words(source, self.store)

    # --- list ----------------------------------------------------------------------------
    def reload(self, refresh: bool = True, resolved: dict[str, Any] | None = None, row: int = 0) -> None:
        """Re-read the list's ids (rows are read as they are shown) and select the conflict that
        was `resolved` if it is still open, else the one that followed it, else the first."""
        from qcdesk.models import exchange_store as xs

        if refresh:
            self.model.refresh(in_use=row + 1)  # ids down to the resolved row, and a page more
        count = xs.count_open_conflicts(self.store)
        self.fields.setRowCount(0)
        self.versions_label.clear()
        has = count > 0 and self.model.rowCount() > 0
        self.empty_label.setText(self.tr("%n conflict(s) to resolve: select one, compare the two versions "
                                         "(the fields that differ are marked and listed first) and keep "
                                         "one, or tick values of the other version to combine them.",
                                         "", count) if has else
                                 self.tr("No conflicts to resolve. Conflicts appear here when an imported "
                                         "package changed a record that was also changed here."))
        self.keep_button.setEnabled(has)
        self.take_button.setEnabled(has)
        self.combine_button.setEnabled(False)
        if has:
            self.list.selectRow(self._row_after(resolved, row) if resolved else 0)

    def _row_after(self, resolved: dict[str, Any], row: int) -> int:
        """The row of `resolved` if still open (the resolution failed), else of the open
        conflict following it in the list's order; `row`, or the last row, if neither is loaded."""
        from qcdesk.models import exchange_store as xs

        same = self.model.row_of(resolved["id"])
        if same >= 0:
            return same
        following = xs.open_conflict_keys(
            self.store, (resolved["kind"], resolved["uuid"], resolved["version"]), 1)
        found = self.model.row_of(following[0][-1]) if following else -1
        return found if found >= 0 else min(row, self.model.rowCount() - 1)

    def _title_tip(self, view: ConflictView) -> str:
        if view.incoming_title and view.incoming_title != view.title:
            return (self.tr("Current version: %1\nOther version: %2")
                    .replace("%1", view.title).replace("%2", view.incoming_title))
        return view.title

    def _selected_row(self) -> int:
        rows = self.list.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def current(self) -> dict[str, Any] | None:
        return self.model.conflict(self._selected_row())

    def current_view(self) -> ConflictView | None:
        return self.model.view(self._selected_row())

    # --- one conflict --------------------------------------------------------------------
    def _show_fields(self) -> None:
        conflict, view = self.current(), self.current_view()
        if conflict is None or view is None:
            return
        values = {row.name: (row.mine, row.theirs) for row in view.rows}
        mine_by, theirs_by = self._names(view)
        mine_at, theirs_at = (local_time(t, seconds=False) for t in values.get("updated_at", ("", "")))
        self.versions_label.setText(
            self.tr("Current version: changed by %1 on %2, %3.\nOther version: changed by %4 on "
                    "%5, %6.")
            .replace("%1", mine_by).replace("%2", mine_at).replace("%3", self.source(view.current))
            .replace("%4", theirs_by).replace("%5", theirs_at)
            .replace("%6", self.source(view.other)))
        self.fields.setHorizontalHeaderLabels([
            self.tr("Field"), self.tr("Current version (%1)").replace("%1", mine_by),
            self.tr("Other version (%1)").replace("%1", theirs_by)])
        shown = [r for r in view.rows if r.name not in BOOKKEEPING
                 or (r.name == "deleted_at" and r.differs)]
        shown.sort(key=lambda r: not r.differs)  # the differing fields first, each group in order
        duplicate = conflict["reason"] == "duplicate_uscc"  # uscc_taken: like divergent
        combinable = [r for r in shown if r.differs and r.name not in BOOKKEEPING]
        none = self.tr("(none)")
        table = conflict["kind"]
        self.fields.blockSignals(True)
        self.fields.setRowCount(len(shown))
        for r, row in enumerate(shown):
            for col, text in enumerate((field_label(table, row),
                                        value_label(table, row.name, row.mine, row.mine_text),
                                        value_label(table, row.name, row.theirs, row.theirs_text))):
                item = QTableWidgetItem(text or (none if row.differs and col else ""))
                item.setToolTip(text)  # the whole value, however long
                if row.differs:
                    colours.paint_item(item, colours.DIFF_BACKGROUND)  # text and background
                    if col == 2 and not duplicate and row.name not in BOOKKEEPING:
                        # tick the other version's value to take it into a combination
                        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        item.setCheckState(Qt.CheckState.Unchecked)
                        item.setData(Qt.ItemDataRole.UserRole, row.name)
                        item.setToolTip(f"{text}\n\n{self._together_tip(table, row, combinable)}")
                self.fields.setItem(r, col, item)
        self.fields.blockSignals(False)
        self.fields.resizeColumnToContents(0)  # as wide as its labels (a Fixed column)
        self.fields.resizeRowsToContents()
        self.group_note.setText(self._twin_note(view) if duplicate else " ".join(
            t for t in (self._held_note(conflict["reason"]), self._group_note(table, combinable)) if t))
        self.group_note.setVisible(bool(self.group_note.text()))
        self.combine_button.setEnabled(False)
        self.combine_button.setVisible(not duplicate)
        self.keep_button.setText(self.tr("Checked, keep as it is") if duplicate else
                                 self.tr("Keep the version by %1").replace("%1", mine_by))
        self.take_button.setText(self.tr("Use the version by %1").replace("%1", theirs_by))
        self.take_button.setVisible(not duplicate)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.fields.viewport() and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.fields.resizeRowsToContents)  # once the columns are laid out
        return False

    @staticmethod
    def _twin_note(view: ConflictView) -> str:
        """In words, not only a field diff: the package's new enterprise was filed under the one
        holding its code here (the left column), and what to do (`code_clash.twin_note`)."""
        values = {row.name: (row.mine, row.theirs) for row in view.rows}
        holder, name = values.get("name", ("", ""))
        holder_area, area = values.get("jurisdiction_code", ("", ""))
        return twin_note(str(name or ""), area, str(holder or ""), holder_area,
                         str(values.get("uscc", ("", ""))[1] or ""), ui_lang())

    def _held_note(self, reason: str) -> str:
        """Why a package's deletion waits here (exchange/deletion_holds.py), and what to do."""
        if reason == "deleted_in_use":
            return self.tr("The package deletes this record, but records here still rest on it (an "
                           "enterprise's visits or orders; a visit's samples, findings or orders), so "
                           "the deletion did not take effect. Keep the current version, or delete "
                           "those records first and then use the deleted version.")
        if reason == "deleted_with_visit":
            return self.tr("The package deletes this record together with its visit, but the visit "
                           "stays here because of its own conflict. Settle the visit's conflict: "
                           "this one is settled with it, deleted or kept with the visit.")
        return ""

    @staticmethod
    def _partners(row: FieldRow, combinable: list[FieldRow]) -> list[FieldRow]:
        """The differing fields that are taken together with `row` (itself included)."""
        return [r for r in combinable if r.name in row.together]

    def _together_tip(self, table: str, row: FieldRow, combinable: list[FieldRow]) -> str:
        others = [field_label(table, r) for r in self._partners(row, combinable) if r.name != row.name]
        if not others:
            return self.tr("Tick to take this value into the combination")
        return self.tr("Taken together with %1 (%2)").replace("%1", joined(others)) \
            .replace("%2", group_label(row.group))

    def _group_note(self, table: str, combinable: list[FieldRow]) -> str:
        groups: dict[str, list[str]] = {}
        for row in combinable:
            if row.group and len(self._partners(row, combinable)) > 1:
                groups.setdefault(group_label(row.group), []).append(field_label(table, row))
        if not groups:
            return ""
        colon, separator = (": ", "; ") if ui_lang() == "en" else ("：", "；")
        listed = separator.join(f"{g}{colon}{joined(h)}" for g, h in groups.items())
        return self.tr("Values that belong together are ticked and taken together (%1).") \
            .replace("%1", listed)

    def _ticked_changed(self, item: QTableWidgetItem) -> None:
        """Ticking (or unticking) a value does the same to the values taken with it."""
        name = item.data(Qt.ItemDataRole.UserRole)
        view = self.current_view()
        if name and view is not None:
            together = next((r.together for r in view.rows if r.name == name), (name,))
            state = item.checkState()
            self.fields.blockSignals(True)
            for r in range(self.fields.rowCount()):
                other = self.fields.item(r, 2)
                if other is not None and other.data(Qt.ItemDataRole.UserRole) in together:
                    other.setCheckState(state)
            self.fields.blockSignals(False)
            self.fields.viewport().update()
        self.combine_button.setEnabled(bool(self.ticked()))

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
        """Write the chosen version; a combination the core refuses keeps the ticks and says why."""
        from qcdesk.exchange.reconcile import resolve_conflict

        conflict, row = self.current(), self._selected_row()
        if conflict is None or not self._confirmed(take_incoming, from_other or []):
            return
        try:
            resolve_conflict(self.store, conflict["id"], take_incoming=take_incoming,
                             fields_from_other=from_other or ())
        except CombinationRefused as exc:  # titled by what was refused (a held deletion: taking it)
            title = (self.tr("Cannot use the other version") if take_incoming else
                     self.tr("Cannot combine") if from_other else self.tr("Cannot keep the current version"))
            QMessageBox.warning(self, title, exc.text(ui_lang()))
            return
        except (ValueError, StoreError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.reload(resolved=conflict, row=row)

    def _confirmed(self, take_incoming: bool, from_other: list[str]) -> bool:
        """Ask before a resolution, naming the record and the version kept, and where the other
        stays readable: the resolution is not undone by a click, and the version set aside is
        never offered again. "Don't ask again" holds until this window is closed."""
        view, conflict = self.current_view(), self.current()
        if not self.ask_again or view is None or conflict is None:
            return True
        mine, theirs = self._names(view)  # as the buttons name them: the question must agree
        table = conflict["kind"]
        record = record_words(table, view.title or view.incoming_title or self.tr("(no name)"))
        if conflict["reason"] == "duplicate_uscc":
            text = self.tr("Mark %1 as checked and keep it as it is?").replace("%1", record)
        elif take_incoming:
            text = self.tr("Use the version by %1 of %2?").replace("%1", theirs).replace("%2", record)
        elif from_other:
            headers = [field_words(table, r.name, r.header) for r in view.rows if r.name in from_other]
            text = (self.tr("Keep the version by %1 of %2, with the ticked values of the version by "
                            "%3 (%4)?").replace("%1", mine).replace("%2", record)
                    .replace("%3", theirs).replace("%4", joined(headers)))
        else:
            text = self.tr("Keep the version by %1 of %2?").replace("%1", mine).replace("%2", record)
        aside = mine if take_incoming else theirs
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Resolve the conflict"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr(
            "The conflict then leaves this list and the version by %1 is not offered again. Its "
            "values that are not taken stay readable in the record's History: type one back in "
            "the record to restore it.").replace("%1", aside))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setCheckBox(QCheckBox(self.tr("Don't ask again until this window is closed"), box))
        answer = ask_resolve(box)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.ask_again = not box.checkBox().isChecked()
        return True
