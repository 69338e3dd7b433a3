"""Bulk inserts into record tables without per-row insert triggers: the triggers' work is done
once per batch, by one statement each.

Why: an import inserts hundreds of thousands of rows, and every row fired the change-log,
risk-mark and spot-check triggers — and a statement that fires triggers needs a statement
journal, so the rows had to be staged in a TEMP table first (merge_writer.py). With the
triggers set aside, the rows go straight in, and each trigger's effect is replayed over the
batch's id range in id order: for these triggers that is exactly what firing row by row
does (each reads only tables the batch does not write, and their upserts add up the same).

Only triggers recognised here, by their exact SQL, are ever replayed. A table with any other
insert trigger (a later migration, another program, a TEMP trigger) keeps the staged path,
where SQLite fires every trigger itself; and when any trigger writes into a record table
(its rows would miss the replay), no table is set aside at all (trigger_reading.py reads
the SQL). tests/test_import_bulk.py holds the two paths to the same database, and fails when
a migration changes one of these triggers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from qcdesk.models.audit_bulk import triggers_writing_into
from qcdesk.models.schema_aside import set_aside
from qcdesk.models.store import Store
from qcdesk.models.trigger_reading import fires_on_insert

_UPSERT_DIRTY = " ON CONFLICT(enterprise_id) DO UPDATE SET n = n + 1"
_UPSERT_SPOT = (" ON CONFLICT(month, enterprise_id) DO UPDATE SET passed = passed +"
                " excluded.passed, failed = failed + excluded.failed")
_BATCH = "n.id BETWEEN ? AND ?"  # the batch's ids: consecutive, above every other id


def _change_log(table: str) -> tuple[str, str]:
    return (f"CREATE TRIGGER exchange_{table}_ins AFTER INSERT ON {table} BEGIN INSERT INTO "
            f"exchange_log(kind, record_id) VALUES ('{table}', NEW.id); END",
            f"INSERT INTO exchange_log(kind, record_id) SELECT '{table}', n.id FROM main.{table}"
            f" AS n WHERE {_BATCH} ORDER BY n.id")


def _dirty_own(name: str, table: str, column: str) -> tuple[str, str]:
    return (f"CREATE TRIGGER {name} AFTER INSERT ON {table} BEGIN INSERT INTO risk_dirty("
            f"enterprise_id) VALUES (NEW.{column}){_UPSERT_DIRTY}; END",
            f"INSERT INTO risk_dirty(enterprise_id) SELECT n.{column} FROM main.{table} AS n"
            f" WHERE {_BATCH} ORDER BY n.id{_UPSERT_DIRTY}")


def _dirty_by_visit(name: str, table: str) -> tuple[str, str]:
    return (f"CREATE TRIGGER {name} AFTER INSERT ON {table} BEGIN INSERT INTO risk_dirty("
            "enterprise_id) SELECT enterprise_id FROM visit WHERE id = NEW.visit_id"
            f"{_UPSERT_DIRTY}; END",
            f"INSERT INTO risk_dirty(enterprise_id) SELECT v.enterprise_id FROM main.{table} AS n"
            f" JOIN visit v ON v.id = n.visit_id WHERE {_BATCH} ORDER BY n.id{_UPSERT_DIRTY}")


_SPOT_SAMPLE = (
    "CREATE TRIGGER spot_sample_ins AFTER INSERT ON sample BEGIN INSERT INTO spot_month(month, "
    "enterprise_id, passed, failed) SELECT substr(v.visit_date, 1, 7), v.enterprise_id, "
    "+(NEW.result = 'pass'), +(NEW.result = 'fail') FROM visit v WHERE v.id = NEW.visit_id AND "
    "v.deleted_at IS NULL AND v.kind = 'spot_check' AND NEW.deleted_at IS NULL AND NEW.result "
    f"IN ('pass', 'fail'){_UPSERT_SPOT}; END",
    "INSERT INTO spot_month(month, enterprise_id, passed, failed) SELECT substr(v.visit_date, "
    "1, 7), v.enterprise_id, +(n.result = 'pass'), +(n.result = 'fail') FROM main.sample AS n "
    f"JOIN visit v ON v.id = n.visit_id WHERE {_BATCH} AND v.deleted_at IS NULL AND v.kind = "
    f"'spot_check' AND n.deleted_at IS NULL AND n.result IN ('pass', 'fail') ORDER BY n.id"
    f"{_UPSERT_SPOT}")


def known_replays() -> dict[str, tuple[str, str]]:
    """Trigger name -> (its SQL as the migrations create it, the statement replaying it)."""
    tables = ("inspector", "industry", "enterprise", "licence", "certification", "contact",
              "visit", "sample", "finding", "photo", "rectification", "amendment",
              "draw_record", "demonstration_zone", "recusal")
    replays = {f"exchange_{t}_ins": _change_log(t) for t in tables}
    replays.update({
        "risk_dirty_enterprise_ins": _dirty_own("risk_dirty_enterprise_ins", "enterprise", "id"),
        "risk_dirty_visit_ins": _dirty_own("risk_dirty_visit_ins", "visit", "enterprise_id"),
        "risk_dirty_rect_ins": _dirty_own("risk_dirty_rect_ins", "rectification",
                                          "enterprise_id"),
        "risk_dirty_licence_ins": _dirty_own("risk_dirty_licence_ins", "licence",
                                             "enterprise_id"),
        "risk_dirty_sample_ins": _dirty_by_visit("risk_dirty_sample_ins", "sample"),
        "risk_dirty_finding_ins": _dirty_by_visit("risk_dirty_finding_ins", "finding"),
        "spot_sample_ins": _SPOT_SAMPLE,
    })
    return replays


class TriggerReplay:
    """Which tables take direct inserts, and the statements that stand in for their triggers."""

    def __init__(self, store: Store, statements: dict[str, list[str]]) -> None:
        self._conn = store.db.conn
        self._statements = statements

    def direct(self, table: str) -> bool:
        """May rows go straight into `table` (then call `inserted` after each batch)?"""
        return table in self._statements

    def replays(self, table: str) -> list[str]:
        """The statements standing in for `table`'s insert triggers (empty: it has none)."""
        return list(self._statements.get(table, []))

    def inserted(self, table: str, first_id: int, last_id: int) -> None:
        """Do for the batch first_id..last_id what the set-aside triggers would have done."""
        for sql in self._statements[table]:
            self._conn.execute(sql, [first_id, last_id])


