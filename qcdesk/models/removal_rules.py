"""The rules a visit's deletion or restore keeps besides removal.py's own: the 文号 rule, the
更正 rule of a sent visit, and a committed draw's planned check.

Why: a restore must not bring back a withdrawn order whose 文号 another live order holds now
(`check_notice_free` refuses that for any save); a visit sent in a signed package is changed only
by a 更正 with a reason, and removing it is the biggest change of all, so the reason is recorded
as an `Amendment` (it travels in packages and shows in 修改历史); and the visit a committed draw
planned answers for a firm the public draw record lists as drawn, so it is never deleted.
"""

from __future__ import annotations

import json
import re
from typing import ClassVar

from qcdesk.models.amendments import Amendment
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Record, Rectification, Visit
from qcdesk.models.rectification_checks import check_notice_free
from qcdesk.models.store import Store

_DRAW_SUMMARY = re.compile(r"抽取记录\s*([0-9a-f-]{36})")  # draw.commit_draw's summary


class RemovalRuleIssue(Issue):
    """Why a visit cannot be deleted or restored as asked, and what to do instead."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "restore.notice_taken": (
            "不能恢复这条检查记录：随它恢复的已撤销整改的通知书文号 {number} 现在属于另一项整改"
            "（{enterprise}，{ordered_on}下达，{status}），一个文号只对应一份责令整改通知书。"
            "请对照发文登记簿核对：另一项整改的文号填错的，先改正它（文号不明的先留空），再来恢复",
            "This visit cannot be restored: the withdrawn order that would come back with it "
            "carries the notice number {number}, which another order now holds ({enterprise}, "
            "ordered on {ordered_on}, {status}), and one number is one rectification notice. "
            "Check the registry: if the other order's number is wrong, correct it first (leave "
            "it blank if unknown), then restore this visit",
        ),
        "remove.locked_reason": (
            "这条检查记录已随签名数据包（{package}）报送，{action}须说明原因：原因记入“修改历史”，"
            "并作为更正记录随下一个数据包报送。请填写原因后再{action}",
            "This visit was sent in a signed package ({package}), so {action_en} it needs a "
            "reason: the reason goes into its history and travels as a correction in the next "
            "package. Enter the reason, then {action_en2} it",
        ),
        "remove.draw_planned": (
            "这条检查记录是双随机抽取（抽取记录 {draw}，抽取日期 {as_of}）计划的检查，不能删除："
            "抽取记录要公示，抽中的企业须有检查结果，删除后该企业还会被再次抽中。"
            "请打开它，填写检查日期和检查情况后保存；企业无法检查的（已停产、查无此企业等），"
            "在“检查情况”中写明原因，保存为已完成",
            "This visit is the check a random draw planned (draw record {draw}, dated {as_of}), "
            "so it cannot be deleted: the draw is published, a drawn enterprise needs an outcome, "
            "and once deleted the enterprise could be drawn again. Open it, enter the date and "
            "what was found, and save it; if the enterprise cannot be checked (stopped "
            "production, not found…), write why under the summary and save it as done",
        ),
    }


def notice_taken(store: Store, children: list[Record]) -> None:
    """Refuse a restore when an order coming back carries a 文号 another live order holds now
    (the 文号 rule of every save, `check_notice_free`), naming that order."""
    for rect in (c for c in children if isinstance(c, Rectification) and c.notice_no):
        issues: list[Issue] = []
        check_notice_free(issues, store, rect.notice_no, own_id=rect.id)
        if issues:
            raise ValidationFailed([RemovalRuleIssue("record", "restore.notice_taken", issues[0].params)])


def locked_reason(visit: Visit, reason: str, deleting: bool) -> str:
    """The reason a locked visit's deletion or restore needs (refused when empty); '' if unlocked."""
    reason = (reason or "").strip()
    if visit.locked_package and not reason:
        action = ("删除", "deleting", "delete") if deleting else ("恢复", "restoring", "restore")
        raise ValidationFailed([RemovalRuleIssue("reason", "remove.locked_reason", {
            "package": visit.locked_package, "action": action[0], "action_en": action[1],
            "action_en2": action[2]})])
    return reason if visit.locked_package else ""


def record_reason(store: Store, visit: Visit, reason: str, old: str | None, new: str | None) -> None:
    """The deletion or restore of a locked visit as a 更正 (written in the caller's transaction,
    before the visit's own revision, so `visit_revision` is the one the recipient holds)."""
    insert_record(store, Amendment(visit_id=visit.id, visit_uuid=visit.uuid, visit_revision=visit.revision,
                                   package_id=visit.locked_package or "", reason=reason,
                                   changes={"deleted_at": [old, new]}))


def planning_draw(store: Store, visit: Visit) -> tuple[str, str] | None:
    """(draw uuid, draw date) of the committed draw that planned this visit, or None: the summary
    `commit_draw` wrote names the draw, and the visit's firm is one it drew."""
    found = _DRAW_SUMMARY.search(visit.summary or "")
    if found is None or visit.kind != "spot_check":
        return None
    row = store.db.execute("SELECT uuid, as_of, selection FROM draw_record WHERE uuid = ? AND committed = 1"
                           " AND deleted_at IS NULL", [found.group(1)]).fetchone()
    firm = store.db.execute("SELECT uuid FROM enterprise WHERE id = ?", [visit.enterprise_id]).fetchone()
    if row is None or firm is None:
        return None
    drawn = {str(p.get("enterprise")) for p in json.loads(row[2] or "[]") if isinstance(p, dict)}
    return (row[0], row[1]) if firm[0] in drawn else None


def draw_planned(store: Store, visit: Visit) -> None:
    """Refuse deleting the visit a committed draw planned for one of its drawn firms."""
    draw = planning_draw(store, visit)
    if draw is not None:
        raise ValidationFailed([RemovalRuleIssue("record", "remove.draw_planned",
                                                 {"draw": draw[0], "as_of": draw[1]})])
