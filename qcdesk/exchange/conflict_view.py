"""A merge conflict as a clerk reads it, and which of its fields only move together.

Values are shown in the words the app uses everywhere (状态 已完成, not `closed`; 检查类型
监督抽查; 规则 市场监管总局令第18号（2019）), links by the record's name (企业 嘉鱼县鱼岳食品有限公司,
not its uuid), inspectors by name. The dialog and the reconciliation workbook both show this.

Field groups: a combination takes some values of the other version into the current one. Values
that only make sense together — an order's status with its report, closing, re-check and
escalation; its dates with the extension that moved them; a sample's result with its
failed items and its re-test (复检), whose conclusion is the result — are taken together,
or the combination could say "closed" with no closing date.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from qcdesk.exchange.merge import content_hash, version_id
from qcdesk.exchange.workbook import SPEC_BY_TABLE, Field
from qcdesk.models import conflict_names as cn
from qcdesk.models import exchange_store as xs
from qcdesk.models.clock_text import local_date, local_time
from qcdesk.models.conflict_names import RecordNames, live_values, target_uuid
from qcdesk.models.store import Store

BOOKKEEPING = ("uuid", "revision", "created_at", "updated_at", "author", "deleted_at")
REASONS_ZH = {"divergent": "双方都修改过", "duplicate_uscc": "统一社会信用代码重复登记",
              "uscc_taken": "信用代码与另一企业相同", "deleted_in_use": "删除的记录本机仍在使用",
              "deleted_with_visit": "随检查记录删除，检查记录仍保留"}

# (group name, fields) per record kind; every field is in at most one group.
FIELD_GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "rectification": (
        ("整改对象", ("enterprise_id", "visit_id", "finding_id", "sample_id")),
        ("整改期限与延期", ("rule_set", "ordered_on", "deadline", "recheck_due", "extended_to",
                            "extension_reason", "extension_requested_on")),
        ("整改进展", ("status", "escalation", "report_submitted_on", "closed_on",
                      "recheck_visit_id", "closing_reason", "reopen_reason")),
    ),
    "sample": (
        # a re-test's conclusion is the final result (models/retest.py): they move together
        ("检验结论", ("result", "failed_items", "result_notified_on", "retest_requested_on",
                      "retest_result", "retest_on")),
        ("拒签", ("refused_to_sign", "refusal_reason")),
    ),
    "licence": (("许可证", ("kind", "number", "product", "issued_on", "expires_on")),),
    "certification": (("认证证书", ("name", "certificate_no", "expires_on")),),
}
# Link columns are named by what they link to, since they show its name.
LINK_HEADERS = {"企业记录ID": "企业", "检查记录ID": "检查记录", "问题记录ID": "发现问题",
                "抽样记录ID": "抽样", "整改记录ID": "整改", "复查记录ID": "复查记录",
                "检查人员记录ID": "检查人员", "成员企业记录ID": "成员企业"}
BLANK_WORDS = {("rectification", "escalation"): "未升级（责令整改）",
               ("sample", "retest_result"): "未申请复检"}
YES_NO = {"active", "above_scale", "in_improvement", "demonstration", "refused_to_sign",
          "committed"}


def local_minute(stamp: Any) -> str:
    """A stored UTC time as the reader's local time to the minute, as the app shows it."""
    return local_time(stamp)


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
    return ([f.name for f in spec.sheet_fields if f.name in wanted]
            + sorted(wanted - set(spec.data_names)))


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
    if f.name in ("samplers", "witnesses"):  # names as typed, or (older data) inspector uuids
        return names.people(value)
    if f.name in YES_NO:
        return {0: "否", 1: "是"}.get(value if isinstance(value, int) else -1, str(value))
    if f.name == "author":
        return names.inspector(value) or str(value)
    if f.name == "deleted_at":
        return f"已删除（{local_date(value)}）"
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
class VersionSource:
    """Where one version of a conflicting record came from: typed here (`local`), or received —
    made by `editor` (key id), in the package of `signer` number `sequence` when that is known.

    The merge keeps both versions; which one is live follows the rule, not the import order: a
    local edit always stays current; of two received versions the greater (revision, 更新时间)
    is current, even when it arrived first. So "current" and "local" are different things."""

    local: bool
    editor: str = ""
    signer: str = ""  # "" when the package is not known here
    sequence: int | None = None
    imported_at: str = ""
    changed_at: str = ""  # the version's 更新时间 (UTC, as stored)
    editor_name: str = ""
    signer_name: str = ""

    def text_zh(self) -> str:
        """本机录入 / 来自李四签名的数据包（序号 2） / 来自数据包（张三 修改）."""
        if self.local:
            return "本机录入"
        editor = self.editor_name or self.editor
        if self.signer:
            text = f"来自{self.signer_name or self.signer}签名的数据包（序号 {self.sequence}）"
            return text + (f"，由{editor}修改" if self.editor and self.editor != self.signer else "")
        return f"来自数据包（由{editor}修改）" if editor else "来自数据包"


