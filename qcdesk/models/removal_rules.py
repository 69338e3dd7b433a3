"""The rules a visit's deletion or restore keeps besides removal.py's own: the 文号 rule and the
更正 rule of a sent visit.

Why: a restore must not bring back a withdrawn order whose 文号 another live order holds now
(`check_notice_free` refuses that for any save); a visit sent in a signed package is changed only
by a 更正 with a reason, and removing it is the biggest change of all, so the reason is recorded
as an `Amendment` (it travels in packages and shows in 修改历史).
"""

from __future__ import annotations

from typing import ClassVar

from qcdesk.models.amendments import Amendment
from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Record, Rectification, Visit
from qcdesk.models.rectification_checks import check_notice_free
from qcdesk.models.store import Store


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
