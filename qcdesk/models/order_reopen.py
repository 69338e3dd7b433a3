"""Reopening a closed rectification order (更正：重新打开): a close made by mistake put right on
the record, never edited around.

Why: a passing re-check outcome entered on the wrong order, or entered as passed when the
re-check failed, closed the order for good (`rules.TRANSITIONS` has no way out of 'closed'). The
order is a legal record (a 责令整改通知书 was served), so the correction is one revision of the
order with a written reason (`reopen_reason`): the audit trail keeps who, when and the status
before and after, 修改历史 shows the reason, and the next package carries it as any revision (a
reopen and an edit made elsewhere meet as a merge conflict, as any two edits do).

What it restores: the status and re-check link the order had before the close, read from the
audit trail (the closing write's old values); an order that came in already closed has no
such write, and goes back to 'report_submitted' (report date recorded) or 'open'. Its deadline
was never changed by the close, so the clock, the dashboard and 整改逾期 count it again at once.

The closing re-check visit: QCDesk keeps a re-check's outcome on the order (the status and
`recheck_visit_id`), not on the visit. Reopened, that visit stays a re-check of the order with
no outcome recorded, so the order, the visit editor and the counts agree; its outcome may be
recorded again, or, with `recheck_failed=True`, is corrected to failing in the same
transaction (`rectifications.record_recheck`: status 'recheck_failed', and for an order on a
failed sample one step of the art. 17 ladder, as a failing re-check always does).

Refused: an order not closed, a deleted one, and one withdrawn (撤销) because its sample passed
its 复检 while that re-test still reads passed: the 复检 conclusion is final (domain brief), so
the re-test is corrected first, in the visit. Escalation steps are not undone here: each is an
act of another authority (provincial announcement, suspension), not a record of ours to take back.
"""

from __future__ import annotations

import json
from datetime import date
from typing import ClassVar

from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Rectification, Sample, Visit
from qcdesk.models.rectification_checks import day_name, state_name
from qcdesk.models.rectifications import record_recheck
from qcdesk.models.store import Store


class ReopenIssue(Issue):
    """Rules of reopening a closed order, with their own texts."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "reopen.reason": (
            "请填写重新打开的理由（如：复查结论录入有误、误将另一项整改结案）：理由记入这项整改的修改历史，"
            "并随下一个数据包报送",
            "Enter why the order is reopened (e.g. the re-check outcome was entered wrongly, the "
            "wrong order was closed): the reason goes into the order's history and travels in the "
            "next package",
        ),
        "reopen.not_closed": (
            "这项整改目前为“{status}”，并未结案，无需重新打开",
            "This order is “{status}”, not closed: there is nothing to reopen",
        ),
        "reopen.deleted": (
            "这项整改已随其检查记录删除，不能重新打开：如删除有误，请先恢复该检查记录",
            "This order was deleted with its visit and cannot be reopened: if the deletion was a "
            "mistake, restore the visit first",
        ),
        "reopen.withdrawn": (
            "这项整改因样品复检合格已于{closed_on}撤销，复检结论为最终结论，不能重新打开。如复检结论录入有误，"
            "请先在检查记录中更正该样品的复检结论，再重新打开",
            "This order was withdrawn on {closed_on} because its sample passed the re-test, whose "
            "conclusion is final; it cannot be reopened. If the re-test result was entered "
            "wrongly, correct it in the visit first, then reopen the order",
        ),
        "reopen.no_recheck": (
            "这项整改不是由复查结案的（没有结案的复查记录），无法把复查结论更正为不合格：请只重新打开，"
            "再在复查记录中登记复查结论",
            "This order was not closed by a re-check visit, so no re-check outcome can be corrected "
            "to failing: reopen it only, then record the outcome in the re-check visit",
        ),
    }


def closing_recheck(store: Store, rect: Rectification) -> Visit | None:
    """The live re-check visit whose passing outcome closed `rect` (None: closed otherwise)."""
    if rect.status != "closed" or rect.closing_reason or rect.recheck_visit_id is None:
        return None
    visit = fetch_record(store, Visit, rect.recheck_visit_id)
    return visit if visit is not None and visit.deleted_at is None else None


def reopen_problem(store: Store, rect: Rectification) -> Issue | None:
    """Why `rect` cannot be reopened now (None: it can). The dialog enables its button by this."""
    if rect.deleted_at:
        return ReopenIssue("rectification", "reopen.deleted")
    if rect.status != "closed":
        return ReopenIssue("rectification", "reopen.not_closed",
                           {"status": state_name(rect.status, rect.closing_reason)})
    if rect.closing_reason:
        sample = fetch_record(store, Sample, rect.sample_id) if rect.sample_id else None
        if sample is not None and sample.retest_result == "pass":
            return ReopenIssue("rectification", "reopen.withdrawn",
                               {"closed_on": day_name(rect.closed_on or "")})
    return None


def status_before_close(store: Store, rect: Rectification) -> tuple[str, int | None]:
    """(status, recheck_visit_id) the order had just before its last close: the old values of the
    audited write that closed it; else 'report_submitted' or 'open', with no re-check link."""
    row = store.db.execute(
        "SELECT old_json FROM audit_log WHERE table_name = 'rectification' AND row_uuid = ?"
        " AND old_json IS NOT NULL AND json_extract(new_json, '$.status') = 'closed'"
        " AND json_extract(old_json, '$.status') != 'closed' ORDER BY seq DESC LIMIT 1",
        [rect.uuid]).fetchone()
    old = json.loads(row[0]) if row else {}
    status, visit_id = old.get("status"), old.get("recheck_visit_id")
    if visit_id is not None:
        visit = fetch_record(store, Visit, visit_id)
        visit_id = visit.id if visit is not None and visit.deleted_at is None else None
    if status in ("open", "report_submitted", "awaiting_recheck") or \
            (status == "recheck_failed" and visit_id is not None):
        return status, visit_id
    return ("report_submitted" if rect.report_submitted_on else "open"), None


def reopen_order(store: Store, rect: Rectification, reason: str, *, recheck_failed: bool = False,
                 today: date | None = None) -> Rectification:
    """Reopen a closed order as a correction with `reason` (see the module's docstring); with
    `recheck_failed`, the closing re-check's outcome is corrected to failing as well. All or
    nothing: a refusal leaves the database as it was."""
    refusal = reopen_problem(store, rect)
    if refusal is not None:
        raise ValidationFailed([refusal])
    if not (reason or "").strip():
        raise ValidationFailed([ReopenIssue("reopen_reason", "reopen.reason")])
    visit = closing_recheck(store, rect)
    if recheck_failed and visit is None:
        raise ValidationFailed([ReopenIssue("rectification", "reopen.no_recheck")])
    with store.transaction():
        rect.status, rect.recheck_visit_id = status_before_close(store, rect)
        rect.closed_on = None
        rect.closing_reason = ""
        rect.reopen_reason = reason.strip()
        update_record(store, rect)
        if recheck_failed and visit is not None:
            record_recheck(store, rect, visit, False, today=today)
    return rect
