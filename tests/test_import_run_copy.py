"""A day's run of package imports takes one copy of the database, and every import stays
undoable (review RC B3).

Before: every package import first copied (and checked) the whole database: a county's Monday
of 12 inspectors' packages wrote 12 full copies, slower as the database grew, and the 14 import
copies kept reached back about a week. Now an import reuses the copy taken before the day's
first package import while nothing but package imports changed the database since; its way
back says that restoring the copy also undoes the earlier packages of the run and where they
are kept, and following it (restore, then import those again) gives the database as it was
before this import. Anything else written in between takes a fresh copy, as before. Real
signed packages, real files, the CLI as a clerk runs it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import import_copies, trust_store
from qcdesk.models.store import Store

TABLES = ("enterprise", "visit", "sample", "finding", "rectification", "inspector")


@pytest.fixture
def county(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A county database trusting three inspectors, and a package from each (other firms)."""
    db = tmp_path / "county" / "qcdesk.db"
    store = Store.open(db, author="县局")
    packages = []
    for n in range(3):
        key = generate_secret_key()
        laptop = Store.open(tmp_path / f"laptop{n}.db", author=f"检查员{n}")
        populate(laptop, 2, 2, uscc_offset=10 * n, text=f"问题{n}")
        out = tmp_path / f"usb{n}"
        out.mkdir()
        packages.append(export_package(laptop, out, key, signer_name=f"检查员{n}",
                                       jurisdiction="421202", role="inspector", full=True))
        laptop.close()
        trust_store.add_key(store, key.public_key, name=f"检查员{n}", jurisdiction="421202",
                            role="inspector")
    store.close()
    return db, packages


def _import_copies(db: Path) -> list[Path]:
    """The copies taken before imports, oldest first (two may share a second: -2)."""
    return sorted((db.parent / "backups").glob(f"{db.stem}.import-*.db"), key=lambda p: p.stat().st_mtime_ns)


def _records(db: Path) -> dict[str, Any]:
    conn = Store.open(db, author="t")
    try:
        return {t: sorted(tuple(r) for r in conn.db.execute(
            f"SELECT uuid, revision, updated_at, deleted_at FROM {t}").fetchall()) for t in TABLES}
    finally:
        conn.close()


def _import(db: Path, package: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["import", str(package), "--db", str(db)]) == 0
    return capsys.readouterr().out


def test_a_run_of_imports_takes_one_copy_and_each_import_can_be_undone(
        county: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str]) -> None:
    db, packages = county
    first = _import(db, packages[0], capsys)
    [copy] = _import_copies(db)
    assert f"导入前的数据库已备份为 {copy}" in first and "也会撤销" not in first
    _import(db, packages[1], capsys)
    before_third = _records(db)
    third = _import(db, packages[2], capsys)
    assert _import_copies(db) == [copy]  # one copy for the run, not three
    assert f"导入前的数据库已备份为 {copy}；如需撤销本次导入，可运行 qcdesk restore \"{copy}\"" in third
    received = sorted((db.parent / "received").glob("*.zip"))
    also = third.strip().splitlines()[-1]
    assert also.startswith("这份备份做于今天第一次导入数据包之前，此后只导入过数据包：恢复它也会撤销"
                           "本次之前导入的 2 个数据包（")
    earlier = [p for p in received if p.name.split("_", 1)[1] in (packages[0].name, packages[1].name)]
    assert all(p.name in also for p in earlier) and "received 文件夹" in also
    n_visits = len(before_third["visit"])

    # the way back, as it says: restore the copy, import the earlier packages again in order
    assert main(["restore", str(copy), "--db", str(db), "--yes"]) == 0
    assert _records(db)["visit"] == []
    named = json.loads(Path(_note(db)).read_text(encoding="utf-8"))["packages"][:2]
    for kept in named:
        assert main(["import", kept, "--db", str(db)]) == 0
    capsys.readouterr()
    assert _records(db) == before_third and len(before_third["visit"]) == n_visits == 8


def _note(db: Path) -> Path:
    return db.parent / "backups" / f".import-run-{db.stem}.json"


