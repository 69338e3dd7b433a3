"""Rectification deadlines as named rule sets, status transitions and the escalation ladder.

SAMR order No. 18 is current; AQSIQ order No. 133 (2010) governed in 2016 and is kept so that
older cases are tracked by the rules they were ordered under. Which one applies follows the order
date (`rule_set_in_force`): SAMR order No. 18 was published in 2019 and took effect on
2020-01-01, replacing AQSIQ order No. 133.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class RuleSet:
    key: str
    name: str
    correct_days: int
    recheck_days: int
    extension_max_days: int  # 0 = no extension
    extension_notice_days: int  # request at least this many days before the deadline
    retest_objection_days: int = 15
    # The day it took effect; None: the oldest rule set held here, for every earlier order.
    # The name's year is the year of publication (order No. 18: 2019, in force 2020-01-01).
    in_force_from: date | None = None
    # whom a 复检 request goes to, in the rule's own words (before the 2018 reform: 质量技术监督部门)
    supervisor: str = "市场监督管理部门"


RULE_SETS: dict[str, RuleSet] = {
    "samr18": RuleSet("samr18", "市场监管总局令第18号（2019）", 60, 75, 0, 0,
                      in_force_from=date(2020, 1, 1)),
    "aqsiq133": RuleSet("aqsiq133", "质检总局令第133号（2010）", 30, 30, 30, 5,
                        supervisor="质量技术监督部门"),
}
DEFAULT_RULE_SET = "samr18"  # in force today; an order's own default is `rule_set_in_force`


def rule_set_in_force(day: date) -> str:
    """The rule set in force on `day`: the latest to take effect on or before it. Why: an order
    entered afterwards (a 2017 case) runs by the rules of its date (AQSIQ 133: 30 days), never
    by today's (SAMR 18: 60/75 days)."""
    started = [(rule.in_force_from or date.min, key) for key, rule in RULE_SETS.items()
               if (rule.in_force_from or date.min) <= day]
    return max(started)[1]


def superseded_on(key: str) -> date | None:
    """The day the rule set `key` gave way to the next one (None: still in force)."""
    start = RULE_SETS[key].in_force_from or date.min
    later = [rule.in_force_from for rule in RULE_SETS.values()
             if rule.in_force_from is not None and rule.in_force_from > start]
    return min(later) if later else None


def rests_on_sample(sample_id: int | None, finding_id: int | None) -> bool:
    """Whether an order rests on a failed spot-check sample, so that the spot-check consequences
    apply (stop sale, 复检 right, SAMR 18's provincial announcement of a failing re-check,
    Product Quality Law art. 17's ladder). An order on a finding of a site check (出厂检验,
    进货查验 records…) does not. No basis recorded at all: treated as a sample, to be safe,
    as the notice has always done."""
    return sample_id is not None or finding_id is None


# Product Quality Law art. 17: what follows a failing re-check, in order.
ESCALATION_LADDER = (
    ("announced", "省级市场监管部门公告"),
    ("suspended", "责令停业，限期整顿"),
    ("revoked", "吊销营业执照"),
)

# A failed re-check may fail again: Product Quality Law art. 17 climbs one step of the ladder per
# failing re-check (announced → still failing: suspended → still failing: licence revoked).
# An order awaiting its re-check goes on to the re-check's outcome, never back to taking the
# report: that step wrote today over the report date already recorded.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "open": ("report_submitted", "awaiting_recheck", "closed", "recheck_failed"),
    "report_submitted": ("awaiting_recheck", "closed", "recheck_failed", "open"),
    "awaiting_recheck": ("closed", "recheck_failed"),
    "recheck_failed": ("awaiting_recheck", "closed", "recheck_failed"),
    "closed": (),
}


def deadlines(rule_key: str, ordered_on: date) -> tuple[date, date]:
    """(deadline to correct, date the re-check is due) for an order issued on `ordered_on`."""
    deadline = ordered_on + timedelta(days=RULE_SETS[rule_key].correct_days)
    return deadline, recheck_due(rule_key, ordered_on, deadline)


def recheck_due(rule_key: str, ordered_on: date, deadline: date) -> date:
    """When the re-check is due: SAMR order 18 counts from the order (75 days), the 2010 rules
    from the end of the correction period — so an extended deadline moves it too."""
    rule = RULE_SETS[rule_key]
    if rule.key == "samr18":
        return ordered_on + timedelta(days=rule.recheck_days)
    return deadline + timedelta(days=rule.recheck_days)


def days_left(deadline: str, today: date) -> int:
    return (date.fromisoformat(deadline) - today).days


# Orders still waiting on someone: the enterprise to correct, or the bureau to re-check.
PENDING_STATUSES = ("open", "report_submitted", "awaiting_recheck")


def is_overdue(status: str, deadline: str, report_submitted_on: str | None, today: date) -> bool:
    """Whether the ENTERPRISE is late (整改逾期) on an order whose effective (possibly extended)
    deadline is `deadline`. Derived, never stored; `overdue_sql` is the same rule in SQL (which
    also leaves out an order whose sample passed its 复检: that needs the sample, not the order).

    Late: still open after the deadline, or its report came in after the deadline and the order is
    not settled yet (a late report does not undo the lateness; a re-check settles the order). A
    report handed in by the deadline stops the enterprise's clock: what can then be late is the
    bureau's re-check (`order_clock`, kind "recheck"), never the enterprise. An order the bureau
    took to re-check with no report date recorded is on the bureau's clock too.
    Dates are ISO strings compared as strings, exactly as SQLite compares them.
    """
    if status not in PENDING_STATUSES or not deadline < today.isoformat():
        return False
    return status == "open" or (report_submitted_on is not None and report_submitted_on > deadline)


