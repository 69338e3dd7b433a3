"""`qcdesk restore` interrupted once the restore went through says it went through (review RB 1
follow-up). Before: a Ctrl-C landing after the swap had committed (e37ecc8 keeps the
before-restore copy then) or while the photos were brought back printed `qcdesk: 已取消
(cancelled)` and exited 130, which by the CLI's word means "database unchanged", while the
database held the backup. Now it says the database was restored and where the before-restore
copy is, and exits 0; a Ctrl-C before the swap still says 已取消, exit 130, nothing changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import qcdesk.models.backup as backup
import qcdesk.models.backup_photos as backup_photos
from qcdesk.cli import main
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store


def _db(path: Path, names: list[str]) -> None:
    store = Store.open(path, author="tester")
    for name in names:
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    store.close()


def _count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM inspector").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def county(tmp_path: Path) -> tuple[Path, Path]:
    db, old = tmp_path / "qcdesk.db", tmp_path / "old.db"
    _db(db, ["王磊"])
    _db(old, ["李娜", "张伟", "刘洋"])
    return db, old


def _ctrl_c(monkeypatch: pytest.MonkeyPatch, module: object, name: str, after: bool) -> None:
    """Ctrl-C just before or just after `module.name` ran."""
    real = getattr(module, name)

    def interrupted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if not after:
            raise KeyboardInterrupt
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(module, name, interrupted)


def _restore(db: Path, old: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["restore", str(old), "--db", str(db), "--yes"])
    out, err = capsys.readouterr()
    return code, out, err


def _kept(db: Path) -> list[Path]:
    return sorted((db.parent / "backups").glob("*before-restore*.db"))


def test_ctrl_c_just_after_the_swap_says_restored_and_where_the_old_database_is(
        county: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, old = county
    _ctrl_c(monkeypatch, backup, "_swap", after=True)  # the checkpoint after the commit
    code, out, err = _restore(db, old, capsys)
    assert _count(db) == 3  # the database holds the backup
    [kept] = _kept(db)
    assert _count(kept) == 1
    assert "已取消" not in err and "cancelled" not in err, err
    assert f"已从 {old} 恢复数据库 {db}" in out and f"恢复前的数据库已保存为 {kept}" in out, out
    assert "来得太晚，恢复已经完成" in err and len(err.splitlines()) == 1
    assert code == 0  # non-zero says "database unchanged"


def test_ctrl_c_while_the_photos_come_back_says_the_database_is_restored(
        county: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, old = county
    _ctrl_c(monkeypatch, backup_photos, "restore_photos", after=False)
    code, out, err = _restore(db, old, capsys)
    assert _count(db) == 3
    [kept] = _kept(db)
    assert "已取消" not in err and f"恢复前的数据库已保存为 {kept}" in out, (out, err)
    assert "已停止取回照片文件：数据库已恢复" in err and len(err.splitlines()) == 1
    assert code == 0


def test_ctrl_c_before_the_swap_is_still_cancelled_with_nothing_changed(
        county: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, old = county
    _ctrl_c(monkeypatch, backup, "_swap", after=False)
    code, out, err = _restore(db, old, capsys)
    assert _count(db) == 1 and not _kept(db)
    assert code == 130 and err.strip() == "qcdesk: 已取消 (cancelled)" and "已从" not in out
