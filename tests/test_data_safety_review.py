"""Data-safety review: a newer database, a full disk, a restore racing another command, kills.

Each test reproduces a defect found by attacking real files (kill -9, a full disk, a racing
command) and holds the fix to it.
"""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_backup import add, dump, names

from qcdesk.cli import main
from qcdesk.models import audit, backup
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[1]


def make_db(path: Path, *people: str, padding: int = 0) -> Path:
    """A QCDesk database with these inspectors (and `padding` bytes in a setting, for size)."""
    store = Store.open(path, author="tester")
    for name in people:
        add(store, name)
    if padding:
        store.set_setting("review.padding", "x" * padding)
    store.close()
    return path


def run_limited(code: str, file_size_limit: int) -> subprocess.CompletedProcess[str]:
    """Run `code` in a child whose files cannot grow past `file_size_limit` bytes: the disk is
    "full" for it (EFBIG, as ENOSPC would be) without needing a mount."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, preexec_fn=limit, cwd=ROOT)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(
        (".part", ".part-journal", ".partial", "-journal")))


# --- a database from a newer QCDesk ---------------------------------------------------------

def _from_the_future(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                     "VALUES ('qcdesk.core', '9999_added_by_a_newer_version', '2027-06-01')")
        conn.execute("ALTER TABLE inspector ADD COLUMN added_later TEXT")
    conn.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path, capsys) -> None:
    """Found: sqlite-utils only looks for pending names, so the old app opened a newer file as
    current and wrote into it (an import merged 3,000 visits into a schema it did not know)."""
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    _from_the_future(db)
    before = dump(db)
    with pytest.raises(StoreError) as info:
        Store.open(db)
    assert "更新版本" in info.value.message_zh and "newer" in info.value.message_en
    assert main(["recusal", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "更新版本" in err and "Traceback" not in err
    with pytest.raises(StoreError):
        Store.open(db, migrate=False)
    assert dump(db) == before


def test_restore_refuses_a_backup_from_a_newer_version(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    newer = make_db(tmp_path / "newer.db", "李娜")
    _from_the_future(newer)
    before = dump(db)
    assert main(["restore", str(newer), "--db", str(db)]) == 2
    assert "更新版本" in capsys.readouterr().err
    assert dump(db) == before


# --- a full disk ------------------------------------------------------------------------------

def test_a_snapshot_that_fills_the_disk_leaves_no_half_copy(tmp_path: Path) -> None:
    """Found: the import snapshot's `.part` stayed in backups/ after a full disk, never removed."""
    db = make_db(tmp_path / "qcdesk.db", "王磊", padding=600_000)
    result = run_limited(
        "from pathlib import Path\n"
        "from qcdesk.models import backup\n"
        "from qcdesk.models.store import Store, StoreError\n"
        f"store = Store.open({str(db)!r})\n"
        "try:\n"
        "    backup.snapshot_before_import(store)\n"
        "except StoreError as exc:\n"
        "    print('refused', exc.message_en)\n", 300_000)
    assert "refused" in result.stdout, result.stderr
    assert leftovers(tmp_path) == []
    assert backup.list_backups(tmp_path / "backups") == []
    assert names(db) == ["王磊"]


def test_a_restore_that_fills_the_disk_keeps_no_half_safety_copy(tmp_path: Path) -> None:
    """Found: the 'before-restore' copy was written under its final name; on a full disk half
    of it stayed in backups/, listed as a backup to restore from."""
    old = make_db(tmp_path / "old.db", "王磊")
    db = make_db(tmp_path / "qcdesk.db", "王磊", "李娜", padding=900_000)
    before = dump(db)
    result = run_limited(
        "from qcdesk.models import backup\n"
        "from qcdesk.models.store import StoreError\n"
        "try:\n"
        f"    backup.restore({str(old)!r}, {str(db)!r}, {str(tmp_path / 'backups')!r})\n"
        "except StoreError as exc:\n"
        "    print('refused', exc.message_en)\n", 700_000)
    assert "refused" in result.stdout, result.stderr
    assert dump(db) == before
    assert backup.list_backups(tmp_path / "backups") == []
    assert leftovers(tmp_path) == []