def retest_passed_sql(alias: str = "r") -> str:
    """The order's (live) sample passed its 复检: the failing result the order rests on no longer
    stands, so nobody is late on it; it stays open until withdrawn (`withdraw_for_retest`) and
    is warned as 复检合格待撤销. The same test as the warnings' and the quarterly report's."""
    return (f"EXISTS (SELECT 1 FROM sample rt WHERE rt.id = {alias}.sample_id AND rt.deleted_at IS NULL"
            " AND rt.retest_result = 'pass')")


def overdue_sql(alias: str = "r", today: str = ":t", *, status_index: bool = True) -> str:
    """`is_overdue` as one SQL condition on `alias` (a rectification row), for every count and list,
    less an order whose sample passed its 复检 (`retest_passed_sql`): the dashboard, the list's
    已逾期 filter, the risk class and the warnings then agree with the quarterly report.

    The leading status IN lets an index on status seek; `status_index=False` ('+') leaves the
    index choice to the sort order (the lists walk their sort index and test each row). The
    sample is looked up last, by its primary key, and only for an order already late.
    """
    status = f"{'' if status_index else '+'}{alias}.status"
    deadline = f"coalesce({alias}.extended_to, {alias}.deadline)"
    pending = ", ".join(f"'{s}'" for s in PENDING_STATUSES)
    return (f"{status} IN ({pending}) AND {deadline} < {today}"
            f" AND (+{alias}.status = 'open' OR {alias}.report_submitted_on > {deadline})"
            f" AND NOT {retest_passed_sql(alias)}")


def recheck_clock_sql(alias: str = "r", today: str = ":t") -> str:
    """The order is on the bureau's re-check clock (`rules.order_clock` kind "recheck"): its report
    is in and not late (or it was taken to re-check with no report date), and its sample has not
    passed a 复检. An order still open, or reported after its deadline, is the enterprise's
    (逾期整改 once late), never counted as a re-check as well. The dashboard's 复查逾期 and
    期限内未复查 and the warnings' 复查逾期 are this with `recheck_due` past or not."""
    deadline = f"coalesce({alias}.extended_to, {alias}.deadline)"
    return (f"{alias}.status IN ('report_submitted', 'awaiting_recheck')"
            f" AND ({alias}.report_submitted_on IS NULL OR {alias}.report_submitted_on <= {deadline}"
            f" OR {deadline} >= {today}) AND NOT {retest_passed_sql(alias)}")


@dataclass(frozen=True)
class Clock:
    """What an order's clock says, and whose move it is.

    kind "correct": the enterprise's deadline, `days` left (negative: days overdue);
    "report_late": the report came `days` days after the deadline (the enterprise was late);
    "recheck": the report is in, the bureau's re-check is due in `days` (negative: re-check overdue);
    "retest_passed": the order's sample passed its 复检, so the failing result the order rests on
    no longer stands and nobody is late: it waits to be withdrawn (warnings: 复检合格待撤销);
    "recheck_failed": the re-check failed: work still to do (a provincial report, further
    correction), shown in the enterprise's red though no deadline runs;
    "": no clock (closed).
    """

    kind: str
    days: int = 0

    @property
    def enterprise_late(self) -> bool:
        """Same answer as `is_overdue` (a test holds them together)."""
        return self.kind == "report_late" or (self.kind == "correct" and self.days < 0)

    @property
    def recheck_late(self) -> bool:
        """The bureau's re-check is overdue (复查逾期) on an order the enterprise reported on time."""
        return self.kind == "recheck" and self.days < 0

    @property
    def days_late(self) -> int:
        """Days the enterprise is (open) or was (late report) behind its deadline."""
        return self.days if self.kind == "report_late" else -self.days


def order_clock(status: str, deadline: str, report_submitted_on: str | None, recheck_due: str,
                today: date, *, retest_passed: bool = False) -> Clock:
    """The clock shown beside an order (lists, dialog, enterprise page), from the `is_overdue` rule.

    `retest_passed`: the order's live sample passed its 复检 (`retest_passed_sql`, read by the
    caller's row query). Then no deadline runs on a still running order, not even a failed
    re-check's: it is to be withdrawn, as the warnings and `overdue_sql` have it."""
    if retest_passed and status in (*PENDING_STATUSES, "recheck_failed"):
        return Clock("retest_passed")
    if status == "recheck_failed":
        return Clock("recheck_failed")
    if status not in PENDING_STATUSES:
        return Clock("")
    if status == "open":
        return Clock("correct", days_left(deadline, today))
    if report_submitted_on is not None and is_overdue(status, deadline, report_submitted_on, today):
        return Clock("report_late", days_left(report_submitted_on[:10], date.fromisoformat(deadline[:10])))
    return Clock("recheck", days_left(recheck_due, today)) if recheck_due else Clock("")


def next_escalation(current: str) -> str | None:
    keys = [k for k, _ in ESCALATION_LADDER]
    if not current:
        return keys[0]
    i = keys.index(current)
    return keys[i + 1] if i + 1 < len(keys) else None
