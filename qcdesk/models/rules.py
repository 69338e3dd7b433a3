"""Rectification deadlines as named rule sets, status transitions and the escalation ladder.

SAMR order No. 18 is current; AQSIQ order No. 133 (2010) governed in 2016 and is kept so that
older cases are tracked by the rules they were ordered under.
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


RULE_SETS: dict[str, RuleSet] = {
    "samr18": RuleSet("samr18", "市场监管总局令第18号（2019）", 60, 75, 0, 0),
    "aqsiq133": RuleSet("aqsiq133", "质检总局令第133号（2010）", 30, 30, 30, 5),
}
DEFAULT_RULE_SET = "samr18"

# Product Quality Law art. 17: what follows a failing re-check, in order.
ESCALATION_LADDER = (
    ("announced", "省级市场监管部门公告"),
    ("suspended", "责令停业，限期整顿"),
    ("revoked", "吊销营业执照"),
)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "open": ("report_submitted", "awaiting_recheck", "closed", "recheck_failed"),
    "report_submitted": ("awaiting_recheck", "closed", "recheck_failed", "open"),
    "awaiting_recheck": ("closed", "recheck_failed", "report_submitted"),
    "recheck_failed": ("awaiting_recheck", "closed"),
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


def extension_allowed(rule_key: str, deadline: date, requested_on: date, new_deadline: date,
                      already_extended: bool) -> bool:
    """2010 rules: one extension of ≤ 30 days, asked ≥ 5 days before the deadline."""
    rule = RULE_SETS[rule_key]
    if rule.extension_max_days == 0 or already_extended:
        return False
    if (deadline - requested_on).days < rule.extension_notice_days:
        return False
    return 0 < (new_deadline - deadline).days <= rule.extension_max_days


def days_left(deadline: str, today: date) -> int:
    return (date.fromisoformat(deadline) - today).days


def is_overdue(status: str, deadline: str, today: date) -> bool:
    """Overdue is derived, never stored: open work past its (possibly extended) deadline."""
    return status in ("open", "report_submitted") and date.fromisoformat(deadline) < today


def next_escalation(current: str) -> str | None:
    keys = [k for k, _ in ESCALATION_LADDER]
    if not current:
        return keys[0]
    i = keys.index(current)
    return keys[i + 1] if i + 1 < len(keys) else None
