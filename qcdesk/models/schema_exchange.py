"""Tables of the signed exchange (append-only migration set ``qcdesk.exchange``).

* ``exchange_log`` + triggers (0002; 0001 had a counter table): an append-only change log,
  so an incremental export finds "what changed since this signer's last package" without
  trusting clocks; imports append too, so a county re-exports what its inspectors sent.
* ``exchange_export``: the packages this database signed (sequence per signer key).
* ``exchange_import``: the packages merged here (replay detection works on it too).
* ``exchange_lineage``: for records that came through an import, the version they were
  merged at (editor, base, ancestors) — what the merge rule needs to tell "newer" from
  "divergent" (docs/exchange-spreadsheet.md, merge rule).
* ``exchange_conflict``: incoming versions kept beside the live row until resolved.
* ``exchange_alias``: an enterprise uuid mapped to the local one with the same USCC.
* ``exchange_package`` (0004): a small number for each package merged here, which
  ``exchange_lineage.package`` names, so that a version replaced by a later one can still say
  which package (signer, sequence) it came in.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.schema import RECORD_TABLES, run_statements

exchange_migrations = Migrations("qcdesk.exchange")


def _triggers(table: str) -> list[str]:
    body = (
        "UPDATE exchange_counter SET value = value + 1 WHERE id = 1; "
        "INSERT OR REPLACE INTO exchange_change(kind, record_id, seq) VALUES "
        f"('{table}', NEW.id, (SELECT value FROM exchange_counter WHERE id = 1)); "
    )
    return [
        f"CREATE TRIGGER exchange_{table}_ins AFTER INSERT ON {table} BEGIN {body}END",
        f"CREATE TRIGGER exchange_{table}_upd AFTER UPDATE ON {table} BEGIN {body}END",
    ]


@exchange_migrations(name="0001_exchange_tables")
def create_exchange_tables(db: Database) -> None:
    run_statements(
        db,
        """
CREATE TABLE exchange_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO exchange_counter(id, value) VALUES (1, 0);
CREATE TABLE exchange_change (
    kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;
CREATE INDEX exchange_change_seq ON exchange_change(kind, seq);
CREATE TABLE exchange_export (
    signer TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    package_sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    change_seq INTEGER NOT NULL,
    full INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (signer, sequence)
);
CREATE TABLE exchange_import (
    signer TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    package_sha256 TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (signer, sequence)
);
CREATE TABLE exchange_lineage (
    kind TEXT NOT NULL,
    uuid TEXT NOT NULL,
    head TEXT NOT NULL,
    editor TEXT NOT NULL,
    base TEXT NOT NULL DEFAULT '',
    ancestors TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, uuid)
) WITHOUT ROWID;
CREATE TABLE exchange_conflict (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    uuid TEXT NOT NULL,
    version TEXT NOT NULL,
    reason TEXT NOT NULL,
    row_json TEXT NOT NULL,
    signer TEXT NOT NULL,
    package_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, uuid, version)
);
CREATE INDEX exchange_conflict_open ON exchange_conflict(resolved_at, kind);
CREATE TABLE exchange_alias (
    kind TEXT NOT NULL,
    uuid TEXT NOT NULL,
    target_uuid TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (kind, uuid)
) WITHOUT ROWID
""",
    )
    for table in RECORD_TABLES:
        for statement in _triggers(table):
            db.execute(statement)


@exchange_migrations(name="0002_append_only_change_log")
def append_only_change_log(db: Database) -> None:
    """One append per change instead of counter update + replace: half the trigger cost on
    every write (imports write hundreds of thousands of rows)."""
    for table in RECORD_TABLES:
        db.execute(f"DROP TRIGGER IF EXISTS exchange_{table}_ins")
        db.execute(f"DROP TRIGGER IF EXISTS exchange_{table}_upd")
    db.execute("CREATE TABLE exchange_log (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
               " record_id INTEGER NOT NULL)")
    db.execute("INSERT INTO exchange_log(seq, kind, record_id) "
               "SELECT seq, kind, record_id FROM exchange_change ORDER BY seq")
    db.execute("DROP TABLE exchange_change")
    db.execute("DROP TABLE exchange_counter")
    for table in RECORD_TABLES:
        for when in ("INSERT", "UPDATE"):
            db.execute(
                f"CREATE TRIGGER exchange_{table}_{when[:3].lower()} AFTER {when} ON {table} "
                f"BEGIN INSERT INTO exchange_log(kind, record_id) VALUES ('{table}', NEW.id); END")


# Record tables of other areas that travel in packages.  Their migration sets run after this
# one, so on a new database the tables do not exist yet when this set runs: the migration
# covers databases that have them, and exchange_store.ensure_change_triggers (run by every
# export and import) covers the rest, queueing the rows written before it.
LATE_RECORD_TABLES = ("amendment", "draw_record", "demonstration_zone", "recusal")


def change_trigger_statements(table: str) -> list[str]:
    return [f"CREATE TRIGGER IF NOT EXISTS exchange_{table}_{when[:3].lower()} AFTER {when} ON"
            f" {table} BEGIN INSERT INTO exchange_log(kind, record_id) VALUES ('{table}', NEW.id);"
            " END" for when in ("INSERT", "UPDATE")]


@exchange_migrations(name="0003_change_log_for_late_tables")
def change_log_for_late_tables(db: Database) -> None:
    existing = set(db.table_names())
    for table in LATE_RECORD_TABLES:
        if table in existing:
            for statement in change_trigger_statements(table):
                db.execute(statement)


@exchange_migrations(name="0004_lineage_package")
def lineage_package(db: Database) -> None:
    """Which package each merged version came in. A number per lineage row, not the package's
    SHA-256: the lineage gets a row for every record an import brings (hundreds of thousands),
    and 64 characters each would cost the import time and the file space. Written by the merge
    with the lineage rows themselves, no trigger (docs/engineering.md, bulk inserts)."""
    run_statements(
        db,
        """
