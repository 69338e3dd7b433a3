"""A backup, restore, upgrade or list import killed with SIGKILL: what it left goes at the next
one, and the next start says when a restore did not happen (review "crash" 4, 5, 8, 9, 11).

As the reviewer did, a child process runs the real command, stops at a chosen moment (mid-copy,
mid-swap, between two migrations, inside the list's transaction) and is killed there with
SIGKILL. What a user saw afterwards: half copies and their -journal in backups/ that later
backups never removed, a hidden copy of the backup as big as the database beside it, a second
"before upgrade" copy of the half-upgraded file listed as the newer one to go back to, and one
"before import" copy per killed list import pushing package imports' copies out of the rotation."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_backup import names
from test_backup_damage import make_db
from test_roster import GOOD, make_roster

from qcdesk.cli import main
from qcdesk.models import backup, demo, interrupted
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills with SIGKILL")
REPO = Path(__file__).resolve().parent.parent

_CHILD = textwrap.dedent("""
    import sqlite3, sys
    from pathlib import Path
    from qcdesk.cli import main
    from qcdesk.models import backup, interrupted

    def pause():
        print("paused", flush=True)
        sys.stdin.readline()  # held here until killed

    kind, args = sys.argv[1], sys.argv[2:]
    if kind == "backup-mid-copy":  # one page copied, the copy's transaction open (its -journal)
        def half(source, target, *_a):
            src, dest = sqlite3.connect(source), sqlite3.connect(target)
            src.backup(dest, pages=1, progress=lambda *_p: pause())
        backup._copy_with_backup_api = half
    elif kind == "restore-mid-safety-copy":  # staged, the copy of the database half written
        real_copy = backup._safety_copy
        def copy(db, safety, reporter):
            return real_copy(db, safety, lambda stage, *_a: pause() if stage == "safety" else None)
        backup._safety_copy = copy
    elif kind == "restore-mid-swap":  # the backup being written into the database, not committed
        from qcdesk.models import restore_progress
        real_call = restore_progress.Reporter.__call__
        def report(self, stage, done=0, total=0):
            if stage == "swap" and done > 1:
                pause()
            return real_call(self, stage, done, total)
        restore_progress.Reporter.__call__ = report
    elif kind == "restore-after-commit":  # restored, killed before its staged copy went
        real_discard = backup._discard
        def discard(path):
            if path.name.endswith(".restoring"):
                pause()
            real_discard(path)
        backup._discard = discard
    elif kind == "list-mid-transaction":  # rows written inside the list's transaction
        from qcdesk.models import roster_writing
        real_write = roster_writing._write
        def write(store, plan, save, *rest):
            def first(item):
                done = save(item)
                pause()
                return done
            return real_write(store, plan, first, *rest)
        roster_writing._write = write
    elif kind == "list-after-commit":  # committed, killed before it let go of its copy
        interrupted.ListImport.finish = lambda self: pause()
    main(args)
