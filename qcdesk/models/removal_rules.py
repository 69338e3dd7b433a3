"""The rules a visit's restore keeps besides removal.py's own: the 文号 rule.

Why: a restore must not bring back a withdrawn order whose 文号 another live order holds now
(`check_notice_free` refuses that for any save).
"""

from __future__ import annotations

from typing import ClassVar

from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.records import Record, Rectification
from qcdesk.models.rectification_checks import check_notice_free
from qcdesk.models.store import Store


class RemovalRuleIssue(Issue):
    """Why a visit cannot be restored as asked, and what to do instead."""

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
        }


def notice_taken(store: Store, children: list[Record]) -> None:
    """Refuse a restore when an order coming back carries a 文号 another live order holds now
    (the 文号 rule of every save, `check_notice_free`), naming that order."""
    for rect in (c for c in children if isinstance(c, Rectification) and c.notice_no):
        issues: list[Issue] = []
        check_notice_free(issues, store, rect.notice_no, own_id=rect.id)
        if issues:
            raise ValidationFailed([RemovalRuleIssue("record", "restore.notice_taken", issues[0].params)])
