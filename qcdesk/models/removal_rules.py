"""The rules a deletion or restore keeps besides removal.py's own: the 文号 rule, the 更正 rule
of a sent visit, and a committed draw's drawn firms and their planned checks.

Why: a restore must not bring back a withdrawn order whose 文号 another live order holds now
(`check_notice_free` refuses that for any save); a visit sent in a signed package is changed only
by a 更正 with a reason, and removing it is the biggest change of all, so the reason is recorded
as an `Amendment` (it travels in packages and shows in 修改历史); and the visit a committed draw
planned answers for a firm the public draw record lists as drawn, so it is never deleted, and
nor is that firm's file: the printed result names it, and `draw verify` looks it up.
"""

from __future__ import annotations

import re
from typing import ClassVar

from qcdesk.models.amendments import Amendment
from qcdesk.models.audit import has_audit
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Record, Rectification, Visit
from qcdesk.models.rectification_checks import check_notice_free
from qcdesk.models.store import Store

_DRAW_SUMMARY = re.compile(r"抽取记录\s*([0-9a-f-]{36})")  # draw.commit_draw's summary
_DRAWS_OF_FIRM = (  # committed, live draws whose selection names the firm (uuid), newest first
    "SELECT d.uuid, d.as_of, d.created_at FROM draw_record d,"
    " json_each(CASE WHEN json_valid(d.selection) THEN d.selection ELSE '[]' END) p"
    " WHERE d.committed = 1 AND d.deleted_at IS NULL"
    " AND (CASE WHEN p.type = 'object' THEN json_extract(p.value, '$.enterprise') END) = ?"
    " ORDER BY d.as_of DESC, d.created_at DESC")


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
        "remove.enterprise_drawn": (
            "企业“{name}”在双随机抽取（抽取记录 {draw}，抽取日期 {as_of}）中被抽中，不能删除："
            "抽取结果要公示并列出这家企业，复核抽取也要查到它的档案。"
            "企业无法检查的（已停产、查无此企业等），请打开它的抽查检查记录，在“检查情况”中写明原因，"
            "保存为已完成（检查记录已删除的，先在“记录 ▸ 已删除的记录…”中恢复）；企业档案保留。"
            "如是重复建档，请删除另一份未被抽中的档案",
            "The enterprise “{name}” was drawn in a random draw (draw record {draw}, dated {as_of}), "
            "so it cannot be deleted: the published result lists it, and verifying the draw looks "
            "its file up. If it cannot be checked (stopped production, not found…), open its spot "
            "check, write why under the summary and save it as done (if that visit was deleted, "
            "restore it first under Record ▸ Deleted records…); the enterprise file stays. If the "
            "firm was filed twice, delete the other file, the one not drawn",
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
    """(draw uuid, draw date) of the committed draw that planned this visit, or None.

    A spot check of a firm a committed, live draw selected is that draw's planned check when
    (a) its summary still names the draw, as `commit_draw` wrote it; or (b) its `created_at` is
    the draw's own (`commit_draw` stamps its visits so from now on: both travel in packages
    unchanged, so a receiving office knows it too, and no editor changes `created_at`); or
    (c) its first audited version named the draw (the insert entry of the sealed audit trail,
    which no edit reaches: draws committed here before (b)). Why: the summary is free text the
    inspector may edit away, and then the drawn check, and after it the drawn firm, could go.
    The exchange format stays v1: nothing new is written into a record."""
    if visit.kind != "spot_check":
        return None
    firm = store.db.execute("SELECT uuid FROM enterprise WHERE id = ?", [visit.enterprise_id]).fetchone()
    if firm is None:
        return None
    named = _DRAW_SUMMARY.search(visit.summary or "")
    for uuid, as_of, created_at in store.db.execute(_DRAWS_OF_FIRM, [firm[0]]).fetchall():
        if (named is not None and named.group(1) == uuid) or (created_at and visit.created_at == created_at) \
                or _first_named(store, visit, uuid):
            return uuid, as_of
    return None


def _first_named(store: Store, visit: Visit, draw_uuid: str) -> bool:
    """Whether the visit as first written here named the draw in its summary (audit trail)."""
    if not has_audit(store.db):
        return False
    return store.db.execute(
        "SELECT 1 FROM audit_log WHERE table_name = 'visit' AND row_uuid = ? AND op = 'insert'"
        " AND instr(coalesce(json_extract(new_json, '$.summary'), ''), ?) > 0 LIMIT 1",
        [visit.uuid, f"抽取记录 {draw_uuid}"]).fetchone() is not None


def drawn_firm(store: Store, firm: Enterprise) -> ValidationFailed | None:
    """Why a firm a committed, live draw selected cannot be deleted (naming the latest such draw
    by its uuid's first 8 characters, as `draw verify` takes it, and its date), or None. Why: its
    planned check may be gone already (deleted before, or by another path), and the public
    result must not name a firm the office's files no longer hold."""
    row = store.db.execute(_DRAWS_OF_FIRM, [firm.uuid]).fetchone()
    if row is None:
        return None
    return ValidationFailed([RemovalRuleIssue("record", "remove.enterprise_drawn",
                                              {"name": firm.name, "draw": row[0][:8], "as_of": row[1]})])


def draw_planned(store: Store, visit: Visit) -> None:
    """Refuse deleting the visit a committed draw planned for one of its drawn firms."""
    draw = planning_draw(store, visit)
    if draw is not None:
        raise ValidationFailed([RemovalRuleIssue("record", "remove.draw_planned",
                                                 {"draw": draw[0], "as_of": draw[1]})])
