"""An import whose records went in, then failed placing its photos, says it imported them.

Before: the photos are placed after the merge's transaction commits; when that failed (a full
disk, a photo folder that cannot be written) the import window showed the failure followed by
"The database was not changed." although every record was in, and `qcdesk import` printed a bare
file error. The inspector imported the package again (refused as imported before) or thought
the county's data missing. Now the window says the records were imported (the counts as on
success), names the photo problem and the remedy (import the package again: no record twice,
the missing photos put back), which works; the CLI says the same in one line, exit non-zero.

Two real ways to fail: a full disk (ENOSPC from the photo write, injected) and a photo folder
that cannot be written (a file stands where a photo's sub-folder must go: a real error)."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from photo_packages import photo_package
from pytestqt.qtbot import QtBot

import qcdesk.models.photo_files as photo_files
from qcdesk.cli import main
from qcdesk.models.photo_files import intact
from qcdesk.models.store import Store
from qcdesk.ui.exchange_dialogs import ImportDialog

N_PHOTOS = 2
WORDS = {  # lang: (imported, the photo problem, the remedy done); never "not changed"
    "en": ("Imported: the {n} record(s) of this package are in the database.",
           "could not be put into the photo folder", "are now back in place"),
    "zh_CN": ("已导入：该数据包的 {n} 条记录已在数据库中。", "未能放入照片文件夹", "照片现已补齐"),
}
UNCHANGED = ("not changed", "unchanged", "未改动", "未作改动", "未作任何改动", "没有改动")


def _content(i: int) -> bytes:
    return b"\xff\xd8\xff\xe0 site photo %d " % i + bytes(range(256)) * 4


def _shas() -> list[str]:
    return [hashlib.sha256(_content(i)).hexdigest() for i in range(N_PHOTOS)]


def _in_place(photos: Path) -> int:
    return sum(intact(photos / sha[:2] / f"{sha}.jpg", sha) for sha in _shas())


def _count(db: Path, table: str) -> int:
    s = Store.open(db)
    try:
        return int(s.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        s.close()


def _failing(kind: str, photos: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Make placing the photos fail as `kind`; returns what mends it (space freed, folder fixed)."""
    if kind == "disk full":
        def full(fh: object, chunks: object) -> str:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(photo_files, "_write", full)
        return lambda: monkeypatch.setattr(photo_files, "_write", _real_write)
    photos.mkdir(parents=True, exist_ok=True)
    blocker = photos / _shas()[0][:2]  # where the first photo's sub-folder must go
    blocker.write_bytes(b"not a folder")
    return blocker.unlink


_real_write = photo_files._write


def _press(qtbot: QtBot, dlg: ImportDialog, dry_run: bool) -> None:
    job = dlg.run(dry_run=dry_run)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=60000)


def _shown(dlg: ImportDialog) -> str:
    return dlg.status.text() + "\n" + (dlg.advice.text() if not dlg.advice.isHidden() else "")


@pytest.mark.parametrize("kind", ["disk full", "folder not writable"])
def test_the_window_says_imported_and_names_the_photo_problem_and_the_remedy_works(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, kind: str) -> None:
    db, photos = tmp_path / "county.db", tmp_path / "photos"
    Store.open(db).close()
    package = photo_package(tmp_path, db, {i: _content(i) for i in range(N_PHOTOS)}, visits_each=2)
    dlg = ImportDialog(db, package=package, photos_dir=photos)
    qtbot.addWidget(dlg)
    _press(qtbot, dlg, True)  # 检查
    mend = _failing(kind, photos, monkeypatch)
    _press(qtbot, dlg, False)  # 导入: the records go in, the photos do not

    imported, problem, restored = WORDS[lang]
    shown = _shown(dlg)
    table = dlg.table
    records = sum(int(table.item(r, c).text()) for r in range(table.rowCount()) for c in range(1, 5))
    assert records > 0  # the counts, as on success
    assert imported.format(n=records) in dlg.status.text(), shown
    assert problem in dlg.status.text(), shown
    assert str(photos) in dlg.advice.text(), shown  # which folder to free or fix
    assert not any(word in shown for word in UNCHANGED), shown
    assert _count(db, "visit") == 2 and _count(db, "photo") == N_PHOTOS  # …and they are in
    assert _count(db, "exchange_import") == 1
    assert _in_place(photos) < N_PHOTOS
    assert dlg.import_button.isEnabled()  # the remedy is one press away

    mend()  # space freed / the folder fixed, then Import again as the window says
    _press(qtbot, dlg, False)
    assert _in_place(photos) == N_PHOTOS, _shown(dlg)
    assert restored in _shown(dlg), _shown(dlg)
    assert _count(db, "visit") == 2 and _count(db, "photo") == N_PHOTOS  # no record twice


