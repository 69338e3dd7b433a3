"""A copy carried away to a stick too small for its photos: the database copy is written first
and kept, the one line says how many photos are there and that the copy is incomplete, and the
same command with --force finishes.

The review (s10 regress B2) found the copy written beside 4 of 12 photos with no word of how
many were missing; aeca388 then copied the photos first, so a stick with room for the database
but not for its photos (s10 R7 finding 1) held photos and NO database copy, and the advised
--no-photos failed too: the photos had taken the room. The records matter most: now the
database goes first (a .part renamed), then the photos; a re-run with --force copies the
missing photos first, then replaces the database copy, and a new copy that does not fit
leaves the old one as it was. The same in 备份与恢复 ▸ 另存副本. Finding 6: a damaged database's
warning says what happened to its photos. A real tmpfs when run as root, else injected ENOSPC.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from exchange_fixtures import populate
from small_disk import mounted_tmpfs

from qcdesk.cli import main
from qcdesk.models import backup, backup_photos
from qcdesk.models.backup_photos import PHOTO_FOLDER
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.store import Store

N = 12
SIZE = 1024 * 1024


def _content(i: int) -> bytes:
    return b"\xff\xd8\xff\xe0" + hashlib.sha256(b"%d" % i).digest() * (SIZE // 32) + b"\xff\xd9"


def _county(tmp_path: Path, photos: Path) -> Path:
    """A database whose finding has N one-megabyte photos (about 12 MB in all)."""
    db = tmp_path / "pc" / "county.db"
    db.parent.mkdir(parents=True)
    store = Store.open(db)
    populate(store, 1, 1, text="现场照片")
    finding_id = store.db.execute("SELECT min(id) FROM finding").fetchone()[0]
    for i in range(N):
        sha = hashlib.sha256(_content(i)).hexdigest()
        (photos / sha[:2]).mkdir(parents=True, exist_ok=True)
        (photos / sha[:2] / f"{sha}.jpg").write_bytes(_content(i))
        insert_record(store, Photo(finding_id=finding_id, sha256=sha, file_name=f"现场{i}.jpg"))
    store.close()
    return db


def _whole(folder: Path) -> int:
    """Photo files in `folder`, each checked to be what its name says."""
    files = list(folder.rglob("*.jpg"))
    assert all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name[:64] for p in files)
    return len(files)


@pytest.fixture
def photos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    return tmp_path / "xdg" / "QCDesk" / "photos"


@pytest.fixture
def full_after_four(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stick is full after four photo files (no tmpfs needed)."""
    real, written = backup_photos.place_photo, []

    def place(target: Path, sha: str, chunks) -> bool:  # noqa: ANN001
        if len(written) == 4:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        written.append(sha)
        return real(target, sha, chunks)

    monkeypatch.setattr(backup_photos, "place_photo", place)


def _refused_line(err: str, copy: Path, db_said: str = "已写入") -> tuple[int, int]:
    """The one line of an incomplete copy: its words, and (photo files there, not copied)."""
    assert err.count("\n") == 0 and err, err
    found = re.search(r"照片 (\d+) 个中已复制 (\d+) 个，还有 (\d+) 个未复制", err)
    assert found and int(found[1]) == N, err
    for said in (f"数据库副本 {copy} {db_said}", "这份副本不完整", "腾出空间",
                 "用同一命令加 --force 再保存一次", "不再重复复制"):
        assert said in err, (said, err)
    return int(found[2]), int(found[3])


def _restorable(copy: Path) -> int:
    """The copy opens as a QCDesk database; the photos it names."""
    store = Store.open(copy)
    try:
        return store.db.execute("SELECT count(*) FROM photo").fetchone()[0]
    finally:
        store.close()


