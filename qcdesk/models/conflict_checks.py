"""Whether a record combined from two versions (some values of each) is one the app would save.

A combination is checked with the rules a normal save uses (`validate_enterprise`,
`validate_visit`, the date and choice checks) and, for a rectification order, with what its
steps guarantee: a closed order has a closing date, an order marked "report submitted" has
the report's date, a failed re-check names the re-check and the escalation, an extension has
its date, reason and request date, and no date comes before the order. Only problems that
neither whole version has refuse the combination: keeping or taking one version as it is
stays possible, and what came in with it is not the combination's fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models.conflict_names import local_id
from qcdesk.models.enterprises import validate_enterprise
from qcdesk.models.inspections import VisitBundle, validate_visit
from qcdesk.models.messages import Issue
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import (
    RECTIFICATION_STATUS_LABELS,
    RECTIFICATION_STATUSES,
    Enterprise,
    Finding,
    Licence,
    Rectification,
    Sample,
    Visit,
)
from qcdesk.models.rules import ESCALATION_LADDER, RULE_SETS, rests_on_sample
from qcdesk.models.store import Store
from qcdesk.models.validation import check_choice, check_date, check_required

_MESSAGES: dict[str, tuple[str, str]] = {
    "combine.refused": (
        "不能这样合并：{problems}。请把相关的值一起勾选，或保留、采用其中一个完整的版本；数据没有任何改动",
        "These values cannot be combined: {problems}. Tick the related values too, or keep one "
        "whole version; nothing was changed",
    ),
    "combine.closed_without_day": (
        "状态为“已完成”的整改须有结案日期", "A closed order needs its closing date"),
    "combine.day_without_closed": (
        "只有已完成的整改才有结案日期，而状态为“{status}”",
        "Only a closed order has a closing date, and this one is “{status}”"),
    "combine.report_without_day": (
        "状态为“已提交整改报告”的整改须有整改报告日期",
        "An order whose report is submitted needs the report's date"),
    "combine.failed_without_recheck": (
        "状态为“复查不合格”的整改须有复查记录", "An order that failed its re-check names the re-check"),
    "combine.failed_without_escalation": (
        "状态为“复查不合格”的整改须有处置升级", "An order that failed its re-check has an escalation step"),
    "combine.extension_partial": (
        "延期至、延期理由和延期申请日期应同时填写或同时为空",
        "Extend to, the reason and the request date are given together or not at all"),
}
RECORDS: dict[str, type[Any]] = {"enterprise": Enterprise, "licence": Licence, "visit": Visit,
                                 "sample": Sample, "finding": Finding,
                                 "rectification": Rectification}


@dataclass(frozen=True)
class CombineIssue(Issue):
    """An issue whose text is one of the messages above; a (zh, en) parameter is shown in the
    user's language."""

    MESSAGES = _MESSAGES


