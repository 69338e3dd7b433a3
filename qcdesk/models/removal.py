"""Deleting an enterprise file or a visit entered twice, and bringing either back.

Why: a firm filed twice stays in the register, the draw pool and the targets, and a
`uscc_taken` conflict waits until one of the two files is gone; a visit saved twice or on the
wrong firm has to be withdrawn. Both are soft deletes (`deleted_at`), so a package carries them
and receivers delete too; a restore is a new revision with `deleted_at` cleared.

A visit goes with its samples, findings, their photos and the orders on it already withdrawn
(撤销 after a passed 复检), all stamped with the visit's deletion time: a restore brings back
exactly those rows, never ones removed earlier in the editor. An enterprise goes alone, and only
once it has no live visit or order left; its licences, contacts and certificates stay as they
were (every list reads them through the live firm), so a restore finds them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from qcdesk.models.messages import Issue, ValidationFailed
from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import (
    RECTIFICATION_STATUS_LABELS,
    Enterprise,
    Finding,
    Photo,
    Record,
    Rectification,
    Sample,
    Visit,
)
from qcdesk.models.removal_rules import draw_planned, drawn_firm, locked_reason, notice_taken, record_reason
from qcdesk.models.search_index import reindex_enterprises, reindex_visits
from qcdesk.models.search_text import tokens
from qcdesk.models.store import Store, now_utc

_WITHDRAWN = "(status = 'closed' AND coalesce(closing_reason, '') != '')"


class RemovalIssue(Issue):
    """Why a record cannot be deleted or brought back now, and what to do."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "remove.enterprise_in_use": (
            "企业“{name}”还有 {visits} 条检查记录、{orders} 项整改，不能删除（删除后它们就没有所属企业了）。"
            "请先在“检查记录”列表中删除这些检查记录（右键 ▸ 删除，已撤销的整改随之删除），再删除企业。"
            "检查记录不能移到另一企业名下：如要保留，请在另一企业下重新录入后再删除这里的",
            "The enterprise “{name}” still has {visits} visit(s) and {orders} rectification "
            "order(s), so it cannot be deleted (they would be left without an enterprise). Delete "
            "those visits first on the Visits list (right-click ▸ Delete; orders already withdrawn "
            "go with them), then the enterprise. A visit cannot be moved to another enterprise: to "
            "keep one, enter it again under the other enterprise, then delete it here",
        ),
        "remove.visit_order_running": (
            "这条检查记录下达了整改（{order}，{status}），不能删除：整改仍然有效时，它所依据的检查记录必须保留。"
            "只有样品复检合格的整改才能撤销：在整改窗口点“撤销”后，再删除这条检查记录",
            "This visit issued a rectification order ({order}, {status}), so it cannot be deleted: "
            "while an order is in force the visit it rests on must stay. Only an order whose sample "
            "passed its re-test can be withdrawn: click Withdraw (撤销) in the order's window, then "
            "delete this visit",
        ),
        "remove.visit_order_closed": (
            "这条检查记录下达的整改（{order}）已结案，不能删除：结案的整改及其检查记录是执法档案，须保留。"
            "如检查记录内容有误，请打开它改正（已发送的用“更正”）",
            "This visit issued a rectification order ({order}) that is closed, so it cannot be "
            "deleted: a closed order and its visit are part of the enforcement file and stay. If "
            "the visit is wrong, open it and correct it (Amend… once it was sent)",
        ),
        "remove.visit_is_recheck": (
            "这条检查记录是整改（{order}，{status}）的复查记录，不能删除：整改的复查结论依据它。"
            "如内容有误，请打开它改正（已发送的用“更正”）",
            "This visit is the re-check of a rectification order ({order}, {status}), so it cannot "
            "be deleted: the order's re-check outcome rests on it. If it is wrong, open it and "
            "correct it (Amend… once it was sent)",
        ),
        "restore.uscc_taken": (
            "不能恢复企业“{name}”：它的统一社会信用代码 {uscc} 现在属于企业“{holder}”，"
            "一个代码只能属于一家企业。"
            "如两者是同一家企业，保留“{holder}”即可；如不是，请先改正其中一家的代码，再来恢复",
            "The enterprise “{name}” cannot be restored: its credit code {uscc} now belongs to "
            "“{holder}”, and a code belongs to one enterprise only. If they are one enterprise, "
            "keep “{holder}”; if not, correct one of the codes first, then restore it",
        ),
        "restore.enterprise_deleted": (
            "不能恢复这条检查记录：它所属的企业“{name}”已删除。请先在“记录 ▸ 已删除的记录…”中恢复该企业",
            "This visit cannot be restored: its enterprise “{name}” is deleted. Restore the "
            "enterprise first under Record ▸ Deleted records…",
        ),
        "restore.not_deleted": (
            "这条记录没有被删除，无需恢复（可能已在别处恢复）",
            "This record is not deleted, so there is nothing to restore (perhaps it was restored "
            "elsewhere)",
        ),
        "remove.not_found": (
            "找不到这条记录（可能已被删除）：请刷新列表后再试",
            "This record was not found (perhaps it was deleted): refresh the list and try again",
        ),
    }


