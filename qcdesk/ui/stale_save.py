"""A save refused because the record changed elsewhere, resolved without losing the user's typing.

The editors keep the revision they opened (optimistic locking, persistence.update_record). When
an import or another window saved the same record meanwhile, the save is refused; before this,
the editor could only say "reopen it", and reopening threw the typing away. Here the user sees
which fields the other change touched (old → their value) and which they changed, and chooses:
keep my changes (the stored revision with theirs re-applied on top, saved as the next revision),
discard my changes (reload), or cancel (back to the editor, nothing saved). A change landing
while the dialog is open refuses "keep" as stale again, and the dialog comes back with it. The
更正 of a sent visit is offered the same choice (`resolve_amendment`). The field comparison
itself is headless: qcdesk.models.stale_fields.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import local_day
from qcdesk.models.demonstration import DemonstrationZone, member_names
from qcdesk.models.editor_queries import enterprise_contacts, save_enterprise_file, save_visit_with_recheck
from qcdesk.models.enterprises import enterprise_licences
from qcdesk.models.inspections import VisitBundle, load_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise, Rectification, Visit
from qcdesk.models.stale_fields import FieldChange, is_stale, keep_mine, rebase_rows
from qcdesk.models.store import now_utc
from qcdesk.ui import colours
from qcdesk.ui.forms import WARNING_BACKGROUND
from qcdesk.ui.list_empty import plain

if TYPE_CHECKING:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.visit_editor import VisitEditor
    from qcdesk.ui.zones_page import ZoneDialog

class Choice(Enum):
    KEEP = "keep"
    DISCARD = "discard"
    CANCEL = "cancel"


# -- how a field and its values read ---------------------------------------------------------
def _clean(label: str) -> str:
    """A form label as a field name: no mnemonic ("检查情况(&M)：" → "检查情况", "&Summary:" → "Summary");
    the Chinese "(&M)" suffix left a stray "(M)" when only the "&" was dropped. "&&" is a real "&"."""
    return plain(label.replace("&&", "\0")).replace("\0", "&").rstrip(":：").strip()


def form_label(widget: QWidget) -> str:
    """The text a form shows beside `widget` (or beside the box that wraps it with its message)."""
    if isinstance(widget, QCheckBox):
        return _clean(widget.text())
    candidates = [widget, widget.parentWidget()]
    for form in widget.window().findChildren(QFormLayout):
        for candidate in candidates:
            label = form.labelForField(candidate) if candidate is not None else None
            if isinstance(label, QLabel):
                return _clean(label.text())
    return ""


def value_text(value: Any, widget: QWidget | None = None) -> str:
    """A value as the user knows it from the form: a combo's text, a tick as yes/no, names."""
    if isinstance(widget, QCheckBox):
        yes, no = (QCoreApplication.translate("StaleSaveDialog", "Yes"),
                   QCoreApplication.translate("StaleSaveDialog", "No"))
        return yes if value else no
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("StaleSaveDialog", "(empty)")
    if isinstance(widget, QComboBox) and (index := widget.findData(value)) >= 0:
        return widget.itemText(index)
    if isinstance(widget, QListWidget) and isinstance(value, list):
        names = {widget.item(i).data(Qt.ItemDataRole.UserRole): widget.item(i).text()
                 for i in range(widget.count())}
        return "、".join(names.get(v, str(v)) for v in value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


class Describer:
    """Field labels and value texts of one editor: its own fields by their form widgets,
    child rows (licences, samples…) by a title and their column or form labels."""

    def __init__(self, widgets: dict[str, QWidget]):
        self.widgets = widgets
        self.parts: dict[str, tuple[str, dict[str, str]]] = {}

    def add_part(self, part: str, title: str, labels: dict[str, str]) -> None:
        self.parts[part] = (title, labels)

    def label(self, change: FieldChange) -> str:
        if not change.part:
            widget = self.widgets.get(change.field)
            return (form_label(widget) if widget is not None else "") or change.field
        title, labels = self.parts.get(change.part, (change.part, {}))
        row = str((change.row or 0) + 1)
        text = QCoreApplication.translate("StaleSaveDialog", "%1, row %2: %3")
        return text.replace("%1", title).replace("%2", row).replace(
            "%3", labels.get(change.field) or change.field)

    def text(self, change: FieldChange, value: Any) -> str:
        return value_text(value, None if change.part else self.widgets.get(change.field))


# -- the dialog --------------------------------------------------------------------------------
class ChangesTable(QTableWidget):
    """The changed fields with all five columns inside the viewport, never a sideways scroll.

    With every column sized to its contents, one long value (a visit's 检查情况) pushed the
    "Changed by" column, which says whose value wins, past the right edge. Here the field name
    and "Changed by" take what they need (capped at a share of the width), the three values share
    the rest, wrap, and are elided after a few lines; each cell's tooltip holds its full text."""

    MAX_LINES = 4

    def __init__(self, rows: int, columns: int):
        super().__init__(rows, columns)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setStretchLastSection(False)
        self._fitting = False

    def _wanted(self, column: int, share: float) -> int:
        wanted = max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))
        return min(wanted, int(self.viewport().width() * share))

    def fit(self) -> None:
        """Split the viewport's width among the columns, then size rows to their wrapped text."""
        if self._fitting or self.columnCount() != 5:
            return
        self._fitting = True
        try:
            width = self.viewport().width()
            first, last = self._wanted(0, 0.25), self._wanted(4, 0.3)
            each = max(0, width - first - last) // 3
            widths = [first, each, each, width - first - last - 2 * each, last]
            for column, column_width in enumerate(widths):
                self.setColumnWidth(column, max(column_width, 0))
            tallest = self.fontMetrics().lineSpacing() * self.MAX_LINES + 8
            for row in range(self.rowCount()):
                self.setRowHeight(row, min(self.sizeHintForRow(row) + 4, tallest))
        finally:
            self._fitting = False

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return handled