@pytest.mark.parametrize("between", ["edit", "setting", "conflict"])
def test_anything_else_written_between_imports_takes_a_fresh_copy(
        county: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str], between: str) -> None:
    db, packages = county
    store = Store.open(db, author="县局")
    with store.db.atomic():  # an open conflict from an earlier week
        store.db.execute("INSERT INTO exchange_conflict(kind, uuid, version, reason, row_json, signer, "
                         "package_sha256, created_at) VALUES ('visit', 'u', 'v', 'divergent', '{}', 's', "
                         "'p', '2026-11-30')")
    store.close()
    _import(db, packages[0], capsys)
    store = Store.open(db, author="县局")
    with store.db.atomic():
        if between == "edit":  # a clerk corrects a phone number
            store.db.execute("UPDATE enterprise SET address = '咸安区永安大道 8 号', revision = revision + 1 "
                             "WHERE id = (SELECT min(id) FROM enterprise)")
        elif between == "setting":
            store.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('org.name', '咸安区局')")
        else:  # the conflict resolved (保持现状: no record changes, no audit entry)
            store.db.execute("UPDATE exchange_conflict SET resolved_at = '2026-12-01T09:00:00Z', "
                             "resolution = 'kept'")
    store.close()
    second = _import(db, packages[1], capsys)
    copies = _import_copies(db)
    assert len(copies) == 2 and f"导入前的数据库已备份为 {copies[-1]}" in second and "也会撤销" not in second


def test_a_failed_import_in_a_run_keeps_the_run_copy(county: tuple[Path, list[Path]], monkeypatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.exchange import importer

    db, packages = county
    _import(db, packages[0], capsys)
    [copy] = _import_copies(db)

    def failing_merge(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer, "_merge", failing_merge)
    assert main(["import", str(packages[1]), "--db", str(db)]) != 0
    monkeypatch.undo()
    assert _import_copies(db) == [copy] and copy.is_file()  # the run's way back is not taken away
    again = _import(db, packages[1], capsys)
    assert _import_copies(db) == [copy] and "也会撤销本次之前导入的 1 个数据包" in again


def test_the_next_day_starts_a_new_run(county: tuple[Path, list[Path]],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    db, packages = county
    _import(db, packages[0], capsys)
    note = json.loads(_note(db).read_text(encoding="utf-8"))
    _note(db).write_text(json.dumps({**note, "day": "2026-01-05"}), encoding="utf-8")
    second = _import(db, packages[1], capsys)
    assert len(_import_copies(db)) == 2 and "也会撤销" not in second
    assert import_copies.undone_with(_import_copies(db)[0]) == []


def test_the_import_window_says_what_else_the_run_copy_undoes(
        qtbot, chinese: None, county: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    db, packages = county
    _import(db, packages[0], capsys)
    [copy] = _import_copies(db)
    dialog = ImportDialog(db, package=packages[1])
    qtbot.addWidget(dialog)
    dialog.show()
    job = dialog.run(dry_run=False)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    qtbot.wait(50)
    assert _import_copies(db) == [copy]
    [kept] = [p for p in (db.parent / "received").glob("*.zip") if p.name.endswith(packages[0].name)]
    assert dialog.advice.isVisible() and dialog.advice.text() == (
        f"导入前的数据库已备份为 {copy}。如需撤销本次导入，请恢复这份备份（文件 ▸ 备份与恢复…）。\n"
        "这份备份做于今天第一次导入数据包之前，此后只导入过数据包：恢复它也会撤销本次之前导入的 1 个数据包"
        f"（{kept.name}）。它们都保存在 received 文件夹中，恢复后请按原顺序重新导入"
        f"（在 文件 ▸ 导入数据包… 中，先导入 {kept.name}）。")  # the window's way, not a command


@pytest.mark.parametrize("damage", ["cut short", "overwritten", "noted by an older QCDesk"])
def test_a_run_copy_changed_since_it_was_taken_is_not_reused(
        county: tuple[Path, list[Path]], capsys: pytest.CaptureFixture[str], damage: str) -> None:
    """The reused copy is the way back of every import of the run: one cut short by a full disk
    or overwritten since it was checked would leave the next import with a way back that fails
    when needed. Before: only its name was looked for. Now its size and time must be as noted."""
    import os

    db, packages = county
    _import(db, packages[0], capsys)
    [copy] = _import_copies(db)
    if damage == "cut short":
        with copy.open("r+b") as fh:
            fh.truncate(copy.stat().st_size // 2)
    elif damage == "overwritten":  # same size, other bytes, a later time
        size, mtime = copy.stat().st_size, copy.stat().st_mtime_ns
        copy.write_bytes(b"\0" * size)
        os.utime(copy, ns=(mtime + 10**9, mtime + 10**9))
    else:  # a note written before the copy's size and time were noted
        note = json.loads(_note(db).read_text(encoding="utf-8"))
        del note["copy_stat"]
        _note(db).write_text(json.dumps(note), encoding="utf-8")
    second = _import(db, packages[1], capsys)
    copies = _import_copies(db)
    [fresh] = [c for c in copies if c != copy]
    assert len(copies) == 2 and f"导入前的数据库已备份为 {fresh}" in second, second
    assert "也会撤销" not in second
    third = _import(db, packages[2], capsys)  # the fresh copy starts the run again
    assert _import_copies(db) == copies and f"导入前的数据库已备份为 {fresh}" in third
    assert "也会撤销本次之前导入的 1 个数据包" in third
