"""SQL of the merge's deletion holds (logic: exchange/deletion_holds.py).

Why: a deletion that came in a package must not leave a live record resting on a deleted one
(a visit under a deleted firm drops out of every count; a visit without its samples is a hollow
spot check). These queries find such pairs after a merge, read a row as it was before the merge
overwrote it, and put its exchange lineage back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qcdesk.models.store import Store

# parent table -> (child table, column naming the parent) of the live rows that rest on it
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "enterprise": (("visit", "enterprise_id"), ("rectification", "enterprise_id")),
    "visit": (("sample", "visit_id"), ("finding", "visit_id"), ("rectification", "visit_id")),
    "finding": (("photo", "finding_id"),),
}
# child table -> (parent table, column): a child deleted with its parent carries its stamp
PARENT = {child: (parent, col) for parent, kids in CHILDREN.items() for child, col in kids
          if parent != "enterprise"}
HELD_TABLES = frozenset({*CHILDREN, *PARENT})


@dataclass(frozen=True)
class Before:
    """A live row as it was before the merge wrote a deletion over it."""

    data: list[Any]  # data fields in `data_names` order, parents as local ids
    origin: str
    lineage: tuple[Any, ...] | None  # head, editor, base, ancestors, package; None: none


def before(conn: sqlite3.Connection, table: str, names: Sequence[str], row_id: int,
           uuid: str) -> Before | None:
    """The live row about to be overwritten by a deletion; None when it is deleted already."""
    row = conn.execute(f"SELECT {', '.join(names)}, origin FROM {table} WHERE id = ?",
                       [row_id]).fetchone()
    if row is None or row[names.index("deleted_at")] is not None:
        return None
    lineage = conn.execute("SELECT head, editor, base, ancestors, package FROM exchange_lineage"
                           " WHERE kind = ? AND uuid = ?", [table, uuid]).fetchone()
    return Before(list(row[:-1]), row[-1], tuple(lineage) if lineage else None)


def raw(conn: sqlite3.Connection, table: str, names: Sequence[str], row_id: int) -> list[Any]:
    """A row's data fields as stored (parents as local ids), to be written back changed."""
    return list(conn.execute(f"SELECT {', '.join(names)} FROM {table} WHERE id = ?",
                             [row_id]).fetchone())


def restore_lineage(conn: sqlite3.Connection, table: str, uuid: str,
                    lineage: tuple[Any, ...] | None) -> None:
    """The lineage a row had before the merge (none: the row was never merged)."""
    if lineage is None:
        conn.execute("DELETE FROM exchange_lineage WHERE kind = ? AND uuid = ?", [table, uuid])
        return
    conn.execute("INSERT OR REPLACE INTO exchange_lineage(kind, uuid, head, editor, base, ancestors,"
                 " package) VALUES (?, ?, ?, ?, ?, ?, ?)", [table, uuid, *lineage])


def lineage_package(conn: sqlite3.Connection, table: str, uuid: str) -> int | None:
    """The package (exchange_package.id) a row's stored lineage names; None: none."""
    row = conn.execute("SELECT package FROM exchange_lineage WHERE kind = ? AND uuid = ?",
                       [table, uuid]).fetchone()
    return row[0] if row else None


def package_id(conn: sqlite3.Connection, package_sha256: str) -> int | None:
    """The exchange_package row of a package, for the lineage of a version it brought."""
    row = conn.execute("SELECT id FROM exchange_package WHERE package_sha256 = ?",
                       [package_sha256]).fetchone()
    return row[0] if row else None


def open_versions(conn: sqlite3.Connection, table: str, uuid: str) -> list[dict[str, Any]]:
    """The open conflicts of one record (its versions kept aside), oldest first."""
    cols = ("id", "version", "reason", "row_json", "signer", "package_sha256")
    return [dict(zip(cols, r, strict=True)) for r in conn.execute(
        f"SELECT {', '.join(cols)} FROM exchange_conflict WHERE kind = ? AND uuid = ?"
        " AND resolved_at IS NULL ORDER BY id", [table, uuid])]


