"""A merge conflict as a clerk reads it, and which of its fields only move together.

Values are shown in the words the app uses everywhere (状态 已完成, not `closed`; 检查类型
监督抽查; 规则 市场监管总局令第18号（2019）), links by the record's name (企业 嘉鱼县鱼岳食品有限公司,
not its uuid), inspectors by name. The dialog and the reconciliation workbook both show this.

Field groups: a combination takes some values of the other version into the current one. Values
that only make sense together — an order's status with its report, closing, re-check and
escalation; its dates with the extension that moved them; a sample's result with its failed
items — are taken together, or the combination could say "closed" with no closing date.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qcdesk.exchange.workbook import SPEC_BY_TABLE, Field
from qcdesk.models.conflict_names import RecordNames, json_list, live_values, target_uuid
from qcdesk.models.store import Store

BOOKKEEPING = ("uuid", "revision", "created_at", "updated_at", "author", "deleted_at")
REASONS_ZH = {"divergent": "双方都修改过", "duplicate_uscc": "统一社会信用代码重复登记"}

# (group name, fields) per record kind; every field is in at most one group.
FIELD_GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "rectification": (
        ("整改对象", ("enterprise_id", "visit_id", "finding_id", "sample_id")),
        ("整改期限与延期", ("rule_set", "ordered_on", "deadline", "recheck_due", "extended_to",
                            "extension_reason", "extension_requested_on")),
        ("整改进展", ("status", "escalation", "report_submitted_on", "closed_on",
                      "recheck_visit_id")),
    ),
    "sample": (
        ("检验结论", ("result", "failed_items", "result_notified_on")),
        ("拒签", ("refused_to_sign", "refusal_reason")),
    ),
    "licence": (("许可证", ("kind", "number", "product", "issued_on", "expires_on")),),
    "certification": (("认证证书", ("name", "certificate_no", "expires_on")),),
}
# Link columns are named by what they link to, since they show its name.
LINK_HEADERS = {"企业记录ID": "企业", "检查记录ID": "检查记录", "问题记录ID": "发现问题",
                "抽样记录ID": "抽样", "整改记录ID": "整改", "复查记录ID": "复查记录",
                "检查人员记录ID": "检查人员", "成员企业记录ID": "成员企业"}
BLANK_WORDS = {("rectification", "escalation"): "未升级（责令整改）"}
YES_NO = {"active", "above_scale", "in_improvement", "demonstration", "refused_to_sign",
          "committed"}


def group_of(table: str, name: str) -> tuple[str, tuple[str, ...]]:
    """(group name, its fields) of a field; a field in no group stands alone ("", (name,))."""
    for title, names in FIELD_GROUPS.get(table, ()):
        if name in names:
            return title, names
    return "", (name,)


def with_groups(table: str, names: Iterable[str]) -> list[str]:
    """The fields named and every field grouped with one of them, in sheet order."""
    wanted = {n for name in names for n in group_of(table, name)[1]}
    spec = SPEC_BY_TABLE[table]
    return [n for n in spec.data_names if n in wanted] + sorted(wanted - set(spec.data_names))


def header(f: Field) -> str:
    return LINK_HEADERS.get(f.header, f.header)


def display(names: RecordNames, table: str, f: Field, value: Any) -> str:
    """A stored value in the words a clerk reads."""
    if value is None or value == "":
        return BLANK_WORDS.get((table, f.name), "") if value == "" else ""
    if f.labels:
        return f.to_label.get(str(value), str(value))
    if f.parent:
        return names.title(f.parent, value) or f"（本机没有此记录：{str(value)[:8]}…）"
    if f.name == "inspectors":
        return names.people(value)
    if f.name == "members":
        return names.enterprises(value)
    if f.name in ("samplers", "witnesses"):  # names, as typed
        return "、".join(str(x) for x in json_list(value))
    if f.name in YES_NO:
        return {0: "否", 1: "是"}.get(value if isinstance(value, int) else -1, str(value))
    if f.name == "author":
        return names.inspector(value) or str(value)
    if f.name == "deleted_at":
        return f"已删除（{str(value)[:10]}）"
    return str(value)


@dataclass(frozen=True)
class FieldRow:
    """One field of both versions: stored values (compared, combined) and what is shown."""

    name: str
    header: str
    mine: Any
    theirs: Any
    mine_text: str
    theirs_text: str
    group: str  # the group's name, "" when the field stands alone
    together: tuple[str, ...]  # the fields taken with it (itself included)

    @property
    def differs(self) -> bool:
        return self.mine != self.theirs


@dataclass(frozen=True)
class ConflictView:
    kind: str  # the sheet's name of the record kind (企业, 检查记录 …)
    title: str  # the current record's title
    incoming_title: str  # the other version's, maybe different
    rows: tuple[FieldRow, ...]  # every data field, in sheet order

    @property
    def label(self) -> str:
        """The record as the list names it: "current ← other" only where the names differ."""
        if self.incoming_title and self.incoming_title != self.title:
            return f"{self.title} ← {self.incoming_title}" if self.title else self.incoming_title
        return self.title

    def differing(self) -> list[FieldRow]:
        """Fields that differ, bookkeeping left out (a deletion is no bookkeeping)."""
        return [r for r in self.rows if r.differs
                and (r.name not in BOOKKEEPING or r.name == "deleted_at")]


def values_of(store: Store, conflict: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(live values, kept incoming values) of a conflict, parents as uuids."""
    table = conflict["kind"]
    live = live_values(store, table, target_uuid(store, table, conflict["uuid"])) or {}
    return live, json.loads(conflict["row_json"])


def conflict_view(store: Store, conflict: dict[str, Any],
                  names: RecordNames | None = None) -> ConflictView:
    table = conflict["kind"]
    spec = SPEC_BY_TABLE[table]
    names = names or RecordNames(store)
    live, incoming = values_of(store, conflict)
    rows = []
    for f in spec.data_fields:
        mine, theirs = live.get(f.name), incoming.get(f.name)
        group, together = group_of(table, f.name)
        rows.append(FieldRow(f.name, header(f), mine, theirs,
                             display(names, table, f, mine), display(names, table, f, theirs),
                             group, together))
    return ConflictView(spec.sheet, names.titled(table, live) if live else "",
                        names.titled(table, incoming), tuple(rows))
