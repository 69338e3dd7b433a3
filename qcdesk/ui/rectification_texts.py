"""How rectification orders are named in the editors: status, escalation steps, rule sets, the
clock beside an order, and one line per order for pickers and lists."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from qcdesk.models.records import Rectification
from qcdesk.models.rules import ESCALATION_LADDER, RULE_SETS, Clock, order_clock
from qcdesk.ui.labels import clock_text, rectification_statuses, retest_passed_clock, withdrawn_on
from qcdesk.ui.list_model import clock_colour


def status_text(status: str, closing_reason: str = "") -> str:
    """Translated name of a rectification status. An order closed WITH a reason was withdrawn
    after its sample passed the 复检 (stored 'closed' + closing_reason, `withdraw_for_retest`):
    it is named as the 整改跟踪 list names it (已撤销（复检合格）), never 已完成, which would say
    the enterprise corrected a defect that was never established."""
    if status == "closed" and closing_reason:
        return rectification_statuses()["withdrawn"]
    return {
        "open": QCoreApplication.translate("RectificationDialog", "Open"),
        "report_submitted": QCoreApplication.translate("RectificationDialog", "Report submitted"),
        "awaiting_recheck": QCoreApplication.translate("RectificationDialog", "Awaiting re-check"),
        "closed": QCoreApplication.translate("RectificationDialog", "Closed"),
        "recheck_failed": QCoreApplication.translate("RectificationDialog", "Re-check failed"),
    }.get(status, status)


def escalation_steps() -> list[tuple[str, str]]:
    """Product Quality Law art. 17, in order, translated (keys as in the rule module)."""
    names = {
        "": QCoreApplication.translate("RectificationDialog", "Order to correct"),
        "announced": QCoreApplication.translate("RectificationDialog", "Provincial announcement"),
        "suspended": QCoreApplication.translate("RectificationDialog", "Suspension for rectification"),
        "revoked": QCoreApplication.translate("RectificationDialog", "Business licence revoked"),
    }
    return [("", names[""])] + [(key, names[key]) for key, _ in ESCALATION_LADDER]


def rectification_clock(rect: Rectification, today: date, retest_passed: bool = False) -> Clock:
    """The order's clock by the one rule (`rules.order_clock`), as the lists show it;
    `retest_passed`: its sample passed the 复检 (the caller read it with the order)."""
    return order_clock(rect.status, rect.effective_deadline, rect.report_submitted_on, rect.recheck_due,
                       today, retest_passed=retest_passed)


def days_text(rect: Rectification, today: date, retest_passed: bool = False) -> tuple[str, bool]:
    """What the clock says for an order, and whether something is late (shown in colour).

    Open work counts towards the (possibly extended) deadline; once the report is in on time the
    enterprise's clock stops and the bureau's re-check date counts (`rules.order_clock`); a late
    report stays late until the order is settled; a closed or failed order has no clock (a
    withdrawn one says when it was withdrawn, never that it was completed). An order whose
    sample passed its 复检 (`retest_passed`) is late for nobody: 复检合格待撤销, as the warnings say.
    """
    clock = rectification_clock(rect, today, retest_passed)
    if clock.kind:  # running: in the list's words (`labels.clock_text`), one wording per state
        return clock_text(clock), clock_colour(clock) is not None
    if rect.status == "closed" and rect.closing_reason:  # withdrawn, not completed (`status_text`)
        return withdrawn_on(rect.closed_on or ""), False
    if rect.status == "closed":
        text = QCoreApplication.translate("RectificationDialog", "closed on %1")
        return text.replace("%1", rect.closed_on or ""), False
    return "—", False


def rule_set_text(key: str) -> str:
    return {
        "samr18": QCoreApplication.translate(
            "RectificationDialog", "SAMR order No. 18 (2019): correct in 60 days, re-check in 75 days"),
        "aqsiq133": QCoreApplication.translate("RectificationDialog",
                      "AQSIQ order No. 133 (2010): correct in 30 days, one extension of up to 30"),
    }.get(key, RULE_SETS[key].name if key in RULE_SETS else key)


def order_label(rect: Rectification, subject: str = "", retest_passed: bool = False) -> str:
    """One order on one line, told apart from its neighbours: notice number (or that it has none
    yet), what it is about, when it was ordered, its deadline and status (复检合格待撤销 when its
    sample passed the 复检, as the lists and the order dialog say)."""
    number = rect.notice_no or QCoreApplication.translate("RectificationDialog", "(no number yet)")
    about = subject if len(subject) <= 16 else subject[:15] + "…"
    text = QCoreApplication.translate("RectificationDialog", "%1 · %2 · ordered %3 · due %4 (%5)")
    if not about:
        text = QCoreApplication.translate("RectificationDialog", "%1 · ordered %3 · due %4 (%5)")
    status = retest_passed_clock() if retest_passed and rect.status != "closed" \
        else status_text(rect.status, rect.closing_reason)
    return (text.replace("%1", number).replace("%2", about).replace("%3", rect.ordered_on)
            .replace("%4", rect.effective_deadline).replace("%5", status))