def held_touched(conn: sqlite3.Connection, conflicts_before: int, reasons: Sequence[str]
                 ) -> list[tuple[str, str]]:
    """(kind, uuid) of records with an open held deletion (`reasons`) that this merge kept
    another version of (a conflict above `conflicts_before`): few, read by index."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT DISTINCT c.kind, c.uuid FROM exchange_conflict c WHERE c.id > ?"
        " AND c.resolved_at IS NULL AND EXISTS (SELECT 1 FROM exchange_conflict h"
        " WHERE h.kind = c.kind AND h.uuid = c.uuid AND h.resolved_at IS NULL"
        " AND h.reason IN (SELECT value FROM json_each(?))) ORDER BY c.kind, c.uuid",
        [conflicts_before, json.dumps(list(reasons))])]


def edits_set_aside(conn: sqlite3.Connection, conflicts_before: int) -> list[tuple[str, int]]:
    """(table, id) of deleted rows a live version was kept aside for by this merge (conflicts
    above `conflicts_before`): an edit that came in a package, lost to a deletion."""
    found: list[tuple[str, int]] = []
    for table in sorted(HELD_TABLES):
        found += [(table, r[0]) for r in conn.execute(
            f"SELECT DISTINCT t.id FROM exchange_conflict c JOIN {table} t ON t.uuid = c.uuid"
            " WHERE c.kind = ? AND c.id > ? AND c.resolved_at IS NULL AND t.deleted_at IS NOT"
            " NULL AND json_extract(c.row_json, '$.deleted_at') IS NULL ORDER BY t.id",
            [table, conflicts_before])]
    return found


def unhold_deleted(conn: sqlite3.Connection, reasons: Sequence[str], reason: str) -> None:
    """A held deletion whose record a newer deletion deleted since holds nothing: it is kept as
    the version it is (`reason`), as when that deletion came first. Few rows: the held ones."""
    for table in sorted(HELD_TABLES):
        conn.execute(
            "UPDATE exchange_conflict SET reason = ? WHERE id IN (SELECT c.id FROM"
            f" exchange_conflict c JOIN {table} t ON t.uuid = c.uuid WHERE c.kind = ?"
            " AND c.resolved_at IS NULL AND c.reason IN (SELECT value FROM json_each(?))"
            " AND t.deleted_at IS NOT NULL)", [reason, table, json.dumps(list(reasons))])


def held_open(conn: sqlite3.Connection, reasons: Sequence[str]) -> list[tuple[int, str, str]]:
    """(id, kind, uuid) of the open held deletions (few)."""
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT id, kind, uuid FROM exchange_conflict WHERE resolved_at IS NULL AND reason IN"
        " (SELECT value FROM json_each(?)) ORDER BY id", [json.dumps(list(reasons))])]


def relabel(conn: sqlite3.Connection, conflict_id: int, reason: str) -> None:
    conn.execute("UPDATE exchange_conflict SET reason = ? WHERE id = ?", [reason, conflict_id])


def parent_deleting(conn: sqlite3.Connection, table: str, row_id: int, stamp: str) -> int | None:
    """The live visit (or finding) a row rests on that has a version deleting it with `stamp`:
    the row's deletion is part of that one; None when there is none."""
    if table not in PARENT:
        return None
    parent, col = PARENT[table]
    row = conn.execute(
        f"SELECT p.id FROM {table} k JOIN {parent} p ON p.id = k.{col} WHERE k.id = ?"
        " AND p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM exchange_conflict c WHERE"
        " c.kind = ? AND c.uuid = p.uuid AND json_extract(c.row_json, '$.deleted_at') = ?)",
        [row_id, parent, stamp]).fetchone()
    return int(row[0]) if row else None


