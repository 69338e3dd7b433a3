"""Amending (更正) a visit that went out in a signed package, from the visit editor.

A sent visit opens read-only with a 更正… button. Amend mode unlocks only the fields an
amendment may change (`amendments.AMENDABLE_FIELDS`, and `PART_FIELDS` of the samples and
findings: a lab result that arrives after the visit was sent is the usual case); saving asks
for the reason, works out old → new and hands both to `amend_visit`, which writes the change
and the amendment in one transaction. The visit stays locked; its history shows the reason.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.amendments import AMENDABLE_FIELDS, PART_FIELDS, amend_visit
from qcdesk.models.inspections import VisitBundle, inspector_names, load_visit, validate_visit
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import plain_values
from qcdesk.models.retest import settle_retest
from qcdesk.models.stale_fields import is_stale
from qcdesk.ui import colours
from qcdesk.ui.forms import ERROR_COLOUR, WARNING_BACKGROUND, WARNING_TEXT, app_lang, issue_text
from qcdesk.ui.stale_save import resolve_amendment, revisions

if TYPE_CHECKING:
    from qcdesk.ui.visit_editor import VisitEditor

_PARTS = (("samples", "samples_tab"), ("findings", "findings_tab"))


def show_locked(editor: VisitEditor) -> None:
    """A sent visit: read-only, the banner says why, and 更正… / History… are beside it."""
    amend = editor.amend
    if amend is None:
        editor.amend = amend = AmendMode(editor)
    amend.active = False
    amend.button.setEnabled(True)
    editor.banner.setText(QCoreApplication.translate(
        "AmendMode",
        "This visit went out in the signed package %1 and can no longer be changed here. "
        "Use Amend… to correct it with a reason (a lab result that came later is entered the "
        "same way).").replace("%1", editor.bundle.visit.locked_package or ""))
    editor.banner.setVisible(True)
    editor.apply_read_only(editor)
    for tab in (editor.samples_tab, editor.findings_tab):
        for button in (tab.add_button, tab.remove_button, tab.order_button):
            button.setEnabled(False)
    editor.findings_tab.add_photo_button.setEnabled(False)
    editor.findings_tab.remove_photo_button.setEnabled(False)
    editor.inspector_list.setEnabled(False)
    # greyed like the enterprise and kind beside it: a read-only date looked editable, and took
    # the focus at open with its text selected, as if the clerk were meant to type a new one
    editor.date_edit.setEnabled(False)
    amend.button.setFocus()  # the one thing to do with a sent visit
    editor.roster_button.setEnabled(False)  # the roster is for ticking inspectors: locked too
    editor.roster_button.setToolTip(QCoreApplication.translate(
        "AmendMode", "This visit is locked: it went out in a signed package. Use Amend… to "
        "correct its inspectors."))


class AmendMode(QObject):
    """The editor's 更正 state: which widgets it unlocks, and the save that records a reason."""

    def __init__(self, editor: VisitEditor):
        super().__init__(editor)
        self.editor = editor
        self.active = False
        self.last_reason = ""  # kept while the user fixes a refused field
        self.roster_tip = editor.roster_button.toolTip()  # as an open visit shows it
        self.button = QPushButton(self.tr("&Amend…"))
        self.button.setObjectName("amendButton")
        self.button.setToolTip(self.tr("Correct this sent visit, with a reason (e.g. enter a lab result)"))
        self.button.clicked.connect(self.start)
        self.history_button = QPushButton(self.tr("&History…"))
        self.history_button.setObjectName("visitHistoryButton")
        self.history_button.setToolTip(self.tr("Every change of this visit, amendments with their reasons"))
        self.history_button.clicked.connect(self.show_history)
        row = QHBoxLayout()
        layout = editor.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(editor.banner)
        row.addWidget(editor.banner, 1)
        row.addWidget(self.button)
        row.addWidget(self.history_button)
        layout.insertLayout(0, row)

    # -- entering amend mode ---------------------------------------------------------------
    def start(self) -> None:
        """Unlock the amendable fields; a sample still awaiting its result is shown first."""
        e = self.editor
        self.active = True
        e.read_only = False
        self.button.setEnabled(False)
        for button in (e.save_button, e.save_close_button):
            button.setVisible(True)
        widgets = [e.date_edit, e.kind_combo, e.status_combo, e.summary_edit, e.conclusion_edit]
        for _part, tab_name in _PARTS:
            tab = getattr(e, tab_name)
            allowed = PART_FIELDS[_part]
            widgets += [w for f, w in tab.bindings if f in allowed]
        for widget in widgets:
            _unlock(widget)
        e.date_edit.setEnabled(True)  # greyed while locked (show_locked)
        amend_inspectors = "inspectors" in AMENDABLE_FIELDS
        e.inspector_list.setEnabled(amend_inspectors)
        e.roster_button.setEnabled(amend_inspectors)  # a missing inspector is added there first
        e.roster_button.setToolTip(self.roster_tip if amend_inspectors else e.roster_button.toolTip())
        e.samples_tab._result_changed()  # failed items only for a failing result
        e.banner.setText(self.tr(
            "Amending: change what needs correcting, then save. You will be asked for the reason; "
            "the visit stays locked and its history keeps the old values."))
        e.mark_clean()
        pending = next((i for i, s in enumerate(e.samples_tab.items)
                        if getattr(s, "result", "") == "pending" and s.deleted_at is None), None)
        if pending is not None:
            e.tabs.setCurrentWidget(e.samples_tab)
            e.samples_tab.list.setCurrentRow(pending)
            e.samples_tab.result_combo.setFocus()
        else:
            e.summary_edit.setFocus()

    # -- saving ----------------------------------------------------------------------------
    def changes(self, bundle: VisitBundle) -> dict[str, list[Any]]:
        """Field (or part.uuid.field) → [old, new] between the stored visit and the form's."""
        e = self.editor
        old, new = plain_values(e.bundle.visit), plain_values(bundle.visit)
        diff = {k: [old[k], new[k]] for k in AMENDABLE_FIELDS if old[k] != new[k]}
        for part, _tab in _PARTS:
            stored = {r.uuid: plain_values(r) for r in getattr(e.bundle, part)}
            for record in getattr(bundle, part):
                if record.uuid not in stored:
                    continue
                if part == "samples":  # as a normal save does: the final result (a re-test's
                    settle_retest(record)  # once it has one; the form shows the first), and
                    if record.result == "pass" and not record.retest_result:  # a pass has no
                        record.failed_items = ""  # failed items unless a re-test overturned it
                values = plain_values(record)
                for name in PART_FIELDS[part]:
                    if values[name] != stored[record.uuid][name]:
                        diff[f"{part}.{record.uuid}.{name}"] = [stored[record.uuid][name], values[name]]
        return diff

    def save(self) -> bool:
        """Ask for the reason, then amend in one transaction; refusals show at their fields."""
        e = self.editor
        e.errors.clear()
        e.samples_tab.clear_issues()
        e.findings_tab.clear_issues()
        e.general_error.setVisible(False)
        bundle = e.collect()
        diff = self.changes(bundle)
        if not diff:
            e.general_error.setText(self.tr("Nothing was changed: correct a field first, then save."))
            e.general_error.setVisible(True)
            return False
        # the form's mistakes first, at their fields, before the reason is asked for
        found = validate_visit(e.store, bundle, amended=diff)  # the date rule as the amendment applies it
        issues = [i for i in found if not i.warning]
        if issues:
            e._show_failure(issues)
            return False
        # what the core warns of (a re-test requested after the 15 days…) is listed in the
        # dialog, before the user confirms; it never stops the amendment
        dialog = ReasonDialog(self.describe(diff), e, self.warning_lines(bundle, found))
        dialog.reason_edit.setPlainText(self.last_reason)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.last_reason = dialog.reason()
        if not accepted:
            e.status_note.setText(self.tr("Not amended; your changes are still here."))
            return False
        values, reason = {k: v[1] for k, v in diff.items()}, dialog.reason()

        def amend(seen: dict[str, int]) -> None:
            amend_visit(e.store, e.bundle.visit.id or 0, values, reason, seen=seen)

        try:  # refused as stale when the visit changed elsewhere (an import) since it was loaded
            amend(revisions(e.bundle))
        except ValidationFailed as failure:
            if not is_stale(failure):
                e._show_failure(failure.issues)
                return False
            if not resolve_amendment(e, bundle, amend):  # what changed where; keep / discard / cancel
                return False
        self.last_reason = ""
        reloaded = load_visit(e.store, e.bundle.visit.id or 0)
        assert reloaded is not None
        e.bundle = reloaded
        e._load()  # read-only again: the visit is still locked
        e.status_note.setText(self.tr("Amendment saved: %1 field(s) corrected; the visit stays locked.")
                              .replace("%1", str(len(diff))))
        return True

    def warning_lines(self, bundle: VisitBundle, found: list[Issue]) -> list[str]:
        """Each warning of the form's visit, named by its sample or finding as `describe` does."""
        lines = []
        for issue in (i for i in found if i.warning):
            head, _, rest = issue.field.partition(".")
            index = rest.partition(".")[0]
            records = getattr(bundle, head, None) if index.isdigit() else None
            name = ""
            if records is not None and int(index) < len(records):
                record = records[int(index)]
                name = getattr(record, "product_name", "") or getattr(record, "description", "")
            text = issue_text(issue, app_lang())
            lines.append(f"⚠ {name}：{text}" if name else f"⚠ {text}")
        return lines

    def describe(self, diff: dict[str, list[Any]]) -> list[str]:
        """One line per change, as the user reads it: which sample or finding, field, old → new."""
        from qcdesk.ui.history_dialog import part_text

        e = self.editor
        names = {r.uuid: (r.product_name if part == "samples" else r.description)  # type: ignore[attr-defined]
                 for part, _tab in _PARTS for r in getattr(e.bundle, part)}
        lines = []
        for key, (old, new) in diff.items():
            head, _, rest = key.partition(".")
            uuid, _, name = rest.rpartition(".") if rest else ("", "", key)
            where = part_text({"samples": "sample", "findings": "finding"}.get(head, ""),
                              (names.get(uuid) or "")[:30]) if uuid else ""
            label = _field_label(name, head)
            lines.append(f"{where + ' · ' if where else ''}{label}：{self._shown(name, old)} → "
                         f"{self._shown(name, new)}")
        return lines

    def _shown(self, name: str, value: object) -> str:
        e = self.editor
        combos = {"kind": e.kind_combo, "status": e.status_combo,
                  "result": e.samples_tab.result_combo, "severity": e.findings_tab.severity_combo,
                  "sampling_place": e.samples_tab.place_combo, "retest_result": e.samples_tab.retest_combo}
        combo = combos.get(name)
        if combo is not None and combo.findData(value) >= 0:
            return combo.itemText(combo.findData(value))
        if name == "inspectors" and isinstance(value, list):
            return "、".join(inspector_names(e.store, value)) or "—"
        if name == "samplers" and isinstance(value, list):
            return "、".join(str(v) for v in value) or "—"
        if value is None or value == "":
            return "—"
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    def show_history(self) -> None:
        from qcdesk.ui.history_dialog import HistoryDialog

        HistoryDialog(self.editor.store, "visit", self.editor.bundle.visit.uuid, self.editor).exec()


