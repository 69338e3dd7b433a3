"""`qcdesk restore` shows what it will undo and asks before it replaces the database: at a
terminal it waits for y; without one it needs --yes. Found: it replaced the database at once,
taking away everything entered since the backup without a word beforehand."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.models import backup
from qcdesk.models.store import Store

PREVIEW = "恢复前 → 恢复后：企业 3 → 1 条；检查记录 7 → 1 条"


class FakeTerminal(io.StringIO):
    """Standard input at a terminal, with the user's answer already typed."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def county(tmp_path: Path) -> tuple[Path, Path]:
    """A database with two enterprises more than its backup (what a restore would take away)."""
    db = tmp_path / "county.db"
    store = Store.open(db, author="县局")
    populate(store, 1, 1)
    snapshot = backup.backup_file(db, tmp_path / "usb" / "county.db")
    populate(store, 2, 3, uscc_offset=1)
    store.close()
    return db, snapshot


def files_beside(db: Path) -> dict[str, bytes]:
    """The database and every file next to it (WAL, backups/): what "nothing changed" covers."""
    return {str(p.relative_to(db.parent)): p.read_bytes() for p in sorted(db.parent.rglob("*"))
            if p.is_file() and not p.name.endswith((".lock", "-shm"))}


def enterprises(db: Path) -> int:
    store = Store.open(db)
    try:
        return store.db.execute("SELECT count(*) FROM enterprise WHERE deleted_at IS NULL").fetchone()[0]
    finally:
        store.close()


def test_without_a_terminal_and_without_yes_nothing_is_restored(
        county: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A script or a pipe cannot answer: refused in one line naming --yes, the database
    byte-identical, no before-restore copy; a "y" piped in is not taken as the answer."""
    db, snapshot = county
    before = files_beside(db)
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    assert main(["restore", str(snapshot), "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1 and "--yes" in captured.err and "未恢复" in captured.err
    assert PREVIEW in captured.out  # what it would have undone, so the user can decide
    assert "已从" not in captured.out
    assert files_beside(db) == before and not (db.parent / "backups").exists()
    assert enterprises(db) == 3


@pytest.mark.parametrize("answer", ["n\n", "\n", "", "no\n", "是的\n"])
def test_at_a_terminal_anything_but_y_leaves_the_database_alone(
        county: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        answer: str) -> None:
    db, snapshot = county
    before = files_beside(db)
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answer))
    assert main(["restore", str(snapshot), "--db", str(db)]) != 0
    captured = capsys.readouterr()
    assert PREVIEW in captured.out and "已从" not in captured.out
    assert captured.err.startswith("确认恢复？输入 y 继续 [y/N] ")
    said = captured.err.removeprefix("确认恢复？输入 y 继续 [y/N] ").strip()
    assert len(said.splitlines()) == 1 and said.startswith("qcdesk: 未恢复")
    assert files_beside(db) == before and enterprises(db) == 3


@pytest.mark.parametrize("answer", ["y\n", "YES\n", " y \n"])
def test_at_a_terminal_y_restores(county: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str], answer: str) -> None:
    db, snapshot = county
    monkeypatch.setattr(sys, "stdin", FakeTerminal(answer))
    assert main(["restore", str(snapshot), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.index(PREVIEW) < out.index("已从")  # told before, not after
    assert enterprises(db) == 1
    assert [b.reason for b in backup.list_backups(db.parent / "backups", db)] == ["before-restore"]


def test_yes_restores_without_asking(county: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    db, snapshot = county
    monkeypatch.setattr(sys, "stdin", FakeTerminal(""))  # would be "no" if it were asked
    assert main(["restore", str(snapshot), "--db", str(db), "-y"]) == 0
    captured = capsys.readouterr()
    assert "确认恢复" not in captured.err and PREVIEW in captured.out
    assert enterprises(db) == 1


def test_no_database_yet_nothing_to_lose_nothing_asked(county: tuple[Path, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _db, snapshot = county
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    fresh = tmp_path / "new" / "qcdesk.db"
    fresh.parent.mkdir()
    assert main(["restore", str(snapshot), "--db", str(fresh)]) == 0
    assert enterprises(fresh) == 1


def test_a_real_terminal_is_asked(county: tuple[Path, Path]) -> None:
    """The command itself in a pseudo-terminal: the question appears and "n" keeps the database."""
    db, snapshot = county
    before = files_beside(db)
    leader, follower = pty.openpty()
    try:
        os.write(leader, b"n\n")
        done = subprocess.run([sys.executable, "-c", "import sys; from qcdesk.cli import main; "
                               "sys.exit(main(sys.argv[1:]))", "restore", str(snapshot), "--db", str(db)],
                              stdin=follower, capture_output=True, text=True, timeout=120)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2, done.stderr
    assert "确认恢复？输入 y 继续 [y/N]" in done.stderr and "未恢复" in done.stderr
    assert PREVIEW in done.stdout
    assert files_beside(db) == before
