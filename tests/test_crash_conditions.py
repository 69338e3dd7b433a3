"""Hostile conditions: read-only folder, full disk, file locked by another program, second instance.

Each gives the user a clear StoreError (Chinese first) and leaves the database as it was.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from qcdesk.models import audit
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def intact(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT name FROM inspector ORDER BY id")]
    finally:
        conn.close()


def _drop_root_powers() -> None:  # pragma: no cover - runs in the child before exec
    """As root, permissions are not checked; drop the capabilities that bypass them."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(pr_capbset_drop, cap, 0, 0, 0)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_read_only_folder_gives_a_clear_message_and_no_damage(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    db = folder / "qcdesk.db"
    store = Store.open(db, author="tester")
    save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281"))
    store.close()
    before = digest(db)
    script = (
        "import sys\nfrom pathlib import Path\nfrom qcdesk.models.store import Store, StoreError\n"
        "probe = Path(sys.argv[1]).with_name('probe')\n"
        "try:\n    probe.touch()\n    probe.unlink()\n    print('cannot-drop')\n    sys.exit(0)\n"
        "except OSError:\n    pass\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n        Store.open(name).close()\n        print('opened')\n"
        "    except StoreError as exc:\n        print(exc.message_zh)\n"
    )
    folder.chmod(0o555)
    try:
        result = subprocess.run([sys.executable, "-c", script, str(db), str(folder / "new.db")], cwd=ROOT,
                                capture_output=True, text=True, timeout=60,
                                preexec_fn=_drop_root_powers if os.geteuid() == 0 else None)
    finally:
        folder.chmod(0o755)
    lines = result.stdout.splitlines()
    if lines == ["cannot-drop"]:
        pytest.skip("cannot make a folder read-only for this user here (root without CAP_SETPCAP)")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 2 and all("只读" in line or "写入权限" in line for line in lines), lines
    assert digest(db) == before and not (folder / "new.db").exists()


def test_full_disk_refuses_the_save_and_keeps_what_was_there(store: Store) -> None:
    save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281"))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    big = Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司", jurisdiction_code="421281",
                     notes="很长的备注" * 20000)
    with pytest.raises(StoreError) as info:
        save_enterprise(store, big)
    assert "磁盘空间不足" in info.value.message_zh and "disk is full" in info.value.message_en
    assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 0
    assert intact(store.path) == ["王磊"]
    store.db.execute("PRAGMA max_page_count = 1073741823")  # space freed: the same save now works
    big.id = None
    save_enterprise(store, big)
    assert audit.verify(store).ok


def test_file_locked_by_another_program(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281"))
    store.close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\nsys.stdin.read()\n")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        store = Store.open(db, author="tester")  # reading still works (WAL)
        store.db.execute("PRAGMA busy_timeout = 200")
        with pytest.raises(StoreError) as info:
            save_inspector(store, Inspector(name="李娜", jurisdiction_code="421281"))
        assert "正被其他程序占用" in info.value.message_zh
        store.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert intact(db) == ["王磊"]


def test_second_instance_is_refused_and_a_killed_one_leaves_no_stale_lock(tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    other = subprocess.Popen([sys.executable, "-c", (
        "import sys\nfrom qcdesk.models.instance_lock import InstanceLock\n"
        f"lock = InstanceLock({str(db)!r}).acquire()\nprint('running', flush=True)\nsys.stdin.read()\n")],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "running"
        with pytest.raises(StoreError) as info:
            InstanceLock(db).acquire()
        assert "另一个 QCDesk 窗口" in info.value.message_zh and str(other.pid) in info.value.message_zh
    finally:
        other.send_signal(signal.SIGKILL) if hasattr(signal, "SIGKILL") else other.kill()
        other.wait(timeout=10)
    with InstanceLock(db) as lock:  # the OS released the dead process's lock
        assert lock.held
    assert intact(db) == []
