"""The visit editor asks before a save settles an order with the re-check's outcome.

Why: 合格 closes the order for good (`rules.TRANSITIONS["closed"]` is empty) and 不合格 climbs
Product Quality Law art. 17's ladder (省级公告, then 责令停业) — both used to happen on 保存
without a word, while the order dialog's own 升级处置 button asks for the very same step. A
wrong order picked, or the wrong outcome, could only be undone by restoring a backup.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from qcdesk.models.editor_queries import order_subjects
from qcdesk.models.inspections import VisitBundle, validate_visit
from qcdesk.models.records import Rectification
from qcdesk.models.rules import next_escalation, rests_on_sample
from qcdesk.models.store import Store
from qcdesk.ui.rectification_texts import escalation_steps, order_label


def settling_text(rect: Rectification, passed: bool, subject: str = "") -> str:
    """What saving this outcome does to `rect`, said before it is done."""
    name = order_label(rect, subject)
    if passed:
        text = QCoreApplication.translate(
            "RecheckConfirm", "Saving records this re-check as passed and closes the order\n%1\n"
            "(completed). Only a correction with a written reason reopens it (the order's "
            "“Correction: reopen…”, kept in its history).\n\nIs “passed” right? Save and close the order?")
        return text.replace("%1", name)
    if not rests_on_sample(rect.sample_id, rect.finding_id):
        text = QCoreApplication.translate(
            "RecheckConfirm", "Saving records this re-check as failed for the order\n%1\n"
            "It stays open for further rectification (not escalated); this cannot be undone.\n\n"
            "Is “failed” right? Save?")
        return text.replace("%1", name)
    steps = dict(escalation_steps())
    step = next_escalation(rect.escalation)
    if step is None:
        text = QCoreApplication.translate(
            "RecheckConfirm", "Saving records this re-check as failed for the order\n%1\n"
            "It stays at “%2”; this cannot be undone.\n\nIs “failed” right? Save?")
        return text.replace("%1", name).replace("%2", steps.get(rect.escalation, rect.escalation))
    text = QCoreApplication.translate(
        "RecheckConfirm", "Saving records this re-check as failed for the order\n%1\n"
        "and escalates it to “%2” (Product Quality Law art. 17); this cannot be undone.\n\n"
        "Is “failed” right? Save and escalate?")
    return text.replace("%1", name).replace("%2", steps[step])


def confirm_settling(parent: QWidget, store: Store, bundle: VisitBundle, rect: Rectification | None,
                     passed: bool | None) -> bool:
    """True: go on saving. Asked only when an outcome is to be recorded on an order and the visit
    itself would save: a visit refused for its own fields shows those first, with no question
    about an outcome it will not record."""
    if rect is None or passed is None or rect.status == "closed":
        return True  # nothing to settle, or settled meanwhile: the save's refusal says so
    if any(not i.warning for i in validate_visit(store, copy.deepcopy(bundle))):
        return True
    subject = order_subjects(store, [rect.id]).get(rect.id, "") if rect.id else ""
    title = QCoreApplication.translate("RecheckConfirm", "Record the re-check outcome")
    answer = QMessageBox.question(
        parent, title, settling_text(rect, passed, subject),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes
