"""An import or export killed with SIGKILL leaves nothing behind once the next one runs.

A child process runs the real import/export, stops in the middle (rows written inside the
import's transaction; the export's spreadsheet written into its work folder) and is killed
with SIGKILL there. What a user would see afterwards: received/ holding a package that was
never imported, a pre-import copy in backups/ for every killed attempt, a hidden 2 MB work
folder on the USB stick. None of that may stay after the next run, and nothing a running
import or export is using may be touched."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.exchange import importer, received_copy
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills with SIGKILL")
REPO = Path(__file__).resolve().parent.parent

_CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from qcdesk.exchange import export, importer
    from qcdesk.models.store import Store

    def paused(real):
        def run(*args, **kwargs):
            done = real(*args, **kwargs)
            print("paused", flush=True)
            sys.stdin.readline()  # held here until killed
            return done
        return run

    kind, db, target = sys.argv[1:4]
    store = Store.open(db)
    if kind == "import":  # rows written inside the merge's transaction, never committed
        importer._merge = paused(importer._merge)
        importer.import_package(store, Path(target))
    elif kind == "import-committed":  # committed, killed before it let go of its copies
        from qcdesk.exchange.received_copy import ImportAttempt
        ImportAttempt.settle = paused(lambda *_args: None)
        importer.import_package(store, Path(target))
    else:  # the spreadsheet written into the work folder, not yet signed
        from qcdesk.exchange.minisign import generate_secret_key
        export.write_workbook = paused(export.write_workbook)
        export.export_package(store, Path(target), generate_secret_key(), signer_name="王五",
                              jurisdiction="421202", role="inspector", full=True)
""")


def _start(kind: str, db: Path, target: Path) -> subprocess.Popen[str]:
    """The child, paused in the middle of its import/export (alive)."""
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, kind, str(db), str(target)], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    if line.strip() != "paused":
        proc.kill()
        raise AssertionError(f"child did not pause: {proc.communicate()[1][-2000:]}")
    return proc


def _kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _package(tmp_path: Path, name: str, offset: int, store_to_trust: Store) -> Path:
    key = generate_secret_key()
    source = Store.open(tmp_path / f"{name}.db")
    populate(source, 1, 2, uscc_offset=offset)
    out = tmp_path / f"usb-{name}"
    out.mkdir()
    package = export_package(source, out, key, signer_name=name, jurisdiction="421202",
                             role="inspector", full=True)
    source.close()
    trust_store.add_key(store_to_trust, key.public_key, name=name, jurisdiction="421202",
                        role="inspector")
    return package


def _visits(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM visit").fetchone()[0]


def _sha16(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _import_copies(db: Path) -> list[str]:
    return sorted(p.name for p in (db.parent / "backups").glob(f"{db.stem}.import-*"))


def test_a_killed_import_leaves_no_package_in_received_nor_its_copy_in_backups(tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    county = Store.open(db)
    first = _package(tmp_path, "张三", 0, county)
    second = _package(tmp_path, "李四", 3, county)
    county.close()

    for _attempt in range(2):  # killed twice: each attempt made its copies
        child = _start("import", db, first)
        _kill(child)
    received = tmp_path / "received"
    assert any(p.name.startswith(_sha16(first)) for p in received.iterdir())  # as the kill left it

    county = Store.open(db)
    importer.import_package(county, second)  # the next import, of another package
    assert _visits(county) == 2  # the killed imports wrote nothing, this one its 2 visits
    # received/ holds exactly the package imported: nothing of the killed attempts, no notes
    assert sorted(p.name for p in received.iterdir()) == [f"{_sha16(second)}_{second.name}"]
    assert len(copies := _import_copies(db)) == 1  # the copy before the import that ran, no other

    importer.import_package(county, first)  # and the killed package imports as usual
    assert _visits(county) == 4
    assert sorted(p.name for p in received.iterdir()) == sorted(
        f"{_sha16(p)}_{p.name}" for p in (first, second))
    # nothing but that import since the copy: the day's run goes on from it (import_copies.py)
    assert _import_copies(db) == copies
    county.close()


def test_the_copies_of_an_import_still_running_are_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "county.db"
    county = Store.open(db)
    package = _package(tmp_path, "张三", 0, county)
    county.close()
    child = _start("import", db, package)
    try:
        county = Store.open(db)
        received = tmp_path / "received"
        kept = received / f"{_sha16(package)}_{package.name}"
        copies = _import_copies(db)
        assert kept.is_file() and len(copies) == 1
        assert received_copy.remove_left_over(county) == 0  # the next import's first step
        assert kept.is_file() and _import_copies(db) == copies
    finally:
        _kill(child)
    assert received_copy.remove_left_over(county) == 1  # killed now: its copies go
    assert not kept.exists() and _import_copies(db) == []
    assert sorted(p.name for p in received.iterdir()) == []
    county.close()


def test_a_killed_import_that_had_committed_keeps_its_copies(tmp_path: Path) -> None:
    """Killed after its commit, before it let go: the package was imported, its copies stay."""
    db = tmp_path / "county.db"
    county = Store.open(db)
    package = _package(tmp_path, "张三", 0, county)
    county.close()
    _kill(_start("import-committed", db, package))
    county = Store.open(db)
    assert _visits(county) == 2  # committed
    assert received_copy.remove_left_over(county) == 1  # its note settled, copies kept
    received = tmp_path / "received"
    assert sorted(p.name for p in received.iterdir()) == [f"{_sha16(package)}_{package.name}"]
    assert len(_import_copies(db)) == 1
    county.close()


def _work_folders(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".qcdesk-export-"))


def _export(db: Path, out: Path, signer: str) -> Path:
    store = Store.open(db)
    try:
        return export_package(store, out, generate_secret_key(), signer_name=signer,
                              jurisdiction="421202", role="inspector", full=True)
    finally:
        store.close()


def test_the_next_export_removes_the_work_folder_of_a_killed_one(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    for name in ("laptop", "other"):
        store = Store.open(tmp_path / f"{name}.db")
        populate(store, 2, 2)
        store.close()
    child = _start("export", tmp_path / "laptop.db", usb)
    try:
        running = _work_folders(usb)
        assert len(running) == 1 and (usb / running[0] / "data.xlsx").stat().st_size > 0
        first = _export(tmp_path / "other.db", usb, "赵六")  # another export into the same folder
        assert _work_folders(usb) == running  # the running export's folder is left alone
    finally:
        _kill(child)
    assert _work_folders(usb) == running  # as the kill left it: a hidden folder on the stick
    second = _export(tmp_path / "other.db", usb, "钱七")
    assert _work_folders(usb) == []
    assert sorted(p.name for p in usb.iterdir()) == sorted([first.name, second.name])


def test_a_work_folder_without_a_lock_goes_by_age(tmp_path: Path) -> None:
    """An older QCDesk's folder (no lock file) is removed only once an hour old, as before."""
    from qcdesk.exchange.work_folder import STALE_SECONDS, remove_left_over

    old = tmp_path / ".qcdesk-export-old"
    old.mkdir()
    (old / ".data.xlsx.x.part").write_bytes(b"PK half")
    mtime = old.stat().st_mtime
    assert remove_left_over(tmp_path, now=mtime + 60) == []
    assert remove_left_over(tmp_path, now=mtime + STALE_SECONDS + 1) == [old]
    assert not old.exists()
