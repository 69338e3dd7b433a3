"""SQL of the signed exchange: streaming export rows, merge writes, logs (no decisions here).

Tables come from models/schema_exchange.py; the merge rule is exchange/merge.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from qcdesk.exchange.workbook import SPEC_BY_TABLE, SPECS, SheetSpec
from qcdesk.models.search_text import tokens
from qcdesk.models.store import Store, now_utc

LINEAGE_COLS = ("head", "editor", "base", "ancestors")


def _select(spec: SheetSpec) -> str:
    cols = ["t.uuid"]
    for f in spec.data_fields:
        if f.parent:
            cols.append(f"(SELECT p.uuid FROM {f.parent} p WHERE p.id = t.{f.name})")
        else:
            cols.append(f"t.{f.name}")
    cols += ["t.origin", "t.id"] + [f"l.{c}" for c in LINEAGE_COLS]
    return (f"SELECT {', '.join(cols)} FROM {spec.table} t LEFT JOIN exchange_lineage l "
            f"ON l.kind = '{spec.table}' AND l.uuid = t.uuid")


def _row_dict(spec: SheetSpec, row: Sequence[Any]) -> dict[str, Any]:
    names = ["uuid", *(f.name for f in spec.data_fields), "origin", "id", *LINEAGE_COLS]
    return dict(zip(names, row, strict=True))


def change_counter(store: Store) -> int:
    """Position in the append-only change log (exchange_log.seq) up to which all is seen."""
    return int(store.db.execute("SELECT coalesce(max(seq), 0) FROM exchange_log").fetchone()[0])


def last_export(store: Store, signer: str) -> dict[str, Any] | None:
    rows = list(store.db.query(
        "SELECT * FROM exchange_export WHERE signer = ? ORDER BY sequence DESC LIMIT 1", [signer]))
    return rows[0] if rows else None


@contextmanager
def large_cache(store: Store, kib: int = 262144) -> Iterator[None]:
    """A bigger page cache while merging: inserts into random-uuid indexes otherwise thrash
    SQLite's default 2 MB cache once tables reach a few hundred thousand rows."""
    old = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(old)}")


def own_signer(store: Store) -> str | None:
    """Key id this database signs its packages with (the latest used), if it ever exported."""
    row = store.db.execute(
        "SELECT signer FROM exchange_export ORDER BY created_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def record_export(store: Store, *, signer: str, sequence: int, package_sha256: str,
                  file_name: str, change_seq: int, full: bool, counts: dict[str, int]) -> None:
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO exchange_export(signer, sequence, package_sha256, file_name, change_seq,"
            " full, created_at, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [signer, sequence, package_sha256, file_name, change_seq, int(full), now_utc(),
             json.dumps(counts, sort_keys=True)])
        # entries every signer has exported past are no longer needed (keep the last one so
        # that sequence numbers never go back)
        store.db.execute(
            "DELETE FROM exchange_log WHERE seq <= (SELECT min(m) FROM (SELECT max(change_seq)"
            " AS m FROM exchange_export GROUP BY signer)) AND seq < (SELECT max(seq) FROM"
            " exchange_log)")


def pick_changed(store: Store, since_seq: int) -> None:
    """Fill temp table export_pick with records changed after ``since_seq`` plus every
    parent they point to, so a package is self-contained for links."""
    db = store.db
    db.execute("CREATE TEMP TABLE IF NOT EXISTS export_pick "
               "(kind TEXT, id INTEGER, PRIMARY KEY (kind, id)) WITHOUT ROWID")
    db.execute("DELETE FROM export_pick")
    db.execute("INSERT OR IGNORE INTO export_pick SELECT kind, record_id FROM exchange_log "
               "WHERE seq > ?", [since_seq])
    for _ in range(3):  # visit <-> rectification links are circular: a few rounds suffice
        before = db.execute("SELECT count(*) FROM export_pick").fetchone()[0]
        for spec in reversed(SPECS):
            for f in spec.data_fields:
                if f.parent:
                    db.execute(
                        f"INSERT OR IGNORE INTO export_pick SELECT '{f.parent}', t.{f.name} "
                        f"FROM {spec.table} t JOIN export_pick k ON k.kind = '{spec.table}' "
                        f"AND k.id = t.id WHERE t.{f.name} IS NOT NULL")
        if db.execute("SELECT count(*) FROM export_pick").fetchone()[0] == before:
            break


