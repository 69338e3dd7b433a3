"""Rectification orders (整改): issue, track, extend, re-check, close or escalate."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from qcdesk.models import local_day
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.name_order import HAN
from qcdesk.models.notice_numbers import notice_key
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectification_checks import (
    check_extension,
    check_finding_team,
    check_notice_free,
    check_notice_no,
    check_order_day,
    check_recheck,
    check_report_day,
    duplicate_problem,
    escalation_problem,
    existing_order,
    notice_prefix,
    problem,
    state_name,
    state_problem,
)
from qcdesk.models.rules import (
    RULE_SETS,
    TRANSITIONS,
    deadlines,
    next_escalation,
    recheck_due,
    rests_on_sample,
    rule_set_in_force,
)
from qcdesk.models.store import Store
from qcdesk.models.validation import check_date, check_required


def order_rectification(store: Store, *, visit: Visit, requirement: str, ordered_on: str,
                        rule_set: str | None = None, finding: Finding | None = None,
                        sample: Sample | None = None, notice_no: str = "",
                        today: date | None = None) -> Rectification:
    """Create an order from a finding or a failed sample, deadlines from the rule set.

    The order date lies between the visit and today (`check_order_day`): every way of issuing an
    order comes through here, so none can date one in the future.

    One problem, one order: a sample or finding that already has a live order is refused (the
    issue "existing_order" carries that order's id). The notice number is stored whole or blank
    (`check_notice_no`), and one number is one notice: a number another live order carries is
    refused at the number, naming that order (`check_notice_free`).

    No rule set given: the one in force on the order date (`rules.rule_set_in_force`), so that
    a 2017 order entered today runs by the 2010 rules. A rule set not in force then is allowed
    (the clerk may know better); `rule_set_warning` says so where it is chosen.
    """
    issues, day, rule_set, number = order_problems(
        store, visit=visit, requirement=requirement, ordered_on=ordered_on, rule_set=rule_set,
        notice_no=notice_no, today=today, on_finding=finding is not None)
    if issues:
        raise ValidationFailed(issues)
    assert day is not None and rule_set is not None
    deadline, recheck_due = deadlines(rule_set, day)
    rect = Rectification(
        enterprise_id=visit.enterprise_id, visit_id=visit.id,
        finding_id=finding.id if finding else None, sample_id=sample.id if sample else None,
        requirement=requirement.strip(), rule_set=rule_set, ordered_on=day.isoformat(),
        deadline=deadline.isoformat(), recheck_due=recheck_due.isoformat(), notice_no=number,
    )
    with store.transaction():  # checked inside: two quick clicks cannot both pass
        found = existing_order(store, sample_id=rect.sample_id) if sample else \
            existing_order(store, finding_id=rect.finding_id)
        if found is not None:
            raise ValidationFailed([duplicate_problem(found, "sample" if sample else "finding")])
        if number:  # again inside: two orders typed with one number at once
            check_notice_free(issues, store, number)
            if issues:
                raise ValidationFailed(issues)
        return insert_record(store, rect)


def order_problems(store: Store, *, visit: Visit, requirement: str, ordered_on: str,
                   rule_set: str | None = None, notice_no: str = "", today: date | None = None,
                   on_finding: bool = False) -> tuple[list[Issue], date | None, str | None, str]:
    """What `order_rectification` refuses, checked without writing: (issues, order day, rule set,
    notice number as stored). The 整改台账 import previews its rows by these very rules."""
    issues: list[Issue] = []
    if on_finding:
        check_finding_team(issues, store, visit)
    check_required(issues, "requirement", "整改要求", requirement)
    if requirement.strip() and not HAN.search(requirement):  # a stray "j" became an order
        issues.append(problem("requirement", "rect.requirement.words", value=requirement.strip()[:20]))
    day = check_date(issues, "ordered_on", "下达日期", ordered_on, required=True)
    if rule_set is None and day is not None:
        rule_set = rule_set_in_force(day)
    if rule_set is not None and rule_set not in RULE_SETS:  # None: the date is refused
        issues.append(Issue("rule_set", "choice.invalid", {"field": "期限规则", "value": rule_set}))
    if day is not None:
        check_order_day(issues, day, visit, today or local_day.today())
    number = check_notice_no(issues, notice_no, day, notice_prefix(store))
    if number and not any(i.field == "notice_no" for i in issues):
        check_notice_free(issues, store, number)
    return issues, day, rule_set, number


def _transition(store: Store, rect: Rectification, new_status: str, field: str = "status") -> None:
    if new_status not in TRANSITIONS.get(rect.status, ()):
        raise ValidationFailed([state_problem(field, rect, new_status)])
    rect.status = new_status


def submit_report(store: Store, rect: Rectification, submitted_on: str, *,
                  today: date | None = None) -> Rectification:
    """The enterprise handed in its rectification report (not before the order, not after today)."""
    issues = report_day_problems(rect, submitted_on, today)
    if issues:
        raise ValidationFailed(issues)
    _transition(store, rect, "report_submitted", "report_submitted_on")
    rect.report_submitted_on = submitted_on
    with store.transaction():
        return update_record(store, rect)


def report_day_problems(rect: Rectification, submitted_on: str, today: date | None = None
                        ) -> list[Issue]:
    """Why `submit_report` would refuse this day (none: []), asked before the window's question
    that the step cannot be undone: a day it refuses was confirmed first, then refused."""
    issues: list[Issue] = []
    day = check_date(issues, "report_submitted_on", "提交日期", submitted_on, required=True)
    if day is not None:
        check_report_day(issues, rect, day, today or local_day.today())
    return issues


def await_recheck(store: Store, rect: Rectification) -> Rectification:
    _transition(store, rect, "awaiting_recheck")
    with store.transaction():
        return update_record(store, rect)


def extend_deadline(store: Store, rect: Rectification, new_deadline: str, reason: str,
                    requested_on: str, *, today: date | None = None) -> Rectification:
    """Only rule sets that allow it, once, within the limits the rule sets state
    (`rectification_checks.check_extension`)."""
    issues: list[Issue] = []
    check_required(issues, "extension_reason", "延期理由", reason)
    new_day = check_date(issues, "extended_to", "延期至", new_deadline, required=True)
    asked = check_date(issues, "extension_requested_on", "申请日期", requested_on, required=True)
    if new_day is not None and asked is not None:
        check_extension(issues, rect, new_day, asked, today or local_day.today())
    if issues:
        raise ValidationFailed(issues)
    assert new_day is not None and asked is not None
    rect.extended_to = new_day.isoformat()
    rect.recheck_due = recheck_due(rect.rule_set, date.fromisoformat(rect.ordered_on),
                                   new_day).isoformat()
    rect.extension_reason = reason.strip()
    rect.extension_requested_on = asked.isoformat()
    with store.transaction():
        return update_record(store, rect)


def record_recheck(store: Store, rect: Rectification, recheck_visit: Visit, passed: bool, *,
                   today: date | None = None) -> Rectification:
    """A completed re-check visit closes the order, or marks it failed and climbs one step of the
    escalation ladder — again at each further failing re-check (Product Quality Law art. 17:
    announced, then suspended, then licence revoked; the last step stays).

    The ladder is what follows a failed spot-check sample: an order resting on a finding of a
    site check (`rules.rests_on_sample`) fails without climbing it (its 复查意见书 orders further
    correction, no provincial announcement). A step already stored on such an order (climbed
    by an older QCDesk) is left as it is, never rewritten here.

    Problems come back as fields "rectification" (the order), "visit_status", "visit_date".
    """
    issues: list[Issue] = []
    check_recheck(issues, store, rect, recheck_visit, today or local_day.today())
    if issues:
        raise ValidationFailed(issues)
    _transition(store, rect, "closed" if passed else "recheck_failed", "rectification")
    rect.recheck_visit_id = recheck_visit.id
    if passed:
        rect.closed_on = recheck_visit.visit_date
    elif rests_on_sample(rect.sample_id, rect.finding_id):
        rect.escalation = next_escalation(rect.escalation) or rect.escalation
    with store.transaction():
        update_record(store, rect)
        fresh = fetch_record(store, Visit, recheck_visit.id)
        if fresh and fresh.rectification_id != rect.id:
            fresh.rectification_id = rect.id
            update_record(store, fresh)
            recheck_visit.revision = fresh.revision
    return rect


def escalate(store: Store, rect: Rectification) -> Rectification:
    """Next step of the Product Quality Law art. 17 ladder for a failed re-check that has not
    climbed it yet: one step per failing re-check, never a second for the same failure
    (`escalation_problem` says why not)."""
    refusal = escalation_problem(rect)
    if refusal is not None:
        raise ValidationFailed([refusal])
    step = next_escalation(rect.escalation)
    assert step is not None
    rect.escalation = step
    with store.transaction():
        update_record(store, rect)
    return rect


class WithdrawIssue(Issue):
    """Rules of withdrawing an order after a passed 复检, with their own texts."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "withdraw.no_retest": (
            "只有样品复检合格（原检验结论不再成立）的整改才能撤销：请在检查记录中登记复检结论，"
            "或按复查程序结案",
            "Only an order whose sample passed its re-test can be withdrawn: record the re-test "
            "in the visit, or close the order by a re-check",
        ),
        "withdraw.closed": (
            "这项整改已于 {closed_on} 结案，不能再撤销",
            "This order was closed on {closed_on}; it cannot be withdrawn",
        ),
        "withdraw.withdrawn": (
            "这项整改已于 {closed_on} 撤销，目前为“{status}”，无需再次撤销",
            "This order was withdrawn on {closed_on} and is “{status}”; it need not be withdrawn again",
        ),
        "withdraw.future": (
            "撤销日期（{day}）晚于今天：请填写实际撤销的日期",
            "The withdrawal date ({day}) is after today: enter the day it was withdrawn",
        ),
        "withdraw.before": (
            "撤销日期（{day}）早于{what}（{other}）：请核对日期",
            "The withdrawal date ({day}) is before the {what} ({other}): check the dates",
        ),
    }


