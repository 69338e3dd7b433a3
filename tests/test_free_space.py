"""An import (or a package export) that does not fit on the disk is refused up front (E4).

Before: a county importing a large package with photos onto a nearly full laptop disk unpacked
it, copied the database and wrote photo files until the disk was full, then failed with an OS
error half-way. Now the space it needs (the package's photo bytes, the unpacked package, the
copy taken before the import, the kept package and the database's growth, plus a margin) is
compared with the free space of each disk first: refused with how much is needed and free and
where, nothing written. `shutil.disk_usage` is made to report a nearly full disk.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from exchange_fixtures import populate, sql_dump
from photo_packages import photo_package
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.free_space import MARGIN
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.store import Store
from qcdesk.ui.exchange_dialogs import ImportDialog

MB = 1024 * 1024
PHOTO_BYTES = 3 * MB  # 3 photos of 1 MB


def _content(i: int) -> bytes:
    return (b"\xff\xd8\xff\xe0 site photo %d " % i + os.urandom(MB))[:MB]


def _free(monkeypatch: pytest.MonkeyPatch, free: int) -> None:
    """Every disk reports `free` bytes free (of 100 GB)."""
    total = 100 * 1024 * MB
    monkeypatch.setattr(shutil, "disk_usage",
                        lambda path: shutil._ntuple_diskusage(total, total - free, free))  # type: ignore[attr-defined]


def _files(folder: Path) -> set[str]:
    """Every file and folder under `folder`, but SQLite's own side files of the open database."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")
            if not p.name.endswith(("-wal", "-shm"))}


@pytest.fixture
def county(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    home = tmp_path / "county"
    home.mkdir()
    db = home / "c.db"
    Store.open(db).close()
    package = photo_package(tmp_path, db, {i: _content(i) for i in range(PHOTO_BYTES // MB)})
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    return {"db": db, "home": home, "package": package, "photos": home / "xdg" / "QCDesk" / "photos"}


def test_an_import_that_does_not_fit_is_refused_with_nothing_written(
        county: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, home = county["db"], county["home"]
    before, files = sql_dump(db), _files(home)
    _free(monkeypatch, MARGIN + 2 * MB)  # the margin fits, the photos (3 MB) do not
    capsys.readouterr()

    code = main(["import", str(county["package"]), "--db", str(db)])

    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1, err
    assert "磁盘空间不足，未能导入数据包" in err and county["package"].name in err, err
    assert f"只剩 {(MARGIN + 2 * MB) / MB:.1f} MB" in err and "需要约" in err, err
    assert str(home) in err and "照片文件" in err and "请先清理该磁盘" in err, err
    assert sql_dump(db) == before  # the database unchanged
    assert _files(home) == files  # no backup copy, no kept package, no photo file, no unpacked folder
    assert not county["photos"].exists()

    monkeypatch.undo()  # the disk as it is: the same import goes through (the check is not too strict)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    assert main(["import", str(county["package"]), "--db", str(db)]) == 0
    assert len([p for p in county["photos"].glob("*/*")]) == 3


def test_the_import_window_says_in_chinese_what_to_do(
        qtbot: QtBot, chinese: None, county: dict[str, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db, home = county["db"], county["home"]
    dlg = ImportDialog(db, package=county["package"], photos_dir=county["photos"])
    qtbot.addWidget(dlg)
    before, files = sql_dump(db), _files(home)
    _free(monkeypatch, 10 * MB)
    job = dlg.run(dry_run=False)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    shown = dlg.status.text()
    assert "磁盘空间不足，未能导入数据包" in shown and "只剩 10.0 MB" in shown, shown
    assert "数据库和文件都未改动" in shown and "请先清理该磁盘" in shown, shown
    assert sql_dump(db) == before and _files(home) == files


def test_an_export_that_does_not_fit_on_the_usb_stick_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pw.txt").write_text("长口令 long passphrase\n", encoding="utf-8")
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out",
                 str(tmp_path / "keys"), "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    db = tmp_path / "i.db"
    s = Store.open(db, author="insp-uuid")
    populate(s, 2, 2)
    finding = s.db.execute("SELECT id FROM finding ORDER BY id LIMIT 1").fetchone()[0]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    for i in range(3):
        data = _content(i)
        sha = hashlib.sha256(data).hexdigest()
        folder = tmp_path / "xdg" / "QCDesk" / "photos" / sha[:2]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{sha}.jpg").write_bytes(data)
        insert_record(s, Photo(finding_id=finding, sha256=sha, file_name=f"现场{i}.jpg"))
    s.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    before = sql_dump(db)
    export = ["export", "--db", str(db), "--key", str(tmp_path / "keys" / "421221_张三.key"),
              "--out", str(usb), "--passphrase-file", str(tmp_path / "pw.txt"), "--attachments"]
    _free(monkeypatch, MARGIN + MB)
    capsys.readouterr()

    code = main(export)

    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1, err
    assert "磁盘空间不足，未能导出数据包" in err and str(usb) in err, err
    assert f"只剩 {(MARGIN + MB) / MB:.1f} MB" in err, err
    assert list(usb.iterdir()) == [] and sql_dump(db) == before  # no package, nothing recorded

    monkeypatch.undo()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(export) == 0
    assert len(list(usb.glob("*.zip"))) == 1
