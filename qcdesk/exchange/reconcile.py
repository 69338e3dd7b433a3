"""Reconciliation workbook after an import: which package it reports on, counts, and every open
conflict field by field (the current version beside the other one, each with where it came from),
for a person to review in Excel/WPS."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from qcdesk.exchange import deletion_holds
from qcdesk.exchange.code_clash import refuse_taken
from qcdesk.exchange.conflict_view import (
    REASONS_ZH,
    conflict_view,
    resolution_note,
    values_of,
    with_groups,
)
from qcdesk.exchange.field_docs import PERSONAL_DATA_NOTE
from qcdesk.exchange.importer import SELF_EDITOR, parents_to_ids
from qcdesk.exchange.merge import conflict_head, content_hash, format_ancestors, revision_of, version_id
from qcdesk.exchange.twin_lineage import live_state
from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.export.xlsx_writer import CODE, DATE, DATETIME, INT, TEXT, VALUE, Column, XlsxWriter
from qcdesk.models import conflict_names as cn
from qcdesk.models import exchange_store as xs
from qcdesk.models import local_day
from qcdesk.models.clock_text import local_datetime
from qcdesk.models.conflict_checks import CombinationRefused, combination_issues
from qcdesk.models.conflict_names import RecordNames
from qcdesk.models.editor_queries import Contact
from qcdesk.models.merge_writer import MergeWriter
from qcdesk.models.messages import Issue
from qcdesk.models.persistence import blank_personal_values
from qcdesk.models.rectification_checks import problem
from qcdesk.models.store import Store, now_utc

CURRENT_NOTE = ("现行版本：本机数据库现在使用的版本。另一版本：同一记录的另一份修改，已完整保留，"
                "等待在“记录 ▸ 处理合并冲突…”中处理。两份都是收到的修改时，版本号较大（修改次数较多）、"
                "修改时间较晚的一份为现行版本，与导入先后无关；本机录入的修改始终是现行版本。")
SOURCE_NOTE = ("来源：本机录入，或来自某签名人的数据包（序号）；经县级局转来的修改另注明由谁修改。"
               "被后到的版本替下的版本，同样注明它当初所在的数据包；本机升级前导入、未记下数据包的版本，"
               "只注明由谁修改。")
WARNING_NOTE = "导入时发现、需要核实的情况："
# Tables whose deleted rows keep no personal fields (persistence.blank_personal), by table.
_PERSONAL = {Contact.TABLE: Contact.PERSONAL_FIELDS}


SAME_FIELDS = "（各字段相同）"


def write_reconciliation(store: Store, path: Path, result: Any, package: Path | None = None) -> Path:
    """A 说明 sheet naming the package reported on (file: `package`, the one imported, else a name
    rebuilt from its manifest; signer, sequence, time), the counts,
    and each open conflict's differing fields in the words the app shows (the record by name,
    coded values as words, links by name): the current version beside the other, each with
    where it came from (本机录入 or the package) and when it was changed."""
    names = RecordNames(store)
    conflicts = [c for c in xs.open_conflicts(store) if c["kind"] in SPEC_BY_TABLE]
    with XlsxWriter(path) as book:
        about = book.add_sheet("说明", [Column("项目", TEXT, 16), Column("内容", VALUE, 90)])
        for row in _about(store, result, len(conflicts), package):
            about.append(row)
        about.close()
        counts = book.add_sheet("导入结果", [
            Column("类别", TEXT, 16), Column("新增", INT, 8), Column("更新", INT, 8),
            Column("未变", INT, 8), Column("冲突", INT, 8)])
        for kind, c in result.to_json()["counts"].items():
            sheet_name = SPEC_BY_TABLE[kind].sheet if kind in SPEC_BY_TABLE else kind
            counts.append([sheet_name, c["new"], c["updated"], c["unchanged"], c["conflicting"]])
        counts.close()
        sheet = book.add_sheet("冲突", [
            Column("类别", TEXT, 12), Column("记录", TEXT, 36), Column("原因", TEXT, 18),
            Column("字段", TEXT, 16), Column("现行版本", VALUE, 36), Column("现行版本来源", TEXT, 30),
            Column("现行版本修改时间", DATETIME, 19), Column("另一版本", VALUE, 36),
            Column("另一版本来源", TEXT, 30), Column("另一版本修改时间", DATETIME, 19),
            Column("本次导入", TEXT, 9), Column("记录ID", CODE, 38), Column("另一版本号", CODE, 24)])
        this_import = {(c["kind"], c["uuid"]) for c in result.conflicts}
        for c in conflicts:
            dates = {f.name for f in SPEC_BY_TABLE[c["kind"]].data_fields if f.kind == DATE}
            view = conflict_view(store, c, names)
            mine, other = view.current, view.other
            here = "是" if (c["kind"], c["uuid"]) in this_import else "否"
            reason = REASONS_ZH.get(c["reason"], c["reason"])
            for row in view.differing() or [None]:  # every open conflict has a row: two firms
                if row is None:                      # under one credit code may agree in all
                    fields = [SAME_FIELDS, "", mine.text_zh(), local_datetime(mine.changed_at), "",
                              other.text_zh(), local_datetime(other.changed_at)]
                else:
                    day = _day if row.name in dates else str
                    fields = [row.header, day(row.mine_text), mine.text_zh(),
                              local_datetime(mine.changed_at), day(row.theirs_text),
                              other.text_zh(), local_datetime(other.changed_at)]
                sheet.append([view.kind, view.label, reason, *fields, here, c["uuid"],
                              c["version"]])
        sheet.close()
        _duplicate_sheet(book, store, getattr(result, "duplicate_notices", []))
    return path


def _duplicate_sheet(book: XlsxWriter, store: Store, found: list[Any]) -> None:
    """重复文号: each order of each notice number the import left on two or more live orders,
    one row per order, so the office can see which to have renumbered (`notice_duplicates`)."""
    from qcdesk.exchange.notice_duplicates import source_text
    from qcdesk.models.rectification_checks import state_name

    sheet = book.add_sheet("重复文号", [
        Column("文号", CODE, 26), Column("本次导入产生", TEXT, 12), Column("企业", TEXT, 30),
        Column("下达日期", DATE, 11), Column("状态", TEXT, 18), Column("在本数据包中", TEXT, 12),
        Column("来源", TEXT, 30), Column("记录ID", CODE, 38)])
    for dup in found:
        for o in dup.orders:
            sheet.append([o.notice_no, "是" if dup.created else "否", o.enterprise, _day(o.ordered_on),
                          state_name(o.status, o.closing_reason)[0],
                          "是" if o.uuid in dup.in_package else "否", source_text(store, o), o.uuid])
    sheet.close()


def _day(text: str) -> date | str:
    """A date field's value as a date cell; anything else (a damaged value) as it is."""
    try:
        return date.fromisoformat(text) if len(text) == 10 else text
    except ValueError:
        return text


