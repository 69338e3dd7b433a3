"""SQL of the signed exchange: streaming export rows, merge writes, logs (no decisions here).

Tables come from models/schema_exchange.py; the merge rule is exchange/merge.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from qcdesk.exchange.workbook import SPECS, SheetSpec
from qcdesk.models.store import Store, now_utc, write_transaction

LINEAGE_COLS = ("head", "editor", "base", "ancestors")
# Display-only columns (`Field.display`, never read back nor hashed): the join each sheet's
# export query makes for them, and each source's expression. Joined in the one query, so a
# 100,000-visit export looks nothing up row by row in Python.
_DISPLAY_JOINS = {
    "visit": "LEFT JOIN enterprise de ON de.id = t.enterprise_id",
    "sample": ("LEFT JOIN visit dv ON dv.id = t.visit_id "
               "LEFT JOIN enterprise de ON de.id = dv.enterprise_id"),
    "rectification": "LEFT JOIN enterprise de ON de.id = t.enterprise_id",
}
# The visit's inspectors in the order stored, joined with 、; a uuid no inspector here has is
# shown as it is, and a value that is not a JSON array shows nothing (it still travels
# exactly). Nested CASE, so that json_type never meets malformed JSON (it raises).
_DISPLAY_COLUMNS = {
    "enterprise.name": "de.name",
    "inspector.name": (
        "(SELECT group_concat(n, '、') FROM (SELECT coalesce(i.name, j.value) AS n"
        " FROM json_each(CASE WHEN json_valid(t.inspectors) THEN CASE json_type(t.inspectors)"
        " WHEN 'array' THEN t.inspectors END END) j LEFT JOIN inspector i ON i.uuid = j.value"
        " ORDER BY j.key))"),
}


def _select(spec: SheetSpec) -> str:
    cols = ["t.uuid"]
    for f in spec.data_fields:
        if f.parent:
            cols.append(f"(SELECT p.uuid FROM {f.parent} p WHERE p.id = t.{f.name})")
        else:
            cols.append(f"t.{f.name}")
    cols += ["t.origin", "t.id"] + [f"l.{c}" for c in LINEAGE_COLS]
    cols += [_DISPLAY_COLUMNS[name] for name in spec.display_names]
    joins = f" {_DISPLAY_JOINS[spec.table]}" if spec.display_names else ""
    return (f"SELECT {', '.join(cols)} FROM {spec.table} t LEFT JOIN exchange_lineage l "
            f"ON l.kind = '{spec.table}' AND l.uuid = t.uuid{joins}")


def _row_dict(spec: SheetSpec, row: Sequence[Any]) -> dict[str, Any]:
    names = ["uuid", *(f.name for f in spec.data_fields), "origin", "id", *LINEAGE_COLS,
             *spec.display_names]
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
    with write_transaction(store.db):
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


# Packages recorded but not yet under their name (settings key, a JSON list): written in the
# transaction that records the export, dropped once the package has its name (export.py).
_UNPUBLISHED = "exchange.unpublished"


def note_unpublished(store: Store, note: dict[str, Any]) -> None:
    """Remember, in the export's own transaction, that this package still has its side name."""
    notes = [n for n in unpublished_notes(store) if n.get("final") != note.get("final")]
    _write_unpublished(store, [*notes, note])


def unpublished_notes(store: Store) -> list[dict[str, Any]]:
    """The packages this database recorded whose file may still wait under its side name."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [_UNPUBLISHED]).fetchone()
    try:
        notes = json.loads(row[0]) if row else []
    except ValueError:
        return []
    return [n for n in notes if isinstance(n, dict)] if isinstance(notes, list) else []


def drop_unpublished(store: Store, finals: list[str]) -> None:
    """Forget the notes of these package paths (named now, or gone)."""
    notes = unpublished_notes(store)
    kept = [n for n in notes if n.get("final") not in finals]
    if len(kept) != len(notes):
        with write_transaction(store.db):
            _write_unpublished(store, kept)


def _write_unpublished(store: Store, notes: list[dict[str, Any]]) -> None:
    if notes:
        store.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)",
                         [_UNPUBLISHED, json.dumps(notes, ensure_ascii=False)])
    else:
        store.db.execute("DELETE FROM settings WHERE key = ?", [_UNPUBLISHED])


def recorded_sequence(store: Store, file_name: str) -> int:
    """The number of the package recorded under this file name (0: none)."""
    row = store.db.execute("SELECT sequence FROM exchange_export WHERE file_name = ? "
                           "ORDER BY sequence DESC LIMIT 1", [file_name]).fetchone()
    return int(row[0]) if row else 0


def export_recorded(store: Store, file_name: str, package_sha256: str) -> bool:
    """Was this exact package recorded as exported (committed) by this database?"""
    return store.db.execute("SELECT 1 FROM exchange_export WHERE file_name = ? AND "
                            "package_sha256 = ?", [file_name, package_sha256]).fetchone() is not None


def exported_sequence(store: Store, package_sha256: str) -> int | None:
    """The sequence number this database exported the package with this SHA-256 under, or None."""
    row = store.db.execute("SELECT sequence FROM exchange_export WHERE package_sha256 = ? "
                           "ORDER BY rowid DESC LIMIT 1", [package_sha256]).fetchone()
    return None if row is None else int(row[0])


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


def count_changed(store: Store, since_seq: int) -> int:
    """Records a package of the changes after ``since_seq`` would carry (0: nothing changed),
    so that an empty package is not written without the user knowing. The change log is read
    first: when nothing was logged the picking is skipped."""
    if store.db.execute("SELECT 1 FROM exchange_log WHERE seq > ? LIMIT 1",
                        [since_seq]).fetchone() is None:
        return 0
    pick_changed(store, since_seq)
    return sum(count_rows(store, spec, picked=True) for spec in SPECS)


def any_changed(store: Store, since_seq: int) -> bool:
    """Would a package of the changes after ``since_seq`` carry any record? The same answer as
    ``count_changed(...) > 0`` (a logged record that still exists, deleted or not; its parents
    only ever come with it), without picking every changed record: the log is read in order
    and the first entry whose record exists ends it. The export dialog asks this on the GUI
    thread before its worker starts, with maybe hundreds of thousands of changes pending."""
    carried = " OR ".join(f"(l.kind = '{spec.table}' AND EXISTS (SELECT 1 FROM {spec.table} t"
                          f" WHERE t.id = l.record_id))" for spec in SPECS)
    row = store.db.execute(f"SELECT EXISTS (SELECT 1 FROM exchange_log l WHERE l.seq > ?"
                           f" AND ({carried}))", [since_seq]).fetchone()
    return bool(row[0])


def ensure_change_triggers(store: Store) -> None:
    """Change-log triggers on the other areas' record tables (see schema_exchange); rows
    written before a trigger existed are queued once, so no change is missed."""
    from qcdesk.models.schema_exchange import LATE_RECORD_TABLES, change_trigger_statements

    have = {r[0] for r in store.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'exchange_%'")}
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in LATE_RECORD_TABLES:
        if table in tables and f"exchange_{table}_ins" not in have:
            with write_transaction(store.db):
                for statement in change_trigger_statements(table):
                    store.db.execute(statement)
                store.db.execute(f"INSERT INTO exchange_log(kind, record_id) SELECT '{table}', id"
                                 f" FROM {table} ORDER BY id")


def visit_ids_to_send(store: Store, since_seq: int, *, full: bool) -> list[int]:
    """Ids of the finished, not yet locked visits a package will carry and so lock (all, or
    the changed ones and the visits they link to). A draft or planned visit travels too, so
    that nothing is lost and the county sees work in progress, but it is not final: it stays
    editable and its later revisions go out in later packages."""
    if full:
        sql = "SELECT id FROM visit WHERE locked_package IS NULL AND status = 'done' ORDER BY id"
    else:
        pick_changed(store, since_seq)
        sql = ("SELECT t.id FROM visit t JOIN export_pick k ON k.kind = 'visit' AND k.id = t.id"
               " WHERE t.locked_package IS NULL AND t.status = 'done' ORDER BY t.id")
    return [r[0] for r in store.db.execute(sql).fetchall()]


def unfinished_visits_sent(store: Store, *, picked: bool) -> int:
    """Live visits a package carries that are not finished (draft or planned), so not locked;
    call after `pick_changed` when `picked`."""
    sql = "SELECT count(*) FROM visit t"
    if picked:
        sql += " JOIN export_pick k ON k.kind = 'visit' AND k.id = t.id"
    sql += " WHERE t.locked_package IS NULL AND t.status <> 'done' AND t.deleted_at IS NULL"
    return int(store.db.execute(sql).fetchone()[0])


def package_photo_hashes(store: Store, *, picked: bool) -> list[str]:
    """Files of the live 照片 rows a package carries (all of them, or the picked ones: call
    after `pick_changed`), never the whole archive: a weekly package holding every photo grew
    until the size limit refused it. A deleted row travels without its file."""
    sql = "SELECT DISTINCT t.sha256 FROM photo t"
    if picked:
        sql += " JOIN export_pick k ON k.kind = 'photo' AND k.id = t.id"
    sql += " WHERE t.deleted_at IS NULL ORDER BY t.sha256"
    return [r[0] for r in store.db.execute(sql).fetchall()]


def unsent_photo_hashes(store: Store, signer: str) -> list[str]:
    """Files of live 照片 rows that no earlier package of `signer` carried: a package made
    without photo files (the CLI default) leaves them for the next one made with them, and a
    file received for a row already held (its first package came without it) goes on."""
    return [r[0] for r in store.db.execute(
        "SELECT DISTINCT t.sha256 FROM photo t WHERE t.deleted_at IS NULL AND NOT EXISTS"
        " (SELECT 1 FROM exchange_photo_sent s WHERE s.signer = ? AND s.sha256 = t.sha256)"
        " ORDER BY t.sha256", [signer]).fetchall()]


def photo_ages(store: Store, signer: str) -> dict[str, tuple[int, bool]]:
    """Each live photo file's place from the oldest (0) and whether a package of `signer`
    carried it: the order photo files go in when not all fit in one package."""
    return {r[0]: (n, bool(r[1])) for n, r in enumerate(store.db.execute(
        "SELECT t.sha256, EXISTS (SELECT 1 FROM exchange_photo_sent s WHERE s.signer = ?"
        " AND s.sha256 = t.sha256) FROM photo t WHERE t.deleted_at IS NULL GROUP BY t.sha256"
        " ORDER BY MIN(t.created_at), MIN(t.id)", [signer]).fetchall())}


def record_photos_sent(store: Store, signer: str, sequence: int, hashes: Sequence[str]) -> None:
    """The photo files a package of `signer` carried (call inside the export's transaction)."""
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO exchange_photo_sent(signer, sha256, sequence) VALUES (?, ?, ?)",
        [(signer, sha, sequence) for sha in hashes])


def iter_export_rows(store: Store, spec: SheetSpec, *, picked: bool,
                     batch: int = 2000) -> Iterator[list[dict[str, Any]]]:
    """Batches of rows (dicts: data fields with parents as uuids, origin, lineage, and the
    display-only columns by their source, e.g. 'enterprise.name')."""
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
    """Per jurisdiction, over all periods: live enterprises, visits carried out (planned ones
    left out, as the report counts 检查次数), the 监督抽查合格率's passed and failed samples, and
    orders not closed. A soft-deleted enterprise's records count nowhere.

    Why `spot_month`: it holds exactly the samples the report and the dashboard count (live
    sample of a live spot-check visit, result pass/fail, the 复检 conclusion being stored as the
    result), per enterprise and month, kept by triggers; summing it is a few thousand rows where
    the sample table is hundreds of thousands. Each part is one grouped pass over its index."""
    return list(store.db.execute(
        """
        WITH live AS (SELECT id, jurisdiction_code AS code FROM enterprise WHERE deleted_at IS NULL),
        ents AS (SELECT code, count(*) AS n FROM live GROUP BY code),
        visits AS (SELECT l.code, count(*) AS n FROM live l JOIN visit v ON v.enterprise_id = l.id
          WHERE v.deleted_at IS NULL AND v.status != 'planned' GROUP BY l.code),
        spot AS (SELECT l.code, sum(m.passed) AS passed, sum(m.failed) AS failed
          FROM live l JOIN spot_month m ON m.enterprise_id = l.id GROUP BY l.code),
        open_rect AS (SELECT l.code, count(*) AS n FROM live l
          JOIN rectification r ON r.enterprise_id = l.id
          WHERE r.deleted_at IS NULL AND r.status != 'closed' GROUP BY l.code)
        SELECT j.code, j.name, coalesce(ents.n, 0), coalesce(visits.n, 0),
          coalesce(spot.passed, 0), coalesce(spot.failed, 0), coalesce(open_rect.n, 0)
        FROM jurisdiction j LEFT JOIN ents ON ents.code = j.code
          LEFT JOIN visits ON visits.code = j.code LEFT JOIN spot ON spot.code = j.code
          LEFT JOIN open_rect ON open_rect.code = j.code
        ORDER BY j.code
        """).fetchall())


def open_conflicts(store: Store) -> list[dict[str, Any]]:
    return list(store.db.query(
        "SELECT * FROM exchange_conflict WHERE resolved_at IS NULL ORDER BY kind, uuid, version"))


