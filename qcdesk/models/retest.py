"""复检: an enterprise's objection to a failed result (re-test on the backup sample).

The enterprise may ask within 15 days of receiving the result; the re-test's conclusion is
final. `Sample.result` is kept as the FINAL conclusion (the re-test's once it has one), so pass
rates, warnings, risk and reports — all of which read `result` — count what is final without
any change to them or to the pass-rate triggers. The first test's conclusion is then 不合格 by
rule (only a failed sample can be re-tested); its failed items are kept as they were.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from qcdesk.models.messages import Issue
from qcdesk.models.records import RETEST_RESULTS, Sample
from qcdesk.models.validation import check_choice, check_date

OBJECTION_DAYS = 15
REQUESTED = ("复检申请日期", "re-test requested on")
RETEST_RESULT = ("复检结论", "re-test conclusion")
RETEST_ON = ("复检日期", "re-test date")


class RetestIssue(Issue):
    """Rules of the re-test, with their own texts (kept here, not in the shared table)."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "retest.not_failed": (
            "只有检验不合格的样品才能申请复检：请将检验结论设为不合格并填写不合格项目，或清空复检信息",
            "Only a failed sample can be re-tested: set the result to Fail and enter the failed "
            "items, or clear the re-test",
        ),
        "retest.not_notified": (
            "复检申请应在检验结果告知之后：请先填写结果告知日期",
            "A re-test is asked for after the result was notified: enter the result notified date first",
        ),
        "retest.before_notice": (
            "复检申请日期（{requested}）早于结果告知日期（{notified}）：请核对日期",
            "The re-test was requested ({requested}) before the result was notified ({notified}): "
            "check the dates",
        ),
        "retest.lapsed": (
            "提示：复检申请日期（{requested}）已超过结果告知后15日（截至{last}），企业的复检权利已逾期；"
            "如局里仍已受理，可照常记录",
            "Note: the re-test was requested ({requested}) more than 15 days after the result was "
            "notified (until {last}); the right had lapsed. Record it anyway if the bureau accepted it",
        ),
        "retest.no_request": (
            "已填写复检结论或复检日期：请填写复检申请日期",
            "A re-test conclusion or date is given: enter the date the re-test was requested",
        ),
        "retest.date_order": (
            "复检日期（{on}）早于复检申请日期（{requested}）：请核对日期",
            "The re-test date ({on}) is before the date it was requested ({requested}): check the dates",
        ),
        "retest.no_date": (
            "提示：复检已有结论，请填写复检日期",
            "Note: the re-test has a conclusion; enter the re-test date",
        ),
    }


def settle_retest(sample: Sample) -> None:
    """Make `result` the final conclusion: a requested re-test without a conclusion leaves the
    first (failed) result standing; a concluded one replaces it. Called before validation, so
    an editor's sample and an amended one are settled alike."""
    if sample.retest_requested_on and not sample.retest_result:
        sample.retest_result = "pending"
    if sample.retest_result in ("pass", "fail"):
        sample.result = sample.retest_result
    elif sample.retest_result == "pending":
        sample.result = "fail"


def first_result(sample: Sample) -> str:
    """The first test's conclusion: 不合格 whenever a re-test was asked for."""
    return "fail" if sample.retest_result else sample.result


def retest_overturned(sample: Sample) -> bool:
    """A re-test passed: the failing result an order may rest on no longer stands."""
    return sample.retest_result == "pass"


def check_retest(issues: list[Issue], prefix: str, sample: Sample) -> None:
    """The re-test's dates and conclusion (after `settle_retest`)."""
    check_choice(issues, prefix + "retest_result", RETEST_RESULT, sample.retest_result, RETEST_RESULTS)
    requested = check_date(issues, prefix + "retest_requested_on", REQUESTED, sample.retest_requested_on)
    on = check_date(issues, prefix + "retest_on", RETEST_ON, sample.retest_on)
    if not (sample.retest_result or sample.retest_requested_on or sample.retest_on):
        return
    if not sample.retest_requested_on:
        issues.append(RetestIssue(prefix + "retest_requested_on", "retest.no_request"))
    if not (sample.failed_items or "").strip():
        issues.append(RetestIssue(prefix + "retest_result", "retest.not_failed"))
    if not sample.result_notified_on:
        issues.append(RetestIssue(prefix + "retest_requested_on", "retest.not_notified"))
    notified = check_date([], "", "", sample.result_notified_on)
    if requested and notified:
        last = notified + timedelta(days=OBJECTION_DAYS)
        if requested < notified:
            issues.append(RetestIssue(prefix + "retest_requested_on", "retest.before_notice",
                                      {"requested": requested.isoformat(), "notified": notified.isoformat()}))
        elif requested > last:
            issues.append(RetestIssue(prefix + "retest_requested_on", "retest.lapsed",
                                      {"requested": requested.isoformat(), "last": last.isoformat()},
                                      warning=True))
    if requested and on and on < requested:
        issues.append(RetestIssue(prefix + "retest_on", "retest.date_order",
                                  {"on": on.isoformat(), "requested": requested.isoformat()}))
    if sample.retest_result in ("pass", "fail") and not sample.retest_on:
        issues.append(RetestIssue(prefix + "retest_on", "retest.no_date", warning=True))