CREATE TABLE exchange_package (
    id INTEGER PRIMARY KEY,
    package_sha256 TEXT NOT NULL UNIQUE
);
ALTER TABLE exchange_lineage ADD COLUMN package INTEGER
""",
    )


@exchange_migrations(name="0005_photo_files_sent")
def photo_files_sent(db: Database) -> None:
    """Which photo files each signer's packages carried (by SHA-256), so that a package made
    with photo files also carries every live file not sent before: one made without them
    (the CLI default) must not leave a photo behind for good. Empty after the upgrade: every
    file counts as not sent and goes once more, never lost."""
    run_statements(
        db,
        """
CREATE TABLE exchange_photo_sent (
    signer TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    PRIMARY KEY (signer, sha256)
) WITHOUT ROWID
""",
    )


@exchange_migrations(name="0006_version_ids_of_the_current_recipe")
def version_ids_of_the_current_recipe(db: Database) -> None:
    """Version ids made by the content-hash recipe before 2026-11-29 19:32 (`exchange/
    legacy_hash.py`) in the lineage heads and kept conflicts, made again with today's recipe.
    Why: a live row that still is the version merged read as edited here (its id differs),
    so a one-sided edit from the other office came in as a conflict and an export sent it as
    a new version of ours. Only ids whose content is here and hashes to them by the old recipe
    are replaced (exact); bases and ancestors are left as sent: they name versions held only by
    their id, so their editors go on sending them so, and the merge recognises the old id of a
    version whose content it holds (`merge.descends`). Runs again without changing anything."""
    from qcdesk.exchange.workbook import SPECS

    for spec in SPECS:
        _translate_heads(db, spec)
    _translate_conflicts(db)


def _translate_heads(db: Database, spec: Any) -> None:
    """Lineage heads of `spec`'s table whose live row is that version under the old recipe."""
    from qcdesk.exchange.legacy_hash import LEGACY_TABLES, legacy_hash_of
    from qcdesk.exchange.merge import content_hashes

    if spec.table not in LEGACY_TABLES:
        return
    cols = [f"(SELECT p.uuid FROM {f.parent} p WHERE p.id = t.{f.name})" if f.parent
            else f"t.{f.name}" for f in spec.data_fields]
    # a head merged from a package since 0004 (after the change) has today's id: not read
    cur = db.conn.execute(
        f"SELECT t.uuid, l.head, {', '.join(cols)} FROM exchange_lineage l JOIN {spec.table} t"
        " ON t.uuid = l.uuid WHERE l.kind = ? AND l.package IS NULL", [spec.table])
    revision = spec.data_names.index("revision") + 2
    while rows := cur.fetchmany(5000):
        data = [row[2:] for row in rows]
        current = content_hashes(spec.table, [row[0] for row in rows], data)
        moved = []
        for row, digest, values in zip(rows, current, data, strict=True):
            uuid, head, rev = row[0], row[1], row[revision]
            if head == f"{rev}-{digest}":
                continue
            old = legacy_hash_of(spec.table, uuid, values)
            if old is not None and head == f"{rev}-{old}":
                moved.append((f"{rev}-{digest}", spec.table, uuid, head))
        db.conn.executemany("UPDATE exchange_lineage SET head = ? WHERE kind = ? AND uuid = ?"
                            " AND head = ?", moved)