@contextlib.contextmanager
def insert_triggers_replayed(store: Store, tables: list[str]) -> Iterator[TriggerReplay]:
    """Inside an open transaction: the insert triggers of each of `tables` whose insert
    triggers are all known are dropped for the block and put back, as they were, at its end.
    A failure rolls back, which brings them back as well (SQLite DDL is transactional).

    Nothing is set aside when any trigger writes into one of `tables` (rows it inserted
    would miss the replay) or a TEMP trigger fires on one of them."""
    conn = store.db.conn
    known = known_replays()
    triggers = [(name, tbl.lower(), sql or "", master == "sqlite_temp_master")
                for master in ("sqlite_master", "sqlite_temp_master")
                for name, tbl, sql in conn.execute(
                    f"SELECT name, tbl_name, sql FROM {master} WHERE type = 'trigger'")]
    saved: list[tuple[str, str]] = []
    statements: dict[str, list[str]] = {}
    if not triggers_writing_into(conn, {t.lower() for t in tables}):
        for table in tables:
            inserts = [(n, sql, temp) for n, tbl, sql, temp in triggers
                       if tbl == table.lower() and fires_on_insert(sql)]
            if all(not temp and n in known and " ".join(sql.split()) == known[n][0]
                   for n, sql, temp in inserts):
                saved += [(n, sql) for n, sql, _temp in inserts]
                statements[table] = [known[n][1] for n, _sql, _temp in inserts]
    with set_aside(conn, "TRIGGER", saved):
        yield TriggerReplay(store, statements)
