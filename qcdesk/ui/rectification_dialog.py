"""A rectification order (整改), followed to its close or escalation (issuing one: order_dialog.py).

Every action is one core call (its own transaction); the dialog re-reads the order afterwards so
what is shown is always what is stored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import local_day
from qcdesk.models.editor_queries import enterprise_name, retest_passed_orders
from qcdesk.models.listing import VISITS
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification, Sample
from qcdesk.models.rectification_checks import escalation_problem
from qcdesk.models.rectifications import (
    await_recheck,
    escalate,
    extend_deadline,
    report_day_problems,
    submit_report,
    withdraw_for_retest,
    withdrawal_day_problems,
    withdrawal_problem,
    withdrawal_reason,
)
from qcdesk.models.retest import retest_overturned
from qcdesk.models.rules import RULE_SETS, TRANSITIONS, next_escalation
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import colours
from qcdesk.ui.date_field import refuse_unfinished
from qcdesk.ui.day_watch import DayWatch
from qcdesk.ui.forms import (
    ERROR_COLOUR,
    STORAGE_ERRORS,
    EditorDialog,
    FieldErrors,
    app_lang,
    app_settings,
    date_edit,
    iso,
    issue_text,
    storage_refusal,
)
from qcdesk.ui.list_model import clock_colour
from qcdesk.ui.notice_number_row import NoticeNumberRow
from qcdesk.ui.order_dialog import OrderRectificationDialog
from qcdesk.ui.order_reopen import OrderCorrections
from qcdesk.ui.order_step_confirm import confirm_await, confirm_report, confirm_withdraw
from qcdesk.ui.pdf_preview import RenderJob, preview_record_document
from qcdesk.ui.record_opening import shown_instead
from qcdesk.ui.rectification_texts import (
    days_text,
    escalation_steps,
    order_label,
    rectification_clock,
    rule_set_text,
    status_text,
)
from qcdesk.ui.required_date import shown_date
from qcdesk.ui.settings_values import stored_bytes

# Imported from here by the visit editor, the enterprise page and forms.issue_text.
__all__ = ["OrderRectificationDialog", "RectificationDialog", "days_text", "escalation_steps",
           "order_label", "rectification_clock", "rule_set_text", "status_text"]


class RectificationDialog(QDialog):
    """One order: its terms, how many days are left, and the actions its status allows."""

    changed = Signal()

    def __init__(self, store: Store, paths: AppPaths, rectification_id: int, parent: QWidget | None = None,
                 *, settings: QSettings | None = None, lang: str | None = None):
        super().__init__(parent)
        self.store = store
        self.paths = paths
        self.rectification_id = rectification_id
        self.lang = app_lang(lang)
        self.settings = app_settings(settings)
        self.errors = FieldErrors(self.lang)
        self.setObjectName("rectificationDialog")
        self.setSizeGripEnabled(True)
        self._build()
        # Left open over midnight, the countdown (剩余 N 天, 今日到期, 已逾期 N 天) moves to the new
        # day by itself, as the lists and the enterprise window do. Only the clock is redrawn: a
        # full refresh would put back dates and a number the user is typing into the actions.
        self.day = DayWatch(self)
        self.day.changed.connect(self._show_clock)
        self.refresh()
        data = stored_bytes(self.settings, "editors/RectificationDialog/geometry")
        if data is not None:
            self.restoreGeometry(data)
        else:  # as tall as the content (the extension box shows only under the 2010 rules)
            self.resize(720, self.sizeHint().height())

    def _build(self) -> None:
        self.enterprise_label = QLabel()
        self.enterprise_label.setObjectName("enterpriseLabel")
        self.requirement_view = QPlainTextEdit()
        self.requirement_view.setObjectName("requirementView")
        self.requirement_view.setReadOnly(True)
        self.requirement_view.setMaximumHeight(90)
        self.rule_label = QLabel()
        # An order saved blank is numbered here later; a given number changes only as a
        # confirmed correction (notice_number_row.py)
        self.number_row = NoticeNumberRow(self.store, self._run)
        self.notice_label = self.number_row.label
        self.number_edit = self.number_row.edit
        self.number_button = self.number_row.button
        self.ordered_label = QLabel()
        self.deadline_label = QLabel()
        self.deadline_label.setObjectName("deadlineLabel")
        self.recheck_label = QLabel()
        self.days_label = QLabel()
        self.days_label.setObjectName("daysLeftLabel")
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.escalation_label = QLabel()
        self.escalation_label.setObjectName("escalationLabel")
        self.escalation_label.setWordWrap(True)
        info = QFormLayout()
        info.addRow(self.tr("Enterprise:"), self.enterprise_label)
        info.addRow(self.tr("Requirement:"), self.requirement_view)
        info.addRow(self.tr("Rule set:"), self.rule_label)
        self.errors.add_row(info, self.tr("Notice no.:"), "notice_no", self.number_row,
                            named=self.number_edit)
        info.addRow(self.tr("Ordered on:"), self.ordered_label)
        info.addRow(self.tr("Deadline:"), self.deadline_label)
        info.addRow(self.tr("Re-check due:"), self.recheck_label)
        info.addRow(self.tr("Time limit:"), self.days_label)  # 剩余5天, 已逾期3天, 已于…完成: one label
        info.addRow(self.tr("Status:"), self.status_label)
        info.addRow(self.tr("Escalation (art. 17):"), self.escalation_label)

        # 复检合格: the failing result the order rests on no longer stands (models/retest.py)
        self.retest_note = QLabel()
        self.retest_note.setObjectName("retestOverturnedNote")
        self.retest_note.setWordWrap(True)
        self.retest_note.setStyleSheet(f"{colours.text_css(ERROR_COLOUR)} font-weight: bold;")
        self.retest_note.setVisible(False)

        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(colours.text_css(ERROR_COLOUR))
        self.general_error.setVisible(False)

        actions = QGroupBox(self.tr("Actions"))
        actions_form = QFormLayout(actions)
        self.report_date = date_edit()
        self.report_date.setObjectName("reportDateEdit")
        self.report_button = QPushButton(self.tr("Report &submitted"))
        self.report_button.setObjectName("reportSubmittedButton")
        self.report_button.clicked.connect(self._report)
        self.await_button = QPushButton(self.tr("&Awaiting re-check"))
        self.await_button.setObjectName("awaitRecheckButton")
        self.await_button.clicked.connect(self._await)
        self.escalate_button = QPushButton(self.tr("&Escalate"))
        self.escalate_button.setObjectName("escalateButton")
        self.escalate_button.clicked.connect(self._escalate)
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.report_date)
        row.addWidget(self.report_button)
        row.addWidget(self.await_button)
        row.addWidget(self.escalate_button)
        row.addStretch(1)
        self.errors.add_row(actions_form, self.tr("Report date:"), "report_submitted_on", row_widget,
                            named=self.report_date)

        # 复检合格: the order's basis fell, so it is withdrawn (closed with a reason), no re-check
        self.withdraw_date = date_edit()
        self.withdraw_date.setObjectName("withdrawDateEdit")
        self.withdraw_reason = QLineEdit()
        self.withdraw_reason.setObjectName("withdrawReasonEdit")
        self.withdraw_button = QPushButton(self.tr("&Withdraw (re-test passed)"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self._withdraw)
        withdraw_widget = QWidget()
        withdraw_row = QHBoxLayout(withdraw_widget)
        withdraw_row.setContentsMargins(0, 0, 0, 0)
        withdraw_row.addWidget(self.withdraw_date)
        withdraw_row.addWidget(self.withdraw_reason, 1)
        withdraw_row.addWidget(self.withdraw_button)
        self.withdraw_reason.setAccessibleName(self.tr("Reason for withdrawal"))
        self.errors.add_row(actions_form, self.tr("Withdrawal:"), "closed_on", withdraw_widget,
                            named=self.withdraw_date)

        self.extension_box = QGroupBox(self.tr("Extension (2010 rules only: once, up to 30 days)"))
        self.extension_box.setObjectName("extensionBox")
        ext_form = QFormLayout(self.extension_box)
        self.extend_to_edit = date_edit()
        self.extend_to_edit.setObjectName("extendToEdit")
        self.requested_edit = date_edit()
        self.requested_edit.setObjectName("requestedOnEdit")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("extensionReasonEdit")
        for label, field, widget in (
            (self.tr("Extend &to:"), "extended_to", self.extend_to_edit),
            (self.tr("Re&quested on:"), "extension_requested_on", self.requested_edit),
            (self.tr("&Reason:"), "extension_reason", self.reason_edit),
        ):
            self.errors.add_row(ext_form, label, field, widget)
        self.extend_button = QPushButton(self.tr("E&xtend deadline"))
        self.extend_button.setObjectName("extendButton")
        self.extend_button.clicked.connect(self._extend)
        ext_form.addRow(self.extend_button)

        self.open_visit_button = QPushButton(self.tr("Open &ordering visit"))
        self.open_visit_button.setObjectName("openVisitButton")
        self.open_visit_button.clicked.connect(lambda: self._open_visit(self.rect.visit_id))
        self.open_recheck_button = QPushButton(self.tr("Open re-chec&k visit"))
        self.open_recheck_button.setObjectName("openRecheckButton")
        self.open_recheck_button.clicked.connect(lambda: self._open_visit(self.rect.recheck_visit_id))
        self.new_recheck_button = QPushButton(self.tr("&New re-check visit…"))
        self.new_recheck_button.setObjectName("newRecheckButton")
        self.new_recheck_button.clicked.connect(self._new_recheck)
        self.notice_button = QPushButton(self.tr("Rectification notice…"))
        self.notice_button.setObjectName("noticeDocumentButton")
        self.notice_button.setToolTip(self.tr("Preview the order to rectify (notice) as stored"))
        self.notice_button.clicked.connect(lambda: self._show_document("notice"))
        self.recheck_doc_button = QPushButton(self.tr("Re-check opinion…"))
        self.recheck_doc_button.setObjectName("recheckDocumentButton")
        self.recheck_doc_button.clicked.connect(lambda: self._show_document("recheck"))
        self.document_job: RenderJob | None = None
        close = QPushButton(self.tr("&Close"))
        close.setObjectName("closeButton")
        close.clicked.connect(self.accept)
        links = QHBoxLayout()
        for button in (self.open_visit_button, self.open_recheck_button, self.new_recheck_button):
            links.addWidget(button)
        self.corrections = OrderCorrections(self)  # 更正：重新打开 and 修改历史
        links.addWidget(self.corrections.reopen_button)
        links.addWidget(self.corrections.history_button)
        links.addStretch(1)
        links.addWidget(self.notice_button)
        links.addWidget(self.recheck_doc_button)
        links.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(info)
        layout.addWidget(self.retest_note)
        layout.addWidget(self.general_error)
        layout.addWidget(actions)
        layout.addWidget(self.extension_box)
        layout.addStretch(1)
        layout.addLayout(links)
        # No default button: every button here saves or opens something at once, and Enter in a
        # field clicked the first of them (Enter in the number field submitted a report).
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def refresh(self) -> None:
        rect = fetch_record(self.store, Rectification, self.rectification_id)
        assert rect is not None, self.rectification_id
        self.rect = rect
        name = enterprise_name(self.store, rect.enterprise_id)
        self.setWindowTitle(self.tr("Rectification — %1").replace("%1", name))
        self.enterprise_label.setText(name)
        self.requirement_view.setPlainText(rect.requirement)
        self.rule_label.setText(rule_set_text(rect.rule_set))
        self.number_row.show_order(rect)
        self.ordered_label.setText(rect.ordered_on)
        deadline = rect.deadline
        if rect.extended_to:
            deadline = self.tr("%1 (extended from %2: %3)").replace("%1", rect.extended_to) \
                .replace("%2", rect.deadline).replace("%3", rect.extension_reason)
        self.deadline_label.setText(deadline)
        self.recheck_label.setText(rect.recheck_due)
        # 复检合格待撤销, as the lists say
        self.retest_passed = bool(retest_passed_orders(self.store, [rect.id]))
        self._show_clock()
        status = status_text(rect.status, rect.closing_reason)
        if rect.closing_reason:
            status = self.tr("%1 on %2: %3").replace("%1", status) \
                .replace("%2", rect.closed_on or "").replace("%3", rect.closing_reason)
        self.status_label.setText(status)
        sample = fetch_record(self.store, Sample, rect.sample_id) if rect.sample_id else None
        self._refresh_withdraw(rect, sample)
        overturned = sample is not None and retest_overturned(sample)
        self.retest_note.setVisible(overturned and rect.status != "closed")
        # Points to the withdrawal in this dialog, named as its button reads (without its &W)
        button = re.sub(r"\s*\(&\w\)|&(?=\w)", "", self.withdraw_button.text())
        self.retest_note.setText(self.tr(
            "Re-test passed (%1): the failing result this order rests on no longer stands. "
            "Withdraw the order with “%2” below; no re-check visit is needed.")
            .replace("%1", sample.retest_on or "").replace("%2", button)
            if overturned and sample is not None else "")
        steps = []
        for key, text in escalation_steps():
            steps.append(f"<b>▶ {text}</b>" if key == rect.escalation else text)
        self.escalation_label.setText(" → ".join(steps))
        # a 复检 overturned the failure: no report, re-check or extension is due, only withdrawal
        overturned = overturned and rect.status != "closed"  # withdrawn: nothing left to say
        allowed = () if overturned else TRANSITIONS.get(rect.status, ())
        moot = self.tr("Not needed: the re-test passed; withdraw the order") if overturned else ""
        for widget in (self.report_button, self.await_button, self.new_recheck_button, self.extension_box):
            widget.setToolTip(moot)
        self.report_button.setEnabled("report_submitted" in allowed)
        self.report_date.setEnabled("report_submitted" in allowed)
        shown_date(self.report_date, "report_submitted" in allowed, rect.report_submitted_on)
        self.await_button.setEnabled("awaiting_recheck" in allowed)
        # Enabled only when a click can climb (one step per failing re-check); otherwise the
        # tooltip says why. `_escalate` still checks, the order may have changed elsewhere.
        refusal = escalation_problem(rect)
        self.escalate_button.setEnabled(refusal is None and not overturned)
        self.escalate_button.setToolTip(
            issue_text(refusal, self.lang) if refusal is not None else moot or
            self.tr("Climb one step of the escalation ladder for the failed re-check (asks first)"))
        rule = RULE_SETS.get(rect.rule_set)
        self.extension_box.setVisible(bool(rule and rule.extension_max_days))
        self.extension_box.setEnabled(rect.extended_to is None and not overturned
                                      and rect.status in ("open", "report_submitted"))
        self.open_visit_button.setEnabled(rect.visit_id is not None)
        self.open_recheck_button.setEnabled(rect.recheck_visit_id is not None)
        self.new_recheck_button.setEnabled(rect.status != "closed" and not overturned)
        self.corrections.refresh(rect)
        self._refresh_recheck_doc(rect, sample)
        if rect.extended_to is None and rule and rule.extension_max_days:
            proposed = date.fromisoformat(rect.deadline) + timedelta(days=rule.extension_max_days)
            self.extend_to_edit.setDate(date_edit(proposed.isoformat()).date())

    def _show_clock(self) -> None:
        """The shown order's clock counted to today: after every re-read and at a new day."""
        today = local_day.today()
        text, late = days_text(self.rect, today, self.retest_passed)
        self.days_label.setText(text)
        colour = clock_colour(rectification_clock(self.rect, today, self.retest_passed))  # as the lists
        style = f"{colours.text_css(colour)} font-weight: bold;" if late and colour else ""
        self.days_label.setStyleSheet(style)  # lighter on a dark window, as the lists

    def _refresh_recheck_doc(self, rect: Rectification, sample: Sample | None) -> None:
        """复查意见书: printable whenever `documents.render_recheck` has something true to say,
        and the tooltip says which paper it prints, decided as render_recheck decides. A re-check
        visit prints as stored. Without one, an order whose sample passed its 复检 gets the
        withdrawal paper (复检情况, 处理意见): 本局已于…撤销 once withdrawn, 本局将撤销 before (open or
        reported alike: no report is asked for); an order closed otherwise says when it was
        closed; a reported order gets the form with blanks to fill in at the re-check. Only an
        open order, with neither report, re-check nor passed 复检, has none: the form would
        assert a report that never came."""
        tips = {
            "visit": self.tr("Preview the re-check opinion as stored"),
            "withdrawn": self.tr("Preview the re-check opinion of the withdrawal: the re-test and "
                                 "the decision"),
            "to_withdraw": self.tr("Preview the re-check opinion of the passed re-test: the re-test, "
                                   "and that the bureau will withdraw the order (withdraw it first "
                                   "to print the date it was withdrawn)"),
            "closed": self.tr("Preview the re-check opinion saying when the order was closed"),
            "blank": self.tr("Preview a re-check opinion with blanks to fill in at the re-check"),
            "none": self.tr("Available once the enterprise's report or a re-check visit is recorded"),
        }
        if rect.recheck_visit_id is not None:
            kind = "visit"
        elif rect.status == "closed" and rect.closing_reason:
            kind = "withdrawn"
        elif sample is not None and retest_overturned(sample):
            kind = "to_withdraw"
        elif rect.status == "closed":
            kind = "closed"
        elif rect.status == "open":
            kind = "none"
        else:  # report_submitted, awaiting_recheck (recheck_failed always has its visit)
            kind = "blank"
        self.recheck_doc_button.setEnabled(kind != "none")
        self.recheck_doc_button.setToolTip(tips[kind])

    def _refresh_withdraw(self, rect: Rectification, sample: Sample | None) -> None:
        """Enabled only when the order's sample passed its re-test; otherwise the tooltip says why."""
        refusal = withdrawal_problem(rect, sample)
        for widget in (self.withdraw_button, self.withdraw_date, self.withdraw_reason):
            widget.setEnabled(refusal is None)
        self.withdraw_button.setToolTip(
            issue_text(refusal, self.lang) if refusal is not None else
            self.tr("Close this order: its sample passed the re-test, so the failing result it "
                    "was ordered on no longer stands. No re-check visit is needed."))
        shown_date(self.withdraw_date, refusal is None, rect.closed_on if rect.closing_reason else None)
        if refusal is None and sample is not None:
            self.withdraw_date.setDate(date_edit(local_day.today().isoformat()).date())
            if not self.withdraw_reason.text():
                self.withdraw_reason.setText(withdrawal_reason(sample))

    def _run(self, action, check=None, ask=None) -> None:  # noqa: ANN001 - one core call
        """`action(rect)` once `check(rect)` finds nothing and `ask()` says yes (never ask first)."""
        self.errors.clear()
        self.general_error.setVisible(False)
        if refuse_unfinished(self):  # a date half typed over: never act on the old one
            return
        rect = fetch_record(self.store, Rectification, self.rectification_id)
        try:
            if check is not None and (issues := check(rect)):
                raise ValidationFailed(issues)
            if ask is not None and not ask():
                return
            action(rect)
        except ValidationFailed as failure:
            _, rest = self.errors.show_issues(failure.issues)
            if rest:
                self._general(rest)
            return
        except STORAGE_ERRORS as exc:
            storage_refusal(self, exc, self.lang)
            return
        self.refresh()
        self.changed.emit()

    def _general(self, issues: list[Issue]) -> None:
        self.general_error.setText("\n".join(issue_text(i, self.lang) for i in issues))
        self.general_error.setVisible(True)

    def _report(self) -> None:  # each of these three asks first (a date typed whole): none can be undone
        day = iso(self.report_date)
        self._run(lambda r: submit_report(self.store, r, day, today=local_day.today()),
                  lambda r: report_day_problems(r, day), lambda: confirm_report(self, self.rect, day))

    def _await(self) -> None:
        if confirm_await(self, self.rect):
            self._run(lambda r: await_recheck(self.store, r))

    def _withdraw(self) -> None:
        day = iso(self.withdraw_date)
        self._run(lambda r: withdraw_for_retest(self.store, r, day, self.withdraw_reason.text(),
                                                today=local_day.today()),
                  lambda r: withdrawal_day_problems(self.store, r, day),
                  lambda: confirm_withdraw(self, self.rect, day))

    def _escalate(self) -> None:
        """One step per failing re-check, and only once the user has read which step it is: a
        refusal says why at once, with no question first."""
        steps = []  # the step the checked order climbs to, named in the question

        def check(rect: Rectification) -> list[Issue]:
            steps.append(dict(escalation_steps()).get(next_escalation(rect.escalation) or "", ""))
            return [refusal] if (refusal := escalation_problem(rect)) is not None else []

        self._run(lambda r: escalate(self.store, r), check, lambda: QMessageBox.question(
            self, self.tr("Escalate"), self.tr("Escalate this order to “%1”?").replace("%1", steps[0]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes)

    def _extend(self) -> None:
        self._run(lambda r: extend_deadline(self.store, r, iso(self.extend_to_edit), self.reason_edit.text(),
                                            iso(self.requested_edit), today=local_day.today()))

    def _open_visit(self, visit_id: int | None) -> None:
        if visit_id is None or shown_instead(self, VISITS, visit_id) is not None:  # one editor per visit
            return
        from qcdesk.ui.visit_editor import VisitEditor

        self._follow(VisitEditor(self.store, self.paths, visit_id=visit_id, parent=self, lang=self.lang))

    def _new_recheck(self) -> None:
        from qcdesk.ui.visit_editor import VisitEditor

        self._follow(VisitEditor(self.store, self.paths, recheck_of=self.rectification_id, parent=self,
                                 lang=self.lang))

    def _follow(self, editor: EditorDialog) -> None:
        """Run the visit editor, then show the order as that visit left it: a re-check saved
        with 保存 and the window then closed (not 保存并关闭) closes the order too, and this
        dialog went on saying 已提交整改报告 with 新建复查 enabled."""
        saved: list[bool] = []
        editor.saved.connect(lambda *_: saved.append(True))
        if editor.exec() or saved:
            self.refresh()
            self.changed.emit()

    def _show_document(self, kind: str) -> None:
        """Every action here is saved at once, so the stored order is what the document shows."""
        assert self.store.path is not None
        self.document_job = preview_record_document(self, self.store.path, kind, self.rect.uuid)

    def done(self, result: int) -> None:
        self.settings.setValue("editors/RectificationDialog/geometry", self.saveGeometry())
        super().done(result)
