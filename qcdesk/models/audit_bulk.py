"""Audit of bulk writes (an import, the demo): one sealed baseline entry instead of one per row.

Why: importing a county's package inserts hundreds of thousands of rows; an audit entry per
row, each sealed into the hash chain, took longer than the import itself. New rows carry no
"old" values, so nothing is lost by adopting them together: the baseline entry names the
package, counts the rows per table and holds a SHA-256 over every adopted row's digest, and
each row's sealed state (``audit_state``) still lets `audit verify` catch a later change.
Updates and deletes inside the block keep their per-row entries (old → new).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager

from qcdesk.models.audit import (
    _adopt_rows,
    _baseline,
    baseline,
    drop_triggers,
    has_audit,
    install_triggers,
    record_tables,
    trigger_sql,
)
from qcdesk.models.store import Store


@contextmanager
def adopted_inserts(store: Store, tables: list[str], note: str, adopt: bool = True) -> Iterator[None]:
    """Inside an open transaction: rows inserted into `tables` in the block are adopted by one
    baseline entry (`note` says where they came from) when the block ends without error.
    `adopt=False` is for a block whose transaction is rolled back anyway (a dry run).

    For the block, the insert triggers are dropped and the update triggers skip the new rows
    (a link filled in later in the same import is part of what the entry adopts, not a change
    of its own); rows that existed before keep their per-row entries (old → new). The triggers
    are put back at the end; should the block fail, the caller's rollback puts them back as
    well (SQLite DDL is transactional)."""
    db = store.db
    if not has_audit(db):
        yield
        return
    if not db.conn.in_transaction:
        raise RuntimeError("adopted_inserts needs an open transaction")
    columns = record_tables(db)
    chosen = [t for t in tables if t in columns]
    after = {t: int(db.execute(f'SELECT coalesce(max(id), 0) FROM "{t}"').fetchone()[0])
             for t in chosen}
    for table in chosen:
        db.execute(f'DROP TRIGGER IF EXISTS "audit_{table}_ins"')
        db.execute(f'DROP TRIGGER IF EXISTS "audit_{table}_upd"')
        db.execute(trigger_sql(table, columns[table], updates_up_to=after[table])
                   [f"audit_{table}_upd"])

    def restore() -> None:
        for table in chosen:
            sql = trigger_sql(table, columns[table])
            db.execute(f'DROP TRIGGER IF EXISTS "audit_{table}_upd"')
            db.execute(f'DROP TRIGGER IF EXISTS "audit_{table}_ins"')
            db.execute(sql[f"audit_{table}_upd"])
            db.execute(sql[f"audit_{table}_ins"])

    try:
        yield
    except BaseException:
        # SQLite may have rolled the transaction back itself (a full disk): the schema is
        # then as it was, and restoring in autocommit would commit half-done DDL. Either
        # way the caller's rollback restores the triggers; the first error is the one to show.
        if db.conn.in_transaction:
            with contextlib.suppress(Exception):
                restore()
        raise
    restore()
    if adopt:
        _baseline(db, store.author or "system", note, tables=chosen, after_ids=after)


@contextmanager
def suspended(store: Store, defer_baseline: bool = False) -> Iterator[Store]:
    """Bulk writes without per-row audit entries; new rows are adopted by one baseline entry
    afterwards, rows the bulk write changed by one "adopt" entry each.

    With `defer_baseline=True` the (slow, whole-database) baseline runs at the next `verify`
    or `qcdesk audit baseline` instead — for generated demo data nobody needs to wait for; it
    adopts new rows only, so use it for inserting, not for changing existing rows.
    """
    db = store.db
    drop_triggers(db)
    try:
        yield store
    finally:
        install_triggers(db, store.author or "system")
        if defer_baseline:
            store.set_setting("audit.baseline_pending", "1")
        else:
            baseline(store, "bulk write")
            _adopt_rows(store, "bulk write", "app")