""")


def _paused(kind: str, *args: object) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, kind, *map(str, args)], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if line.strip() != "paused":
        proc.kill()
        raise AssertionError(f"child did not pause: {line} {proc.communicate()[1][-2000:]}")
    return proc


def _killed(kind: str, *args: object) -> None:
    """Run `qcdesk <args>` in a child, stopped at `kind`'s moment, and SIGKILL it there."""
    proc = _paused(kind, *args)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _qcdesk(*args: object) -> subprocess.CompletedProcess[str]:
    """The next command, as a user runs it: a new process."""
    return subprocess.run([sys.executable, "-c", "import sys; from qcdesk.cli import main; "
                           "sys.exit(main(sys.argv[1:]))", *map(str, args)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# --- 4. a killed `qcdesk backup` ------------------------------------------------------------

def test_the_next_backup_removes_the_half_copy_a_killed_backup_left(tmp_path: Path) -> None:
    db = make_db(tmp_path / "c.db", "王磊")
    _killed("backup-mid-copy", "backup", "--db", db)
    left = _files(tmp_path / "backups")
    assert any(n.endswith(".db.part") for n in left) and any(n.endswith("-journal") for n in left)
    done = _qcdesk("backup", "--db", db)
    assert done.returncode == 0, done.stderr
    copies = _files(tmp_path / "backups")
    assert len(copies) == 1 and copies[0].startswith("c.manual-") and copies[0].endswith(".db")


# --- 5. a killed restore --------------------------------------------------------------------

def _restore_setup(tmp_path: Path) -> tuple[Path, Path]:
    db = make_db(tmp_path / "c.db", "王磊")
    source = backup.backup_file(db, tmp_path / "src.db")
    store = Store.open(db, author="测试")
    store.db.execute("UPDATE inspector SET name = '李娜'")
    store.close()
    return db, source


def _left_by_restore(tmp_path: Path) -> list[str]:
    return [n for n in _files(tmp_path) + _files(tmp_path / "backups")
            if ".restoring" in n or (".before-restore-" in n and (".part" in n or n.endswith("-journal")))]


def test_the_next_restore_removes_what_a_killed_restore_left(tmp_path: Path) -> None:
    db, source = _restore_setup(tmp_path)
    _killed("restore-mid-safety-copy", "restore", "-y", "--db", db, source)
    assert ".c.db.restoring" in _files(tmp_path) and _left_by_restore(tmp_path) != []
    assert names(db) == ["李娜"]  # nothing restored
    assert main(["restore", "-y", "--db", str(db), str(source)]) == 0
    assert names(db) == ["王磊"] and _left_by_restore(tmp_path) == []
    assert len([n for n in _files(tmp_path / "backups") if ".before-restore-" in n]) == 1


def test_the_next_backup_removes_what_a_killed_restore_left(tmp_path: Path) -> None:
    db, source = _restore_setup(tmp_path)
    _killed("restore-mid-safety-copy", "restore", "-y", "--db", db, source)
    assert _left_by_restore(tmp_path) != []
    assert _qcdesk("backup", "--db", db).returncode == 0
    assert _left_by_restore(tmp_path) == [] and names(db) == ["李娜"]


def test_a_restore_window_keeps_its_files_from_a_backup_run_meanwhile(tmp_path: Path) -> None:
    """The instance lock is the guard: while a window holds the file, a `qcdesk backup` leaves
    the restore's side files alone (it may be restoring right now)."""
    db, source = _restore_setup(tmp_path)
    _killed("restore-mid-safety-copy", "restore", "-y", "--db", db, source)
    from qcdesk.models.instance_lock import InstanceLock

    with InstanceLock(db):
        assert _qcdesk("backup", "--db", db).returncode == 0
        assert ".c.db.restoring" in _files(tmp_path)


@pytest.mark.parametrize("kind", ["restore-mid-safety-copy", "restore-mid-swap"])
def test_the_next_start_says_once_that_a_killed_restore_did_not_happen(tmp_path: Path, qtbot,
                                                                       kind: str) -> None:
    import argparse

    from qcdesk.paths import AppPaths
    from qcdesk.ui import app as app_module

    db, source = _restore_setup(tmp_path)
    _killed(kind, "restore", "-y", "--db", db, source)
    assert names(db) == ["李娜"] and ".c.db.restoring" in _files(tmp_path)
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    for said in (True, False):  # once
        shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="zh_CN"), paths,
                                       ask_inspector=False)
        qtbot.addWidget(shell.window)
        try:
            text = shell.window.statusBar().currentMessage()
            assert ("恢复" in text and "中断" in text) is said, text
            assert _left_by_restore(tmp_path) == [] and names(db) == ["李娜"]
        finally:
            shell.window.close()
            shell.shutdown()


def test_a_restore_killed_after_it_went_through_is_not_called_undone(tmp_path: Path) -> None:
    db, source = _restore_setup(tmp_path)
    _killed("restore-after-commit", "restore", "-y", "--db", db, source)
    assert names(db) == ["王磊"] and ".c.db.restoring" in _files(tmp_path)
    assert interrupted.clear_interrupted_restore(db) is False
    assert ".c.db.restoring" not in _files(tmp_path)


def test_a_restore_killed_mid_swap_is_said_undone(tmp_path: Path) -> None:
    db, source = _restore_setup(tmp_path)
    _killed("restore-mid-swap", "restore", "-y", "--db", db, source)
    assert names(db) == ["李娜"]
    assert interrupted.clear_interrupted_restore(db) is True
    assert _left_by_restore(tmp_path) == []


# --- 8. an upgrade killed between two migrations ----------------------------------------------

