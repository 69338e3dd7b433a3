"""What a visit save must keep true of the rectification orders resting on the visit.

An issued order rests on a failed sample or a finding (`rectification.sample_id` / `finding_id`):
removing that row orphaned the order (still open and overdue, its basis deleted, no way to link it
again). A re-check that closed its order dated it (`closed_on`): correcting the re-check's date
moves that date too, in the same transaction, or the visit and the order contradicted each other.

Only the editor's and the CLI's saves come here (`inspections.save_visit`); an import's
merge writes what the package says (`merge_writer`), never through these checks.
"""

from __future__ import annotations

from typing import ClassVar

from qcdesk.models.messages import Issue
from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.store import Store


class BasisIssue(Issue):
    """Rules of an order's basis and of its closing re-check, with their own texts."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "order.basis_sample": (
            "样品“{what}”是整改通知（{order}）的依据，已下达整改通知的样品不能删除（删除后该整改无所依据，"
            "也无法再关联）。如样品录入有误，请直接改正该样品的内容，不要删除后重录",
            "The sample “{what}” is the basis of the rectification order ({order}); the basis of an "
            "issued order cannot be removed (the order would be left resting on nothing, and could "
            "not be linked again). If the sample was entered wrongly, correct its fields instead of "
            "removing it and typing it again",
        ),
        "order.basis_finding": (
            "问题“{what}”是整改通知（{order}）的依据，已下达整改通知的问题不能删除（删除后该整改无所依据，"
            "也无法再关联）。如问题录入有误，请直接改正该问题的内容，不要删除后重录",
            "The finding “{what}” is the basis of the rectification order ({order}); the basis of an "
            "issued order cannot be removed (the order would be left resting on nothing, and could "
            "not be linked again). If the finding was entered wrongly, correct its fields instead "
            "of removing it and typing it again",
        ),
        "order.closed_before": (
            "这次复查已使整改通知（{order}）结案，复查日期不能改为 {day}：它早于{what} {limit}。"
            "请核对后填写实际复查的日期",
            "This re-check closed the order ({order}), so its date cannot become {day}: that is "
            "before {what} ({limit}). Check and enter the day the re-check was made",
        ),
    }


def order_name(rect: Rectification) -> str | tuple[str, str]:
    """The order as the user knows it: its 文号, else the day it was ordered."""
    return rect.notice_no or (f"{rect.ordered_on}下达", f"ordered {rect.ordered_on}")


def order_resting_on(store: Store, record: Sample | Finding) -> Rectification | None:
    """The live order (not deleted, not withdrawn after a passed 复检) issued on this saved
    sample or finding, if any: removing its basis is refused."""
    if record.id is None:
        return None
    column = "sample_id" if isinstance(record, Sample) else "finding_id"
    row = store.db.execute(
        f"SELECT id FROM rectification WHERE {column} = ? AND deleted_at IS NULL"
        " AND NOT (status = 'closed' AND coalesce(closing_reason, '') != '') ORDER BY id LIMIT 1",
        [record.id]).fetchone()
    return fetch_record(store, Rectification, row[0]) if row else None


def basis_issue(store: Store, record: Sample | Finding) -> Issue | None:
    """Why this saved sample or finding may not be removed: a live order rests on it (the
    editor asks this at the remove click, the save again)."""
    rect = order_resting_on(store, record)
    if rect is None:
        return None
    if isinstance(record, Sample):
        return BasisIssue("samples", "order.basis_sample",
                          {"what": record.product_name or "—", "order": order_name(rect)})
    return BasisIssue("findings", "order.basis_finding",
                      {"what": record.description or "—", "order": order_name(rect)})


def removed_basis_issues(store: Store, samples: list[Sample], findings: list[Finding]) -> list[Issue]:
    """A sample or finding this save removes (stored live, now marked deleted) that a live
    order rests on: refused, naming the order."""
    issues: list[Issue] = []
    for record in [*samples, *findings]:
        if record.deleted_at is None or record.id is None:
            continue
        saved = fetch_record(store, type(record), record.id)
        if saved is not None and saved.deleted_at is None and (found := basis_issue(store, saved)):
            issues.append(found)
    return issues


def closed_by(store: Store, visit: Visit) -> Rectification | None:
    """The order this re-check visit closed with its passing outcome (None: it closed none)."""
    if visit.id is None:
        return None
    row = store.db.execute(
        "SELECT id FROM rectification WHERE recheck_visit_id = ? AND deleted_at IS NULL"
        " AND status = 'closed' AND coalesce(closing_reason, '') = '' ORDER BY id LIMIT 1",
        [visit.id]).fetchone()
    return fetch_record(store, Rectification, row[0]) if row else None


def closing_date_issues(store: Store, visit: Visit) -> list[Issue]:
    """A corrected date of a closing re-check still has to come after the order and its report
    (the rules `record_recheck` held it to); the future is refused by the visit's own rules."""
    rect = closed_by(store, visit)
    day = (visit.visit_date or "")[:10]
    if rect is None or not day or day == (rect.closed_on or "")[:10]:
        return []
    for limit, zh, en in ((rect.report_submitted_on, "整改报告提交日期", "the rectification report"),
                          (rect.ordered_on, "整改下达日期", "the order date")):
        if limit and day < limit[:10]:
            return [BasisIssue("visit_date", "order.closed_before", {
                "order": order_name(rect), "day": day, "what": (zh, en), "limit": limit[:10]})]
    return []


def follow_recheck_date(store: Store, visit: Visit) -> Rectification | None:
    """Inside the visit's transaction: the order this re-check closed takes its corrected date
    as `closed_on`, so the order and the visit never disagree on when it was closed."""
    rect = closed_by(store, visit)
    day = (visit.visit_date or "")[:10]
    if rect is None or not day or day == (rect.closed_on or "")[:10]:
        return None
    rect.closed_on = day
    return update_record(store, rect)