def _field_label(name: str, part: str) -> str:
    """The history dialog's word for a field; else the exchange sheet's Chinese header."""
    from qcdesk.exchange.workbook import SPEC_BY_TABLE
    from qcdesk.ui.history_dialog import field_text

    text = field_text(name)
    if text != name:
        return text
    spec = SPEC_BY_TABLE.get({"samples": "sample", "findings": "finding"}.get(part, "visit"))
    return next((f.header for f in (spec.data_fields if spec else ()) if f.name == name), name)


def _unlock(widget: QWidget) -> None:
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QDateEdit)):
        widget.setReadOnly(False)
    if isinstance(widget, (QComboBox, QCheckBox)):
        widget.setEnabled(True)


class ReasonDialog(QDialog):
    """The reason for an amendment, with the changes it explains; an empty reason is refused here
    (the core refuses it too) with a message at the field."""

    def __init__(self, changes: list[str], parent: QWidget | None = None,
                 warnings: list[str] | None = None):
        super().__init__(parent)
        self.setObjectName("amendReasonDialog")
        self.setWindowTitle(self.tr("Reason for the amendment"))
        self.resize(560, 360)
        listing = QLabel("\n".join(changes))
        listing.setObjectName("amendChanges")
        listing.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("amendReasonEdit")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(self.tr("e.g. the test report arrived on 2026-10-12"))
        self.message = QLabel()
        self.message.setObjectName("amendReasonMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(colours.text_css(ERROR_COLOUR))
        self.message.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save amendment"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Changes:")))
        layout.addWidget(listing)
        self.warnings = QLabel("\n".join(warnings or []))
        self.warnings.setObjectName("amendWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(f"color: {WARNING_TEXT}; background: {WARNING_BACKGROUND}; "
                                    "padding: 4px;")
        self.warnings.setVisible(bool(warnings))
        layout.addWidget(self.warnings)
        layout.addWidget(QLabel(self.tr("&Reason (required):")))
        layout.itemAt(layout.count() - 1).widget().setBuddy(self.reason_edit)  # type: ignore[union-attr]
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def accept(self) -> None:
        if not self.reason():
            required = Issue("reason", "required", {"field": "更正原因"}).text(app_lang())
            self.message.setText(required + self.tr(": say why the visit is corrected (e.g. the test "
                                                "report arrived); it is kept with the change."))
            self.message.setVisible(True)
            self.reason_edit.setStyleSheet(f"QPlainTextEdit {{ border: 1px solid {ERROR_COLOUR}; }}")
            self.reason_edit.setFocus()
            return
        super().accept()

