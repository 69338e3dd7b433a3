"""Crash safety: SIGKILL a writing QCDesk process 200 times; nothing acknowledged may be lost.

After every kill the file must pass `PRAGMA integrity_check`, hold every record the writer
acknowledged (at least at the acknowledged revision), and have no half-sealed audit entries;
every 25 kills the whole audit chain is verified through the app.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qcdesk.models import audit
from qcdesk.models.store import Store

HERE = Path(__file__).resolve().parent
KILLS = 200


def _read(proc: subprocess.Popen) -> str:
    line = proc.stdout.readline().decode("utf-8").strip()
    if not line:
        raise AssertionError(f"crash writer ended unexpectedly: {proc.stderr.read().decode()[-2000:]}")
    return line


def _check(db: Path, acked: dict[str, int]) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_log'").fetchone():
            assert not acked  # killed before the first migration finished
            return
        stored = dict(conn.execute("SELECT uuid, revision FROM inspector"))
        lost = [u for u, rev in acked.items() if stored.get(u, 0) < rev]
        assert lost == [], f"{len(lost)} acknowledged writes lost"
        unsealed = conn.execute("SELECT count(*) FROM audit_log WHERE chain_no IS NULL").fetchone()[0]
        assert unsealed == 0
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks writer processes (POSIX)")
def test_kill_a_writer_200_times(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, str(HERE / "crash_writer.py"), str(db)], cwd=HERE.parent,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    rng = random.Random(20261129)
    acked: dict[str, int] = {}
    started = time.monotonic()
    try:
        assert _read(proc) == "zygote"
        for kill in range(KILLS):
            proc.stdin.write(f"go {kill}\n".encode())
            proc.stdin.flush()
            word, pid = _read(proc).split()
            assert word == "ready"
            if kill == 0:  # let the first writer create the file, later ones die anywhere
                line = _read(proc)
                assert line.startswith("ok "), line
                acked[line.split()[1]] = 1
            # sometimes during open/migrate/seal, mostly in the middle of a stream of writes
            late = rng.uniform(0.05, 0.15)
            time.sleep(rng.choice([0.0, rng.uniform(0, 0.05), late, late]))
            os.kill(int(pid), signal.SIGKILL)
            while True:
                word, *rest = _read(proc).split(" ", 2)
                if word == "ok":
                    acked[rest[0]] = max(acked.get(rest[0], 0), int(rest[1]))
                elif word == "dead":
                    break
                else:
                    raise AssertionError(f"writer failed: {word} {rest}")
            _check(db, acked)
            if kill % 25 == 24:
                store = Store.open(db)
                report = audit.verify(store)
                store.close()
                assert report.ok, [p.text() for p in report.problems[:3]]
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)
    assert len(acked) > 200  # the writer really got work done between kills
    print(f"{KILLS} kills, {len(acked)} acknowledged records, {time.monotonic() - started:.1f} s")


def test_concurrent_writers_keep_one_unbroken_chain(tmp_path: Path) -> None:
    """Three QCDesk processes write at once; every chain number is handed out exactly once."""
    db = tmp_path / "shared.db"
    Store.open(db).close()
    command = [sys.executable, str(HERE / "crash_writer.py"), str(db), "burst", "60"]
    writers = [subprocess.Popen([*command, str(seed)], cwd=HERE.parent, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for seed in range(3)]
    acked: dict[str, int] = {}
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.rstrip().endswith("done"), err[-2000:]
        for line in out.splitlines():
            if line.startswith("ok "):
                _word, uuid, revision = line.split()
                acked[uuid] = int(revision)
    _check(db, acked)
    store = Store.open(db)
    report = audit.verify(store)
    store.close()
    assert report.ok, [p.text() for p in report.problems[:3]]
    assert report.entries > len(acked)