class CombinationRefused(ValueError):
    """The combined record breaks a rule that neither version breaks; nothing was written."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(self.text("zh"))

    def text(self, lang: str = "zh") -> str:
        sep = "; " if lang.startswith("en") else "；"
        return CombineIssue("", "combine.refused", {
            "problems": sep.join(dict.fromkeys(i.text(lang) for i in self.issues))}).text(lang)


def combination_issues(store: Store, table: str, combined: dict[str, Any], versions:
                       tuple[dict[str, Any], ...], record_id: int | None) -> list[Issue]:
    """Problems of `combined` (data values, parents as uuids) that none of `versions` has."""
    known = {(i.field, i.rule) for v in versions for i in record_issues(store, table, v, record_id)}
    return [i for i in record_issues(store, table, combined, record_id)
            if (i.field, i.rule) not in known]


def record_issues(store: Store, table: str, values: dict[str, Any],
                  record_id: int | None) -> list[Issue]:
    """What a save of this record would refuse (warnings left out)."""
    cls = RECORDS.get(table)
    if cls is None:
        return []
    row = dict(values, id=record_id)
    for f in SPEC_BY_TABLE[table].fields:
        if f.parent:
            row[f.name] = local_id(store, f.parent, row.get(f.name))
    record = cls.from_row(row)
    issues: list[Issue]
    if table == "enterprise":
        issues = validate_enterprise(store, record)
    elif table == "licence":
        owner = _fetch(store, Enterprise, record.enterprise_id)
        issues = _part(validate_enterprise(store, owner, [record]), "licences.") if owner else []
    elif table == "visit":
        issues = validate_visit(store, VisitBundle(record))
    elif table in ("sample", "finding"):
        visit = _fetch(store, Visit, record.visit_id)
        if visit is None:
            issues = []
        else:
            bundle = VisitBundle(visit, samples=[record]) if table == "sample" else \
                VisitBundle(visit, findings=[record])
            issues = _part(validate_visit(store, bundle), f"{table}s.")
    else:
        issues = rectification_issues(record)
    return [i for i in issues if not i.warning]


def _fetch(store: Store, cls: type[Any], rid: int | None) -> Any:
    return fetch_record(store, cls, rid) if rid is not None else None


def _part(issues: list[Issue], prefix: str) -> list[Issue]:
    return [i for i in issues if i.field.startswith(prefix)]


def rectification_issues(rect: Rectification) -> list[Issue]:
    """An order's values against each other, as its steps (report, extension, re-check) set them."""
    issues: list[Issue] = []
    check_required(issues, "requirement", "整改要求", rect.requirement)
    check_choice(issues, "rule_set", "规则", rect.rule_set, RULE_SETS)
    check_choice(issues, "status", "状态", rect.status, RECTIFICATION_STATUSES)
    check_choice(issues, "escalation", "处置升级", rect.escalation,
                 ("", *(code for code, _w in ESCALATION_LADDER)))
    ordered = check_date(issues, "ordered_on", "下达日期", rect.ordered_on, required=True)
    deadline = check_date(issues, "deadline", "整改期限", rect.deadline, required=True)
    check_date(issues, "recheck_due", "复查期限", rect.recheck_due, required=True)
    extended = check_date(issues, "extended_to", "延期至", rect.extended_to)
    asked = check_date(issues, "extension_requested_on", "延期申请日期", rect.extension_requested_on)
    report = check_date(issues, "report_submitted_on", "整改报告日期", rect.report_submitted_on)
    closed = check_date(issues, "closed_on", "结案日期", rect.closed_on)
    after = ((deadline, "deadline", "整改期限", ordered, "下达日期"),
             (asked, "extension_requested_on", "延期申请日期", ordered, "下达日期"),
             (report, "report_submitted_on", "整改报告日期", ordered, "下达日期"),
             (closed, "closed_on", "结案日期", ordered, "下达日期"),
             (closed, "closed_on", "结案日期", report, "整改报告日期"),
             (extended, "extended_to", "延期至", deadline, "整改期限"))
    for day, field, label, earliest, other in after:
        if day and earliest and day < earliest:
            issues.append(Issue(field, "date.order", {"field": label, "other": other}))
    given = [bool(rect.extended_to), bool((rect.extension_reason or "").strip()),
             bool(rect.extension_requested_on)]
    if any(given) and not all(given):
        issues.append(CombineIssue("extended_to", "combine.extension_partial"))
    status = rect.status
    if status == "closed" and not rect.closed_on:
        issues.append(CombineIssue("closed_on", "combine.closed_without_day"))
    if status != "closed" and rect.closed_on:
        words = (RECTIFICATION_STATUS_LABELS.get(status, status), status.replace("_", " "))
        issues.append(CombineIssue("closed_on", "combine.day_without_closed", {"status": words}))
    if status == "report_submitted" and not rect.report_submitted_on:
        issues.append(CombineIssue("report_submitted_on", "combine.report_without_day"))
    if status == "recheck_failed" and rect.recheck_visit_id is None:
        issues.append(CombineIssue("recheck_visit_id", "combine.failed_without_recheck"))
    # art. 17's ladder follows a failed sample only: a finding's failed re-check has no step
    if status == "recheck_failed" and not rect.escalation and rests_on_sample(rect.sample_id,
                                                                               rect.finding_id):
        issues.append(CombineIssue("escalation", "combine.failed_without_escalation"))
    return issues