class StaleSaveDialog(QDialog):
    """Which fields changed where, and the three ways on; fields both sides changed come first."""

    def __init__(self, parent: QWidget, revision: int, changes: list[FieldChange], describe: Describer,
                 again: bool = False):
        super().__init__(parent)
        self.setObjectName("staleSaveDialog")
        self.setWindowTitle(self.tr("Changed elsewhere"))
        self.choice = Choice.CANCEL
        text = self.tr(
            "The record was changed elsewhere again while you were deciding, so nothing was saved; "
            "it is now at revision %1. Here is what changed since you opened it; your typing is "
            "still in the editor.") if again else self.tr(
            "While you were editing, this record was changed elsewhere (another window or an "
            "import); it is now at revision %1. Your typing is still in the editor.")
        intro = QLabel(text.replace("%1", str(revision)))
        intro.setObjectName("staleIntro")
        intro.setWordWrap(True)
        order = {"both": 0, "theirs": 1, "mine": 2}
        rows = sorted(changes, key=lambda c: order[c.side])
        sides = {"both": self.tr("Both — your value will be saved"),
                 "theirs": self.tr("Elsewhere — kept"), "mine": self.tr("You — applied on top")}
        self.table = ChangesTable(len(rows), 5)
        self.table.setObjectName("staleChangesTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Field"), self.tr("When you opened it"), self.tr("Changed elsewhere to"),
            self.tr("Your value"), self.tr("Changed by")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.verticalHeader().setVisible(False)
        for r, change in enumerate(rows):
            texts = [describe.label(change), describe.text(change, change.loaded),
                     describe.text(change, change.theirs) if change.side != "mine" else "",
                     describe.text(change, change.mine) if change.side != "theirs" else "",
                     sides[change.side]]
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, change.side)
                item.setToolTip(text)
                if change.side == "both":
                    colours.paint_item(item, WARNING_BACKGROUND)  # its text too
                self.table.setItem(r, c, item)
        note = QLabel(self.tr(
            "Keep my changes: your changes are saved on top of the new revision; fields changed "
            "only elsewhere keep their new values. Discard my changes: the editor shows the record "
            "as stored now. Cancel: back to the editor, nothing is saved."))
        note.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("&Keep my changes"))
        self.keep_button.setObjectName("keepMineButton")
        self.discard_button = QPushButton(self.tr("&Discard my changes"))
        self.discard_button.setObjectName("discardMineButton")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelStaleButton")
        for button, choice in ((self.keep_button, Choice.KEEP), (self.discard_button, Choice.DISCARD),
                               (self.cancel_button, Choice.CANCEL)):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        self.cancel_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.keep_button, self.discard_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.resize(900, 420)  # fits a 1366×768 screen with room for the editor's title bar

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept() if choice is not Choice.CANCEL else self.reject()


