"""Dates of a visit and its 抽样单 that are real dates but unlikely ones: warnings, never refusals.

Why: a 生产日期 of 2062, a production date after the sampling date, a sample taken after today
or after the day of the completed check, a result told before the sample was taken, or a visit
dated 1926 (which then counts in no quarter or report) were all saved without a word. Each is
most often a typo, yet may be true (a check entered years later), so the user is told and may
save as it is (the editor shows them in yellow at the field; saving drops warnings).

Thresholds:
- a visit or sampling date more than YEARS_BACK (5) years before today: "请核对年份" - only
  for a date new or changed in this save, so a visit kept from years ago is not flagged again;
- a planned visit more than DAYS_AHEAD (366) days after today: "请核对年份" (a visit carried
  out and dated after today is already refused, inspections.VisitIssue "visit.future");
- a production date after today; a sampling date after today (not on a planned visit, nor when
  it is the visit's own date, which "visit.future" refuses); a production date after the
  sampling date; a sampling date after the visit date of a completed (已完成) visit; a 结果告知日期
  before the sampling date: always (the dates contradict each other or the calendar, whatever
  their age).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from qcdesk.models.messages import Issue
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Sample, Visit
from qcdesk.models.risk import months_before
from qcdesk.models.store import Store

YEARS_BACK = 5
DAYS_AHEAD = 366
_SAVE_ANYWAY = ("；日期无误的可直接保存", "; if it is right, save as it is")


def _anyway(zh: str, en: str) -> tuple[str, str]:
    return "提示：" + zh + _SAVE_ANYWAY[0], "Note: " + en + _SAVE_ANYWAY[1]


class DateIssue(Issue):
    """A date to check: its own words, each saying what looks wrong and what to do."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "date.long_ago": _anyway(
            "{field}为{year}年（{day}），早于今天{years}年以上：请核对年份是否写错（这样的记录不计入近年的"
            "季度报告和统计）",
            "The {field_en} {day} is more than {years} years ago: check whether the year is "
            "mistyped (such a record counts in no recent quarter or report)"),
        "date.far_ahead": _anyway(
            "计划检查日期 {day} 比今天（{today}）晚一年以上：请核对年份是否写错",
            "The planned visit date {day} is more than a year after today ({today}): check "
            "whether the year is mistyped"),
        "date.after_today": _anyway(
            "{field} {day} 晚于今天（{today}）：请核对{field}（常见的是年份写错）或本机的日期",
            "The {field_en} {day} is after today ({today}): check the date (often the year is "
            "mistyped) or this computer's date"),
        "date.produced_after_sampling": _anyway(
            "生产日期 {day} 晚于抽样日期 {sampled}：样品不能在生产之前抽取，请核对这两个日期",
            "The production date {day} is after the sampling date {sampled}: a sample cannot be "
            "taken before it is made; check both dates"),
        "date.sampled_after_visit": _anyway(
            "抽样日期 {day} 晚于检查日期 {visit_day}：已完成的检查中的样品应在检查当天抽取，"
            "请核对抽样日期或检查日期",
            "The sampling date {day} is after the visit date {visit_day}: a sample of a completed "
            "check is taken on the day of the check; check the sampling date or the visit date"),
        "date.notified_before_sampling": _anyway(
            "结果告知日期 {day} 早于抽样日期 {sampled}：检验结果不能在抽样之前告知，请核对这两个日期",
            "The date the result was told ({day}) is before the sampling date {sampled}: a result "
            "cannot be told before the sample is taken; check both dates"),
    }


_EN = {"检查日期": "visit date", "抽样日期": "sampling date", "生产日期": "production date"}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:  # refused by check_date in its own words
        return None


def _long_ago(issues: list[Issue], field: str, label: str, day: date | None, saved: str | None,
              today: date) -> None:
    if day is not None and day.isoformat() != saved and day < months_before(today, 12 * YEARS_BACK):
        issues.append(DateIssue(field, "date.long_ago", {
            "field": label, "field_en": _EN[label], "year": day.year, "day": day.isoformat(),
            "years": YEARS_BACK}, warning=True))


def _after_today(issues: list[Issue], field: str, label: str, day: date | None, today: date) -> bool:
    if day is None or day <= today:
        return False
    issues.append(DateIssue(field, "date.after_today", {
        "field": label, "field_en": _EN[label], "day": day.isoformat(), "today": today.isoformat()},
        warning=True))
    return True


def date_warnings(store: Store, visit: Visit, samples: list[Sample], today: date) -> list[Issue]:
    """The warnings above for `visit` and its `samples` (indexed as validate_visit indexes them)."""
    issues: list[Issue] = []
    saved = fetch_record(store, Visit, visit.id) if visit.id else None
    visit_day = _day(visit.visit_date)
    _long_ago(issues, "visit_date", "检查日期", visit_day, saved.visit_date if saved else None, today)
    if visit.status == "planned" and visit_day and visit_day > today + timedelta(days=DAYS_AHEAD):
        issues.append(DateIssue("visit_date", "date.far_ahead",
                                {"day": visit_day.isoformat(), "today": today.isoformat()}, warning=True))
    for i, sample in enumerate(samples):
        if sample.deleted_at is not None:
            continue
        was = fetch_record(store, Sample, sample.id) if sample.id else None
        prefix = f"samples.{i}."
        sampled, produced = _day(sample.sampled_on), _day(sample.production_date)
        notified = _day(sample.result_notified_on)
        _long_ago(issues, prefix + "sampled_on", "抽样日期", sampled, was.sampled_on if was else None, today)
        # a plan's sample is not taken yet; a visit dated after today is refused by "visit.future"
        ahead = sampled if visit.status != "planned" and sampled != visit_day else None
        if not _after_today(issues, prefix + "sampled_on", "抽样日期", ahead, today) and sampled \
                and visit.status == "done" and visit_day and sampled > visit_day:
            issues.append(DateIssue(prefix + "sampled_on", "date.sampled_after_visit", {
                "day": sampled.isoformat(), "visit_day": visit_day.isoformat()}, warning=True))
        if not _after_today(issues, prefix + "production_date", "生产日期", produced, today) \
                and produced and sampled and produced > sampled:
            issues.append(DateIssue(prefix + "production_date", "date.produced_after_sampling", {
                "day": produced.isoformat(), "sampled": sampled.isoformat()}, warning=True))
        if notified and sampled and notified < sampled:
            issues.append(DateIssue(prefix + "result_notified_on", "date.notified_before_sampling", {
                "day": notified.isoformat(), "sampled": sampled.isoformat()}, warning=True))
    return issues
