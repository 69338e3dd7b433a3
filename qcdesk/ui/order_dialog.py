"""Issuing a rectification order (责令整改) for a failed sample or a finding of a saved visit.

One problem gets one order: a sample or finding that already has one is offered that order
instead of a second (`issue_order`). The requirement starts from the core's Chinese wording
(`models.rectification_texts`) in either UI language: it is printed in the Chinese notice. The
notice number is left blank for the registry, or typed whole or as a serial. The rule set
proposed is the one in force on the order date, and follows the date until the clerk chooses one;
a choice not in force then is warned at the field, never refused.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectification_checks import existing_order, notice_prefix, rule_set_warning
from qcdesk.models.rectification_texts import default_requirement
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.rules import RULE_SETS, deadlines, rule_set_in_force
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import colours
from qcdesk.ui.date_field import refuse_unfinished
from qcdesk.ui.draft_keeper import confirm_discard, keep_drafts
from qcdesk.ui.forms import (
    ERROR_COLOUR,
    STORAGE_ERRORS,
    FieldErrors,
    app_lang,
    date_edit,
    iso,
    issue_text,
    storage_refusal,
)
from qcdesk.ui.rectification_texts import rule_set_text, status_text


class OrderRectificationDialog(QDialog):
    """Issue an order for a finding or a failed sample of a saved visit; deadlines shown live."""

    def __init__(self, store: Store, visit: Visit, *, finding: Finding | None = None,
                 sample: Sample | None = None, parent: QWidget | None = None, lang: str | None = None,
                 paths: AppPaths | None = None):
        super().__init__(parent)
        self.store = store
        self.paths = paths  # where its draft is kept (draft_keeper.py); None: kept nowhere
        self.draft: Any = None
        self.visit = visit
        self.finding = finding
        self.sample = sample
        self.created: Rectification | None = None
        self.errors = FieldErrors(app_lang(lang))
        self.setObjectName("orderRectificationDialog")
        self.setWindowTitle(self.tr("Order rectification"))
        self.requirement_edit = QPlainTextEdit()
        self.requirement_edit.setObjectName("requirementEdit")
        self.requirement_edit.setTabChangesFocus(True)
        self.rule_combo = QComboBox()
        self.rule_combo.setObjectName("ruleSetCombo")
        for key in RULE_SETS:
            self.rule_combo.addItem(rule_set_text(key), key)
        self.rule_chosen = False  # the clerk picked a rule set: the date no longer moves it
        self._proposing = False  # the dialog itself is setting the rule set of the date
        self.requirement_edit.setPlainText(default_requirement(sample=sample, finding=finding))
        self.requirement_hint = QLabel(self.tr(
            "Printed as written under 整改要求 in the Chinese notice: write it in Chinese. The notice "
            "already prints the duties the rule set brings, such as stopping production and sale, finding "
            "the cause and reporting by the deadline: do not repeat them."))
        self.requirement_hint.setObjectName("requirementHint")
        self.requirement_hint.setWordWrap(True)
        self.ordered_edit = date_edit()
        self.ordered_edit.setObjectName("orderedOnEdit")
        self.notice_edit = QLineEdit()  # blank: the registry numbers it (the notice prints ＿＿号)
        self.notice_edit.setObjectName("noticeNoEdit")
        self.notice_prefix = notice_prefix(store)  # as the notice prints it
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadlineLabel")
        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(colours.text_css(ERROR_COLOUR))
        self.general_error.setVisible(False)
        form = QFormLayout()
        self.errors.add_row(form, self.tr("&Requirement:"), "requirement", self.requirement_edit)
        form.addRow("", self.requirement_hint)
        for label, field, widget in (
            (self.tr("R&ule set:"), "rule_set", self.rule_combo),
            (self.tr("&Ordered on:"), "ordered_on", self.ordered_edit),
            (self.tr("&Notice no.:"), "notice_no", self.notice_edit),
        ):
            self.errors.add_row(form, label, field, widget)
        form.addRow(self.tr("Deadlines:"), self.deadline_label)
        self.ok_button = QPushButton(self.tr("&Issue order"))
        self.ok_button.setObjectName("issueOrderButton")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._issue)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.rule_combo.currentIndexChanged.connect(self._rule_changed)
        self.ordered_edit.dateChanged.connect(self._date_changed)
        self._date_changed()
        self.resize(560, 380)

    def _rule_changed(self, *_args: object) -> None:
        """Any change the date's proposal did not make is the clerk's choice, and stays."""
        self.rule_chosen = self.rule_chosen or not self._proposing
        self._show_deadlines()

    def _date_changed(self, *_args: object) -> None:
        """Propose the rule set in force on the new order date, unless the clerk chose one."""
        if not self.rule_chosen:
            ordered = date.fromisoformat(iso(self.ordered_edit))
            self._proposing = True
            try:
                self.rule_combo.setCurrentIndex(self.rule_combo.findData(rule_set_in_force(ordered)))
            finally:
                self._proposing = False
        self._show_deadlines()

    def _show_rule_warning(self, ordered: date) -> None:
        """A rule set not in force on the order date is allowed (a clerk may know better), with
        the core's warning at the field; else the tooltip says how the dates decide."""
        self.errors.clear("rule_set")
        warning = rule_set_warning(self.rule_combo.currentData(), ordered)
        if warning is not None:
            self.errors.set("rule_set", issue_text(warning, self.errors.lang), warning=True)
        else:
            self.rule_combo.setToolTip(self.tr(
                "Proposed by the order date: SAMR order No. 18 (published 2019) applies to orders from "
                "1 January 2020, when it took effect; earlier orders ran under AQSIQ order No. 133 (2010)."))

    def _show_deadlines(self, *_args: object) -> None:
        ordered = date.fromisoformat(iso(self.ordered_edit))
        self._show_rule_warning(ordered)
        deadline, recheck = deadlines(self.rule_combo.currentData(), ordered)
        self.deadline_label.setText(self.tr("correct by %1, re-check due by %2")
                                    .replace("%1", deadline.isoformat()).replace("%2", recheck.isoformat()))
        blank = f"{self.notice_prefix}〔{ordered.year}〕＿＿号"  # the year is the order's
        self.notice_edit.setPlaceholderText(self.tr("blank until numbered (prints %1), or the serial only")
                                            .replace("%1", blank))
        self.notice_edit.setToolTip(self.tr(
            "Leave it blank while the registry has given no number: the notice prints %1. Otherwise type "
            "the whole number (%2) or only its serial (12). The year is that of the order date.")
            .replace("%1", blank).replace("%2", f"{self.notice_prefix}〔{ordered.year}〕12号"))

    def _issue(self) -> None:
        self.errors.clear()
        self._show_rule_warning(date.fromisoformat(iso(self.ordered_edit)))  # kept while refused
        self.general_error.setVisible(False)
        if refuse_unfinished(self):  # a date half typed over: never act on the old one
            return
        try:
            self.created = order_rectification(
                self.store, visit=self.visit, requirement=self.requirement_edit.toPlainText(),
                ordered_on=iso(self.ordered_edit), rule_set=self.rule_combo.currentData(),
                finding=self.finding, sample=self.sample, notice_no=self.notice_edit.text())
        except ValidationFailed as failure:
            first, rest = self.errors.show_issues(failure.issues)
            if rest:
                self.general_error.setText("\n".join(issue_text(i, self.errors.lang) for i in rest))
                self.general_error.setVisible(True)
            if first is not None:
                first.setFocus()
            return
        except STORAGE_ERRORS as exc:
            storage_refusal(self, exc, self.errors.lang)
            return
        if self.draft:
            self.draft.forget()
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.draft is None:
            self.draft = keep_drafts(self) or False

    def reject(self) -> None:
        """Cancel or Esc: a requirement typed here is thrown away only when the clerk says so."""
        if self.draft and not confirm_discard(self, self.draft):
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.draft:
            self.draft.closing(self.draft.adapter.dirty() and result != QDialog.DialogCode.Accepted)
        super().done(result)


