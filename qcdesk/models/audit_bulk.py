"""Audit of bulk writes (an import, the demo): one sealed baseline entry instead of one per row.

Why: importing a county's package inserts hundreds of thousands of rows; an audit entry per
row, each sealed into the hash chain, took longer than the import itself. New rows carry no
"old" values, so nothing is lost by adopting them together: the baseline entry names the
package, counts the rows per table and holds a SHA-256 over every adopted row's digest, and
each row's sealed state (``audit_state``) still lets `audit verify` catch a later change.
Updates and deletes inside the block keep their per-row entries (old → new).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

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
from qcdesk.models.audit_digests import digests_of
from qcdesk.models.canonical_json import presorted_dict_bytes
from qcdesk.models.schema_aside import restored_at_end
from qcdesk.models.store import Store
from qcdesk.models.trigger_reading import tables_written

# what SQLite stores unchanged in a column of each affinity (no conversion, no rounding)
_UNCHANGED = {"INTEGER": frozenset({int, type(None)}), "TEXT": frozenset({str, type(None)})}


def _affinity(declared: str) -> str:
    """SQLite's column affinity rules (datatype3.html, 3.1), for the two this check trusts."""
    if "INT" in declared:
        return "INTEGER"
    if any(k in declared for k in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    return "OTHER"


class VouchedDigests:
    """Audit digests of the rows an `adopted_inserts` block inserts, computed by their writer
    from the values it bound, so that the baseline need not read them all back (for a county's
    package, a quarter of the import's time). Only where that is exact: the writer binds every
    column; each TEXT column gets str or None and each INTEGER column int or None, which SQLite
    stores unchanged; no trigger writes into a record table; and the row is not written again
    in the block (the writer calls `forget`). Anything else is read back, as before."""

    def __init__(self, columns: dict[str, list[tuple[str, str]]], enabled: bool) -> None:
        self._columns = columns
        self._enabled = enabled
        self._plans: dict[tuple[str, tuple[str, ...]], Any] = {}
        self._runs: dict[str, list[tuple[int, array]]] = {}  # first id, digests of a batch
        self._forgotten: dict[str, set[int]] = {}

    def add(self, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """`rows` were just inserted into `table`, values in `names` order (ids consecutive)."""
        plan = self._plan(table, tuple(names)) if self._enabled and rows else None
        if plan is None:
            return
        id_at, keys, pick, allowed = plan
        columns = list(zip(*rows, strict=True))
        first = columns[id_at][0]
        if type(first) is not int or list(columns[id_at]) != list(range(first, first + len(rows))):
            return
        if not all(ok.issuperset(map(type, col)) for ok, col in zip(allowed, columns, strict=True)):
            return
        runs = self._runs.setdefault(table, [])
        if runs and runs[-1][0] + len(runs[-1][1]) > first:
            return  # not above the last batch: keep the lookup simple
        runs.append((first, digests_of([presorted_dict_bytes(keys, pick(r)) for r in rows])))

    def forget(self, table: str, row_id: int) -> None:
        """The row was written again after `add`: its digest must be read back."""
        self._forgotten.setdefault(table, set()).add(row_id)

    def __call__(self, table: str) -> Any:
        """`KnownDigests` for the baseline."""
        runs = self._runs.get(table)
        if not runs:
            return None
        starts = [first for first, _ in runs]
        forgotten = self._forgotten.get(table, set())

        def lookup(ids: list[int]) -> list[int | None]:
            k = bisect_right(starts, ids[0]) - 1 if ids else -1
            if k >= 0 and ids[-1] - ids[0] == len(ids) - 1 and ids[-1] < starts[k] + len(
                    runs[k][1]) and forgotten.isdisjoint(ids):  # the usual: one slice of a run
                return runs[k][1][ids[0] - starts[k]:ids[-1] - starts[k] + 1].tolist()
            out: list[int | None] = []
            for i in ids:
                k = bisect_right(starts, i) - 1
                if k < 0 or i in forgotten or i - runs[k][0] >= len(runs[k][1]):
                    out.append(None)
                else:
                    out.append(runs[k][1][i - runs[k][0]])
            return out
        return lookup

    def _plan(self, table: str, names: tuple[str, ...]) -> Any:
        key = (table, names)
        if key not in self._plans:
            declared = dict(self._columns.get(table, []))
            plan = None
            if declared and sorted(names) == sorted(declared) and len(set(names)) == len(names) \
                    and "id" in names:
                allowed = [_UNCHANGED.get(_affinity(declared[n])) for n in names]
                if all(allowed):
                    keys = tuple(sorted(names))
                    order = [names.index(k) for k in keys]
                    plan = (names.index("id"), keys, itemgetter(*order), allowed)
            self._plans[key] = plan
        return self._plans[key]


def triggers_writing_into(db: Any, tables: set[str]) -> set[str]:
    """The tables of `tables` (lower case) some trigger writes into. The audit's own write
    into its log only, whatever their name; a trigger that writes into a record table means
    a row's stored values may differ from what its writer bound."""
    found: set[str] = set()
    for master in ("sqlite_master", "sqlite_temp_master"):
        for (sql,) in db.execute(f"SELECT sql FROM {master} WHERE type = 'trigger'"):
            found |= tables_written(sql or "") & tables
    return found


def _triggers_write_records(db: Any, tables: set[str]) -> bool:
    return bool(triggers_writing_into(db, tables))


@contextmanager
def adopted_inserts(store: Store, tables: list[str], note: str, adopt: bool = True
                    ) -> Iterator[VouchedDigests]:
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
        yield VouchedDigests({}, enabled=False)
        return
    if not db.conn.in_transaction:
        raise RuntimeError("adopted_inserts needs an open transaction")
    columns = record_tables(db)
    vouched = VouchedDigests(columns, enabled=adopt and not _triggers_write_records(
        db, {t.lower() for t in columns}))
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

    with restored_at_end(db.conn, restore):
        yield vouched
    if adopt:
        _baseline(db, store.author or "system", note, tables=chosen, after_ids=after,
                  known=vouched)


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