def ask(parent: QWidget, revision: int, changes: list[FieldChange], describe: Describer,
        again: bool = False) -> Choice:
    dialog = StaleSaveDialog(parent, revision, changes, describe, again)
    dialog.exec()
    return dialog.choice


def not_saved(label: QLabel, deleted: bool = False, restorable: bool = False) -> None:
    """Why the save was refused and what to do. `restorable`: a visit or an enterprise, which
    Record ▸ Deleted records… brings back, after which this editor's save goes through."""
    deleted_text = QCoreApplication.translate(
        "StaleSaveDialog",
        "This record was deleted elsewhere while you were editing, so it cannot be saved. Your "
        "changes are still shown: copy what you need, then close the editor.")
    if restorable:
        deleted_text = QCoreApplication.translate(
            "StaleSaveDialog",
            "This record was deleted elsewhere while you were editing, so it cannot be saved. Your "
            "changes are still shown: to keep them, bring the record back under Record ▸ Deleted "
            "records… (select it, Restore), then click Save here again; or copy what you need and "
            "close the editor.")
    stale_text = QCoreApplication.translate(
        "StaleSaveDialog",
        "Not saved: this record was changed elsewhere. Your changes are still here; save again "
        "to compare them with the stored version, or close without saving.")
    label.setText(deleted_text if deleted else stale_text)
    label.setVisible(True)


def resolve(parent: QWidget, revision: int, changes: list[FieldChange], describe: Describer,
            keep: Callable[[], bool], discard: Callable[[], None], note: QLabel,
            again: bool = False) -> bool:
    """Ask, then run the chosen way; True only when the user's changes were saved.

    `keep` saves against the revision read before asking. When a third change lands while the
    dialog is open, that save is refused as stale (never written over the third change); the
    editor then compares again and asks again (`again`), instead of telling the user to reopen,
    which would throw the typing away."""
    choice = ask(parent, revision, changes, describe, again)
    if choice is Choice.KEEP:
        return keep()
    if choice is Choice.DISCARD:
        discard()
        return False
    not_saved(note)
    return False


# -- the enterprise editor -----------------------------------------------------------------------
def _table_labels(table: QTableWidget, columns: tuple[str, ...]) -> dict[str, str]:
    return {name: table.horizontalHeaderItem(c).text() for c, name in enumerate(columns)
            if table.horizontalHeaderItem(c) is not None}