def test_a_stick_with_room_for_the_database_only_keeps_the_database_copy(
        tmp_path: Path, photos: Path, full_after_four: None,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db, stick = _county(tmp_path, photos), tmp_path / "stick"
    copy = stick / "副本.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 2
    assert _refused_line(capsys.readouterr().err.strip(), copy) == (4, N - 4)
    assert _restorable(copy) == N and list(stick.glob("副本.db?*")) == []  # written whole, no .part
    assert _whole(stick / PHOTO_FOLDER) == 4

    monkeypatch.setattr(backup_photos, "place_photo", _real_place())
    assert main(["backup", "--db", str(db), "--out", str(copy), "--force"]) == 0  # room again
    out = capsys.readouterr().out
    assert f"已备份到 {copy}" in out and f"已复制 {N - 4} 个" in out and "4 个已在" in out, out
    assert _whole(stick / PHOTO_FOLDER) == N and _restorable(copy) == N


def test_a_new_database_copy_that_does_not_fit_leaves_the_old_one(
        tmp_path: Path, photos: Path, full_after_four: None,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db, stick = _county(tmp_path, photos), tmp_path / "stick"
    copy = stick / "副本.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 2
    capsys.readouterr()
    old = copy.read_bytes()
    assert main(["backup", "--db", str(db), "--out", str(copy), "--force"]) == 2  # still full
    assert _refused_line(capsys.readouterr().err.strip(), copy, "仍是上次保存的") == (4, N - 4)
    assert copy.read_bytes() == old

    monkeypatch.setattr(backup_photos, "place_photo", _real_place())  # room for the photos only

    def full(_db: Path, part: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(part))

    monkeypatch.setattr(backup, "_copy_with_backup_api", full)
    assert main(["backup", "--db", str(db), "--out", str(copy), "--force"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"原有的数据库副本 {copy} 未改动" in err, err
    assert f"已复制 {N - 4} 个" in err and "--force" in err, err  # the photos got the room first
    assert copy.read_bytes() == old and _whole(stick / PHOTO_FOLDER) == N


def test_a_damaged_database_says_its_photos_were_not_copied(
        tmp_path: Path, photos: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_backup_damage import damage

    db, stick = _county(tmp_path, photos), tmp_path / "stick"
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("CREATE TABLE filler(id INTEGER PRIMARY KEY, data BLOB)")
        conn.executemany("INSERT INTO filler(data) VALUES (?)", [(os.urandom(2000),) for _ in range(300)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damage(db)
    assert main(["backup", "--db", str(db), "--out", str(stick / "副本.db")]) == 1
    err = capsys.readouterr().err
    assert "照片文件未复制" in err and "未全部复制" not in err, err  # what happened, not "not all"
    assert not (stick / PHOTO_FOLDER).exists()


def _real_place():  # noqa: ANN202
    """The stick has room again."""
    from qcdesk.models.photo_files import place_photo

    return place_photo


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a 6 MB tmpfs needs root")
def test_a_real_six_megabyte_stick(tmp_path: Path, photos: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = _county(tmp_path, photos)
    with mounted_tmpfs(tmp_path / "stick", "6m") as stick:
        copy = stick / "副本.db"
        assert main(["backup", "--db", str(db), "--out", str(copy)]) == 2
        there, left = _refused_line(capsys.readouterr().err.strip(), copy)
        assert 0 < there < N and there + left == N
        assert _restorable(copy) == N and _whole(stick / PHOTO_FOLDER) == there
        assert main(["backup", "--db", str(db), "--out", str(copy), "--force"]) == 2  # still full
        assert _refused_line(capsys.readouterr().err.strip(), copy, "仍是上次保存的") == (there, left)
        assert _restorable(copy) == N

        subprocess.run(["mount", "-o", "remount,size=20m", str(stick)], check=True)  # room made
        assert main(["backup", "--db", str(db), "--out", str(copy), "--force"]) == 0
        out = capsys.readouterr().out
        assert f"已复制 {left} 个" in out and f"{there} 个已在" in out, out
        assert _whole(stick / PHOTO_FOLDER) == N and _restorable(copy) == N


def test_save_a_copy_in_the_window_keeps_the_database_copy(qtbot, tmp_path: Path,  # noqa: ANN001
                                                          photos: Path, full_after_four: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog

    db, stick = _county(tmp_path, photos), tmp_path / "stick"
    store = Store.open(db)
    dialog = BackupDialog(store, db.parent / "backups", photos_dir=photos)
    qtbot.addWidget(dialog)
    assert dialog.save_copy(str(stick / "c.db")) is None
    text = dialog.message.text()
    assert f"照片 {N} 个中已复制 4 个" in text and f"还有 {N - 4} 个未复制" in text, text
    assert "已写入" in text and "这份副本不完整" in text and "--force" not in text, text
    assert _restorable(stick / "c.db") == N and _whole(stick / PHOTO_FOLDER) == 4

    monkeypatch.setattr(backup_photos, "place_photo", _real_place())
    assert dialog.save_copy(str(stick / "c.db")) == stick / "c.db"  # again: the rest follow
    assert _whole(stick / PHOTO_FOLDER) == N
    store.close()