# --- two commands on one database -------------------------------------------------------------

def test_a_restore_does_not_swallow_a_later_write_of_a_command_that_had_the_file_open(
        tmp_path: Path) -> None:
    """Found: `qcdesk restore` while `qcdesk import` was still verifying its package swapped the
    file and deleted its WAL; the import then merged 3,000 visits into the swapped-away file,
    printed 已导入 and exited 0, and the data was in neither the database nor the safety copy."""
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    old = backup.backup_file(db, tmp_path / "old.db")
    make_db(db, "李娜")
    importer = Store.open(db, author="importer")  # opened, not yet writing (verifying a package)
    try:
        safety = backup.restore(old, db, tmp_path / "backups")
        save_inspector(importer, Inspector(name="赵强", jurisdiction_code="421221"))
    finally:
        importer.close()
    assert names(db) == ["王磊", "赵强"]  # the write after the restore is kept, on top of it
    assert safety is not None and names(safety) == ["李娜", "王磊"]
    backup.check_database_file(safety)
    store = Store.open(db)
    try:
        assert audit.verify(store).ok
    finally:
        store.close()


def test_a_restore_waits_for_a_writer_and_then_says_it_is_in_use(tmp_path: Path, monkeypatch) -> None:
    """Found: with another program in the middle of a write, restore() took the locked file for
    damaged, copied its raw bytes aside and swapped the file under the writer."""
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    old = backup.backup_file(db, tmp_path / "old.db")
    make_db(db, "李娜")
    before = dump(db)
    monkeypatch.setattr(backup, "BUSY_SECONDS", 0.5, raising=False)
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE settings SET value = value WHERE 0")
        with pytest.raises(StoreError) as info:
            backup.restore(old, db, tmp_path / "backups")
        assert "in use" in info.value.message_en
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert dump(db) == before
    assert backup.list_backups(tmp_path / "backups") == []


# --- kill -9 in the middle of a restore --------------------------------------------------------

_RESTORER = """
import os, sys
from pathlib import Path
from qcdesk.models import backup
db, a, b, folder = (Path(x) for x in sys.argv[1:5])
for line in sys.stdin:  # a zygote: QCDesk is imported once, each child is a fork
    pid = os.fork()
    if pid == 0:
        os.write(1, f"ready {os.getpid()}\\n".encode())
        while True:
            for source in (a, b):
                backup.restore(source, db, folder)
    os.waitpid(pid, 0)
    os.write(1, b"dead\\n")
"""