def resolve_enterprise(editor: EnterpriseEditor, again: bool = False) -> bool:
    """The enterprise (and its licences and contacts) changed elsewhere since the editor opened;
    `again`: once more, a save from this dialog having been refused as stale."""
    from qcdesk.ui.enterprise_editor import CONTACT_COLUMNS, LICENCE_COLUMNS

    store = editor.store
    mine, licences = editor.collect()
    current = fetch_record(store, Enterprise, mine.id) if mine.id else None
    if current is None or current.deleted_at:
        not_saved(editor.general_error, deleted=True, restorable=True)
        return False
    removed = []
    for gone in editor._removed:
        dead = copy.deepcopy(gone)
        dead.deleted_at = now_utc()
        removed.append(dead)
    own = keep_mine(editor.enterprise, current, mine)
    licence_rows, licence_changes = rebase_rows(
        store, editor.licences + editor._removed, licences + removed, "licences")
    contacts = editor.collect_contacts()
    contact_rows, contact_changes = rebase_rows(
        store, editor.contacts, contacts, "contacts")
    widgets = {f: w for f in (
        "uscc", "name", "jurisdiction_code", "address", "industry", "main_products", "size_class",
        "legal_representative", "contact_name", "contact_phone", "notes") if (w := editor.errors.widget(f))}
    widgets.update(above_scale=editor.above_scale_check, in_improvement=editor.improvement_check,
                   demonstration=editor.demonstration_check, certifications=editor.cert_list)
    describe = Describer(widgets)
    describe.add_part("licences", _clean(editor.tabs.tabText(1)),
                      _table_labels(editor.licence_table, LICENCE_COLUMNS))
    describe.add_part("contacts", QCoreApplication.translate("StaleSaveDialog", "Contacts"),
                      _table_labels(editor.contact_table, CONTACT_COLUMNS))

    def reload(enterprise: Enterprise) -> None:
        editor.enterprise = enterprise
        editor.licences = enterprise_licences(store, enterprise.id)
        editor._removed = []
        editor.contacts = enterprise_contacts(store, enterprise.id)
        editor._load()
        editor._check_licence_cells()

    def keep() -> bool:
        merged = own.merged
        try:
            save_enterprise_file(store, merged, licence_rows, contact_rows)  # type: ignore[arg-type]
        except ValidationFailed as failure:
            if is_stale(failure):  # changed again while the dialog was open: compare anew
                return resolve_enterprise(editor, again=True)
            editor._show_failure(failure.issues, jurisdiction_missing=not merged.jurisdiction_code)
            return False
        reload(merged)  # type: ignore[arg-type]
        return True

    def discard() -> None:
        reload(current)
        editor.mark_clean()

    changes = list(own.changes) + licence_changes + contact_changes
    return resolve(editor, current.revision, changes, describe, keep, discard, editor.general_error,
                   again)


# -- the visit editor ----------------------------------------------------------------------------
def resolve_visit(editor: VisitEditor, bundle: VisitBundle, rect: Rectification | None,
                  outcome: bool | None, removed_photos: list[int], again: bool = False) -> bool:
    """The visit (or one of its samples or findings) changed elsewhere since the editor opened;
    `again`: once more, a save from this dialog having been refused as stale."""
    store = editor.store
    loaded = editor.bundle
    current = fetch_record(store, Visit, bundle.visit.id) if bundle.visit.id else None
    if current is None or current.deleted_at:
        not_saved(editor.general_error, deleted=True, restorable=True)
        return False
    if rect is not None:  # as VisitEditor.save sets it
        bundle.visit.rectification_id = rect.id
    own = keep_mine(loaded.visit, current, bundle.visit)
    samples, sample_changes = rebase_rows(
        store, loaded.samples + editor.samples_tab.removed, bundle.samples, "samples")
    findings, finding_changes = rebase_rows(
        store, loaded.findings + editor.findings_tab.removed, bundle.findings, "findings")
    describe = _visit_describer(editor)

    def keep() -> bool:
        merged = VisitBundle(own.merged, samples, findings, bundle.photos)  # type: ignore[arg-type]
        try:
            save_visit_with_recheck(store, merged, rect, outcome, removed_photos, today=local_day.today())
        except ValidationFailed as failure:
            if is_stale(failure):  # changed again while the dialog was open: compare anew, from
                # a fresh bundle (the refused save may have given new rows ids it rolled back)
                return resolve_visit(editor, editor.collect(), rect, outcome, removed_photos, again=True)
            editor._show_failure(failure.issues)
            return False
        reload()
        editor.status_note.setText(QCoreApplication.translate("VisitEditor", "Saved."))
        return True

    def reload() -> None:
        reloaded = load_visit(store, current.id)
        assert reloaded is not None
        editor.bundle = reloaded
        editor._load()

    def discard() -> None:
        reload()
        editor.mark_clean()

    changes = list(own.changes) + sample_changes + finding_changes
    return resolve(editor, current.revision, changes, describe, keep, discard, editor.general_error,
                   again)


