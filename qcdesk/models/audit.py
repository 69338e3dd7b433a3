"""Audit trail: who changed which record, when, old → new, sealed in a SHA-256 hash chain.

Design (why it is built this way):

* **Triggers catch every write.** AFTER INSERT/UPDATE/DELETE triggers on every record table
  (any table with the record columns, so later areas' tables are covered automatically)
  append to ``audit_log`` the table, row uuid/id, operation and ``json_object`` of the old and
  new row. Triggers live in the file, so the sqlite3 shell or any other tool is caught too.
* **QCDesk marks its own writes.** Each QCDesk connection installs a TEMP trigger on
  ``audit_log`` (TEMP triggers exist only on the connection that made them) that stamps
  ``via = 'app'`` on the entries its own writes produce. Entries with ``via IS NULL`` were
  written by another program: "changed outside QCDesk".
* **Sealing.** QCDesk seals pending ``via='app'`` entries at the end of every
  `Store.transaction()` (same transaction as the write), on open and on close: each gets the
  next ``chain_no``, ``prev_hash`` and ``entry_hash = sha256(canonical entry)``. The last
  sealed content of each row is kept as a digest in ``audit_state``. Outside entries are never
  sealed automatically; `accept_changes` seals them explicitly, recorded as accepted.
* **Verify** (`verify`) recomputes the chain, lists unsealed outside entries, and compares a
  digest of every live row with its last sealed state — which also catches changes made after
  the triggers were dropped (row differs, row has no state, or the row vanished).
* **Bulk builds** (the demo's millions of rows) run inside `audit_bulk.suspended(store)`: triggers are
  dropped for the duration and the new rows are adopted by one ``baseline`` chain entry. A
  ``journal_mode=OFF`` connection (a private file being built, which cannot roll back) logs
  nothing and leaves a deferred baseline that the next `verify` performs.
* **Schema changes**: new record tables and columns are picked up on every open
  (`install_triggers`); dropping or renaming a column needs `schema_change(db)`.

Threat model: this detects changes made outside QCDesk and accidental damage. It is not a
proof against someone who re-implements the sealing: no secret is kept on disk.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from sqlite_utils import Database

from qcdesk.models.audit_digests import (  # noqa: F401 - row_digest is part of this API
    KnownDigests,
    row_digest,
    unsealed_digests,
)
from qcdesk.models.schema_audit import (  # noqa: F401 - missing_triggers is part of this API
    DISCARD_TRIGGER,
    MARK_TRIGGER,
    missing_triggers,
    record_tables,
    trigger_sql,
)
from qcdesk.models.store import Store, now_utc, write_transaction

GENESIS = "0" * 64


def has_audit(db: Database) -> bool:
    return db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"
    ).fetchone() is not None


def install_triggers(db: Database, author: str = "system", adopt: bool = True) -> list[str]:
    """(Re)create stale triggers; tables audited for the first time get their rows baselined.

    With `adopt=False` the baseline is deferred to the next `verify` (bulk builds).
    """
    if _triggers_current(db):  # every open asks: no write lock then (an import may hold it)
        return []
    new_tables = []
    with write_transaction(db):  # the write lock before reading what to change
        present = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        known = {r[0] for r in db.execute("SELECT DISTINCT table_name FROM audit_colset")}
        for table, cols in record_tables(db).items():
            for name, sql in trigger_sql(table, cols).items():
                if present.get(name) != sql:
                    if name in present:
                        db.execute(f'DROP TRIGGER "{name}"')
                    db.execute(sql)
            _colset_id(db, table, sorted(c for c, _ in cols))
            if table not in known and not _ever_audited(db, table):
                new_tables.append(table)
        if new_tables and adopt:
            _baseline(db, author, "new audited tables", tables=new_tables)
        elif new_tables:
            db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('audit.baseline_pending', '1')")
    return new_tables


def drop_triggers(db: Database) -> None:
    """Remove every record table's audit triggers (`install_triggers` puts them back)."""
    for table, cols in record_tables(db).items():
        for name in trigger_sql(table, cols):
            db.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def _triggers_current(db: Database) -> bool:
    """Nothing for install_triggers to write: every trigger as it should be, every table's
    column set known (so no table is new)."""
    present = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    for table, cols in record_tables(db).items():
        if any(present.get(name) != sql for name, sql in trigger_sql(table, cols).items()):
            return False
        if db.execute("SELECT 1 FROM audit_colset WHERE table_name = ? AND columns = ?",
                      [table, json.dumps(sorted(c for c, _ in cols))]).fetchone() is None:
            return False
    return True


