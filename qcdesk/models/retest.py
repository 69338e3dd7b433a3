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
        "retest.first_not_failed": (
            "该样品保存的检验结论不是不合格，不能记录复检：如检验结论确为不合格，请先将其更正为不合格并保存，"
            "再记录复检；否则请清空复检信息",
            "This sample's saved result is not Fail, so no re-test can be recorded: if the test did "
            "fail, first correct the result to Fail and save, then record the re-test; otherwise "
            "clear the re-test",
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


def first_failed(sample: Sample, stored: Sample | None) -> bool:
    """Whether the first test's conclusion is 不合格, the only one a re-test may follow.

    Read from the row as saved before this save (its result is 'fail', or it already had a
    re-test, which only a failed sample can have), never from the sample being saved: a saved
    result is final, so a re-test added to a passed sample would make up a first failure that
    nobody recorded. A sample not saved yet has only its own (unsettled) result to go by."""
    if stored is not None:
        return stored.result == "fail" or bool(stored.retest_result)
    return sample.result == "fail"


def retest_overturned(sample: Sample) -> bool:
    """A re-test passed: the failing result an order may rest on no longer stands."""
    return sample.retest_result == "pass"


def check_retest(issues: list[Issue], prefix: str, sample: Sample, *, failed_first: bool) -> None:
    """The re-test's dates and conclusion (after `settle_retest`); `failed_first` is
    `first_failed` of the sample before it was settled."""
    check_choice(issues, prefix + "retest_result", RETEST_RESULT, sample.retest_result, RETEST_RESULTS)
    requested = check_date(issues, prefix + "retest_requested_on", REQUESTED, sample.retest_requested_on)
    on = check_date(issues, prefix + "retest_on", RETEST_ON, sample.retest_on)
    if not (sample.retest_result or sample.retest_requested_on or sample.retest_on):
        return
    if not sample.retest_requested_on:
        issues.append(RetestIssue(prefix + "retest_requested_on", "retest.no_request"))
    if not failed_first:
        issues.append(RetestIssue(prefix + "retest_result", "retest.first_not_failed"))
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