def withdrawal_reason(sample: Sample) -> str:
    """The default reason, naming the re-test that overturned the order's basis. It is printed
    on the withdrawn notice and the 复查意见书, so its date is in the paper's form (2026年10月8日)."""
    from qcdesk.models.clock_text import cn_date

    on = cn_date(sample.retest_on) if sample.retest_on else "日期未填"
    return f"样品复检合格（{on}），原检验结论不再成立，撤销责令整改"


def withdrawal_problem(rect: Rectification, sample: Sample | None) -> Issue | None:
    """Why this order cannot be withdrawn now (None: it can): only an order still running whose
    sample's re-test passed. The dialog enables its button by this and shows it as the tooltip."""
    if rect.status == "closed" and rect.closing_reason:  # already withdrawn: not 结案 by a re-check
        return WithdrawIssue("rectification", "withdraw.withdrawn", {
            "closed_on": rect.closed_on or "", "status": state_name(rect.status, rect.closing_reason)})
    if rect.status == "closed":
        return WithdrawIssue("rectification", "withdraw.closed", {"closed_on": rect.closed_on or ""})
    if sample is None or sample.id != rect.sample_id or sample.retest_result != "pass":
        return WithdrawIssue("rectification", "withdraw.no_retest")
    return None


def withdrawal_day_problems(store: Store, rect: Rectification, on: str, today: date | None = None
                            ) -> list[Issue]:
    """Why `withdraw_for_retest` would refuse (none: []): asked before the window's question."""
    sample = fetch_record(store, Sample, rect.sample_id) if rect.sample_id else None
    refusal = withdrawal_problem(rect, sample)
    if refusal is not None:
        return [refusal]
    assert sample is not None
    issues: list[Issue] = []
    day = check_date(issues, "closed_on", "撤销日期", on, required=True)
    if day is not None:
        iso_day = day.isoformat()
        if day > (today or local_day.today()):
            issues.append(WithdrawIssue("closed_on", "withdraw.future", {"day": iso_day}))
        elif iso_day < rect.ordered_on:
            issues.append(WithdrawIssue("closed_on", "withdraw.before", {
                "day": iso_day, "what": ("下达日期", "order date"), "other": rect.ordered_on}))
        elif sample.retest_on and iso_day < sample.retest_on:
            issues.append(WithdrawIssue("closed_on", "withdraw.before", {
                "day": iso_day, "what": ("复检日期", "re-test date"), "other": sample.retest_on}))
    return issues