def _translate_conflicts(db: Database) -> None:
    """Kept versions (their data in row_json) under the old recipe's id: the id, and the
    `_version` the row carries, made again. One already kept under its new id stays alone."""
    from qcdesk.exchange.legacy_hash import legacy_hash
    from qcdesk.exchange.merge import content_hash
    from qcdesk.exchange.workbook import SPEC_BY_TABLE

    rows = db.conn.execute("SELECT id, kind, uuid, version, row_json FROM exchange_conflict"
                           " ORDER BY id").fetchall()
    for cid, kind, uuid, version, row_json in rows:
        spec = SPEC_BY_TABLE.get(kind)
        if spec is None:
            continue
        try:
            kept = json.loads(row_json)
        except ValueError:
            continue
        values = {**kept, "uuid": kept.get("uuid", uuid)}
        rev, old = values.get("revision"), legacy_hash(spec, values)
        if old is None or version != f"{rev}-{old}":
            continue
        new = f"{rev}-{content_hash(spec, values)}"
        if new == version or db.conn.execute(
                "SELECT 1 FROM exchange_conflict WHERE kind = ? AND uuid = ? AND version = ?",
                [kind, uuid, new]).fetchone():
            continue
        if kept.get("_version") == version:
            kept["_version"] = new
            row_json = json.dumps(kept, ensure_ascii=False, sort_keys=True)
        db.conn.execute("UPDATE exchange_conflict SET version = ?, row_json = ? WHERE id = ?",
                        [new, row_json, cid])


@exchange_migrations(name="0007_conflict_resolution_kept")
def conflict_resolution_kept(db: Database) -> None:
    """Who resolved a conflict and what the clerk chose between (`resolution_note`: each
    version's author and package, and the values not taken, as the conflict dialog showed
    them). Why: a resolution writes a version descending from both, so the one set aside never
    comes back in an import; a wrong click must stay visible in the record's 修改历史
    (`models/conflict_history.py`). Conflicts resolved before the upgrade keep '' in both."""
    run_statements(
        db,
        """
ALTER TABLE exchange_conflict ADD COLUMN resolved_by TEXT NOT NULL DEFAULT '';
ALTER TABLE exchange_conflict ADD COLUMN resolution_note TEXT NOT NULL DEFAULT ''
""",
    )


@exchange_migrations(name="0008_stacked_twin_entries_superseded")
def stacked_twin_entries_superseded(db: Database) -> None:
    """Open 统一社会信用代码重复登记 entries stacked before the one-entry rule (a twin's older
    versions) superseded once, as the twin's next version would (exchange/twin_tidy.py)."""
    from qcdesk.exchange.twin_tidy import supersede_stacked

    supersede_stacked(db.conn)