@dataclass(frozen=True)
class ConflictView:
    kind: str  # the sheet's name of the record kind (企业, 检查记录 …)
    title: str  # the current record's title
    incoming_title: str  # the other version's, maybe different
    rows: tuple[FieldRow, ...]  # every data field, in sheet order
    current: VersionSource = VersionSource(True)  # the live version's source
    other: VersionSource = VersionSource(False)  # the kept version's source

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
    for f in spec.sheet_fields:
        mine, theirs = live.get(f.name), incoming.get(f.name)
        group, together = group_of(table, f.name)
        rows.append(FieldRow(f.name, header(f), mine, theirs,
                             display(names, table, f, mine), display(names, table, f, theirs),
                             group, together))
    current, other = sources(store, conflict, live)
    return ConflictView(spec.sheet, names.titled(table, live) if live else "",
                        names.titled(table, incoming), tuple(rows), current, other)


def sources(store: Store, conflict: dict[str, Any], live: dict[str, Any]
            ) -> tuple[VersionSource, VersionSource]:
    """(current, other) version's source, each named by the package it came in: the kept
    version by the package recorded with it (the one it arrived in, or — for a version a newer
    received one replaced — the one the replaced version had come in); the current version by
    the package its lineage names. Conflicts recorded before packages were noted with the lineage
    (`schema_exchange` 0004) fall back to the package merged when the conflict was recorded."""
    table = conflict["kind"]
    own = cn.own_signer(store)
    kept = json.loads(conflict["row_json"])
    sha = conflict["package_sha256"]
    other_package = cn.imported_package(store, sha) if sha else None
    other_editor = str(kept.get("_editor") or (conflict["signer"] if sha else ""))
    other = _source(store, own, other_editor, other_package, kept.get("updated_at"))
    if not live:
        return VersionSource(False), other
    spec = SPEC_BY_TABLE[table]
    uuid = str(live.get("uuid") or target_uuid(store, table, conflict["uuid"]))
    lineage = cn.lineage_of(store, table, uuid)
    head = version_id(live.get("revision"), content_hash(spec, {**live, "uuid": uuid}))
    if lineage is None or lineage["head"] != head:  # made or changed here since the last merge
        return VersionSource(True, changed_at=str(live.get("updated_at") or "")), other
    live_package = xs.version_package(store, table, uuid)
    if live_package is None and not sha:
        live_package = cn.imported_package(store, at_or_after=conflict["created_at"])
    return _source(store, own, lineage["editor"], live_package, live.get("updated_at")), other


def _source(store: Store, own: str, editor: str, package: dict[str, Any] | None,
            changed_at: Any) -> VersionSource:
    if not package and editor and editor in ("local", own):
        return VersionSource(True, changed_at=str(changed_at or ""))
    signer = package["signer"] if package else ""
    return VersionSource(False, editor, signer, package["sequence"] if package else None,
                         package["imported_at"] if package else "", str(changed_at or ""),
                         cn.key_name(store, editor) or editor,
                         cn.key_name(store, signer) or signer)


def resolution_note(view: ConflictView, resolution: str, from_other: Iterable[str] = (),
                    after_seq: int | None = None) -> str:
    """What a resolution chose between, as JSON for `exchange_conflict.resolution_note`: the
    version kept and the one set aside (author uuid, where each came from) and every value not
    taken (field, header, stored value, the words shown), the set-aside version's unless a
    combination took that field from it. Read back by `models/conflict_history.py`: the version
    set aside is shown nowhere else once the record descends from it. `after_seq`: the newest
    audit entry before the resolution's write, which places its history line (not the clock)."""
    values = {row.name: (row.mine, row.theirs) for row in view.rows}
    authors = values.get("author", (None, None))
    current = {"author": authors[0] or "", "source": asdict(view.current)}
    other = {"author": authors[1] or "", "source": asdict(view.other)}
    kept, aside = (other, current) if resolution == "incoming" else (current, other)
    taken = set(from_other)
    not_taken = []
    for row in view.differing():
        mine_kept = resolution != "incoming" and row.name not in taken
        value, text = (row.theirs, row.theirs_text) if mine_kept else (row.mine, row.mine_text)
        of = "kept" if (row.name in taken and resolution == "combined") else "aside"
        not_taken.append({"field": row.name, "header": row.header, "value": value, "text": text,
                          "of": of})
    return json.dumps({"kind": view.kind, "title": view.title or view.incoming_title,
                       "kept": kept, "aside": aside, "taken": sorted(taken),
                       "not_taken": not_taken, "after_seq": after_seq},
                      ensure_ascii=False, default=str)
