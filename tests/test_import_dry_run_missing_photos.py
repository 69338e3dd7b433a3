"""`qcdesk import --dry-run` on a package imported before says how many of its photos are missing.

The gap (E2): a package imported once is refused as already imported, and importing it again
(without --dry-run) puts back its photo files missing from the photo folder (an import killed
while copying them, a database restored on another PC). But the dry run an office runs first
said only 拒绝导入：…已导入过，无需再导入 (and --json printed nothing), so it was told all was
well and never ran the import that brings them back. Now the dry run says how many are missing
and that importing again without --dry-run puts them back, --json carries the count, and it
still changes nothing: the database and the photo folder stay byte for byte as they were.
Through the real CLI entry (`qcdesk.cli.main`), exit code 2 as for every refused re-import.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from photo_packages import photo_package

from qcdesk.cli import main


def _content(i: int) -> bytes:
    return b"\xff\xd8\xff\xe0 site photo %d " % i + bytes(range(256)) * 40


def _imported_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> tuple[Path, Path, Path]:
    """An inspector's package carrying `n` photo files, imported once into the county's database
    through `qcdesk import`. Returns (package, county database, county photo folder)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "county" / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "county" / "cfg"))
    photos = tmp_path / "county" / "xdg" / "QCDesk" / "photos"
    db = tmp_path / "county" / "county.db"
    package = photo_package(tmp_path, db, {i: _content(i) for i in range(n)})
    assert main(["import", str(package), "--db", str(db)]) == 0
    assert len(list(photos.rglob("*.jpg"))) == n
    return package, db, photos


def _state(db: Path, photos: Path) -> dict[str, bytes]:
    """Every file of the database (and any -wal/-shm beside it) and of the photo folder."""
    files = {p.name: p.read_bytes() for p in db.parent.glob(db.name + "*")}
    files.update({str(p.relative_to(photos)): p.read_bytes() for p in photos.rglob("*") if p.is_file()})
    return files


def test_a_dry_run_says_how_many_photos_are_missing_and_that_importing_again_puts_them_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    package, db, photos = _imported_package(tmp_path, monkeypatch, 3)
    gone = sorted(photos.rglob("*.jpg"))[:2]
    for photo in gone:  # e.g. restored from a backup on another PC without its photo folder
        photo.unlink()
    before = _state(db, photos)
    capsys.readouterr()

    assert main(["import", str(package), "--db", str(db), "--dry-run"]) == 2  # as every re-import
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, err  # one line
    assert "缺少它的 2 张照片" in err and "--dry-run" in err and "试运行" in err, err
    assert "无需再导入" not in err and "拒绝导入" not in err, err  # not "all is well"
    assert "2 photo file(s)" in err and "without --dry-run" in err, err  # the CLI's English gloss
    assert _state(db, photos) == before  # placed nothing, changed nothing

    assert main(["import", str(package), "--db", str(db), "--dry-run", "--json"]) == 2
    out, err = capsys.readouterr()
    shown = json.loads(out)
    assert shown["dry_run"] is True and shown["refused"] == "already_imported", shown
    assert shown["photo_files_missing_here"] == 2 and shown["photo_files_put_back"] == 0, shown
    assert "缺少它的 2 张照片" in err, err
    assert _state(db, photos) == before

    # what the dry run advised: the import brings them back, and the next dry run is all well
    assert main(["import", str(package), "--db", str(db), "--json"]) == 2
    shown = json.loads(capsys.readouterr().out)
    assert shown["dry_run"] is False and shown["photo_files_put_back"] == 2, shown
    assert all(photo.is_file() for photo in gone)
    assert main(["import", str(package), "--db", str(db), "--dry-run", "--json"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(out)["photo_files_missing_here"] == 0
    assert "无需再导入" in err and "缺少" not in err, err


def test_a_damaged_photo_counts_as_missing_and_the_dry_run_leaves_it_as_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    package, db, photos = _imported_package(tmp_path, monkeypatch, 2)
    damaged = sorted(photos.rglob("*.jpg"))[0]
    damaged.write_bytes(b"\xff\xd8\xff\xe0 half")  # cut short: not the content its name promises
    before = _state(db, photos)
    capsys.readouterr()

    assert main(["import", str(package), "--db", str(db), "--dry-run"]) == 2
    assert "缺少它的 1 张照片" in capsys.readouterr().err
    assert _state(db, photos) == before
