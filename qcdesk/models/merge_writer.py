"""SQL of a merge: looks up live rows by uuid and writes merged rows (decisions: exchange/merge.py).

New rows are inserted in batches. A record table has triggers (audit, change log, risk marks,
spot-check counts), and a statement that fires triggers needs a statement journal: run row by
row (``executemany``), every execution copies each page it touches into that journal again.
So where the import recognises every insert trigger of a table (models/bulk_insert.py), they
are set aside, the rows go straight in and the triggers' work is replayed once per batch;
otherwise the rows are staged in a TEMP table and written with ONE ``INSERT … SELECT`` per
batch, which copies each page once.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from itertools import repeat
from typing import Any

from qcdesk.exchange.workbook import SPEC_BY_TABLE, SPECS, SheetSpec
from qcdesk.models.audit_bulk import VouchedDigests
from qcdesk.models.bulk_insert import TriggerReplay
from qcdesk.models.exchange_store import (
    LINEAGE_COLS,
    _row_dict,
    _select,
    alias_sources,
    version_package,
)
from qcdesk.models.held_deletions import HELD_TABLES, Before, before, marks
from qcdesk.models.schema_aside import set_aside
from qcdesk.models.search_index import reindex_enterprises, reindex_visits
from qcdesk.models.search_text import SEARCHED_FIELDS, record_tokens
from qcdesk.models.store import Store, now_utc

BATCH_ROWS = 5000  # new rows staged before they are written (a lookup writes them earlier)
DEFER_INDEXES_FROM = 1000  # rows a package brings for a table before its indexes are deferred
# table -> (the search index its rows feed, the parent column naming the record indexed; None: itself)
_SEARCH_FEEDS = {"enterprise": ("enterprise", None), "contact": ("enterprise", "enterprise_id"),
                 "licence": ("enterprise", "enterprise_id"), "visit": ("visit", None),
                 "sample": ("visit", "visit_id")}


@contextlib.contextmanager
def indexes_deferred(store: Store, incoming: dict[str, int]) -> Iterator[None]:
    """Inside the import's transaction: a table about to receive more rows than it holds (a
    first import, a new county) loses its plain secondary indexes for the load, and they are
    built again at the end, from sorted data, in a fraction of the time that keeping them up to
    date row by row takes. UNIQUE indexes stay: they are rules, and the merge looks rows up
    by them. A failure rolls back, which brings the indexes back as they were."""
    db = store.db
    saved: list[tuple[str, str]] = []
    for table, count in sorted(incoming.items()):
        if table not in SPEC_BY_TABLE or int(count) < DEFER_INDEXES_FROM:
            continue
        if int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) >= int(count):
            continue
        for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name = ? AND sql IS NOT NULL", [table]).fetchall():
            if not sql.lstrip().upper().startswith("CREATE UNIQUE"):
                saved.append((name, sql))
    with set_aside(db.conn, "INDEX", saved):
        yield


class MergeWriter:
    """Reads and writes one database for a merge; keeps uuid -> id caches."""

    def __init__(self, store: Store, vouched: VouchedDigests | None = None,
                 replay: TriggerReplay | None = None, package: int | None = None) -> None:
        self.store = store
        self.package = package  # exchange_package.id the lineage rows name (None: not a package)
        self.db = store.db
        self.vouched = vouched  # audit digests of inserted rows, from the values bound
        self.replay = replay  # tables whose insert triggers are set aside (bulk_insert.py)
        self._ids: dict[str, dict[str, int]] = {s.table: {} for s in SPECS}
        self._select = {s.table: _select(s) + " WHERE t.uuid = ?" for s in SPECS}
        # uuids present before the merge: a uuid not in here needs no lookup at all
        self._known: dict[str, set[str]] = {
            s.table: {r[0] for r in self.db.conn.execute(f"SELECT uuid FROM {s.table}")}
            for s in SPECS}
        self._lineage_rows: list[tuple[str, str, str, str, str, str, int | None]] = []
        self._update_sql: dict[str, str] = {}
        # New rows are inserted in batches (executemany) with ids assigned here: one table at a
        # time and in arrival order, so triggers see parents first exactly as row by row.
        self._next_id: dict[str, int] = {}
        self._pending_table: str | None = None
        self._pending: list[Sequence[Any]] = []
        self._pending_uuids: set[str] = set()
        self._pending_fts: list[tuple[int, str]] = []
        self._staged: set[str] = set()
        # live enterprises in the batch by USCC: the duplicate check needs no early write
        self._pending_uscc: dict[str, str] = {}
        self._pending_uscc_exact = True  # False once a batched USCC is not text
        names = SPEC_BY_TABLE["enterprise"].data_names
        self._uscc, self._deleted_at = names.index("uscc"), names.index("deleted_at")
        self._deleted_at_of = {t: SPEC_BY_TABLE[t].data_names.index("deleted_at")
                               for t in SEARCHED_FIELDS}
        # firms and visits whose search text rows of this merge feed, indexed anew at `close`
        self._search_due: dict[str, set[int]] = {"enterprise": set(), "visit": set()}
        # live rows this merge wrote a deletion over, as they were (exchange/deletion_holds.py)
        self.deletions: dict[tuple[str, str], tuple[int, Before]] = {}
        self.marks = marks(self.db.conn)  # highest ids before the merge: new rows are above
        self.overwritten: dict[str, set[int]] = {t: set() for t in HELD_TABLES}  # their ids
        # parent table -> local uuid -> uuids filed under it (exchange/twin_lineage.py)
        self.sources = alias_sources(self.db.conn)

    def live(self, spec: SheetSpec, uuid: str) -> dict[str, Any] | None:
        if uuid not in self._known[spec.table]:
            return None
        if uuid in self._pending_uuids:
            self._write_pending()
        row = self.db.conn.execute(self._select[spec.table], [uuid]).fetchone()
        if row is None:
            return None
        d = _row_dict(spec, row)
        self._ids[spec.table][uuid] = d["id"]
        return d

    def known(self, table: str, uuid: str) -> bool:
        """Was this uuid in the database before the merge, or written by it already?"""
        return uuid in self._known[table]

    def local_id(self, table: str, uuid: str) -> int | None:
        cache = self._ids[table]
        if uuid in cache:
            return cache[uuid]
        row = self.db.conn.execute(f"SELECT id FROM {table} WHERE uuid = ?", [uuid]).fetchone()
        if row is None:
            alias = self.alias(table, uuid)
            if alias is None:
                return None
            if alias in cache:  # written by this merge (perhaps still queued)
                cache[uuid] = cache[alias]
                return cache[alias]
            row = self.db.conn.execute(f"SELECT id FROM {table} WHERE uuid = ?",
                                       [alias]).fetchone()
            if row is None:
                return None
        cache[uuid] = row[0]
        return row[0]

    def alias(self, table: str, uuid: str) -> str | None:
        row = self.db.conn.execute(
            "SELECT target_uuid FROM exchange_alias WHERE kind = ? AND uuid = ?",
            [table, uuid]).fetchone()
        return row[0] if row else None

    def add_alias(self, table: str, uuid: str, target: str, reason: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO exchange_alias(kind, uuid, target_uuid, reason)"
                        " VALUES (?, ?, ?, ?)", [table, uuid, target, reason])
        filed = self.sources.setdefault(table, {}).setdefault(target, [])
        if uuid not in filed:
            filed.append(uuid)

    def open_twins(self) -> list[tuple[str, str, str]]:
        """(uuid, holder uuid, kept version's row_json) of each enterprise filed under another
        by its credit code whose kept version waits unreviewed (newest version last)."""
        return self.db.conn.execute(
            "SELECT a.uuid, a.target_uuid, c.row_json FROM exchange_alias a"
            " JOIN exchange_conflict c ON c.kind = a.kind AND c.uuid = a.uuid"
            " AND c.reason = 'duplicate_uscc' AND c.resolved_at IS NULL"
            " WHERE a.kind = 'enterprise' ORDER BY c.id").fetchall()

    def twin_entries(self, uuid: str) -> list[dict[str, Any]]:
        """Every `duplicate_uscc` entry kept for twin enterprise `uuid`, open or resolved."""
        return self._conflict_rows("kind = 'enterprise' AND uuid = ? AND reason = 'duplicate_uscc'"
                                   " ORDER BY id", [uuid])

    def _conflict_rows(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        """Kept versions as dicts by column, for the merge rule and the twin rule alike."""
        cur = self.db.conn.execute(f"SELECT * FROM exchange_conflict WHERE {where}", params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    def follow_checked(self, conflict_id: int, version: str, row: dict[str, Any], signer: str,
                       package_sha256: str) -> None:
        """A checked twin's entry brought up to its newer `version` (exchange/twin_versions.py):
        its values and package; who checked it, when, and the note of what they saw stay."""
        self.db.conn.execute(
            "UPDATE exchange_conflict SET version = ?, row_json = ?, signer = ?, package_sha256 = ?"
            " WHERE id = ?", [version, json.dumps(row, ensure_ascii=False, sort_keys=True),
                              signer, package_sha256, conflict_id])

    def live_enterprise_by_uscc(self, uscc: str) -> str | None:
        pending = self._pending_uscc.get(uscc)
        if pending is not None:  # written by this merge, still in the batch
            return pending
        if self._pending_table == "enterprise" and not self._pending_uscc_exact:
            self._write_pending()  # a USCC typed as a number: SQLite's text of it decides
        row = self.db.conn.execute(
            "SELECT uuid FROM enterprise WHERE uscc = ? AND deleted_at IS NULL", [uscc]).fetchone()
        return row[0] if row else None

    def _update(self, spec: SheetSpec) -> str:
        """The overwrite statement (new rows go through `_write_pending` instead)."""
        sql = self._update_sql.get(spec.table)
        if sql is None:
            sql = (f"UPDATE {spec.table} SET {', '.join(f'{n} = ?' for n in spec.data_names)} "
                   "WHERE id = ?")
            self._update_sql[spec.table] = sql
        return sql

    def write_data(self, spec: SheetSpec, uuid: str, data: list[Any], origin: str,
                   existing_id: int | None, search: str | None = None) -> int:
        """Insert (batched) or overwrite the live row; ``data`` holds the data fields in
        ``data_names`` order, parents as local ids; ``search``: its search-index tokens
        when the caller has them (enterprises and findings)."""
        table = spec.table
        if existing_id is None:
            if self._pending_table != table:
                self._write_pending()
                self._pending_table = table
            rid = self._next_id.get(table)
            if rid is None:
                rid = self._first_free_id(table)
            self._next_id[table] = rid + 1
            self._pending.append([rid, uuid, origin, *data])
            self._pending_uuids.add(uuid)
            if table == "enterprise" and data[self._deleted_at] is None:
                if type(data[self._uscc]) is str:
                    self._pending_uscc.setdefault(data[self._uscc], uuid)
                else:
                    self._pending_uscc_exact = False
            if table in SEARCHED_FIELDS and data[self._deleted_at_of[table]] is None:
                self._pending_fts.append(
                    (rid, search if search is not None else self._tokens(spec, data)))
            if len(self._pending) >= BATCH_ROWS:
                self._write_pending()
        else:
            self._write_pending()
            if table in HELD_TABLES:
                self.overwritten[table].add(existing_id)
                if data[spec.data_names.index("deleted_at")] is not None:
                    was = before(self.db.conn, table, spec.data_names, existing_id, uuid)
                    if was is not None:  # a deletion over a live row: only these cost a read
                        self.deletions[(table, uuid)] = (existing_id, was)
            self.db.conn.execute(self._update(spec), [*data, existing_id])
            rid = existing_id
            if self.vouched is not None:
                self.vouched.forget(table, rid)
            if table in SEARCHED_FIELDS:
                self._reindex(spec, rid, data)
        self._ids[table][uuid] = rid
        self._known[table].add(uuid)
        self._note_search(spec, [rid], lambda i: [data[i]])
        return rid

    def switch_to(self, table: str) -> None:
        """Write what is queued for another table (as the first row of `table` would)."""
        if self._pending_table != table:
            self._write_pending()
            self._pending_table = table

    def all_new(self, table: str, uuids: Sequence[str]) -> bool:
        """None of `uuids` was in the database before or written by this merge, none twice."""
        return self._known[table].isdisjoint(uuids) and len(set(uuids)) == len(uuids)

    def cached_ids(self, table: str, uuids: Sequence[Any]) -> list[int | None]:
        """Local ids of the rows of `table` this merge has met so far (None: look it up)."""
        get = self._ids[table].get
        return [get(u) for u in uuids]

    def insert_new(self, spec: SheetSpec, uuids: Sequence[str], origins: Sequence[str],
                   columns: list[list[Any]], search: Sequence[str] | None) -> range:
        """`write_data` of many rows `all_new` vouched for, given column by column (data
        fields in ``data_names`` order, parents as local ids); returns their ids. Written in
        the very batches `write_data` makes, so that a failing batch fails at the same row."""
        table = spec.table
        self.switch_to(table)
        first = self._next_id.get(table)
        if first is None:
            first = self._first_free_id(table)
        rids = range(first, first + len(uuids))
        self._next_id[table] = rids.stop
        self._ids[table].update(zip(uuids, rids, strict=True))
        self._known[table].update(uuids)
        if table in SEARCHED_FIELDS and search is None:
            search = [self._tokens(spec, list(data)) for data in zip(*columns, strict=True)]
        deleted = columns[self._deleted_at_of[table]] if table in SEARCHED_FIELDS else None
        self._note_search(spec, rids, lambda i: columns[i])
        start = 0
        while start < len(uuids):
            part = slice(start, start + max(1, BATCH_ROWS - len(self._pending)))
            self._pending.extend(zip(rids[part], uuids[part], origins[part],
                                     *(c[part] for c in columns), strict=True))
            self._pending_uuids.update(uuids[part])
            if search is not None and deleted is not None:
                self._pending_fts.extend(
                    (rid, tokens) for rid, tokens, gone in zip(
                        rids[part], search[part], deleted[part], strict=True) if gone is None)
            start = part.stop
            if len(self._pending) >= BATCH_ROWS:
                self._write_pending()
        return rids

    def queue_lineage(self, table: str, uuids: Sequence[str], heads: Sequence[str],
                      editors: Sequence[str], bases: Sequence[str],
                      ancestors: Sequence[str]) -> None:
        """`set_lineage` of many rows."""
        self._lineage_rows.extend(zip(repeat(table), uuids, heads, editors, bases, ancestors,
                                      repeat(self.package)))
        if len(self._lineage_rows) >= 10000:
            self.flush()

    def _first_free_id(self, table: str) -> int:
        """Above every id in use, and above every id the audit trail still remembers: a row
        deleted by another program keeps its sealed state until someone accepts that, and a
        new row under its id would hide the deletion from `audit verify`."""
        top = int(self.db.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
        if self.db.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_state'").fetchone():
            top = max(top, int(self.db.conn.execute(
                "SELECT coalesce(max(row_id), 0) FROM audit_state WHERE table_name = ?",
                [table]).fetchone()[0]))
        return top + 1

    def _write_pending(self) -> None:
        table = self._pending_table
        if table is None or not self._pending:
            return
        names = SPEC_BY_TABLE[table].data_names
        cols = f"id, uuid, origin, {', '.join(names)}"
        conn = self.db.conn
        if self.replay is not None and self.replay.direct(table):
            conn.executemany(f"INSERT INTO main.{table} ({cols}) VALUES "
                             f"({', '.join('?' * (len(names) + 3))})", self._pending)
            self.replay.inserted(table, self._pending[0][0], self._pending[-1][0])
        else:
            self._write_staged(table, cols, len(names) + 3)
        if self.vouched is not None:
            self.vouched.add(table, ("id", "uuid", "origin", *names), self._pending)
        if self._pending_fts:
            conn.executemany(f"INSERT INTO {table}_fts(rowid, tokens) VALUES (?, ?)",
                             self._pending_fts)
        self._pending, self._pending_fts = [], []
        self._pending_uuids.clear()
        self._pending_uscc.clear()
        self._pending_uscc_exact = True

    def _write_staged(self, table: str, cols: str, width: int) -> None:
        """Through a TEMP table and one INSERT … SELECT: see the module's docstring."""
        stage = f"temp.merge_stage_{table}"
        conn = self.db.conn
        if table not in self._staged:
            # same declared types as the record table, so values get the same affinity
            conn.execute(f"DROP TABLE IF EXISTS {stage}")
            conn.execute(f"CREATE TABLE {stage} AS SELECT {cols} FROM main.{table} WHERE 0")
            self._staged.add(table)
        conn.executemany(f"INSERT INTO {stage} ({cols}) VALUES ({', '.join('?' * width)})",
                         self._pending)
        conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM {stage} ORDER BY rowid")
        conn.execute(f"DELETE FROM {stage}")

    def _note_search(self, spec: SheetSpec, rids: Sequence[int],
                     column: Callable[[int], Sequence[Any]]) -> None:
        """Mark the firms or visits whose search text these rows feed (`_SEARCH_FEEDS`);
        `column(i)` gives the rows' values of data field i."""
        feed = _SEARCH_FEEDS.get(spec.table)
        if feed is not None:
            target, parent = feed
            self._search_due[target].update(
                rids if parent is None else column(spec.data_names.index(parent)))

    def close(self) -> None:
        """Write what is still queued, index anew the firms and visits it touched (a contact's
        phone or a sample's product is searched in its firm or visit), drop the staging tables."""
        self.flush()
        reindex_enterprises(self.db.conn, self._search_due["enterprise"])
        reindex_visits(self.db.conn, self._search_due["visit"])
        self._search_due = {"enterprise": set(), "visit": set()}
        for table in self._staged:
            self.db.conn.execute(f"DROP TABLE IF EXISTS temp.merge_stage_{table}")
        self._staged.clear()

    def set_link(self, table: str, rid: int, column: str, target: int | None) -> None:
        self._write_pending()
        self.db.conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [target, rid])
        if self.vouched is not None:
            self.vouched.forget(table, rid)

    @staticmethod
    def _tokens(spec: SheetSpec, data: list[Any]) -> str:
        return record_tokens(spec.table, dict(zip(spec.data_names, data, strict=True)).get)

    def _reindex(self, spec: SheetSpec, rid: int, data: list[Any]) -> None:
        """Search index of an overwritten enterprise or finding (new rows: `_write_pending`)."""
        self.db.conn.execute(f"DELETE FROM {spec.table}_fts WHERE rowid = ?", [rid])
        if data[self._deleted_at_of[spec.table]] is None:
            self.db.conn.execute(f"INSERT INTO {spec.table}_fts(rowid, tokens) VALUES (?, ?)",
                                 [rid, self._tokens(spec, data)])

    def lineage(self, table: str, uuid: str) -> dict[str, str] | None:
        row = self.db.conn.execute(
            "SELECT head, editor, base, ancestors FROM exchange_lineage WHERE kind = ? AND uuid = ?",
            [table, uuid]).fetchone()
        return dict(zip(LINEAGE_COLS, row, strict=True)) if row else None

    def set_lineage(self, table: str, uuid: str, head: str, editor: str, base: str,
                    ancestors: str) -> None:
        """Queued; written by :meth:`flush` (a uuid appears once per package)."""
        self._lineage_rows.append((table, uuid, head, editor, base, ancestors, self.package))
        if len(self._lineage_rows) >= 10000:
            self.flush()

    def flush(self) -> None:
        self._write_pending()
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO exchange_lineage(kind, uuid, head, editor, base, ancestors,"
            " package) VALUES (?, ?, ?, ?, ?, ?, ?)", self._lineage_rows)
        self._lineage_rows = []

    def conflicts(self, table: str, uuid: str) -> list[dict[str, Any]]:
        if uuid not in self._known[table] and table != "enterprise":
            return []
        return self._conflict_rows("kind = ? AND uuid = ? AND resolved_at IS NULL", [table, uuid])

    def add_conflict(self, table: str, uuid: str, version: str, reason: str,
                     row: dict[str, Any], signer: str, package_sha256: str) -> None:
        self.db.conn.execute(
            "INSERT OR IGNORE INTO exchange_conflict(kind, uuid, version, reason, row_json,"
            " signer, package_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [table, uuid, version, reason, json.dumps(row, ensure_ascii=False, sort_keys=True),
             signer, package_sha256, now_utc()])

    def version_package(self, table: str, uuid: str) -> dict[str, Any] | None:
        """The package the live version of a record came in (signer, sequence, SHA-256), for
        a version about to be replaced and kept as a conflict; None when not recorded."""
        # nothing queued matters: the live version's lineage was written by an earlier merge
        return version_package(self.store, table, uuid)

    def drop_conflicts(self, table: str, uuid: str, versions: list[str]) -> None:
        for v in versions:
            self.db.conn.execute(
                "DELETE FROM exchange_conflict WHERE kind = ? AND uuid = ? AND version = ?",
                [table, uuid, v])