def _refuse(rule: str, **params: object) -> ValidationFailed:
    return ValidationFailed([RemovalIssue("record", rule, params)])


def _order_name(rect: Rectification) -> tuple[str, str]:
    """The order as a clerk knows it: its 文号, else the day it was ordered."""
    if rect.notice_no:
        return rect.notice_no, rect.notice_no
    return f"{rect.ordered_on}下达", f"ordered {rect.ordered_on}"


def _status(rect: Rectification) -> tuple[str, str]:
    return RECTIFICATION_STATUS_LABELS.get(rect.status, rect.status), rect.status.replace("_", " ")


def _stamp(store: Store, record: Record, deleted_at: str | None) -> None:
    """One revision with `deleted_at` set or cleared (author, updated_at, revision as any save);
    a finding leaves or rejoins the visit list's search as the editor's save does it."""
    record.deleted_at = deleted_at
    update_record(store, record)
    if isinstance(record, Finding):
        store.db.execute("DELETE FROM finding_fts WHERE rowid = ?", [record.id])
        if deleted_at is None:
            store.db.execute("INSERT INTO finding_fts(rowid, tokens) VALUES (?, ?)",
                             [record.id, tokens(record.category, record.description)])


def _live(store: Store, cls: type, key: int | str) -> Record:
    record = fetch_record(store, cls, key)
    if record is None or record.deleted_at is not None:
        raise _refuse("remove.not_found")
    return record


def _deleted(store: Store, cls: type, key: int | str) -> Record:
    record = fetch_record(store, cls, key)
    if record is None:
        raise _refuse("remove.not_found")
    if record.deleted_at is None:
        raise _refuse("restore.not_deleted")
    return record


def enterprise_in_use(store: Store, enterprise_id: int) -> tuple[int, int]:
    """(live visits, live orders) of an enterprise: either keeps it from being deleted."""
    visits = store.db.execute("SELECT count(*) FROM visit WHERE enterprise_id = ? AND deleted_at IS NULL",
                              [enterprise_id]).fetchone()[0]
    orders = store.db.execute("SELECT count(*) FROM rectification WHERE enterprise_id = ?"
                              " AND deleted_at IS NULL", [enterprise_id]).fetchone()[0]
    return visits, orders


def deletion_refusal(store: Store, table: str, record_id: int) -> ValidationFailed | None:
    """Why this live enterprise or visit cannot be deleted whatever the user would answer (a firm
    a committed draw selected, live visits or orders on a firm; an order in force on a visit, its
    re-check, a draw's planned check), or None. Why: the window asked "delete?" and refused only
    after the user said yes; it asks this first. The deletion itself keeps the same rules
    (`delete_enterprise`, `delete_visit`); a sent visit's reason is asked for, not refused here."""
    try:
        record = _live(store, Enterprise if table == "enterprise" else Visit, record_id)
    except ValidationFailed as exc:  # gone meanwhile: said as the deletion would
        return exc
    if isinstance(record, Enterprise):
        return _enterprise_refusal(store, record)
    assert isinstance(record, Visit)
    return _visit_refusal(store, record)