def _about(store: Store, result: Any, open_count: int, package: Path | None = None
           ) -> list[list[Any]]:
    """Which package this workbook reports on, and how to read its 冲突 sheet. The file is named
    as imported: a name rebuilt from created_at takes this computer's zone, not the signer's, and
    names a file that does not exist when they differ (a signer at 23:30 UTC, a county at UTC+8)."""
    from qcdesk.exchange.package_build import package_file_name
    from qcdesk.exchange.package_rules import ROLE_LABELS_ZH

    signer, sequence = result.signer, result.sequence
    manifest = cn.received_manifest(store, signer, sequence) if signer else {}
    name = result.signer_name or manifest.get("signer_name") or cn.key_name(store, signer)
    trusted = result.trusted_name or cn.key_name(store, signer)
    jurisdiction = result.signer_jurisdiction or manifest.get("jurisdiction") or ""
    role = result.signer_role or manifest.get("role") or ""
    file_name = package.name if package is not None else ""
    if not file_name and manifest.get("created_at") and sequence is not None:
        try:
            created = datetime.fromisoformat(str(manifest["created_at"]).replace("Z", "+00:00"))
            file_name = package_file_name(jurisdiction, name, int(sequence), created,
                                          key_id=signer)
        except (TypeError, ValueError):
            file_name = ""
    imported = cn.imported_package(store, result.package_sha256) if result.package_sha256 else None
    who = name + (f"（信任列表中为“{trusted}”）" if trusted and trusted != name else "")
    rows = [
        ["对账表", "导入一个数据包后生成：导入结果按工作表计数，冲突表列出每条待处理冲突中不同的字段，"
         "重复文号表列出导入后同一文号用于两项以上整改的每一项。"],
        ["数据包", file_name or "（文件名未记录）"],
        ["签名人", who or "（未记录）"],
        ["签名人辖区", _place(jurisdiction)],
        ["签名人角色", ROLE_LABELS_ZH.get(role, role)],
        ["签名密钥", signer],
        ["密钥指纹", _fingerprint(store, result)],
        ["序号", "" if sequence is None else str(sequence)],
        ["数据包 SHA-256", result.package_sha256],
        ["导入时间", "试导入，数据库未改动" if result.dry_run else
         local_datetime(imported["imported_at"]) if imported else ""],
        ["对账表生成时间", local_datetime(now_utc())],
        ["数据库", str(Path(store.path).absolute()) if store.path else ""],
        ["待处理冲突", f"{open_count} 条（含以前导入留下的；“本次导入”列为“是”的由这个数据包产生）"],
        ["重复文号", _duplicates_text(getattr(result, "duplicate_notices", []))],
        ["现行版本 / 另一版本", CURRENT_NOTE],
        ["来源", SOURCE_NOTE],
        ["个人信息", PERSONAL_DATA_NOTE],
    ]
    # what the import warned of (future-dated orders, enterprises outside the signer's area …)
    rows += [["注意", WARNING_NOTE + w] for w in result.warnings]
    return rows