def _county_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, visits_each: int = 1
                ) -> tuple[Path, Path, Path]:
    """The county's database and photo folder as `qcdesk` finds them, and a package of
    N_PHOTOS photos for it: (database, photo folder, package)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "county" / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "county" / "cfg"))
    db = tmp_path / "county" / "county.db"
    Store.open(db).close()
    package = photo_package(tmp_path, db, {i: _content(i) for i in range(N_PHOTOS)},
                            visits_each=visits_each)
    return db, tmp_path / "county" / "xdg" / "QCDesk" / "photos", package


def test_the_cli_says_imported_in_one_line_and_running_it_again_puts_the_photos_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db, photos, package = _county_cli(tmp_path, monkeypatch)
    mend = _failing("disk full", photos, monkeypatch)
    capsys.readouterr()

    assert main(["import", str(package), "--db", str(db)]) != 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1, err  # one line
    assert "已导入" in err and "条记录都已在数据库中" in err and "照片未能放入照片文件夹" in err, err
    assert "qcdesk import" in err and "(imported: its" in err, err  # what to run; the English gloss
    assert "未改动" not in err and "unchanged" not in err, err
    assert _count(db, "photo") == N_PHOTOS and _count(db, "exchange_import") == 1
    assert _in_place(photos) == 0

    mend()
    assert main(["import", str(package), "--db", str(db)]) == 2  # refused as imported before…
    assert "照片现已补齐" in capsys.readouterr().err
    assert _in_place(photos) == N_PHOTOS  # …and its photos put back


@pytest.mark.parametrize("form", ["json", "text"])
def test_the_cli_prints_the_counts_json_and_the_reconciliation_workbook_as_on_success(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        form: str) -> None:
    """The records are in, so a script's --json and the inspector's counts and --reconcile
    workbook are there as on success. Before: nothing on stdout and no workbook, only the line."""
    import json

    from openpyxl import load_workbook

    db, photos, package = _county_cli(tmp_path, monkeypatch, visits_each=3)
    _failing("disk full", photos, monkeypatch)
    book = tmp_path / "对账表.xlsx"
    capsys.readouterr()

    json_flag = ["--json"] if form == "json" else []
    assert main(["import", str(package), "--db", str(db), "--reconcile", str(book), *json_flag]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "条记录都已在数据库中" in err and "照片未能放入" in err, err
    if form == "json":
        result = json.loads(out)
        assert result["counts"]["visit"]["new"] == 3 and result["counts"]["photo"]["new"] == N_PHOTOS
        assert result["failed_after_import"] == {
            "stage": "photos", "reason": result["failed_after_import"]["reason"],
            "photo_files_not_placed": N_PHOTOS, "also": None}
        assert "No space left" in result["failed_after_import"]["reason"]
    else:
        assert out.startswith(f"已导入：{package.name}"), out
        assert "检查记录：新增 3，" in out and "对账表已保存" in out, out
    assert _count(db, "visit") == 3
    sheets = load_workbook(book, read_only=True).sheetnames  # the workbook, written as on success
    assert sheets and book.stat().st_size > 0


def test_a_reconciliation_workbook_that_cannot_be_written_joins_the_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db, photos, package = _county_cli(tmp_path, monkeypatch)
    _failing("disk full", photos, monkeypatch)
    import qcdesk.exchange.reconcile as reconcile

    def refused(*_args: object) -> None:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(reconcile, "write_reconciliation", refused)
    capsys.readouterr()

    assert main(["import", str(package), "--db", str(db), "--reconcile",
                 str(tmp_path / "对账表.xlsx")]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1, err
    assert "照片未能放入" in err and "另外无法写入对账表" in err and "either" in err, err
    assert "对账表已保存" not in out and "已导入：" in out, out