def open_conflict_keys(store: Store, after: Sequence[Any] | None, limit: int) -> list[tuple[Any, ...]]:
    """Up to `limit` keys (kind, uuid, version, id) of open conflicts following the key `after`
    (None: from the start), in `open_conflicts`' order: one page of the conflict list, which a
    city merging six counties' packages can make tens of thousands long."""
    where, params = "resolved_at IS NULL", []
    if after is not None:
        where += " AND kind >= ? AND (kind, uuid, version) > (?, ?, ?)"
        params = [after[0], *after[:3]]
    return [tuple(r) for r in store.db.execute(
        f"SELECT kind, uuid, version, id FROM exchange_conflict WHERE {where}"
        " ORDER BY kind, uuid, version LIMIT ?", [*params, limit])]


def conflicts_by_ids(store: Store, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The conflicts with these ids (resolved ones too), keyed by id: the rows a list shows."""
    rows = store.db.query("SELECT * FROM exchange_conflict WHERE id IN (SELECT value FROM json_each(?))",
                          [json.dumps([int(i) for i in ids])])
    return {row["id"]: row for row in rows}


def count_open_conflicts(store: Store) -> int:
    return int(store.db.execute(
        "SELECT count(*) FROM exchange_conflict WHERE resolved_at IS NULL").fetchone()[0])


def record_import(store: Store, *, signer: str, sequence: int, package_sha256: str, role: str,
                  counts: dict[str, Any]) -> None:
    store.db.execute(
        "INSERT OR IGNORE INTO exchange_import(signer, sequence, package_sha256, role,"
        " imported_at, counts) VALUES (?, ?, ?, ?, ?, ?)",
        [signer, sequence, package_sha256, role, now_utc(), json.dumps(counts, sort_keys=True)])


def package_imported(store: Store, package_sha256: str) -> bool:
    """Whether the package of this hash is recorded as imported (its merge committed)."""
    return store.db.execute("SELECT 1 FROM exchange_import WHERE package_sha256 = ?",
                            [package_sha256]).fetchone() is not None


def package_number(store: Store, package_sha256: str) -> int | None:
    """The number the lineage rows of this package name it by (`schema_exchange` 0004), made on
    first use; None for a merge of no package (a bare spreadsheet)."""
    if not package_sha256:
        return None
    store.db.execute("INSERT OR IGNORE INTO exchange_package(package_sha256) VALUES (?)",
                     [package_sha256])
    row = store.db.execute("SELECT id FROM exchange_package WHERE package_sha256 = ?",
                           [package_sha256]).fetchone()
    return int(row[0])


def version_package(store: Store, table: str, uuid: str) -> dict[str, Any] | None:
    """The package the record's merged version came in (signer, sequence, package_sha256,
    imported_at), None when it was not recorded (merged before 0004, or not from a package)."""
    row = store.db.execute(
        "SELECT i.signer, i.sequence, i.package_sha256, i.imported_at FROM exchange_lineage l"
        " JOIN exchange_package p ON p.id = l.package"
        " JOIN exchange_import i ON i.package_sha256 = p.package_sha256"
        " WHERE l.kind = ? AND l.uuid = ?", [table, uuid]).fetchone()
    return None if row is None else {"signer": row[0], "sequence": row[1],
                                     "package_sha256": row[2], "imported_at": row[3]}


def get_conflict(store: Store, conflict_id: int) -> dict[str, Any] | None:
    rows = list(store.db.query("SELECT * FROM exchange_conflict WHERE id = ?", [conflict_id]))
    return rows[0] if rows else None


def last_audit_seq(store: Store) -> int | None:
    """The newest audit entry's seq (None without an audit log): a resolution notes it before
    its write, so its history line is placed just before that write whatever the clock said."""
    try:
        row = store.db.execute("SELECT MAX(seq) FROM audit_log").fetchone()
    except sqlite3.OperationalError:  # no audit log in this database
        return None
    return int(row[0] or 0)


def mark_resolved(store: Store, conflict_id: int, resolution: str, *, note: str = "") -> None:
    """Close a conflict, noting who did (the store's author) and, in `note` (JSON), what the
    choice was between: it is all the record's history has of the version set aside."""
    store.db.execute("UPDATE exchange_conflict SET resolved_at = ?, resolution = ?, resolved_by = ?,"
                     " resolution_note = ? WHERE id = ?",
                     [now_utc(), resolution, store.author or "", note, conflict_id])


def alias_sources(conn: sqlite3.Connection) -> dict[str, dict[str, list[str]]]:
    """Parent table -> local uuid -> the uuids filed under it (`exchange_alias`): what a row
    linked to a twin's local firm named as sent (exchange/twin_lineage.py)."""
    found: dict[str, dict[str, list[str]]] = {}
    for kind, uuid, target in conn.execute(
            "SELECT kind, uuid, target_uuid FROM exchange_alias ORDER BY kind, target_uuid, uuid"):
        found.setdefault(kind, {}).setdefault(target, []).append(uuid)
    return found