def _visit_describer(editor: VisitEditor) -> Describer:
    """The visit editor's field names: its own form, then the samples' and findings' tabs."""
    widgets = {f: w for f in ("enterprise_id", "visit_date", "kind", "status", "summary", "conclusion")
               if (w := editor.errors.widget(f))}
    widgets.update(inspectors=editor.inspector_list)
    describe = Describer(widgets)
    for part, tab in (("samples", editor.samples_tab), ("findings", editor.findings_tab)):
        describe.add_part(part, _clean(editor.tabs.tabText(editor.tabs.indexOf(tab))),
                          {f: form_label(w) for f, w in tab.bindings})
    return describe


def revisions(bundle: VisitBundle) -> dict[str, int]:
    """The visit's and its rows' revisions, as `amendments.amend_visit(seen=…)` checks them."""
    return {r.uuid: r.revision for r in (bundle.visit, *bundle.samples, *bundle.findings)}


# -- the 更正 (amend) mode of a sent visit ---------------------------------------------------------
def resolve_amendment(editor: VisitEditor, bundle: VisitBundle,
                      amend: Callable[[dict[str, int]], object], again: bool = False) -> bool:
    """A sent visit changed elsewhere (an import) while it was being amended: the same choice
    as the editors'. `amend(seen)` records the user's corrections on top of the revisions in
    `seen`; keep mine calls it with the revisions shown here, so a change landing meanwhile is
    refused again and compared anew. True only when the amendment was saved (the caller
    reloads); the reason typed stays with the amend mode either way."""
    store = editor.store
    loaded = editor.bundle
    current = load_visit(store, loaded.visit.id or 0)
    if current is None or current.visit.deleted_at:
        not_saved(editor.general_error, deleted=True, restorable=True)
        return False
    own = keep_mine(loaded.visit, current.visit, bundle.visit)
    _rows, sample_changes = rebase_rows(store, loaded.samples, bundle.samples, "samples")
    _rows, finding_changes = rebase_rows(store, loaded.findings, bundle.findings, "findings")

    def keep() -> bool:
        try:
            amend(revisions(current))
        except ValidationFailed as failure:
            if is_stale(failure):  # changed again while the dialog was open: compare anew
                return resolve_amendment(editor, bundle, amend, again=True)
            editor._show_failure(failure.issues)
            return False
        return True

    def discard() -> None:
        editor.bundle = current
        editor._load()  # read-only again: the visit is still locked
        editor.mark_clean()

    changes = list(own.changes) + sample_changes + finding_changes
    return resolve(editor, current.visit.revision, changes, _visit_describer(editor), keep, discard,
                   editor.general_error, again)


# -- the zone dialog ---------------------------------------------------------------------------------
class ZoneDescriber(Describer):
    """The zone dialog's field names and values; members, milestones and notes sit outside the
    form, under the `titles` the dialog gives."""

    def __init__(self, dialog: ZoneDialog, titles: dict[str, str]):
        super().__init__({"name": dialog.name, "kind": dialog.kind, "level": dialog.level,
                          "jurisdiction_code": dialog.jurisdiction, "lead_industry": dialog.industry,
                          "status": dialog.status})
        self.store = dialog.store
        self.titles = titles

    def label(self, change: FieldChange) -> str:
        return self.titles.get(change.field) or super().label(change)

    def text(self, change: FieldChange, value: Any) -> str:
        if change.field == "members" and value:
            return "、".join(name for _, name in member_names(self.store, DemonstrationZone(members=value)))
        if change.field == "milestones" and value:
            return "；".join(" ".join(filter(None, (m.get("title"), m.get("due_on")))) for m in value)
        return super().text(change, value)