def _duplicates_text(found: list[Any]) -> str:
    """How many numbers are on two orders: made so by this import, or found so among its orders."""
    if not found:
        return "无"
    created = sum(d.created for d in found)
    return (f"{len(found)} 个（本次导入产生 {created} 个，导入前已存在 {len(found) - created} 个）："
            "一个文号只对应一份责令整改通知书，请对照发文登记簿核实，请下达方为多出的一项更正文号")


def _fingerprint(store: Store, result: Any) -> str:
    """The signer's fingerprint in groups of four, as read out by phone (the key id above is
    the signer's to choose; the fingerprint is not): from the verified package, else from the
    trust list; blank when neither knows the key."""
    from qcdesk.models import trust_store

    known = getattr(result, "signer_fingerprint", "")
    if known or not result.signer:
        return known
    key = trust_store.get_key(store, result.signer)
    return key.fingerprint if key is not None else ""


def _place(code: str) -> str:
    """421281 赤壁市, as the import summary names it; an unknown code alone."""
    from qcdesk.models.jurisdictions import jurisdiction_by_code

    known = jurisdiction_by_code(code) if code else None
    return f"{code} {known.name}" if known else code


def conflict_fields(store: Store, conflict: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(sheet header, live value, kept value) of every data field, stored values as they are."""
    live, incoming = values_of(store, conflict)
    return [(f.header, live.get(f.name), incoming.get(f.name))
            for f in SPEC_BY_TABLE[conflict["kind"]].sheet_fields]  # in the sheet's column order


def dated_after_today(table: str, values: dict[str, Any], today: date | None = None
                      ) -> list[Issue]:
    """A combined order dated after today, in the words the order dialog refuses it with
    (`rectification_checks.check_order_day`). Refused even when one whole version has that date
    (an import keeps such an order and warns): a combination is a new version made here today,
    and no save made here may date an order in the future. Keeping a whole version stays possible."""
    if table != "rectification":
        return []
    try:
        day = date.fromisoformat(str(values.get("ordered_on") or "")[:10])
    except ValueError:
        return []  # a date that is no date: the combination checks say so
    today = today or local_day.today()
    if day <= today:
        return []
    return [problem("ordered_on", "rect.order.future", day=day.isoformat(),
                    today=today.isoformat())]


def number_taken(store: Store, table: str, values: dict[str, Any], live_values: dict[str, Any],
                 own_id: int) -> list[Issue]:
    """A combination that takes an order's notice number from the other version while another
    live order here carries that number, in the words the order dialog refuses it with
    (`rectification_checks.check_notice_free`): the combination is a save made here. A number
    the current version already has is not checked again (the import reported it), and taking
    a whole version stays possible."""
    from qcdesk.models.notice_numbers import notice_key
    from qcdesk.models.rectification_checks import check_notice_free

    number = str(values.get("notice_no") or "") if table == "rectification" else ""
    if not number or notice_key(number) == notice_key(str(live_values.get("notice_no") or "")):
        return []
    issues: list[Issue] = []
    check_notice_free(issues, store, number, own_id)
    return issues


def resolve_conflict(store: Store, conflict_id: int, *, take_incoming: bool = False,
                     fields_from_other: Iterable[str] = (), with_parent: bool = False) -> None:
    """Settle a conflict with a NEW version that descends from both sides, so that neither
    side's version comes back as a conflict here or on machines that receive it. It holds the
    other version (`take_incoming`), or the current one with the data fields named in
    `fields_from_other` taken from the other version (a combination).

    A combination takes each named field together with its group (`conflict_view.FIELD_GROUPS`:
    an order's status with its closing date …), and is refused (`CombinationRefused`, nothing
    written) when the combined record breaks a rule of a normal save that neither version breaks,
    or dates an order after today (`dated_after_today`), or gives an order a notice number
    another live order carries (`number_taken`). A resulting row that is deleted has its
    personal fields blanked (`blank_personal_values`), as a removal saved here has. Any version
    that gives an enterprise a credit code another live enterprise holds is refused too
    (`code_clash.CodeTaken`): a kept `uscc_taken` version is taken once that code is free.
    A visit's deletion is one decision: the conflicts of the rows deleted with it (same stamp)
    are settled the same way in this transaction, and a deletion of a firm or visit that live
    records still rest on is refused in removal's words (`deletion_holds`), so is a live
    version of a row under a deleted one, and a row's deletion made with its visit's while the
    visit stays (`with_parent`: decided with the visit's conflict, the cascade).
    """
    conflict = xs.get_conflict(store, conflict_id)
    if conflict is None or conflict["resolved_at"] is not None:
        raise ValueError(f"no open conflict {conflict_id}")
    with store.transaction():  # the write lock before its reads: waits for another writer
        if conflict["reason"] == "duplicate_uscc":  # a twin filed under ours: the alias stays
            xs.mark_resolved(store, conflict_id, "reviewed", note=resolution_note(
                conflict_view(store, conflict), "reviewed", after_seq=xs.last_audit_seq(store)))
            return
        spec = SPEC_BY_TABLE[conflict["kind"]]
        w = MergeWriter(store)
        uuid = conflict["uuid"]
        row = w.live(spec, uuid)
        if row is None:
            raise ValueError(f"record {uuid} is missing")
        editor = xs.own_signer(store) or SELF_EDITOR
        live_vals, live = live_state(spec, uuid, row, editor, w.sources)
        other = conflict_head(conflict)
        incoming = json.loads(conflict["row_json"])
        names = {f.name for f in spec.data_fields}
        if set(fields_from_other) - names:
            raise ValueError(f"unknown fields {sorted(set(fields_from_other) - names)}")
        from_other = with_groups(spec.table, fields_from_other)
        resolution = "incoming" if take_incoming else "combined" if from_other else "local"
        # read before the write: the version set aside is kept in words, with its package
        note = resolution_note(conflict_view(store, conflict), resolution,
                               () if take_incoming else from_other, xs.last_audit_seq(store))
        chosen = ({f.name: incoming.get(f.name) for f in spec.data_fields} if take_incoming
                  else {**live_vals, **{n: incoming.get(n) for n in from_other}})
        if from_other and not take_incoming:
            problems = combination_issues(store, spec.table, chosen, (live_vals, incoming),
                                          row["id"]) + dated_after_today(spec.table, chosen) \
                + number_taken(store, spec.table, chosen, live_vals, row["id"])
            if problems:
                raise CombinationRefused(problems)
        # a removal keeps no one's name or phone, whichever side's fields it takes (F5)
        chosen = blank_personal_values(_PERSONAL.get(spec.table, ()), chosen)
        deleting = chosen.get("deleted_at") is not None  # one decision with the rows deleted with
        for child in deletion_holds.cascade(store, spec.table, row["id"], conflict):  # it
            resolve_conflict(store, child, take_incoming=deleting, with_parent=True)
        if not with_parent:
            deletion_holds.refuse_partial(store, spec.table, row["id"], chosen)  # with its visit
        deletion_holds.refuse_in_use(store, spec.table, row["id"], chosen)  # removal's rule
        deletion_holds.refuse_orphan(store, spec.table, row["id"], live_vals, chosen)  # its parent
        deletion_holds.bring_back(store, spec.table, row["id"], live_vals, chosen)  # not hollow
        refuse_taken(w, spec, uuid, chosen)  # a code another live enterprise holds here
        revision = max(revision_of(live.id), revision_of(other.id)) + 1
        values = {**chosen, "uuid": uuid, "revision": revision, "updated_at": now_utc(),
                  "author": store.author or chosen.get("author")}
        local, _links = parents_to_ids(w, spec, uuid, [values.get(n) for n in spec.data_names])
        w.write_data(spec, uuid, local, row["origin"], row["id"])
        ancestors = (*live.ancestors, live.version, *other.ancestors, other.version)
        w.set_lineage(spec.table, uuid, version_id(revision, content_hash(spec, values)),
                      editor, live.id, format_ancestors(ancestors))
        w.close()
        xs.mark_resolved(store, conflict_id, resolution, note=note)
