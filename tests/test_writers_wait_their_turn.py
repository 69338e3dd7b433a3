"""`qcdesk import` and a conflict resolution made while another program writes (the window saving,
a list import, `qcdesk settings`) wait their turn instead of being refused at once: every write
transaction takes the write lock before it reads (store.write_transaction, BEGIN IMMEDIATE), so
SQLite's busy timeout applies. Before, sqlite-utils' deferred `atomic()` read first and SQLite
refused the upgrade to a write after 0.00 s (正被其他程序占用 / database is locked)."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from test_exchange_cli import _export
from test_exchange_cli_clerk import _conflicting_package, world  # noqa: F401 - the fixture
from test_save_waits_for_writer import _other_program

from qcdesk.cli import main
from qcdesk.exchange.reconcile import resolve_conflict
from qcdesk.models import backup
from qcdesk.models import exchange_store as xs
from qcdesk.models.store import Store


def _hold_write_lock(db: Path, seconds: float) -> threading.Thread:
    """Another program that writes and holds the write lock for `seconds`; returns once it holds it."""
    return _other_program(db, seconds)[0]


def _setting(db: Path, key: str) -> str | None:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def test_a_command_line_import_waits_for_another_programs_write(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    package = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221", "--full")
    cdb = world["cdb"]
    others: list[threading.Thread] = []
    take_copy: Callable[[Store], Path | None] = backup.snapshot_before_import

    def copy_then_other_writes(store: Store) -> Path | None:
        """The last step before the merge; another program starts writing right after it."""
        taken = take_copy(store)
        others.append(_hold_write_lock(cdb, 1.0))
        return taken

    monkeypatch.setattr(backup, "snapshot_before_import", copy_then_other_writes)
    capsys.readouterr()
    started = time.monotonic()
    try:
        code = main(["import", str(package), "--db", str(cdb)])
    finally:
        for thread in others:
            thread.join()
    out, err = capsys.readouterr()
    assert code == 0 and err == "", err  # refused at once before: 正被其他程序占用
    assert out.startswith("已导入"), out
    assert others and time.monotonic() - started > 0.5  # it waited for the other program
    conn = sqlite3.connect(cdb)
    try:
        assert conn.execute("SELECT count(*) FROM visit").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM exchange_import").fetchone()[0] == 1
    finally:
        conn.close()
    assert _setting(cdb, "other.program") == "1"  # the other program's write stays too


def test_resolving_a_conflict_waits_for_another_programs_write(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    package = _conflicting_package(capsys, world)
    assert main(["import", str(package), "--db", str(world["cdb"])]) == 0
    store = Store.open(world["cdb"], author="clerk")
    try:
        (conflict,) = xs.open_conflicts(store)
        thread = _hold_write_lock(world["cdb"], 1.0)
        started = time.monotonic()
        try:
            resolve_conflict(store, conflict["id"], take_incoming=True)  # refused at once before
        finally:
            thread.join()
        assert time.monotonic() - started > 0.5
        assert xs.open_conflicts(store) == []
        summary = store.db.execute("SELECT summary FROM visit WHERE uuid = ?",
                                   [conflict["uuid"]]).fetchone()[0]
        assert summary == "检查员改"  # the inspector's version, as chosen
    finally:
        store.close()
    assert _setting(world["cdb"], "other.program") == "1"


def test_two_programs_upgrading_one_database_at_once_both_open_it(tmp_path: Path) -> None:
    """After an update of QCDesk the window and a scheduled `qcdesk import` start together: the
    one that upgrades second waits for the first and finds the work done. Before, it ran the
    migration again once the other committed and failed to open (UNIQUE constraint failed)."""
    from sqlite_utils import Database

    from qcdesk.models.schema_listing import listing_migrations

    db = tmp_path / "q.db"
    Store.open(db).close()
    last = listing_migrations.pending(Database(sqlite3.connect(db))) or None
    assert last is None
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name = ?",
                 [listing_migrations.name, "0007_blank_removed_contacts"])  # as before the update
    conn.close()
    holding = threading.Event()

    def first_program() -> None:  # upgrades and is slow to commit
        other = Database(sqlite3.connect(db, isolation_level=None, timeout=5))
        other.execute("BEGIN IMMEDIATE")
        listing_migrations.apply(other)
        holding.set()
        time.sleep(1.0)
        other.execute("COMMIT")
        other.conn.close()

    thread = threading.Thread(target=first_program)
    thread.start()
    assert holding.wait(5)
    try:
        store = Store.open(db)  # refused before: the migration a second time, then its record
    finally:
        thread.join()
    try:
        assert store.db.execute("SELECT count(*) FROM _sqlite_migrations WHERE name = ?",
                                ["0007_blank_removed_contacts"]).fetchone()[0] == 1
    finally:
        store.close()


# Opened deferred on purpose: a file no other program has yet (the demo build), and audit verify's
# read-only snapshot, which must not wait for the window's saves nor hold them up.
_DEFERRED_ALLOWED = {"qcdesk/models/demo.py", "qcdesk/models/audit.py"}


def test_no_write_transaction_starts_deferred() -> None:
    """Every write transaction goes through store.write_transaction (Store.transaction uses it):
    sqlite-utils' atomic(), `with conn:` or a bare BEGIN read before they write and were refused
    at once while another program wrote."""
    root = Path(__file__).parents[1]
    found = []
    for path in sorted((root / "qcdesk").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if name == "qcdesk/models/store.py" and "db.atomic()" in code:
                continue  # write_transaction's own savepoint, when nested
            if (".atomic(" in code or re.search(r"\bwith\s+[\w.]*conn\s*:", code)
                    or re.search(r"""execute\(\s*["']BEGIN(\s+DEFERRED)?\s*;?["']""", code)
                    and name not in _DEFERRED_ALLOWED):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []


def test_an_upgrade_pass_that_applies_nothing_ends(tmp_path: Path) -> None:
    """A build that knows fewer migrations than the set lists (a test's stand-in for an older
    QCDesk, whose `apply` stops early) opened the database and spun for ever once upgrades
    were applied one pass at a time: the pass that applies nothing must end the loop."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from qcdesk.models.store import apply_one_by_one

    steps = Migrations("steps")

    @steps()
    def first(db: Database) -> None:
        db.execute("CREATE TABLE one (x)")

    @steps()
    def second(db: Database) -> None:
        db.execute("CREATE TABLE two (x)")

    db = Database(sqlite3.connect(tmp_path / "older.db", isolation_level=None,
                                  check_same_thread=False))  # the thread below applies
    real_apply = steps.apply
    steps.apply = lambda d, **kw: real_apply(d, stop_before="second")  # type: ignore[method-assign]
    ended = threading.Event()
    runner = threading.Thread(target=lambda: (apply_one_by_one(db, steps), ended.set()), daemon=True)
    runner.start()
    runner.join(timeout=10)
    assert ended.is_set(), "apply_one_by_one kept looping on a pass that applied nothing"
    assert [m.name for m in steps.pending(db)] == ["second"]  # what the older build left