def withdraw_for_retest(store: Store, rect: Rectification, on: str, reason: str = "", *,
                        today: date | None = None) -> Rectification:
    """Close an order whose basis fell: its sample passed the 复检 (final), so the failing result
    it was ordered on no longer stands. No re-check visit is needed or recorded.

    Stored as status 'closed' with `closed_on` and a `closing_reason` (default names the re-test),
    not as a new status: every QCDesk, older ones included, reads 'closed', and every count,
    warning and report already treats a closed order as settled.
    """
    issues = withdrawal_day_problems(store, rect, on, today)
    if issues:
        raise ValidationFailed(issues)
    sample = fetch_record(store, Sample, rect.sample_id)
    day = check_date([], "closed_on", "撤销日期", on, required=True)
    assert day is not None and sample is not None  # as the checks found them
    _transition(store, rect, "closed", "rectification")
    rect.closed_on = day.isoformat()
    rect.closing_reason = reason.strip() or withdrawal_reason(sample)
    with store.transaction():
        return update_record(store, rect)


class NumberIssue(Issue):
    """Rules of numbering an order after it was saved, with their own texts."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "number.blank": (
            "请填写发文登记簿给这份通知书的文号，如 {example}，或只填序号 {serial}",
            "Enter the number the registry gave this notice, like {example}, or only its serial {serial}",
        ),
        "number.numbered": (
            "这项整改已有文号 {number}：改为另一个文号须先确认更正（原文号留在这项整改的修改历史中）",
            "This order already has the number {number}: changing it to another number is a "
            "correction to confirm first (the old number stays in the order's history)",
        ),
        "number.changed": (
            "这项整改的文号已在别处改为 {number}（您看到的是 {seen}），没有改为 {typed}："
            "请核对 {number}，仍要改为 {typed} 时再保存一次",
            "This order's number was changed elsewhere to {number} (the dialog showed {seen}); it "
            "was not changed to {typed}. Check {number}, and save again if it should still be {typed}",
        ),
        "number.deleted": (
            "这项整改已被删除，不能再编号",
            "This order has been deleted; it cannot be numbered",
        ),
    }


def number_order(store: Store, rect: Rectification, notice_no: str, *,
                 correct: bool = False, seen: str | None = None) -> Rectification:
    """Record the 文号 the registry gave an order saved without one (the inspector orders in the
    field; the number comes days later, maybe in the next year), or, with `correct=True` once
    the user has confirmed, put right a number typed wrong.

    Checked exactly as when ordering: `check_notice_no`'s normalisation with the year of the
    ORDER date (a December order numbered in January keeps 〔December's year〕), and one number
    per live order (`check_notice_free`, again inside the transaction). Written by
    `update_record` as a revision of the order (author, updated_at, audit), so it travels in the
    next package as an update. The order is not locked when its visit was sent: like a report
    date or a withdrawal, its number is follow-up the recipient gets as an update; a change of
    an existing number is refused unless confirmed, and the audit keeps the old one.
    A number the same as the stored one (however spelt) writes nothing. `seen` is the number the
    user confirmed replacing: a correction of an order that carries another one by now (an
    import, a correction elsewhere) is refused naming it, never made over it unseen."""
    if rect.deleted_at:
        raise ValidationFailed([NumberIssue("notice_no", "number.deleted")])
    try:
        day: date | None = date.fromisoformat(rect.ordered_on[:10])
    except ValueError:
        day = None
    prefix = notice_prefix(store)
    issues: list[Issue] = []
    if not "".join((notice_no or "").split()):
        year = day.year if day else local_day.today().year
        raise ValidationFailed([NumberIssue("notice_no", "number.blank", {
            "example": f"{prefix}〔{year}〕45号", "serial": "45"})])
    number = check_notice_no(issues, notice_no, day, prefix)
    if issues:
        raise ValidationFailed(issues)
    if rect.notice_no and notice_key(rect.notice_no) == notice_key(number):
        return rect
    if correct and seen and notice_key(rect.notice_no or "") != notice_key(seen):
        raise ValidationFailed([NumberIssue("notice_no", "number.changed", {
            "number": rect.notice_no or "—", "seen": seen, "typed": number})])
    if rect.notice_no and not correct:
        raise ValidationFailed([NumberIssue("notice_no", "number.numbered", {"number": rect.notice_no})])
    with store.transaction():  # checked inside: two orders numbered alike at once
        check_notice_free(issues, store, number, own_id=rect.id)
        if issues:
            raise ValidationFailed(issues)
        rect.notice_no = number
        return update_record(store, rect)


def open_rectifications(store: Store, enterprise_id: int) -> list[Rectification]:
    return [Rectification.from_row(r) for r in store.db.query(
        "SELECT * FROM rectification WHERE enterprise_id = ? AND deleted_at IS NULL "
        "AND status != 'closed' ORDER BY deadline", [enterprise_id])]