def _ever_audited(db: Database, table: str) -> bool:
    """A table with sealed states or log entries is not new, even if its column sets vanished."""
    return any(db.execute(f"SELECT 1 FROM {t} WHERE table_name = ? LIMIT 1", [table]).fetchone()
               for t in ("audit_state", "audit_log"))


def attach_connection(db: Database, author: str = "") -> None:
    """Prepare a QCDesk connection: mark its writes, refresh triggers, seal what is pending.

    Tables audited for the first time (including every table when the audit set is first
    migrated onto an existing database) have their existing rows adopted by a baseline entry.
    """
    bulk = db.execute("PRAGMA journal_mode").fetchone()[0] == "off"
    db.execute(DISCARD_TRIGGER if bulk else MARK_TRIGGER)
    install_triggers(db, author or "system", adopt=not bulk)
    if bulk:
        db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('audit.baseline_pending', '1')")
    else:
        seal_db(db, author)


def attach(store: Store) -> None:
    """Called by `Store` after opening/migrating; sealing is skipped on read-only or locked files."""
    if not has_audit(store.db):
        return
    try:
        attach_connection(store.db, store.author)
    except sqlite3.OperationalError as exc:
        # Read-only file, or another program holds the write lock: what is pending is sealed
        # later; the marker trigger exists already, so this connection's writes count as ours.
        if not any(word in str(exc).lower() for word in ("readonly", "read-only", "locked", "busy")):
            raise


def seal(store: Store) -> int:
    """Seal this connection's pending entries; returns how many were sealed."""
    if not has_audit(store.db):
        return 0
    return seal_db(store.db, store.author)


# --- sealing -------------------------------------------------------------------------------

_ENTRY_COLS = "seq, table_name, row_uuid, row_id, op, old_json, new_json, at, via, note"