def parent_deleted(conn: sqlite3.Connection, table: str, row_id: int) -> tuple[str, int] | None:
    """(parent table, id) of the deleted visit (or firm, finding) a row rests on; None."""
    if table == "visit":
        parent, col = "enterprise", "enterprise_id"
    elif table in PARENT:
        parent, col = PARENT[table]
    else:
        return None
    row = conn.execute(f"SELECT p.id FROM {table} k JOIN {parent} p ON p.id = k.{col}"
                       " WHERE k.id = ? AND p.deleted_at IS NOT NULL", [row_id]).fetchone()
    return (parent, int(row[0])) if row else None


def drop_conflict(conn: sqlite3.Connection, table: str, uuid: str, version: str) -> bool:
    """Drop one open conflict version; True when there was one."""
    return conn.execute("DELETE FROM exchange_conflict WHERE kind = ? AND uuid = ? AND version = ?"
                        " AND resolved_at IS NULL", [table, uuid, version]).rowcount > 0


def marks(conn: sqlite3.Connection) -> dict[str, int]:
    """The highest id of each table before a merge (ids only grow: above it, written by it)."""
    return {t: int(conn.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0])
            for t in (*HELD_TABLES, "exchange_conflict")}


def in_use(conn: sqlite3.Connection, table: str, ids: list[int]) -> list[tuple[int, str]]:
    """(id, uuid) of the deleted rows among `ids` of `table` that a live row rests on."""
    live = " OR ".join(f"EXISTS (SELECT 1 FROM {child} k WHERE k.{col} = p.id AND k.deleted_at IS NULL)"
                       for child, col in CHILDREN[table])
    return [(r[0], r[1]) for r in conn.execute(
        f"SELECT p.id, p.uuid FROM {table} p WHERE p.id IN (SELECT value FROM json_each(?))"
        f" AND p.deleted_at IS NOT NULL AND ({live}) ORDER BY p.id", [json.dumps(ids)])]


def newly_in_use(conn: sqlite3.Connection, table: str, before_ids: dict[str, int],
                 written: dict[str, set[int]]) -> list[tuple[int, str]]:
    """(id, uuid) of rows of `table` deleted before the merge and not written by it, that a live
    row this merge wrote (new: id above `before_ids`, or overwritten: in `written`) rests on: a
    firm or visit deleted by an earlier package, visited in this one. Only rows that existed
    before the merge are read (none on a first import), index lookups for deleted ones only."""
    live, args = [], []
    for child, col in CHILDREN[table]:
        live.append(f"EXISTS (SELECT 1 FROM {child} k WHERE k.{col} = p.id AND k.deleted_at IS NULL"
                    " AND (k.id > ? OR k.id IN (SELECT value FROM json_each(?))))")
        args += [before_ids[child], json.dumps(sorted(written.get(child, ())))]
    return [(r[0], r[1]) for r in conn.execute(
        f"SELECT p.id, p.uuid FROM {table} p WHERE p.id <= ? AND p.deleted_at IS NOT NULL"
        f" AND p.id NOT IN (SELECT value FROM json_each(?)) AND ({' OR '.join(live)}) ORDER BY p.id",
        [before_ids[table], json.dumps(sorted(written.get(table, ()))), *args])]


def hollow(conn: sqlite3.Connection, child: str, conflicts_before: int, ids: list[int]
           ) -> list[tuple[int, str]]:
    """(id, uuid) of deleted rows of `child` whose live parent keeps, as an open conflict, a
    deletion with the same stamp: deleted with a parent whose deletion did not take effect.
    Only where this merge made it so: the parent's conflict is new (id above
    `conflicts_before`) or the row's deletion was written by it (`ids`); a row deleted alone
    later by the clerk stays deleted. Driven by the open conflicts that are deletions (few)."""
    parent, col = PARENT[child]
    return [(r[0], r[1]) for r in conn.execute(
        f"SELECT DISTINCT k.id, k.uuid FROM exchange_conflict c"
        f" JOIN {parent} p ON p.uuid = c.uuid AND p.deleted_at IS NULL"
        f" JOIN {child} k ON k.{col} = p.id AND k.deleted_at = json_extract(c.row_json, '$.deleted_at')"
        " WHERE c.kind = ? AND c.resolved_at IS NULL"
        " AND json_extract(c.row_json, '$.deleted_at') IS NOT NULL"
        " AND (c.id > ? OR k.id IN (SELECT value FROM json_each(?))) ORDER BY k.id",
        [parent, conflicts_before, json.dumps(ids)])]


