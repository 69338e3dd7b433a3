"""The quarterly report's orders (整改): completed, withdrawn, unfinished and late (SQL here).

Kept apart from report_queries because an order can end two ways that must never be added up:
closed after it was corrected (已完成), or withdrawn (已撤销) because its sample passed the 复检
and the failing result it rested on no longer stands (rectifications.withdraw_for_retest: status
'closed' with a closing reason). A withdrawn order is no correction by the enterprise, so it is
counted apart and leaves the completion rate's denominator (RECTIFICATION_RATE_DEFINITION).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from qcdesk.models.rules import Clock, order_clock, retest_passed_sql
from qcdesk.models.warnings import WARNING_KIND_LABELS

# Withdrawn orders leave the denominator: no defect was established, so there was nothing for
# the enterprise to correct. One still open whose sample passed the 复检 stays in it until it is
# withdrawn: the report then asks for the withdrawal instead of calling the enterprise late.
RECTIFICATION_RATE_DEFINITION = (
    "整改完成率＝本期下达的整改中已完成（结案）的件数÷（本期下达的整改件数－因样品复检合格而撤销的件数）；"
    "样品复检合格、原检验结论不再成立而撤销的整改不是企业完成的整改，单独列出，既不计入已完成，"
    "也不计入分母；样品已复检合格但尚未撤销的整改仍计为未完成（不计为逾期），请及时撤销。"
    "“本期”以整改下达日期落在本季度内为准，完成情况截至报告日期。"
)
TO_WITHDRAW_STATE = WARNING_KIND_LABELS["retest_withdraw"]  # the warnings' word for the same order


@dataclass(frozen=True)
class OverdueRectification:
    enterprise: str
    jurisdiction: str
    notice_no: str
    requirement: str
    deadline: str
    days_overdue: int
    status: str


@dataclass(frozen=True)
class UnfinishedRectification:
    """An order of the quarter not closed yet, and where it stands on the report's day: the
    enterprise late, the bureau's re-check late (复查逾期), its sample passed the 复检 (to be
    withdrawn: nobody is late), or still within its time."""

    enterprise: str
    jurisdiction: str
    notice_no: str
    requirement: str
    deadline: str
    recheck_due: str
    status: str
    clock: Clock
    retest_passed: bool = False
    escalation: str = ""  # the step of Product Quality Law art. 17 reached after failing re-checks


@dataclass(frozen=True)
class WithdrawnRectification:
    """An order of the quarter withdrawn because its sample passed the 复检, and why."""

    enterprise: str
    jurisdiction: str
    notice_no: str
    requirement: str
    withdrawn_on: str
    reason: str


@dataclass
class QuarterOrders:
    completed: int = 0  # closed, withdrawn ones not included
    unfinished: list[UnfinishedRectification] = field(default_factory=list)  # the most behind first
    overdue: list[OverdueRectification] = field(default_factory=list)  # the enterprise late
    withdrawn: list[WithdrawnRectification] = field(default_factory=list)


def _behind(order: UnfinishedRectification) -> tuple[int, int, str]:
    """The enterprise late first, then the re-check late (most days first), then those to be
    withdrawn (the bureau's move), then the rest by deadline."""
    c = order.clock
    if c.enterprise_late:
        return (0, -c.days_late, order.deadline)
    if c.recheck_late:
        return (1, c.days, order.deadline)
    return (2 if order.retest_passed else 3, 0, order.deadline)


def _names(db: Database, ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" for _ in chunk)
        out.update(db.execute(f"SELECT id, name FROM enterprise WHERE id IN ({marks})", chunk).fetchall())
    return out


def quarter_orders(db: Database, start: str, end: str, ents: dict[int, tuple[str, str]],
                   jnames: dict[str, str], as_of: date) -> QuarterOrders:
    """Orders dated in [start, end) of the enterprises in scope (`ents`: id -> (jurisdiction,
    industry)), in their present state as of `as_of`.

    Overdue = the enterprise is late (rules.is_overdue): an order reported by its deadline is not,
    whatever its re-check; days overdue run to the report for a late report, else to `as_of`."""
    out = QuarterOrders()
    late: list[tuple] = []
    pending: list[tuple] = []
    gone: list[tuple] = []
    for (ent_id, notice_no, requirement, due, status, report, recheck, closed_on, reason, passed,
         step) in db.execute(
        "SELECT r.enterprise_id, r.notice_no, r.requirement, COALESCE(r.extended_to, r.deadline), r.status,"
        f" r.report_submitted_on, r.recheck_due, r.closed_on, r.closing_reason, {retest_passed_sql('r')},"
        " r.escalation"
        " FROM rectification r WHERE r.deleted_at IS NULL AND r.ordered_on >= ? AND r.ordered_on < ?"
        " ORDER BY COALESCE(r.extended_to, r.deadline), r.id", [start, end]).fetchall():
        if ent_id not in ents:
            continue
        if status == "closed":
            if reason:  # closed with a reason: withdrawn, not corrected
                gone.append((ent_id, notice_no, requirement, closed_on, reason))
            else:
                out.completed += 1
            continue
        state = Clock("") if passed else order_clock(status, due, report, recheck, as_of)
        pending.append((ent_id, notice_no, requirement, due, recheck, status, state, bool(passed),
                        step or ""))
        if state.enterprise_late:
            late.append((ent_id, notice_no, requirement, due, state.days_late, status))
    names = _names(db, sorted({x[0] for x in pending} | {x[0] for x in gone}))

    def where(ent_id: int) -> tuple[str, str]:
        return names.get(ent_id, ""), jnames.get(ents[ent_id][0], "")

    out.overdue = [OverdueRectification(*where(ent_id), notice_no or "", requirement or "", due, days, status)
                   for ent_id, notice_no, requirement, due, days, status in late]
    out.unfinished = sorted(
        (UnfinishedRectification(*where(ent_id), notice_no or "", requirement or "", due, recheck or "",
                                 status, state, passed, step)
         for ent_id, notice_no, requirement, due, recheck, status, state, passed, step in pending),
        key=_behind)
    out.withdrawn = sorted(
        (WithdrawnRectification(*where(ent_id), notice_no or "", requirement or "", closed_on or "", reason)
         for ent_id, notice_no, requirement, closed_on, reason in gone),
        key=lambda w: (w.withdrawn_on, w.notice_no))
    return out
