"""Deleted rows among the live ones on the enterprise and visit lists (显示已删除; part of listing).

Why: an inspector looking for the firm deleted yesterday looks in the list he knows. With
`ListFilters.deleted` the list keeps its filters, order and keyset pages and only stops leaving
deleted rows out; everything else (dashboards, counts, reports, draws, exports) never sets it.
A deleted firm is out of the search index (removal.py), so a search finds it by the words of
the 已删除的记录 window's search instead: its name, credit code or the day it was deleted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from qcdesk.models.messages import Issue, ValidationFailed

if TYPE_CHECKING:
    from qcdesk.models.listing import ListFilters, ListSource
    from qcdesk.models.store import Store

RowSource = Any  # a ListSource, or a model's other source (which has no deleted rows)
TABLES = {"enterprise": "enterprise", "visit": "visit"}  # the lists that can show deleted rows
FIRM_MATCH = "e.id IN (SELECT rowid FROM enterprise_fts WHERE tokens MATCH ?)"


def firm_search(where: list[str], params: list[Any], match: str,
                filters: ListFilters) -> tuple[list[str], list[Any]]:
    """The enterprise list's terms with its search added: the index for live firms; with
    `filters.deleted`, also the deleted firms whose name, credit code or deletion day holds
    every word."""
    if not filters.deleted:
        return [*where, FIRM_MATCH], [*params, match]
    from qcdesk.models.removal import deleted_search  # its store import stays out of listing's

    words, values = deleted_search(filters.search, "e.", "")
    return [*where, f"({FIRM_MATCH} OR e.deleted_at IS NOT NULL{words})"], [*params, match, *values]


def deleted_on(source: RowSource, rows: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The display rows with `deleted_at` set on the deleted ones (one query, only while the list
    shows deleted rows): the list greys and marks them, and offers Restore instead of Delete."""
    request = getattr(source, "request", None)
    if not rows or request is None or not request.filters.deleted or request.kind not in TABLES:
        return rows
    store = source.store
    for rid, stamp in store.db.execute(
            f"SELECT id, deleted_at FROM {TABLES[request.kind]} WHERE id IN (SELECT value FROM json_each(?))"
            " AND deleted_at IS NOT NULL", [json.dumps(list(rows))]):
        rows[rid]["deleted_at"] = stamp
    return rows


def counts(source: ListSource, cancelled: Callable[[], bool] | None = None) -> tuple[int, int] | None:
    """(rows listed, of them deleted) under the source's filters; deleted is 0 unless the list
    shows deleted rows. None if `cancelled` said stop."""
    total = source.count(cancelled)
    if total is None or not source.request.filters.deleted or total == 0:
        return None if total is None else (total, 0)
    deleted = source.count(cancelled, [f"{source.spec.alias}.deleted_at IS NOT NULL"])
    return None if deleted is None else (total, deleted)


class DeletedRowIssue(Issue):
    """Why a deleted row of a list is not opened, and what to do."""

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {
        "open.enterprise_deleted": (
            "企业“{name}”已删除（{day}），删除状态下不能打开或修改。"
            "如需查看或修改，请先恢复：在列表中右键 ▸ 恢复，或用“记录 ▸ 已删除的记录…”",
            "The enterprise “{name}” is deleted ({day}), and a deleted record cannot be opened or "
            "changed. To see or change it, restore it first: right-click it on the list ▸ Restore, "
            "or use Record ▸ Deleted records…",
        ),
        "open.visit_deleted": (
            "这条检查记录（{name}，{date}）已删除（{day}），删除状态下不能打开或修改。"
            "如需查看或修改，请先恢复：在列表中右键 ▸ 恢复，或用“记录 ▸ 已删除的记录…”",
            "This visit ({name}, {date}) is deleted ({day}), and a deleted record cannot be opened "
            "or changed. To see or change it, restore it first: right-click it on the list ▸ "
            "Restore, or use Record ▸ Deleted records…",
        ),
    }


def opening_refusal(store: Store, kind: str, record_id: int) -> ValidationFailed | None:
    """Why this enterprise or visit is not opened in its editor (it is deleted), or None. Why: a
    list showing deleted rows must not lead to an editor that saves a deleted record."""
    if kind not in TABLES:
        return None
    from qcdesk.models.clock_text import local_date

    sql = ("SELECT e.name, v.visit_date, v.deleted_at FROM visit v"
           " LEFT JOIN enterprise e ON e.id = v.enterprise_id WHERE v.id = ?" if kind == "visit"
           else "SELECT name, '', deleted_at FROM enterprise WHERE id = ?")
    row = store.db.execute(sql, [record_id]).fetchone()
    if row is None or row[2] is None:
        return None
    params = {"name": row[0] or "", "date": row[1], "day": local_date(row[2])}
    return ValidationFailed([DeletedRowIssue("record", f"open.{kind}_deleted", params)])