def child_conflicts(conn: sqlite3.Connection, parent: str, parent_id: int, stamp: str
                    ) -> list[int]:
    """Open conflicts of the rows under a parent whose kept version is a deletion with `stamp`:
    the same deletion as the parent's, decided with it."""
    found: list[int] = []
    for child, col in CHILDREN.get(parent, ()):
        found += [r[0] for r in conn.execute(
            f"SELECT c.id FROM exchange_conflict c JOIN {child} k ON k.uuid = c.uuid"
            f" WHERE c.kind = ? AND c.resolved_at IS NULL AND k.{col} = ?"
            " AND json_extract(c.row_json, '$.deleted_at') = ? ORDER BY c.id",
            [child, parent_id, stamp])]
    return found


def live_children(conn: sqlite3.Connection, parent: str, parent_id: int) -> dict[str, int]:
    """Live rows resting on a parent, per child table (none: empty)."""
    counts = {child: int(conn.execute(f"SELECT count(*) FROM {child} WHERE {col} = ?"
                                      " AND deleted_at IS NULL", [parent_id]).fetchone()[0])
              for child, col in CHILDREN.get(parent, ())}
    return {k: v for k, v in counts.items() if v}


def visit_of(conn: sqlite3.Connection, table: str, row_id: int) -> int | None:
    """The visit a row belongs to (a photo's through its finding); None for a firm."""
    if table == "visit":
        return row_id
    if table == "photo":
        row = conn.execute("SELECT f.visit_id FROM photo p JOIN finding f ON f.id = p.finding_id"
                           " WHERE p.id = ?", [row_id]).fetchone()
    elif table in PARENT:
        row = conn.execute(f"SELECT {PARENT[table][1]} FROM {table} WHERE id = ?", [row_id]).fetchone()
    else:
        return None
    return row[0] if row else None


def firm_title(conn: sqlite3.Connection, firm_id: int) -> str:
    row = conn.execute("SELECT name FROM enterprise WHERE id = ?", [firm_id]).fetchone()
    return str(row[0] or "") if row else ""


def visit_title(conn: sqlite3.Connection, visit_id: int) -> tuple[str, str]:
    """(firm name, visit date) of a visit, as the lists name it."""
    row = conn.execute("SELECT coalesce(e.name, ''), coalesce(v.visit_date, '') FROM visit v"
                       " LEFT JOIN enterprise e ON e.id = v.enterprise_id WHERE v.id = ?",
                       [visit_id]).fetchone()
    return (str(row[0]), str(row[1])) if row else ("", "")


def bring_back(store: Store, table: str, row_id: int, stamp: str) -> None:
    """The rows deleted with a visit (or finding) that a resolution makes live again come back
    with it, as 已删除的记录 ▸ 恢复 brings them (same stamp), each a new revision: else a live
    visit would be left without its samples."""
    from qcdesk.models.persistence import fetch_record, update_record
    from qcdesk.models.records import Finding, Photo, Rectification, Sample
    from qcdesk.models.search_text import tokens

    classes = {"sample": Sample, "finding": Finding, "photo": Photo, "rectification": Rectification}
    for child, col in CHILDREN.get(table, ()) if table != "enterprise" else ():
        for (cid,) in store.db.execute(f"SELECT id FROM {child} WHERE {col} = ? AND deleted_at = ?"
                                       " ORDER BY id", [row_id, stamp]).fetchall():
            record = fetch_record(store, classes[child], cid)
            record.deleted_at = None
            update_record(store, record)
            if child == "finding":  # back in the visit list's search, as the editor's save does
                store.db.execute("DELETE FROM finding_fts WHERE rowid = ?", [cid])
                store.db.execute("INSERT INTO finding_fts(rowid, tokens) VALUES (?, ?)",
                                 [cid, tokens(record.category, record.description)])
            bring_back(store, child, cid, stamp)
