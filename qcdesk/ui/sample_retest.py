"""The 复检 (re-test) warnings of a sample, as the visit editor shows them at their fields.

Why: the core's re-test warnings (the enterprise asked after its 15 days had lapsed, a
concluded re-test without its date; models/retest.py) were only listed in the 更正 dialog, and a
normal save drops warnings, so an inspector recording a re-test never saw them at the field.
"""

from __future__ import annotations

import copy

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
