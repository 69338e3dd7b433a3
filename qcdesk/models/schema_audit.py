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
later migration sets add record tables and columns. A later migration that DROPS or RENAMES a
column of a record table must run inside `with qcdesk.models.audit.schema_change(db):` (SQLite
refuses to drop a column a trigger refers to; the rows' sealed states are re-based afterwards).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from qcdesk.models.schema import RECORD_COLUMNS, run_statements

audit_migrations = Migrations("qcdesk.audit")
META_COLUMNS = ("id", "uuid", "created_at", "updated_at", "author", "revision", "deleted_at", "origin")

# --- triggers (installed and refreshed by qcdesk.models.audit.install_triggers) ---------------

MARK_TRIGGER = (
    "CREATE TEMP TRIGGER IF NOT EXISTS qcdesk_audit_mark AFTER INSERT ON main.audit_log "
    "WHEN NEW.via IS NULL BEGIN UPDATE audit_log SET via = 'app' WHERE seq = NEW.seq; END"
)
# A journal_mode=OFF connection builds a private file that cannot roll back (the demo generator):
# its rows are not logged one by one but adopted by a deferred baseline (see `verify`).
DISCARD_TRIGGER = (
    "CREATE TEMP TRIGGER IF NOT EXISTS qcdesk_audit_mark AFTER INSERT ON main.audit_log "
    "BEGIN DELETE FROM audit_log WHERE seq = NEW.seq; END"
)
_CHUNK = 40  # columns per json_object() call (SQLite limits function arguments)


def record_tables(db: Database) -> dict[str, list[tuple[str, str]]]:
    """Every table carrying the record columns → its (column, declared type) list, in order."""
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, name, declared in db.execute(
        "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'audit_%' "
        "AND m.sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY m.name, p.cid"
    ):
        columns.setdefault(table, []).append((name, (declared or "").upper()))
    return {t: cols for t, cols in columns.items() if set(META_COLUMNS) <= {c for c, _ in cols}}


def _json_expr(prefix: str, cols: list[tuple[str, str]]) -> str:
    parts = []
    for i in range(0, len(cols), _CHUNK):
        args = ", ".join(
            f"'{c}', " + (f'hex({prefix}."{c}")' if "BLOB" in t else f'{prefix}."{c}"')
            for c, t in cols[i:i + _CHUNK]
        )
        parts.append(f"json_object({args})")
    expr = parts[0]
    for part in parts[1:]:
        expr = f"json_patch({expr}, {part})"
    return expr


def trigger_sql(table: str, cols: list[tuple[str, str]], updates_up_to: int | None = None
                ) -> dict[str, str]:
    """The three audit triggers of a table, name → exact CREATE statement. ``updates_up_to``
    makes the update trigger skip rows above that id (rows a bulk import is adding)."""
    new, old = _json_expr("NEW", cols), _json_expr("OLD", cols)
    head = "INSERT INTO audit_log(table_name, row_uuid, row_id, op, old_json, new_json) VALUES"
    when = "" if updates_up_to is None else f"WHEN OLD.id <= {int(updates_up_to):d} "
    return {
        f"audit_{table}_ins": f'CREATE TRIGGER audit_{table}_ins AFTER INSERT ON "{table}" BEGIN '
        f"{head} ('{table}', NEW.uuid, NEW.id, 'insert', NULL, {new}); END",
        f"audit_{table}_upd": f'CREATE TRIGGER audit_{table}_upd AFTER UPDATE ON "{table}" '
        f"{when}BEGIN {head} ('{table}', NEW.uuid, NEW.id, 'update', {old}, {new}); END",
        f"audit_{table}_del": f'CREATE TRIGGER audit_{table}_del AFTER DELETE ON "{table}" BEGIN '
        f"{head} ('{table}', OLD.uuid, OLD.id, 'delete', {old}, NULL); END",
    }




def missing_triggers(db: Database) -> list[str]:
    """Tables whose audit triggers are absent or differ from what QCDesk installs."""
    present = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    return [t for t, cols in record_tables(db).items()
            if any(present.get(n) != sql for n, sql in trigger_sql(t, cols).items())]


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


@audit_migrations(name="0003_unsealed_by_via")
def index_unsealed_by_via(db: Database) -> None:
    # Sealing looks for QCDesk's own pending entries on every transaction: even after another
    # program left a million unsealed entries behind, that lookup must stay an index range.
    db.execute("DROP INDEX audit_log_unsealed")
    db.execute("CREATE INDEX audit_log_unsealed ON audit_log(via, seq) WHERE chain_no IS NULL")