def issue_order(parent: QWidget, store: Store, paths: AppPaths, visit: Visit, record: Sample | Finding,
                lang: str) -> Rectification | None:
    """Issue an order for a saved failed sample or finding; one that already has an order is
    offered that order (to open) instead of a second. The new order, or None."""
    found = existing_order(store, sample_id=record.id) if isinstance(record, Sample) \
        else existing_order(store, finding_id=record.id)
    if found is not None:
        from qcdesk.ui.draft_adapters import offer_stale_order

        offer_stale_order(parent, store, paths, record)  # an order typed before it came: to copy from
        if isinstance(record, Sample):
            text = QCoreApplication.translate(
                "OrderRectificationDialog", "This failed sample already has a rectification order: %1, "
                "ordered on %2 (%3). One problem gets one order.\n\nOpen that order?")
        else:
            text = QCoreApplication.translate(
                "OrderRectificationDialog", "This finding already has a rectification order: %1, "
                "ordered on %2 (%3). One problem gets one order.\n\nOpen that order?")
        number = found.notice_no or QCoreApplication.translate("RectificationDialog", "(no number yet)")
        text = text.replace("%1", number).replace("%2", found.ordered_on) \
            .replace("%3", status_text(found.status, found.closing_reason))
        answer = QMessageBox.question(
            parent, QCoreApplication.translate("OrderRectificationDialog", "Order rectification"), text)
        if answer == QMessageBox.StandardButton.Yes:
            from qcdesk.ui.rectification_dialog import RectificationDialog

            RectificationDialog(store, paths, found.id, parent, lang=lang).exec()
        return None
    dialog = OrderRectificationDialog(store, visit, parent=parent, lang=lang, paths=paths,
                                      finding=record if isinstance(record, Finding) else None,
                                      sample=record if isinstance(record, Sample) else None)
    return dialog.created if dialog.exec() else None
