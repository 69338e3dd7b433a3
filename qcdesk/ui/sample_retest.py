"""The 复检 (re-test) warnings of a sample, as the visit editor shows them at their fields.

Also why the 复检 group is greyed, in words under it: a clerk who picked 不合格 on a sample saved
as 合格 found the group still closed and nothing saying that the core takes a 复检 only after a
不合格 first conclusion is stored (models/retest.first_failed, read from the saved row).

Why: the core's re-test warnings (the enterprise asked after its 15 days had lapsed, a
concluded re-test without its date; models/retest.py) were only listed in the 更正 dialog, and a
normal save drops warnings, so an inspector recording a re-test never saw them at the field.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from qcdesk.models.messages import Issue
from qcdesk.models.records import Sample
from qcdesk.models.retest import check_retest, settle_retest

RETEST_FIELDS = ("retest_requested_on", "retest_result", "retest_on")


def retest_warnings(sample: Sample, lang: str) -> dict[str, str]:
    """Field → text of each re-test warning of `sample` as the form holds it (the first test's
    result, not yet settled). Errors are left to saving, which says them at the fields; while the
    user is still typing, a half-entered re-test is not yet wrong."""
    settled = copy.deepcopy(sample)
    settle_retest(settled)
    issues: list[Issue] = []
    check_retest(issues, "", settled, failed_first=True)
    texts: dict[str, list[str]] = {}
    for issue in issues:
        if issue.warning:
            texts.setdefault(issue.field, []).append(issue.text(lang))
    return {field: "\n".join(lines) for field, lines in texts.items()}


def retest_closed_reason(chosen: str, saved_not_failed: bool) -> str:
    """Why the re-test group is closed ('' when it is open): `chosen` is the form's Test result,
    `saved_not_failed` whether the sample is saved with a first conclusion other than 不合格."""
    if chosen != "fail":
        return QCoreApplication.translate(
            "SampleRetest", "A re-test (the enterprise's objection) is recorded only for a sample whose "
            "test result is Fail: with the result Fail, the re-test is entered here.")
    if saved_not_failed:
        return QCoreApplication.translate(
            "SampleRetest", "This sample is saved with a result other than Fail: save first (Save or "
            "Ctrl+S) so that Fail is stored, then record the re-test here.")
    return ""


def retest_closed_label() -> QLabel:
    """The line under the re-test group saying why it is closed: outside the group, so that it is
    not greyed with it."""
    label = QLabel()
    label.setObjectName("retestClosedWhy")
    label.setWordWrap(True)
    label.setVisible(False)
    return label
