"""Shared pieces of the record editors: errors shown at the field, optional dates, unsaved prompts.

Core validation reports `Issue.field` names such as "uscc" or "samples.0.product_name"; the
editors register a widget per name so every message lands under the field it is about, in the
language the user chose."""

from __future__ import annotations

import copy
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import local_day
from qcdesk.models.messages import Issue
from qcdesk.models.records import Record
from qcdesk.models.store import StoreError, now_utc
from qcdesk.models.store_errors import explain_error
from qcdesk.ui import colours
from qcdesk.ui.date_field import OptionalDateEdit as OptionalDateEdit  # its home before date_field.py
from qcdesk.ui.date_field import refuse_unfinished
from qcdesk.ui.field_message import FieldLabel, with_message
from qcdesk.ui.required_date import RequiredDateEdit
from qcdesk.ui.settings_values import stored_bytes
from qcdesk.ui.workers import own_job_busy, ui_lang

ERROR_COLOUR = colours.ERROR  # light designs: colours.readable / pair_css adapt them to the palette
WARNING_TEXT = colours.WARNING_TEXT
WARNING_BACKGROUND = colours.WARNING_BACKGROUND


def app_lang(explicit: str | None = None) -> str:
    """The language core messages are shown in: given, else the app's (`ui_lang`)."""
    return explicit or ui_lang()


def app_settings(explicit: QSettings | None = None) -> QSettings:
    """The app's QSettings when it hands one out (attribute `settings`), else Qt's default."""
    if explicit is not None:
        return explicit
    app = QApplication.instance()
    found = getattr(app, "settings", None)
    return found if isinstance(found, QSettings) else QSettings()


def issue_text(issue: Issue, lang: str) -> str:
    """The core message, with status codes in it shown as the user's words (not 'recheck_failed')."""
    if issue.rule == "rectification.transition":
        from qcdesk.ui.rectification_dialog import status_text

        params = {k: status_text(str(v)) if k in ("old", "new") else v for k, v in issue.params.items()}
        return Issue(issue.field, issue.rule, params, issue.warning).text(lang)
    return issue.text(lang)


class FieldErrors:
    """Which widget shows which core field; marks errors in red and warnings in yellow."""

    def __init__(self, lang: str = "zh"):
        self.lang = lang
        self._fields: dict[str, tuple[QWidget, QLabel | None]] = {}
        self._shown: set[str] = set()

    def add(self, field: str, widget: QWidget, label: QLabel | None = None) -> None:
        self._fields[field] = (widget, label)

    def add_row(self, form: QFormLayout, label: str, field: str, widget: QWidget,
                named: QWidget | None = None) -> None:
        """A form row showing `widget` with its message line, registered for `field`; `named`
        is the field inside a row of several widgets that the label names and messages mark."""
        box, message_label = with_message(widget)
        target = named or widget
        if label:  # the label names the field inside the box, for screen readers (FieldLabel)
            row_label = FieldLabel(label, target)
            row_label.setBuddy(box)
            form.addRow(row_label, box)
        else:
            form.addRow(label, box)
        self.add(field, target, message_label)

    def has(self, field: str) -> bool:
        return field in self._fields

    def widget(self, field: str) -> QWidget | None:
        entry = self._fields.get(field)
        return entry[0] if entry else None

    def set(self, field: str, text: str, *, warning: bool = False) -> None:
        """Show one message at a field (replacing what was there)."""
        widget, label = self._fields[field]
        if warning:
            style = colours.warning_box()  # the field's text too: white on yellow in dark mode
            label_style = f"{colours.pair_css(WARNING_BACKGROUND, WARNING_TEXT)} padding: 2px;"
        else:
            style = f"border: 1px solid {colours.readable(ERROR_COLOUR)};"
            label_style = colours.text_css(ERROR_COLOUR)
        widget.setStyleSheet(f"{type(widget).__name__} {{ {style} }}")
        widget.setProperty("fieldState", "warning" if warning else "error")
        widget.setToolTip(text)
        if label is not None:
            label.setText(text)
            label.setStyleSheet(label_style)
            label.setVisible(True)
        self._shown.add(field)

    def clear(self, field: str | None = None) -> None:
        for name in [field] if field else list(self._shown):
            if name not in self._fields:
                continue
            widget, label = self._fields[name]
            widget.setStyleSheet("")
            widget.setProperty("fieldState", "")
            widget.setToolTip("")
            if label is not None:
                label.clear()
                label.setVisible(False)
            self._shown.discard(name)

    def message(self, field: str) -> str:
        entry = self._fields.get(field)
        if not entry or field not in self._shown:
            return ""
        label = entry[1]
        return label.text() if label is not None else entry[0].toolTip()

    def show_issues(self, issues: Iterable[Issue], prefix: str = "") -> tuple[QWidget | None, list[Issue]]:
        """Mark every issue whose field is known; return the first marked widget and the rest."""
        first: QWidget | None = None
        unplaced: list[Issue] = []
        texts: dict[str, list[str]] = {}
        warn: dict[str, bool] = {}
        for issue in issues:
            name = issue.field.removeprefix(prefix) if prefix else issue.field
            if prefix and not issue.field.startswith(prefix):
                continue
            if name not in self._fields:
                unplaced.append(issue)
                continue
            texts.setdefault(name, []).append(issue_text(issue, self.lang))
            warn[name] = warn.get(name, True) and issue.warning
        for name, lines in texts.items():
            self.set(name, "\n".join(lines), warning=warn[name])
            if first is None and not warn[name]:
                first = self._fields[name][0]
        return first, unplaced


def date_edit(iso: str | None = None) -> RequiredDateEdit:
    """A required date, typed over in place or picked from the calendar; today when not given."""
    edit = RequiredDateEdit()
    day = QDate.fromString(iso or "", "yyyy-MM-dd")
    edit.setDate(day if day.isValid() else QDate.fromString(local_day.today().isoformat(), "yyyy-MM-dd"))
    return edit


def iso(edit: QDateEdit | RequiredDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


def set_combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def set_read_only(root: QWidget) -> None:
    """Make every input under `root` read-only (locked records stay readable and selectable)."""
    for w in root.findChildren(QLineEdit):
        w.setReadOnly(True)
    for w in root.findChildren(QPlainTextEdit):
        w.setReadOnly(True)
    for w in root.findChildren(QDateEdit):
        w.setReadOnly(True)
    for w in root.findChildren(QComboBox) + root.findChildren(QCheckBox):
        w.setEnabled(False)


STORAGE_ERRORS = (sqlite3.Error, OSError, StoreError)


def storage_refusal(parent: QWidget, exc: Exception, lang: str) -> None:
    """The database or disk refused a write: tell the user why; what they typed stays. SQLite's
    own error (a read before the save's transaction) is worded as the store words it."""
    path = getattr(getattr(parent, "store", None), "path", None)  # the dialog's database
    if isinstance(exc, sqlite3.DatabaseError) and path is not None:
        exc = explain_error(exc, path)
    detail = exc.text(lang) if isinstance(exc, StoreError) else str(exc)
    detail = own_job_busy(exc, path) or detail  # the lock is the app's own background job's
    QMessageBox.warning(parent, QCoreApplication.translate("EditorDialog", "Not saved"),
                        QCoreApplication.translate(
                            "EditorDialog", "Nothing was saved; your changes are still here.\n%1")
                        .replace("%1", detail))


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """保存 / 不保存 / 取消 — Qt's own 'Discard' would read 丢弃, which inspectors find alarming."""
    box = QMessageBox(QMessageBox.Icon.Question,
                      QCoreApplication.translate("EditorDialog", "Unsaved changes"),
                      QCoreApplication.translate("EditorDialog", "Save the changes before closing?"),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("unsavedChangesBox")
    box.button(QMessageBox.StandardButton.Save).setText(QCoreApplication.translate("EditorDialog", "&Save"))
    box.button(QMessageBox.StandardButton.Discard).setText(
        QCoreApplication.translate("EditorDialog", "Do&n't save"))
    box.button(QMessageBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("EditorDialog", "Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return box.standardButton(clicked) if clicked else QMessageBox.StandardButton.Cancel


class RecordRows(QWidget):
    """A small table of child records (one per row, text columns) with add/remove and row messages.

    Removed saved rows come back from `collect` soft-deleted, so the caller writes them with the
    rest in one transaction. `removed_note`, if given, is shown once a saved row is removed (what
    removing keeps, e.g. a contact's old values in the change history)."""

    def __init__(self, factory: Callable[[], Record], fields: tuple[str, ...], headers: list[str],
                 add_text: str, remove_text: str, name: str, parent: QWidget | None = None,
                 removed_note: str = ""):
        super().__init__(parent)
        self.factory = factory
        self.fields = fields
        self.records: list[Record] = []
        self.removed: list[Record] = []
        self.table = QTableWidget(0, len(fields))
        self.table.setObjectName(f"{name}Table")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.message = QLabel()
        self.message.setObjectName(f"{name}Message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(colours.text_css(ERROR_COLOUR))
        self.message.setVisible(False)
        self.removed_note = QLabel(removed_note)
        self.removed_note.setObjectName(f"{name}RemovedNote")
        self.removed_note.setWordWrap(True)
        self.removed_note.setVisible(False)
        add = QPushButton(add_text)
        add.setObjectName(f"add{name[:1].upper()}{name[1:]}Button")
        add.clicked.connect(lambda: self._append(self.factory()))
        remove = QPushButton(remove_text)
        remove.setObjectName(f"remove{name[:1].upper()}{name[1:]}Button")
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.removed_note)
        layout.addLayout(buttons)

    def load(self, records: list[Record]) -> None:
        self.records = list(records)
        self.removed = []
        self.removed_note.setVisible(False)
        self.table.setRowCount(0)
        for record in self.records:
            self._append(record)
        self.show_messages([])

    def _append(self, record: Record) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, name in enumerate(self.fields):
            self.table.setItem(row, col, QTableWidgetItem(str(getattr(record, name) or "")))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        if row < len(self.records):
            gone = self.records.pop(row)
            if gone.id:
                self.removed.append(gone)
                self.removed_note.setVisible(bool(self.removed_note.text()))
        self.table.removeRow(row)

    def collect(self) -> list[Record]:
        """Rows as shown (blank new rows skipped), then the saved rows removed in this session."""
        out = []
        for row in range(self.table.rowCount()):
            base = copy.deepcopy(self.records[row]) if row < len(self.records) else self.factory()
            values = [(self.table.item(row, c).text().strip() if self.table.item(row, c) else "")
                      for c in range(len(self.fields))]
            if any(values) or base.id is not None:
                for name, value in zip(self.fields, values, strict=True):
                    setattr(base, name, value)
                out.append(base)
        for gone in self.removed:
            dead = copy.deepcopy(gone)
            dead.deleted_at = now_utc()
            out.append(dead)
        return out

    def show_messages(self, lines: list[str]) -> None:
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))


class EditorDialog(QDialog):
    """A record editor: Save / Save and close / Close, Ctrl+S, geometry kept, unsaved prompt."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None, *, settings: QSettings | None = None,
                 lang: str | None = None):
        super().__init__(parent)
        self.lang = app_lang(lang)
        self.settings = app_settings(settings)
        self.errors = FieldErrors(self.lang)
        self.read_only = False
        self.saved_any = False
        self._baseline: object = None
        self.draft: Any = None  # its DraftKeeper once shown (draft_keeper.py), False if it keeps none
        self.setSizeGripEnabled(True)

    # -- to implement ------------------------------------------------------------------
    def snapshot(self) -> object:
        """Everything the user can change, comparable with ==."""
        raise NotImplementedError

    def save(self) -> bool:
        """Validate and write; mark fields and return False when the core refuses."""
        raise NotImplementedError

    # -- shared behaviour --------------------------------------------------------------
    def make_buttons(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.save_button = QPushButton(QCoreApplication.translate("EditorDialog", "&Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(QCoreApplication.translate("EditorDialog", "Save (Ctrl+S)"))
        self.save_close_button = QPushButton(QCoreApplication.translate("EditorDialog", "Save and cl&ose"))
        self.save_close_button.setObjectName("saveCloseButton")
        self.close_button = QPushButton(QCoreApplication.translate("EditorDialog", "&Close"))
        self.close_button.setObjectName("closeButton")
        for button in (self.save_button, self.save_close_button, self.close_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        self.save_button.clicked.connect(self._save_clicked)
        self.save_close_button.clicked.connect(self._save_and_close)
        self.close_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.activated.connect(self._save_clicked)
        return box

    def apply_read_only(self, root: QWidget) -> None:
        self.read_only = True
        set_read_only(root)
        for name in ("save_button", "save_close_button"):
            button = getattr(self, name, None)
            if button is not None:
                button.setVisible(False)

    def mark_clean(self) -> None:
        self._baseline = self.snapshot()
        if self.draft:  # saved (or reloaded on purpose): its draft goes
            self.draft.forget()

    def is_dirty(self) -> bool:
        return not self.read_only and self.snapshot() != self._baseline

    def refuse_unfinished_dates(self) -> bool:
        """A date typed but not whole (2026-02-31, a year half typed over) stops every save at its
        field: saving the date held before would lose the correction the clerk believes made."""
        return refuse_unfinished(self)

    def _save_clicked(self) -> bool:
        if self.read_only or self.refuse_unfinished_dates():
            return False
        try:
            ok = self.save()
        except STORAGE_ERRORS as exc:  # locked/full/read-only disk: say so, keep the edits
            storage_refusal(self, exc, self.lang)
            return False
        if ok:
            self.saved_any = True
            self.mark_clean()
            self.saved.emit()
            return True
        return False

    def saved_for_document(self, is_new: bool) -> bool:
        """A document shows what is stored, so unsaved edits (or a record never saved) are saved first."""
        if self.read_only or not (is_new or self.is_dirty()):
            return True
        if is_new:
            text = QCoreApplication.translate("EditorDialog", "This record has not been saved yet.")
        else:
            text = QCoreApplication.translate(
                "EditorDialog", "This record has unsaved changes; the document shows only what is saved.")
        answer = QMessageBox.question(
            self, QCoreApplication.translate("EditorDialog", "Save first?"),
            text + "\n" + QCoreApplication.translate("EditorDialog", "Save now?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        return answer == QMessageBox.StandardButton.Save and self._save_clicked()

    def _save_and_close(self) -> None:
        if self._save_clicked():
            self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Esc, Close and the window button all come here: ask before losing changes."""
        if self.is_dirty():
            answer = ask_unsaved(self)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save and not self._save_clicked():
                return
            if answer == QMessageBox.StandardButton.Discard and self.draft:
                self.draft.forget()
        self.done(QDialog.DialogCode.Accepted if self.saved_any else QDialog.DialogCode.Rejected)

    def restore_geometry(self) -> None:
        data = stored_bytes(self.settings, f"editors/{type(self).__name__}/geometry")
        if data is not None:
            self.restoreGeometry(data)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter in a field does nothing (QDialog pressed its first button, 执法人员名录…)."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # on a button: that button
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """First shown: keep drafts of the typing, and offer one a crash left (draft_keeper.py)."""
        super().showEvent(event)
        if self.draft is None:
            from qcdesk.ui.draft_keeper import keep_drafts

            self.draft = keep_drafts(self) or False

    def done(self, result: int) -> None:
        self.settings.setValue(f"editors/{type(self).__name__}/geometry", self.saveGeometry())
        if self.draft:
            self.draft.closing(self.is_dirty())
        super().done(result)


def visit_kind_texts() -> dict[str, str]:
    """Visit kinds in the user's language (codes as stored)."""
    return {
        "spot_check": QCoreApplication.translate("forms", "Supervision spot check"),
        "licence_followup": QCoreApplication.translate("forms", "Production licence follow-up"),
        "assistance": QCoreApplication.translate("forms", "Quality assistance / guidance"),
        "recheck": QCoreApplication.translate("forms", "Re-check"),
        "special": QCoreApplication.translate("forms", "Special inspection"),
    }


def visit_status_texts() -> dict[str, str]:
    return {
        "planned": QCoreApplication.translate("forms", "Planned"),
        "draft": QCoreApplication.translate("forms", "Draft"),
        "done": QCoreApplication.translate("forms", "Completed"),
    }


def path_row(edit: QLineEdit, button: QPushButton) -> QWidget:
    """A path field with its Browse button, as one form row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row
