"""The re-check tiles' limit line, said by the rule set each counted order runs under.

Why: the tiles said "within / past the 75-day limit" for every order, but an order under AQSIQ
order No. 133 (rule set aqsiq133) is re-checked within 30 days after its correction deadline,
not 75 days from the order. The days and where they count from come from `qcdesk.models.rules`
(RULE_SETS, recheck_due), never from numbers written here.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication

from qcdesk.models.rules import DEFAULT_RULE_SET, RULE_SETS, recheck_due


def recheck_from_order(key: str) -> bool:
    """Whether the rule set counts its re-check days from the order (SAMR 18) rather than from
    the end of the correction period (the 2010 rules): asked of `rules.recheck_due` itself."""
    day = date(2000, 1, 1)
    return recheck_due(key, day, day) == recheck_due(key, day, day + timedelta(days=1))


def rule_limit(key: str, late: bool) -> str:
    """One rule set's re-check limit: 75 days from the order, or 30 days after the deadline."""
    if recheck_from_order(key):  # the tiles' wording since they were made
        text = (QCoreApplication.translate("DashboardPage", "past the %1-day limit") if late
                else QCoreApplication.translate("DashboardPage", "within the %1-day limit"))
    elif late:
        text = QCoreApplication.translate("DashboardPage", "more than %1 days after the correction deadline")
    else:
        text = QCoreApplication.translate("DashboardPage", "within %1 days after the correction deadline")
    return text.replace("%1", str(RULE_SETS[key].recheck_days))


def recheck_limit_line(by_rule: dict[str, int], late: bool) -> str:
    """The tile's detail: the one rule its orders run under, or the count under each rule when
    they differ (no order: the rule new orders get)."""
    keys = [k for k in RULE_SETS if by_rule.get(k)]
    if len(keys) <= 1:
        return rule_limit(keys[0] if keys else DEFAULT_RULE_SET, late)
    parts = [QCoreApplication.translate("DashboardPage", "%1 %2").replace("%1", str(by_rule[k]))
             .replace("%2", rule_limit(k, late)) for k in keys]
    return QCoreApplication.translate("DashboardPage", "; ").join(parts)
