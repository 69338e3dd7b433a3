"""Audit-trail and amendment tables (append-only migration set ``qcdesk.audit``).

* ``audit_log``: one row per insert/update/delete of any record table, written by SQLite
  triggers (so changes made with any tool are caught) and later *sealed* into a SHA-256 hash
  chain by QCDesk (``chain_no``, ``prev_hash``, ``entry_hash``). See `qcdesk.models.audit`.
* ``audit_state``: per record row, a digest of its last sealed content, so `audit verify` can
  tell whether the live row still is what the chain says it is.
* ``audit_colset``: the column lists digests were taken over (a later migration may add
  columns; old digests keep meaning what they meant).
* ``amendment``: corrections to visits that already went out in a signed package.

The triggers themselves are (re)installed by `qcdesk.models.audit.attach` on every open, because
later migration sets add record tables and columns.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.schema import RECORD_COLUMNS, run_statements

audit_migrations = Migrations("qcdesk.audit")


@audit_migrations(name="0001_audit_tables")
def create_audit_tables(db: Database) -> None:
    run_statements(
        db,
        """
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    row_uuid TEXT,
    row_id INTEGER,
    op TEXT NOT NULL,
    old_json TEXT,
    new_json TEXT,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    via TEXT,
    note TEXT NOT NULL DEFAULT '',
    chain_no INTEGER UNIQUE,
    prev_hash TEXT,
    entry_hash TEXT,
    sealed_at TEXT,
    sealed_by TEXT
);
CREATE INDEX audit_log_record ON audit_log(table_name, row_uuid, seq);
CREATE INDEX audit_log_unsealed ON audit_log(seq) WHERE chain_no IS NULL;
CREATE TABLE audit_colset (
    id INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    columns TEXT NOT NULL,
    UNIQUE (table_name, columns)
);
CREATE TABLE audit_state (
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    digest INTEGER NOT NULL,
    colset INTEGER NOT NULL REFERENCES audit_colset(id),
    chain_no INTEGER NOT NULL,
    PRIMARY KEY (table_name, row_id)
) WITHOUT ROWID
""",
    )
    from qcdesk.models.audit import attach_connection

    # Rows that existed before the audit trail are adopted as a baseline in the same transaction.
    attach_connection(db, author="system")


@audit_migrations(name="0002_amendment")
def create_amendment_table(db: Database) -> None:
    run_statements(
        db,
        f"""
CREATE TABLE amendment (
    id INTEGER PRIMARY KEY, {RECORD_COLUMNS},
    visit_id INTEGER NOT NULL REFERENCES visit(id),
    visit_uuid TEXT NOT NULL,
    visit_revision INTEGER NOT NULL,
    package_id TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    changes TEXT NOT NULL DEFAULT '{{}}'
);
CREATE INDEX amendment_visit ON amendment(visit_id, id)
""",
    )