def _enterprise_refusal(store: Store, firm: Enterprise) -> ValidationFailed | None:
    """A drawn firm first: deleting its visits would not make it deletable."""
    drawn = drawn_firm(store, firm)
    if drawn is not None:
        return drawn
    visits, orders = enterprise_in_use(store, firm.id or 0)
    if visits or orders:
        return _refuse("remove.enterprise_in_use", name=firm.name, visits=visits, orders=orders)
    return None


def _visit_refusal(store: Store, visit: Visit) -> ValidationFailed | None:
    blocker = visit_blocker(store, visit.id or 0)
    if blocker is not None:
        return ValidationFailed([blocker])
    try:
        draw_planned(store, visit)
    except ValidationFailed as exc:
        return exc
    return None


def delete_enterprise(store: Store, key: int | str) -> Enterprise:
    """Soft-delete an enterprise file with nothing resting on it; its credit code is free then."""
    with store.transaction():
        firm = _live(store, Enterprise, key)
        assert isinstance(firm, Enterprise)
        refused = _enterprise_refusal(store, firm)
        if refused is not None:
            raise refused
        _stamp(store, firm, now_utc())
        reindex_enterprises(store.db.conn, [firm.id])  # a deleted firm is not searched
        return firm


def restore_enterprise(store: Store, key: int | str) -> Enterprise:
    """Bring a deleted enterprise back, unless another live enterprise holds its code now."""
    with store.transaction():
        firm = _deleted(store, Enterprise, key)
        assert isinstance(firm, Enterprise)
        holder = store.db.execute("SELECT name FROM enterprise WHERE uscc = ? AND deleted_at IS NULL"
                                  " AND id != ?", [firm.uscc, firm.id]).fetchone()
        if holder:
            raise _refuse("restore.uscc_taken", name=firm.name, uscc=firm.uscc, holder=holder[0])
        _stamp(store, firm, None)
        reindex_enterprises(store.db.conn, [firm.id])
        return firm


def visit_blocker(store: Store, visit_id: int) -> RemovalIssue | None:
    """Why this visit cannot be deleted (an order in force or closed on it, or its re-check of
    an order), or None."""
    rows = store.db.execute(
        f"SELECT id, visit_id = ? FROM rectification WHERE deleted_at IS NULL AND NOT {_WITHDRAWN}"
        " AND (visit_id = ? OR recheck_visit_id = ?) ORDER BY id", [visit_id, visit_id, visit_id])
    for rect_id, issued_here in rows.fetchall():
        rect = fetch_record(store, Rectification, rect_id)
        params = {"order": _order_name(rect), "status": _status(rect)}
        if not issued_here:
            return RemovalIssue("record", "remove.visit_is_recheck", params)
        rule = "remove.visit_order_closed" if rect.status == "closed" else "remove.visit_order_running"
        return RemovalIssue("record", rule, params)
    return None


def _visit_children(store: Store, visit_id: int, stamp: str | None) -> list[Record]:
    """The rows that go (stamp None: live ones) or come back (stamp: deleted with the visit)."""
    cond = "deleted_at IS NULL" if stamp is None else "deleted_at = ?"
    args = [] if stamp is None else [stamp]
    found: list[Record] = []
    for cls, where in ((Sample, "visit_id = ?"), (Finding, "visit_id = ?"),
                       (Photo, "finding_id IN (SELECT id FROM finding WHERE visit_id = ?)"),
                       (Rectification, f"visit_id = ? AND {_WITHDRAWN}")):
        for (rid,) in store.db.execute(f"SELECT id FROM {cls.TABLE} WHERE {where} AND {cond} ORDER BY id",
                                       [visit_id, *args]).fetchall():
            found.append(fetch_record(store, cls, rid))
    return found