def entry_hash(prev_hash: str, chain_no: int, entry: tuple, sealed_at: str, sealed_by: str) -> str:
    """SHA-256 over the previous hash and every stored field of the entry, canonically encoded."""
    payload = json.dumps([prev_hash, chain_no, *entry, sealed_at, sealed_by],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_head(db: Database) -> tuple[int, str]:
    row = db.execute("SELECT chain_no, entry_hash FROM audit_log WHERE chain_no IS NOT NULL "
                     "ORDER BY chain_no DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def _colset_id(db: Database, table: str, columns: list[str]) -> int:
    text = json.dumps(columns)
    row = db.execute("SELECT id FROM audit_colset WHERE table_name = ? AND columns = ?",
                     [table, text]).fetchone()
    if row:
        return row[0]
    return db.execute("INSERT INTO audit_colset(table_name, columns) VALUES (?, ?)",
                      [table, text]).lastrowid


_PENDING = ("FROM audit_log INDEXED BY audit_log_unsealed "
            "WHERE chain_no IS NULL AND via IN ('app', 'accepted')")


def seal_db(db: Database, author: str = "") -> int:
    """Chain QCDesk's pending entries (two QCDesk processes never hand out one number twice)."""
    if not db.conn.in_transaction and db.execute(f"SELECT 1 {_PENDING} LIMIT 1").fetchone() is None:
        return 0
    with write_transaction(db):  # what is read stays true, e.g. which chain number is next
        return _seal_pending(db, author)


def _seal_pending(db: Database, author: str) -> int:
    pending = db.execute(f"SELECT {_ENTRY_COLS} {_PENDING} ORDER BY seq").fetchall()
    if not pending:
        return 0
    number, prev = chain_head(db)
    sealed_at = now_utc()
    colsets: dict[tuple[str, str], int] = {}
    with write_transaction(db):
        for entry in pending:
            seq, table, _uuid, row_id, op, _old, new_json = entry[:7]
            number += 1
            digest = entry_hash(prev, number, entry, sealed_at, author)
            db.execute("UPDATE audit_log SET chain_no = ?, prev_hash = ?, entry_hash = ?, sealed_at = ?, "
                       "sealed_by = ? WHERE seq = ?", [number, prev, digest, sealed_at, author, seq])
            prev = digest
            if op == "baseline":
                db.execute("UPDATE audit_state SET chain_no = ? WHERE chain_no = ?", [number, -seq])
            elif row_id is not None and new_json is not None:
                values = json.loads(new_json)
                key = (table, json.dumps(sorted(values)))
                if key not in colsets:
                    colsets[key] = _colset_id(db, table, sorted(values))
                db.execute("INSERT OR REPLACE INTO audit_state(table_name, row_id, digest, colset, chain_no)"
                           " VALUES (?, ?, ?, ?, ?)",
                           [table, row_id, row_digest(values), colsets[key], number])
            elif row_id is not None:
                db.execute("DELETE FROM audit_state WHERE table_name = ? AND row_id = ?", [table, row_id])
        db.execute("INSERT INTO settings(key, value) VALUES ('audit.head', ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [f"{number}:{prev}"])
    return len(pending)


# --- baselines and bulk writes -----------------------------------------------------------------

def live_rows(db: Database, table: str, where: str = "", params: list | None = None
               ) -> Iterator[dict[str, Any]]:
    cur = db.execute(f'SELECT * FROM "{table}" {where} ORDER BY id', params or [])
    names = [d[0] for d in cur.description]
    for row in cur:
        yield dict(zip(names, row, strict=True))


def _baseline(db: Database, author: str, note: str, tables: list[str] | None = None,
              after_ids: dict[str, int] | None = None, known: KnownDigests | None = None
              ) -> int:
    """Adopt every row that has no sealed state yet with one chain entry; returns the row count.
    `after_ids` limits a table to rows above an id (the rows a bulk insert just added);
    `known(table)` may give the digests of rows whose stored values their writer vouches for."""
    aggregate = hashlib.sha256()
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    seq_row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    placeholder = -((seq_row[0] if seq_row else 0) + 1)
    with write_transaction(db):
        for table, cols in record_tables(db).items():
            if tables is not None and table not in tables:
                continue
            colset = _colset_id(db, table, sorted(c for c, _ in cols))
            above = "" if after_ids is None else f"id > {int(after_ids.get(table, 0))} AND"
            where = (f'FROM "{table}" WHERE {above} NOT EXISTS (SELECT 1 FROM audit_state s '
                     f'WHERE s.table_name = ? AND s.row_id = "{table}".id) ORDER BY id')
            for ids, digests in unsealed_digests(db, table, where,
                                                 None if known is None else known(table)):
                aggregate.update("".join(
                    [f"{table}:{i}:{d}\n" for i, d in zip(ids, digests, strict=True)]).encode())
                _put_states(db, [(table, i, d, colset, placeholder)
                                 for i, d in zip(ids, digests, strict=True)])
                counts[table] = counts.get(table, 0) + len(ids)
                last[table] = ids[-1]
        total = sum(counts.values())
        if total == 0:
            return 0
        content: dict[str, Any] = {"rows": {k: v for k, v in counts.items() if v},
                                   "sha256": aggregate.hexdigest()}
        if after_ids is not None:  # which rows: a record's history can name the entry that adopted it
            content["ids"] = {t: [after_ids.get(t, 0) + 1, n] for t, n in last.items()}
        summary = json.dumps(content, sort_keys=True)
        seq = db.execute("INSERT INTO audit_log(table_name, op, new_json, via, note) "
                         "VALUES ('*', 'baseline', ?, 'app', ?)", [summary, note]).lastrowid
        if -seq != placeholder:  # another entry slipped in between; re-point the placeholders
            db.execute("UPDATE audit_state SET chain_no = ? WHERE chain_no = ?", [-seq, placeholder])
        seal_db(db, author)
    return total


def _put_states(db: Database, batch: list[tuple]) -> None:
    """States of rows that have none (the baseline selects only those): a plain INSERT, which
    with foreign keys on is a third cheaper than INSERT OR REPLACE, and which would fail
    loudly rather than overwrite a sealed state should that ever not hold."""
    if batch:
        db.conn.executemany("INSERT INTO audit_state(table_name, row_id, digest, colset, "
                            "chain_no) VALUES (?, ?, ?, ?, ?)", batch)


def baseline(store: Store, note: str = "baseline") -> int:
    """Adopt rows that were written while auditing was suspended (e.g. the demo generator)."""
    with store.explained_errors(), write_transaction(store.db):
        count = _baseline(store.db, store.author or "system", note)
        store.db.execute("DELETE FROM settings WHERE key = 'audit.baseline_pending'")
    return count


# --- verification ---------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditProblem:
    """One finding of `verify`: a broken chain entry or a record that no longer matches."""

    kind: str
    table: str = ""
    row_uuid: str = ""
    row_id: int | None = None
    chain_no: int | None = None
    seq: int | None = None
    op: str = ""
    at: str = ""

    what: str = ""  # whose record it is (咸宁某公司 青砖茶), when verify could tell

    def text(self, lang: str = "zh") -> str:
        from qcdesk.models.audit_texts import problem_text

        uuid = self.row_uuid or (f"#{self.row_id}" if self.row_id is not None else "")
        return problem_text(self.kind, lang, table=self.table, uuid=uuid, what=self.what,
                            chain_no=self.chain_no, seq=self.seq, at=self.at, op=self.op)


@dataclass
class VerifyReport:
    problems: list[AuditProblem]
    entries: int = 0
    rows: int = 0
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@contextmanager
def verify_snapshot(store: Store) -> Iterator[Database]:
    """Seal what is pending, then read one snapshot (BEGIN … COMMIT) until the block ends: a save
    committed between two of verify's reads (the chain walk, then the head) made an intact chain
    look broken. WAL readers never block the window's saves. Nested: only the outermost begins."""
    db = store.db
    if db.conn.in_transaction:
        yield db
        return
    if store.setting("audit.baseline_pending"):
        baseline(store, "deferred baseline")
    seal(store)
    db.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.execute("COMMIT")  # nothing was written: only the snapshot ends


def verify(store: Store, limit: int = 1000) -> VerifyReport:
    """Recompute the chain and compare every live record with its last sealed state."""
    if not has_audit(store.db):
        return VerifyReport([AuditProblem("missing")])
    with verify_snapshot(store) as db:
        report = VerifyReport([])
        report.problems.extend(_check_chain(db, report))
        flagged: set[tuple[str, int]] = set()
        for row in db.execute(
            "SELECT seq, table_name, row_uuid, row_id, op, at FROM audit_log WHERE chain_no IS NULL "
            "AND (via IS NULL OR via NOT IN ('app', 'accepted')) ORDER BY seq"
        ):
            flagged.add((row[1], row[3]))
            if len(report.problems) >= limit:
                report.truncated = True
                continue
            report.problems.append(AuditProblem("outside", row[1], row[2] or "", row[3], seq=row[0],
                                                op=row[4], at=row[5]))
        for problem in _compare_rows(db, report) if not report.truncated else ():
            if (problem.table, problem.row_id) not in flagged:
                report.problems.append(problem)
            if len(report.problems) >= limit:
                report.truncated = True
                break
        from qcdesk.models.audit_texts import record_what

        report.problems = [replace(p, what=record_what(db, p.table, p.row_id)) if p.table else p
                           for p in report.problems]
        return report


def _check_chain(db: Database, report: VerifyReport) -> list[AuditProblem]:
    expected, prev = 1, GENESIS
    for row in db.execute(f"SELECT {_ENTRY_COLS}, chain_no, prev_hash, entry_hash, sealed_at, sealed_by "
                          "FROM audit_log WHERE chain_no IS NOT NULL ORDER BY chain_no"):
        entry, (number, prev_hash, digest, sealed_at, sealed_by) = row[:10], row[10:]
        if (number != expected or prev_hash != prev
                or entry_hash(prev, number, entry, sealed_at, sealed_by) != digest):
            return [AuditProblem("chain", entry[1], entry[2] or "", entry[3], chain_no=expected,
                                 seq=entry[0])]
        prev, expected = digest, expected + 1
    report.entries = expected - 1
    head = db.execute("SELECT value FROM settings WHERE key = 'audit.head'").fetchone()
    if expected > 1 and (head is None or head[0] != f"{expected - 1}:{prev}"):
        return [AuditProblem("chain", chain_no=expected)]
    return []


def _compare_rows(db: Database, report: VerifyReport) -> Iterator[AuditProblem]:
    for table in record_tables(db):
        colsets = {i: json.loads(c) for i, c in db.execute(
            "SELECT id, columns FROM audit_colset WHERE table_name = ?", [table])}
        cur = db.conn.execute(f'SELECT t.*, s.digest, s.colset FROM "{table}" t LEFT JOIN audit_state s '
                              "ON s.table_name = ? AND s.row_id = t.id ORDER BY t.id", [table])
        index = {d[0]: i for i, d in enumerate(cur.description[:-2])}
        id_at, uuid_at = index["id"], index["uuid"]
        plans: dict[int, list[tuple[str, int]] | None] = {}
        for row in cur:
            report.rows += 1
            digest, colset = row[-2], row[-1]
            if digest is None:
                yield AuditProblem("unaudited", table, row[uuid_at] or "", row[id_at])
                continue
            if colset not in plans:
                cols = colsets.get(colset)
                plans[colset] = (None if cols is None or any(c not in index for c in cols)
                                 else [(c, index[c]) for c in cols])
            plan = plans[colset]
            if plan is None or row_digest({c: row[i] for c, i in plan}) != digest:
                yield AuditProblem("changed", table, row[uuid_at] or "", row[id_at])
        for row_id, number in db.execute(
            "SELECT row_id, chain_no FROM audit_state s WHERE table_name = ? AND NOT EXISTS "
            f'(SELECT 1 FROM "{table}" t WHERE t.id = s.row_id) ORDER BY row_id', [table]
        ).fetchall():
            found = db.execute("SELECT row_uuid FROM audit_log WHERE chain_no = ?", [number]).fetchone()
            yield AuditProblem("vanished", table, (found[0] if found else "") or "", row_id)


def accept_changes(store: Store, reason: str) -> int:
    """Seal changes made outside QCDesk as accepted (with who and why); returns how many."""
    db = store.db
    with store.explained_errors(), write_transaction(db):
        count = db.execute("UPDATE audit_log SET via = 'accepted', note = ? WHERE chain_no IS NULL AND "
                           "(via IS NULL OR via NOT IN ('app', 'accepted'))", [reason]).rowcount
        seal(store)
        count += _adopt_rows(store, reason, "accepted")
    return count


def _adopt_rows(store: Store, note: str, via: str) -> int:
    """Seal the current content of every row that differs from (or lacks) its sealed state."""
    db = store.db
    count = 0
    with write_transaction(db):
        for problem in list(_compare_rows(db, VerifyReport([]))):
            new_json = None
            if problem.kind != "vanished":
                row = next(live_rows(db, problem.table, "WHERE id = ?", [problem.row_id]))
                new_json = json.dumps({k: (v.hex().upper() if isinstance(v, bytes) else v)
                                       for k, v in row.items()}, ensure_ascii=False)
            db.execute("INSERT INTO audit_log(table_name, row_uuid, row_id, op, new_json, via, note) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [problem.table, problem.row_uuid, problem.row_id,
                        "delete" if new_json is None else "adopt", new_json, via, note])
            count += 1
        seal(store)
    return count


@contextmanager
def schema_change(db: Database) -> Iterator[Database]:
    """Wrap a migration that drops or renames columns of a record table.

    The audit triggers are dropped for the duration (SQLite refuses to drop a column a trigger
    names); afterwards they are re-installed and rows whose sealed state named a column that no
    longer exists are re-adopted by one "schema change" baseline entry.
    """
    if not has_audit(db):
        yield db
        return
    drop_triggers(db)
    yield db
    stale = set()
    for table, cols in record_tables(db).items():
        names = {c for c, _ in cols}
        for colset_id, text in db.execute("SELECT id, columns FROM audit_colset WHERE table_name = ?",
                                          [table]).fetchall():
            if not set(json.loads(text)) <= names:
                db.execute("DELETE FROM audit_state WHERE table_name = ? AND colset = ?", [table, colset_id])
                stale.add(table)
    install_triggers(db)
    if stale:
        _baseline(db, "system", "schema change", tables=sorted(stale))