def ensure_change_triggers(store: Store) -> None:
    """Change-log triggers on the other areas' record tables (see schema_exchange); rows
    written before a trigger existed are queued once, so no change is missed."""
    from qcdesk.models.schema_exchange import LATE_RECORD_TABLES, change_trigger_statements

    have = {r[0] for r in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'exchange_%'")}
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in LATE_RECORD_TABLES:
        if table in tables and f"exchange_{table}_ins" not in have:
            with store.db.atomic():
                for statement in change_trigger_statements(table):
                    store.db.execute(statement)
                store.db.execute(f"INSERT INTO exchange_log(kind, record_id) SELECT '{table}', id"
                                 f" FROM {table} ORDER BY id")


def visit_ids_to_send(store: Store, since_seq: int, *, full: bool) -> list[int]:
    """Ids of the not yet locked visits a package will carry (all, or the changed ones and
    the visits they link to)."""
    if full:
        sql = "SELECT id FROM visit WHERE locked_package IS NULL ORDER BY id"
    else:
        pick_changed(store, since_seq)
        sql = ("SELECT t.id FROM visit t JOIN export_pick k ON k.kind = 'visit' AND k.id = t.id"
               " WHERE t.locked_package IS NULL ORDER BY t.id")
    return [r[0] for r in store.db.execute(sql).fetchall()]


def live_photo_hashes(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT DISTINCT sha256 FROM photo WHERE deleted_at IS NULL").fetchall()]


def iter_export_rows(store: Store, spec: SheetSpec, *, picked: bool,
                     batch: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """Batches of rows (dicts: data fields with parents as uuids, origin, lineage)."""
    sql = _select(spec)
    if picked:
        sql += f" JOIN export_pick k ON k.kind = '{spec.table}' AND k.id = t.id"
    sql += " ORDER BY t.id"
    cur = store.db.conn.execute(sql)
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        yield [_row_dict(spec, r) for r in rows]


def count_rows(store: Store, spec: SheetSpec, *, picked: bool) -> int:
    sql = f"SELECT count(*) FROM {spec.table} t"
    if picked:
        sql += f" JOIN export_pick k ON k.kind = '{spec.table}' AND k.id = t.id"
    return int(store.db.execute(sql).fetchone()[0])


def summary_rows(store: Store) -> list[tuple[Any, ...]]:
    """Per jurisdiction: enterprises, visits, samples with a result, passes, fails (live rows)."""
    return list(store.db.execute(
        """
        SELECT j.code, j.name,
          (SELECT count(*) FROM enterprise e WHERE e.jurisdiction_code = j.code
             AND e.deleted_at IS NULL),
          (SELECT count(*) FROM visit v JOIN enterprise e ON e.id = v.enterprise_id
             WHERE e.jurisdiction_code = j.code AND v.deleted_at IS NULL),
          (SELECT count(*) FROM sample s JOIN visit v ON v.id = s.visit_id
             JOIN enterprise e ON e.id = v.enterprise_id WHERE e.jurisdiction_code = j.code
             AND s.deleted_at IS NULL AND v.deleted_at IS NULL AND s.result = 'pass'),
          (SELECT count(*) FROM sample s JOIN visit v ON v.id = s.visit_id
             JOIN enterprise e ON e.id = v.enterprise_id WHERE e.jurisdiction_code = j.code
             AND s.deleted_at IS NULL AND v.deleted_at IS NULL AND s.result = 'fail'),
          (SELECT count(*) FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id
             WHERE e.jurisdiction_code = j.code AND r.deleted_at IS NULL
             AND r.status NOT IN ('closed'))
        FROM jurisdiction j ORDER BY j.code
        """).fetchall())


# -- import side ------------------------------------------------------------------------------
class MergeWriter:
    """Reads and writes one database for a merge; keeps uuid -> id caches."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self._ids: dict[str, dict[str, int]] = {s.table: {} for s in SPECS}
        self._select = {s.table: _select(s) + " WHERE t.uuid = ?" for s in SPECS}
        # uuids present before the merge: a uuid not in here needs no lookup at all
        self._known: dict[str, set[str]] = {
            s.table: {r[0] for r in self.db.conn.execute(f"SELECT uuid FROM {s.table}")}
            for s in SPECS}
        self._lineage_rows: list[tuple[str, str, str, str, str, str]] = []
        self._sql_cache: dict[str, tuple[str, str]] = {}
        # New rows are inserted in batches (executemany) with ids assigned here: one table at a
        # time and in arrival order, so triggers see parents first exactly as row by row.
        self._next_id: dict[str, int] = {}
        self._pending_table: str | None = None
        self._pending: list[list[Any]] = []
        self._pending_uuids: set[str] = set()
        self._pending_fts: list[tuple[int, dict[str, Any]]] = []

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

    def local_id(self, table: str, uuid: str) -> int | None:
        cache = self._ids[table]
        if uuid in cache:
            return cache[uuid]
        row = self.db.conn.execute(f"SELECT id FROM {table} WHERE uuid = ?", [uuid]).fetchone()
        if row is None:
            alias = self.alias(table, uuid)
            if alias is None:
                return None
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

    def live_enterprise_by_uscc(self, uscc: str) -> str | None:
        if self._pending_table == "enterprise":
            self._write_pending()
        row = self.db.conn.execute(
            "SELECT uuid FROM enterprise WHERE uscc = ? AND deleted_at IS NULL", [uscc]).fetchone()
        return row[0] if row else None

    def _insert_sql(self, spec: SheetSpec) -> tuple[str, str]:
        sql = self._sql_cache.get(spec.table)
        if sql is None:
            names = spec.data_names
            sql = (f"INSERT INTO {spec.table} (uuid, origin, {', '.join(names)}) "
                   f"VALUES ({', '.join('?' * (len(names) + 2))})",
                   f"UPDATE {spec.table} SET {', '.join(f'{n} = ?' for n in names)} "
                   "WHERE id = ?")
            self._sql_cache[spec.table] = sql
        return sql

    def write(self, spec: SheetSpec, values: dict[str, Any], local: dict[str, Any],
              origin: str, existing_id: int | None) -> int:
        """Insert (batched) or overwrite the live row; ``local`` holds parents as ids."""
        table = spec.table
        insert, update = self._insert_sql(spec)
        data = [local[n] if n in local else values.get(n) for n in spec.data_names]
        uuid = values["uuid"]
        if existing_id is None:
            if self._pending_table != table:
                self._write_pending()
                self._pending_table = table
            rid = self._next_id.get(table)
            if rid is None:
                rid = int(self.db.conn.execute(
                    f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])
            self._next_id[table] = rid + 1
            self._pending.append([rid, uuid, origin, *data])
            self._pending_uuids.add(uuid)
            if table in ("enterprise", "finding"):
                self._pending_fts.append((rid, dict(zip(spec.data_names, data, strict=True))))
            if len(self._pending) >= 5000:
                self._write_pending()
        else:
            self._write_pending()
            self.db.conn.execute(update, [*data, existing_id])
            rid = existing_id
            if table in ("enterprise", "finding"):
                self._reindex(table, rid, dict(zip(spec.data_names, data, strict=True)), new=False)
        self._ids[table][uuid] = rid
        self._known[table].add(uuid)
        return rid

    def _write_pending(self) -> None:
        table = self._pending_table
        if table is None or not self._pending:
            return
        names = SPEC_BY_TABLE[table].data_names
        self.db.conn.executemany(
            f"INSERT INTO {table} (id, uuid, origin, {', '.join(names)}) "
            f"VALUES ({', '.join('?' * (len(names) + 3))})", self._pending)
        for rid, data in self._pending_fts:
            self._reindex(table, rid, data, new=True)
        self._pending, self._pending_fts = [], []
        self._pending_uuids.clear()

    def set_link(self, table: str, rid: int, column: str, target: int | None) -> None:
        self._write_pending()
        self.db.conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [target, rid])

    def _reindex(self, table: str, rid: int, data: dict[str, Any], new: bool) -> None:
        if table == "enterprise":
            if not new:
                self.db.conn.execute("DELETE FROM enterprise_fts WHERE rowid = ?", [rid])
            if data.get("deleted_at") is None:
                self.db.conn.execute(
                    "INSERT INTO enterprise_fts(rowid, tokens) VALUES (?, ?)",
                    [rid, tokens(data.get("name"), data.get("uscc"), data.get("main_products"),
                                 data.get("industry"))])
        elif table == "finding":
            if not new:
                self.db.conn.execute("DELETE FROM finding_fts WHERE rowid = ?", [rid])
            if data.get("deleted_at") is None:
                self.db.conn.execute("INSERT INTO finding_fts(rowid, tokens) VALUES (?, ?)",
                                     [rid, tokens(data.get("category"), data.get("description"))])

    def lineage(self, table: str, uuid: str) -> dict[str, str] | None:
        row = self.db.conn.execute(
            "SELECT head, editor, base, ancestors FROM exchange_lineage WHERE kind = ? AND uuid = ?",
            [table, uuid]).fetchone()
        return dict(zip(LINEAGE_COLS, row, strict=True)) if row else None

    def set_lineage(self, table: str, uuid: str, head: str, editor: str, base: str,
                    ancestors: str) -> None:
        """Queued; written by :meth:`flush` (a uuid appears once per package)."""
        self._lineage_rows.append((table, uuid, head, editor, base, ancestors))
        if len(self._lineage_rows) >= 10000:
            self.flush()

    def flush(self) -> None:
        self._write_pending()
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO exchange_lineage(kind, uuid, head, editor, base, ancestors)"
            " VALUES (?, ?, ?, ?, ?, ?)", self._lineage_rows)
        self._lineage_rows = []

    def conflicts(self, table: str, uuid: str) -> list[dict[str, Any]]:
        if uuid not in self._known[table] and table != "enterprise":
            return []
        return list(self.db.query(
            "SELECT * FROM exchange_conflict WHERE kind = ? AND uuid = ? AND resolved_at IS NULL",
            [table, uuid]))

    def add_conflict(self, table: str, uuid: str, version: str, reason: str,
                     row: dict[str, Any], signer: str, package_sha256: str) -> None:
        self.db.conn.execute(
            "INSERT OR IGNORE INTO exchange_conflict(kind, uuid, version, reason, row_json,"
            " signer, package_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [table, uuid, version, reason, json.dumps(row, ensure_ascii=False, sort_keys=True),
             signer, package_sha256, now_utc()])

    def drop_conflicts(self, table: str, uuid: str, versions: list[str]) -> None:
        for v in versions:
            self.db.conn.execute(
                "DELETE FROM exchange_conflict WHERE kind = ? AND uuid = ? AND version = ?",
                [table, uuid, v])


def open_conflicts(store: Store) -> list[dict[str, Any]]:
    return list(store.db.query(
        "SELECT * FROM exchange_conflict WHERE resolved_at IS NULL ORDER BY kind, uuid, version"))


def imported_packages(store: Store, signer: str) -> dict[int, str]:
    return {r[0]: r[1] for r in store.db.execute(
        "SELECT sequence, package_sha256 FROM exchange_import WHERE signer = ?", [signer])}


def record_import(store: Store, *, signer: str, sequence: int, package_sha256: str, role: str,
                  counts: dict[str, Any]) -> None:
    store.db.execute(
        "INSERT OR IGNORE INTO exchange_import(signer, sequence, package_sha256, role,"
        " imported_at, counts) VALUES (?, ?, ?, ?, ?, ?)",
        [signer, sequence, package_sha256, role, now_utc(), json.dumps(counts, sort_keys=True)])


def get_conflict(store: Store, conflict_id: int) -> dict[str, Any] | None:
    rows = list(store.db.query("SELECT * FROM exchange_conflict WHERE id = ?", [conflict_id]))
    return rows[0] if rows else None


def mark_resolved(store: Store, conflict_id: int, resolution: str) -> None:
    store.db.execute("UPDATE exchange_conflict SET resolved_at = ?, resolution = ? WHERE id = ?",
                     [now_utc(), resolution, conflict_id])