def test_kill_during_restores_leaves_old_or_new_and_only_complete_backups(tmp_path: Path) -> None:
    """Restores killed at random moments: the database is the old or the new one, never a
    mixture, and every file listed as a backup is a complete database."""
    a = make_db(tmp_path / "a.db", "甲", padding=400_000)
    b = make_db(tmp_path / "b.db", "乙", "丙", padding=800_000)
    db = backup.backup_file(a, tmp_path / "live" / "qcdesk.db")
    folder = tmp_path / "live" / "backups"
    rng = random.Random(7)
    zygote = subprocess.Popen([sys.executable, "-c", _RESTORER, str(db), str(a), str(b), str(folder)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    kills = 0
    try:
        # A number of kills, not a span of time: on a loaded machine each round (a fork, a
        # restore, the checks below) takes longer, and a time box then ran too few rounds.
        deadline = time.monotonic() + 120
        while kills < 12 and time.monotonic() < deadline:
            zygote.stdin.write("go\n")
            zygote.stdin.flush()
            word, pid = zygote.stdout.readline().split()
            assert word == "ready"
            time.sleep(rng.uniform(0.02, 0.3))
            os.kill(int(pid), signal.SIGKILL)
            assert zygote.stdout.readline().strip() == "dead"
            kills += 1
            assert names(db) in (["甲"], ["丙", "乙"])
            conn = sqlite3.connect(db)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()
            for info in backup.list_backups(folder):
                backup.check_database_file(info.path)  # a listed backup is a complete one
                assert names(info.path) in (["甲"], ["丙", "乙"])
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=10)
    assert kills == 12
    store = Store.open(db)
    try:
        assert audit.verify(store).ok
    finally:
        store.close()


# --- export, demo build -------------------------------------------------------------------

_EXPORT_KILLED_BEFORE_COMMIT = """
import os, signal, sys
from pathlib import Path
from qcdesk.exchange import export as ex
from qcdesk.exchange.minisign import SecretKey, generate_secret_key
from qcdesk.models.store import Store
ex.xs.record_export = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # kill -9 lands here
store = Store.open(sys.argv[1], author="inspector")
ex.export_package(store, Path(sys.argv[2]), generate_secret_key(), signer_name="张三",
                  jurisdiction="421221", role="inspector", full=True)
"""


def _export_killed(tmp_path: Path, where: str) -> tuple[Path, Path]:
    """An inspector database with one visit, and its export killed (-9) at `where`."""
    db = _inspector_db(tmp_path)
    out = tmp_path / "usb"
    out.mkdir()
    script = _EXPORT_KILLED_BEFORE_COMMIT.replace("ex.xs.record_export", where).replace(
        "generate_secret_key()", _SAME_KEY)
    child = subprocess.run([sys.executable, "-c", script, str(db), str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    return db, out


def _recorded(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT file_name, sequence FROM exchange_export"))
    finally:
        conn.close()


# the inspector's one key, in the killed child and in the retry (as in _export_again)
_SAME_KEY = "SecretKey(keynum=bytes(range(8)), seed=bytes(32))"


def _export_again(db: Path, out: Path) -> Path:
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import SecretKey

    store = Store.open(db, author="inspector")
    try:
        return export_package(store, out, SecretKey(keynum=bytes(range(8)), seed=bytes(32)),
                              signer_name="张三",
                              jurisdiction="421221", role="inspector", full=True)
    finally:
        store.close()


def test_an_export_killed_before_its_commit_leaves_no_package_the_database_does_not_know(
        tmp_path: Path) -> None:
    """Killed between building the signed package and the commit: no complete-looking
    package may be left (the next export would sign a different one with its sequence)."""
    db, out = _export_killed(tmp_path, "ex.xs.record_export")
    packages = {p.name for p in out.glob("*.qcpkg.zip")}
    assert packages == set() and _recorded(db) == {}
    again = _export_again(db, out)
    assert {p.name for p in out.glob("*.qcpkg.zip")} == {again.name} and _recorded(db)[again.name] == 1


def test_an_export_killed_after_its_commit_is_finished_by_the_next_one(tmp_path: Path) -> None:
    """Killed after the commit, before the rename: the next export gives the recorded package
    its name (it is the one the database's chain refers to) and goes on with the next number."""
    db, out = _export_killed(tmp_path, "ex._publish")
    recorded = _recorded(db)
    assert list(recorded.values()) == [1] and not list(out.glob("*.qcpkg.zip"))
    again = _export_again(db, out)
    names = {p.name for p in out.glob("*.qcpkg.zip")}
    assert names == set(_recorded(db)) and len(names) == 2 and _recorded(db)[again.name] == 2
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


_DEMO_KILLED = """
import os, signal, sys
from qcdesk.models.demo import build_demo
build_demo(sys.argv[1], enterprises=20, visits=200,
           cancel=lambda: os.kill(os.getpid(), signal.SIGKILL))  # kill -9 during the build
"""


def test_a_killed_demo_build_leaves_nothing_behind_after_the_retry(tmp_path: Path) -> None:
    from qcdesk.models.demo import build_demo

    target = tmp_path / "demo.db"
    child = subprocess.run([sys.executable, "-c", _DEMO_KILLED, str(target)], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    build_demo(target, enterprises=20, visits=200)  # the retry works...
    assert names(target)
    stale = [p.name for p in tmp_path.iterdir() if p.name.endswith(".building")]
    assert stale == []  # ...but each killed build's whole database stays behind, hidden


def test_demo_replace_on_a_real_database_keeps_a_copy(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "qcdesk.db", "王磊")
    code = main(["demo", "--db", str(db), "--replace", "--enterprises", "5", "--visits", "5"])
    capsys.readouterr()
    kept = code != 0 and names(db) == ["王磊"]
    copies = [p for p in tmp_path.rglob("*.db") if p != db and "王磊" in names(p)]
    assert kept or copies, "the user's own records are gone and no copy was taken"


def test_demo_replace_refuses_a_database_open_in_qcdesk(tmp_path: Path, capsys) -> None:
    """The window would go on saving into the file the build swapped away: every save lost."""
    from qcdesk.models.instance_lock import InstanceLock

    db = make_db(tmp_path / "qcdesk.db", "王磊")
    with InstanceLock(db):  # as the GUI holds it while the database is open
        store = Store.open(db, author="王磊")
        code = main(["demo", "--db", str(db), "--replace", "--enterprises", "5", "--visits", "5"])
        add(store, "王五")
        store.close()
    assert code == 2 and len(capsys.readouterr().err.strip().splitlines()) == 1
    assert names(db) == ["王五", "王磊"]


def _inspector_db(tmp_path: Path) -> Path:
    from tests.exchange_fixtures import populate

    db = tmp_path / "inspector.db"
    store = Store.open(db, author="inspector")
    populate(store, n_enterprises=1, visits_each=1)
    store.close()
    return db


def _side_file(out: Path, key: object, name: str, hours_old: float) -> Path:
    """A complete signed package under an export's hidden side name, `hours_old` old."""
    from qcdesk.exchange.package import build_package

    data = out.parent / f"{name}.xlsx"
    data.write_bytes(b"PK not really a workbook")
    side = build_package(out, {"data.xlsx": data}, {}, key, signer_name=name,
                         jurisdiction="421221", role="inspector", sequence=7,
                         previous_package_sha256=None, publish=False)
    old = time.time() - hours_old * 3600
    os.utime(side, (old, old))
    return side


def test_an_export_leaves_other_databases_side_files_and_odd_entries_alone(
        tmp_path: Path) -> None:
    from qcdesk.exchange.minisign import SecretKey, generate_secret_key

    db, out = _inspector_db(tmp_path), tmp_path / "usb"
    out.mkdir()
    (out / "shortcut").symlink_to(out / "gone.txt")  # a dangling link on the stick
    theirs = _side_file(out, generate_secret_key(), "李四", hours_old=5)
    ours_key = SecretKey(keynum=bytes(range(8)), seed=bytes(32))
    ours = _side_file(out, ours_key, "张三", hours_old=5)  # our rolled-back export of long ago
    again = _export_again(db, out)
    assert again.is_file() and theirs.is_file() and not ours.exists()


def test_a_rename_that_fails_after_the_commit_says_where_the_package_waits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.exchange import export as ex

    db, out = _inspector_db(tmp_path), tmp_path / "usb"
    out.mkdir()
    real_replace = os.replace

    def held_by_antivirus(src: object, dst: object) -> None:
        if str(dst).endswith(".qcpkg.zip"):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(ex.os, "replace", held_by_antivirus)
    with pytest.raises(ex.ExportNotPublished) as info:
        _export_again(db, out)
    zh, en = info.value.text("zh"), info.value.text("en")
    assert "导出已记录（序号 1）" in zh and "next export" in en
    # the cause, and advice that fits a package waiting in this folder: not "choose another folder"
    assert "没有权限。" in zh and "开放该文件夹的写入权限" in zh and "换一个文件夹" not in zh, zh
    assert "permission denied." in en and "choose another folder" not in en, en
    monkeypatch.setattr(ex.os, "replace", real_replace)
    second = _export_again(db, out)
    assert sorted(_recorded(db).values()) == [1, 2]
    assert {p.name for p in out.glob("*.qcpkg.zip")} == set(_recorded(db)) and second.is_file()