def delete_visit(store: Store, key: int | str, reason: str = "") -> Visit:
    """Soft-delete a visit with its samples, findings, photos and withdrawn orders, one stamp.
    A visit sent in a package needs `reason`, recorded as a 更正 (removal_rules); a committed
    draw's planned check is refused."""
    with store.transaction():
        visit = _live(store, Visit, key)
        assert isinstance(visit, Visit)
        refused = _visit_refusal(store, visit)
        if refused is not None:
            raise refused
        reason = locked_reason(visit, reason, deleting=True)
        stamp = now_utc()
        if reason:
            record_reason(store, visit, reason, None, stamp)
        for child in _visit_children(store, visit.id or 0, None):
            _stamp(store, child, stamp)
        _stamp(store, visit, stamp)
        reindex_visits(store.db.conn, [visit.id])
        return visit


def restore_visit(store: Store, key: int | str, reason: str = "") -> Visit:
    """Bring a visit back with the rows deleted with it (same stamp), not ones removed before;
    refused when an order coming back has a 文号 another order holds now. A sent visit needs
    `reason`, as its deletion did."""
    with store.transaction():
        visit = _deleted(store, Visit, key)
        assert isinstance(visit, Visit)
        firm = fetch_record(store, Enterprise, visit.enterprise_id or 0)
        if firm is not None and firm.deleted_at is not None:
            raise _refuse("restore.enterprise_deleted", name=firm.name)
        children = _visit_children(store, visit.id or 0, visit.deleted_at)
        notice_taken(store, children)
        reason = locked_reason(visit, reason, deleting=False)
        if reason:
            record_reason(store, visit, reason, visit.deleted_at, None)
        for child in children:
            _stamp(store, child, None)
        _stamp(store, visit, None)
        reindex_visits(store.db.conn, [visit.id])
        return visit


@dataclass(frozen=True)
class DeletedRow:
    """A deleted enterprise or visit as the 已删除的记录 window lists it."""

    id: int
    deleted_at: str
    name: str  # the enterprise's name (a visit's firm)
    uscc: str
    visit_date: str = ""  # a visit's own fields; blank for an enterprise
    kind: str = ""
    author: str = ""


DELETED_LIMIT = 500  # newest first: a list to bring back a mistake, not a register


def deleted_enterprises(store: Store, limit: int = DELETED_LIMIT, search: str = "") -> list[DeletedRow]:
    """Deleted enterprise files, the latest deletion first; `search` as `deleted_search` reads it."""
    where, args = deleted_search(search, "", "")
    return [DeletedRow(*r) for r in store.db.execute(
        "SELECT id, deleted_at, name, uscc, '', '', author FROM enterprise e WHERE deleted_at IS NOT NULL"
        f"{where} ORDER BY deleted_at DESC, id DESC LIMIT ?", [*args, limit])]


def deleted_visits(store: Store, limit: int = DELETED_LIMIT, search: str = "") -> list[DeletedRow]:
    """Deleted visits with their firm, the latest deletion first; `search` as `deleted_search`."""
    where, args = deleted_search(search, "v.", "v.visit_date")
    return [DeletedRow(*r) for r in store.db.execute(
        "SELECT v.id, v.deleted_at, coalesce(e.name, ''), coalesce(e.uscc, ''), v.visit_date, v.kind,"
        " v.author FROM visit v LEFT JOIN enterprise e ON e.id = v.enterprise_id"
        f" WHERE v.deleted_at IS NOT NULL{where} ORDER BY v.deleted_at DESC, v.id DESC LIMIT ?",
        [*args, limit])]