_UPGRADE = textwrap.dedent("""
    import sys
    from sqlite_utils.migrations import Migrations
    from qcdesk.models import schema_sets, store as store_module

    upgrade = Migrations("test.upgrade")

    @upgrade(name="0001_first")
    def first(db):
        db.execute("CREATE TABLE upgraded_first (x)")

    @upgrade(name="0002_second")
    def second(db):
        if PAUSE:
            print("paused", flush=True)
            sys.stdin.readline()
        db.execute("CREATE TABLE upgraded_second (x)")

    real_sets = schema_sets.migration_sets
    schema_sets.migration_sets = store_module.migration_sets = lambda: [*real_sets(), upgrade]
""")


def test_a_resumed_upgrade_takes_no_second_pre_migration_copy(tmp_path: Path, monkeypatch) -> None:
    db = make_db(tmp_path / "o.db", "王磊")
    child = _UPGRADE.replace("PAUSE", "True") + textwrap.dedent("""
        from qcdesk.models.store import Store
        Store.open(sys.argv[1], backup_dir=Path(sys.argv[1]).parent / "backups")
    """).replace("from qcdesk", "from pathlib import Path\nfrom qcdesk", 1)
    proc = subprocess.Popen([sys.executable, "-c", child, str(db)], cwd=REPO, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert (proc.stdout.readline() if proc.stdout else "").strip() == "paused", proc.stderr
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'upgraded_first'").fetchone()[0]
    conn.close()
    namespace: dict[str, object] = {}
    exec(_UPGRADE.replace("PAUSE", "False"), namespace)  # the same release, started again
    store = Store.open(db, backup_dir=tmp_path / "backups")
    store.close()
    copies = [n for n in _files(tmp_path / "backups") if ".pre-migration-" in n]
    assert len(copies) == 1, copies
    conn = sqlite3.connect(tmp_path / "backups" / copies[0])
    try:  # the state before the upgrade, not the half-upgraded file
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'upgraded_%'"
                            ).fetchone()[0] == 0
    finally:
        conn.close()
    assert _files(tmp_path / "backups") == copies  # its note is gone once the upgrade is done
    namespace["schema_sets"].migration_sets = namespace["real_sets"]  # type: ignore[attr-defined]
    from qcdesk.models import store as store_module

    store_module.migration_sets = namespace["real_sets"]  # type: ignore[attr-defined]


# --- 9. killed enterprise list imports --------------------------------------------------------

def _import_copies(db: Path) -> list[str]:
    return [n for n in _files(db.parent / "backups") if n.startswith(f"{db.stem}.import-")]


def test_killed_list_imports_leave_no_copies_in_the_import_rotation(tmp_path: Path) -> None:
    db = make_db(tmp_path / "r.db")
    roster = make_roster(tmp_path / "list.xlsx", GOOD)
    for _ in range(2):
        _killed("list-mid-transaction", "roster", "import", "--db", db, roster)
    assert _import_copies(db) != []  # what the last kill left (the next attempt settles earlier ones)
    assert main(["roster", "import", "--db", str(db), str(roster)]) == 0
    assert len(_import_copies(db)) == 1  # the copy before the import that ran
    assert [n for n in _files(tmp_path / "backups") if n.startswith(".list-import-")] == []


def test_a_list_import_killed_after_its_commit_keeps_its_copy(tmp_path: Path) -> None:
    db = make_db(tmp_path / "r.db")
    roster = make_roster(tmp_path / "list.xlsx", GOOD)
    _killed("list-after-commit", "roster", "import", "--db", db, roster)
    store = Store.open(db)
    try:
        assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 3
        assert interrupted.settle_list_imports(store) == 1
    finally:
        store.close()
    assert len(_import_copies(db)) == 1  # the way back from that list


# --- 11. the demo database --------------------------------------------------------------------

def test_the_demo_database_is_on_disk_before_it_takes_the_name(tmp_path: Path, monkeypatch) -> None:
    events: list[tuple[str, int]] = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.fstat(fd).st_ino))
        real_fsync(fd)

    def replace(self: Path, target: Path) -> Path:
        events.append(("replace", os.stat(self).st_ino))
        return real_replace(self, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    demo.build_demo(tmp_path / "demo.db", enterprises=5, visits=10)
    renamed = [ino for kind, ino in events if kind == "replace"]
    assert len(renamed) == 1
    at = events.index(("replace", renamed[0]))
    assert ("fsync", renamed[0]) in events[:at]
