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


def order_tile_definitions() -> dict[str, str]:
    """Tooltips of the order tiles: whose move each counts. The tiles never overlap: an order the
    enterprise is late on is 逾期整改 only; 复查逾期 is the bureau's re-check late on an order
    reported on time (`rules.Clock.recheck_late`, the quarterly report's 逾期未复查)."""
    return {
        "rect_overdue": QCoreApplication.translate(
            "DashboardPage", "The enterprise is late: no report by the correction deadline, or a report "
            "after it on an order not yet settled. Orders reported on time count under the re-check tiles."),
        "recheck_pending": QCoreApplication.translate(
            "DashboardPage", "Orders reported by the correction deadline (or taken to re-check), not "
            "re-checked yet, the re-check limit not passed. Orders the enterprise is late on count "
            "under Overdue rectifications."),
        "recheck_overdue": QCoreApplication.translate(
            "DashboardPage", "Orders reported by the correction deadline (or taken to re-check) whose "
            "re-check is past its limit. Orders the enterprise is late on count under Overdue "
            "rectifications, not here."),
    }