def deleted_search(text: str, own: str, visit_date: str) -> tuple[str, list[object]]:
    """SQL (AND …) for the 已删除的记录 search: every word must match the firm's name or credit
    code, or, for a date (2026-11-02, 2026-11, 2026), the visit's date or the local day of the
    deletion. Why: only the newest DELETED_LIMIT are listed, and an older mistake is found so."""
    sql, args = "", []
    for word in text.split():
        like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        parts = ["e.name LIKE ? ESCAPE '\\'", "e.uscc LIKE ? ESCAPE '\\'"]
        args += [like, like.upper()]
        span = _local_span(word) if _DATE_WORD.fullmatch(word) else None
        if span is not None:
            start, end = span
            parts.append(f"({own}deleted_at >= ? AND {own}deleted_at < ?)")
            args += [start, end]
            if visit_date:
                parts.append(f"{visit_date} LIKE ?")
                args.append(word + "%")
        sql += " AND (" + " OR ".join(parts) + ")"
    return sql, args


_DATE_WORD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _local_span(word: str) -> tuple[str, str] | None:
    """A local day, month or year as the UTC stamps it covers (deleted_at is stored in UTC);
    None for no such date (2026-13)."""
    year, month, day = ([int(p) for p in word.split("-")] + [0, 0])[:3]
    try:
        first = datetime(year, month or 1, day or 1)
    except ValueError:
        return None
    if day:
        after = first + timedelta(days=1)
    elif month:
        after = datetime(year + month // 12, month % 12 + 1, 1)
    else:
        after = datetime(year + 1, 1, 1)
    return _utc(first), _utc(after)


def _utc(moment: datetime) -> str:
    return moment.astimezone().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def live_title(store: Store, table: str, record_id: int) -> DeletedRow | None:
    """What a confirmation names: a live enterprise (name, code) or visit (firm, date, kind)."""
    if table == "enterprise":
        row = store.db.execute("SELECT id, '', name, uscc, '', '', author FROM enterprise"
                               " WHERE id = ? AND deleted_at IS NULL", [record_id]).fetchone()
    else:
        row = store.db.execute(
            "SELECT v.id, '', coalesce(e.name, ''), coalesce(e.uscc, ''), v.visit_date, v.kind,"
            " v.author FROM visit v LEFT JOIN enterprise e ON e.id = v.enterprise_id"
            " WHERE v.id = ? AND v.deleted_at IS NULL", [record_id]).fetchone()
    return DeletedRow(*row) if row else None


def enterprises_by_code(store: Store, uscc: str, deleted: bool) -> list[DeletedRow]:
    """Live (or deleted) enterprise files with this credit code, as typed at the CLI: a live code
    is one firm's; deleted files may share one (a firm deleted twice)."""
    state = "IS NOT NULL" if deleted else "IS NULL"
    return [DeletedRow(*r) for r in store.db.execute(
        f"SELECT id, coalesce(deleted_at, ''), name, uscc, '', '', author FROM enterprise"
        f" WHERE uscc = ? AND deleted_at {state} ORDER BY deleted_at DESC, id DESC", [uscc])]


def deleted_title(store: Store, table: str, record_id: int) -> DeletedRow | None:
    """What a restore question names: a deleted enterprise or visit (as `live_title`)."""
    sql = ("SELECT id, deleted_at, name, uscc, '', '', author FROM enterprise WHERE id = ?"
           " AND deleted_at IS NOT NULL" if table == "enterprise" else
           "SELECT v.id, v.deleted_at, coalesce(e.name, ''), coalesce(e.uscc, ''), v.visit_date, v.kind,"
           " v.author FROM visit v LEFT JOIN enterprise e ON e.id = v.enterprise_id"
           " WHERE v.id = ? AND v.deleted_at IS NOT NULL")
    row = store.db.execute(sql, [record_id]).fetchone()
    return DeletedRow(*row) if row else None


def live_visit_ids(store: Store, enterprise_id: int) -> list[int]:
    """The live visits of a firm, which keep it from being deleted (the CLI names them)."""
    return [r[0] for r in store.db.execute(
        "SELECT id FROM visit WHERE enterprise_id = ? AND deleted_at IS NULL ORDER BY id", [enterprise_id])]
