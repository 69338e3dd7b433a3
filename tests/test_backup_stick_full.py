"""A copy carried away to a stick that fills up: how many photos are there, no copy that looks
complete, and running it again finishes.

The review (s10 regress B2): on a 6 MB stick, `qcdesk backup --out stick/副本.db` printed
已备份到 stick/副本.db, then 无法复制照片文件…磁盘空间不足, exit 2: never how many photos were
copied or missing, nor that the copy was incomplete; the database copy sat on the stick beside
4 of 12 photos, looking complete; the same command again was refused (file exists), and with
--force failed again (the new database copy needed room first). Now the photos go first: a
full stick holds no database copy, the one line says N of M photo files are there and the copy
is incomplete and what to do, and the same command finishes once there is room. The same in
备份与恢复 ▸ 另存副本. A real 6 MB tmpfs when run as root, else an injected ENOSPC.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import subprocess
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.models import backup_photos
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


def _refused_line(err: str, copy: Path) -> tuple[int, int]:
    """The one line of a refused copy: its words, and (photo files there, not copied)."""
    assert err.count("\n") == 0 and err, err
    found = re.search(r"(\d+) 个照片文件中已复制 (\d+) 个（完好），还有 (\d+) 个未复制", err)
    assert found and int(found[1]) == N, err
    for said in (f"数据库副本 {copy} 尚未写入", "这份副本不完整", "腾出空间", "再保存一次",
                 "不再重复复制", "--no-photos"):
        assert said in err, (said, err)
    return int(found[2]), int(found[3])


def test_a_full_stick_says_how_many_photos_are_there_and_the_same_command_finishes(
        tmp_path: Path, photos: Path, full_after_four: None,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    db, stick = _county(tmp_path, photos), tmp_path / "stick"
    copy = stick / "副本.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 2
    captured = capsys.readouterr()
    assert "已备份到" not in captured.out  # it said "backup written" before saying the photos failed
    assert _refused_line(captured.err.strip(), copy) == (4, N - 4)
    assert not copy.exists() and list(stick.glob("副本.db*")) == []  # nothing that looks complete
    assert _whole(stick / PHOTO_FOLDER) == 4

    monkeypatch.setattr(backup_photos, "place_photo", _real_place())
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0  # room again: same command
    out = capsys.readouterr().out
    assert f"已备份到 {copy}" in out and f"已复制 {N - 4} 个" in out and "4 个已在" in out, out
    assert _whole(stick / PHOTO_FOLDER) == N and copy.is_file()


def _real_place():  # noqa: ANN202
    """The stick has room again."""
    from qcdesk.models.photo_files import place_photo

    return place_photo


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a 6 MB tmpfs needs root")
def test_a_real_six_megabyte_stick(tmp_path: Path, photos: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    db, stick = _county(tmp_path, photos), tmp_path / "stick"
    stick.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(stick)],
                      capture_output=True).returncode != 0:
        pytest.skip("no tmpfs here")
    try:
        copy = stick / "副本.db"
        assert main(["backup", "--db", str(db), "--out", str(copy)]) == 2
        there, left = _refused_line(capsys.readouterr().err.strip(), copy)
        assert 0 < there < N and there + left == N
        assert not copy.exists() and _whole(stick / PHOTO_FOLDER) == there
        assert main(["backup", "--db", str(db), "--out", str(copy)]) == 2  # still full: says so again
        assert _refused_line(capsys.readouterr().err.strip(), copy) == (there, left)

        subprocess.run(["mount", "-o", "remount,size=20m", str(stick)], check=True)  # room made
        assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
        out = capsys.readouterr().out
        assert f"已复制 {left} 个" in out and f"{there} 个已在" in out, out
        assert _whole(stick / PHOTO_FOLDER) == N and copy.is_file()
    finally:
        subprocess.run(["umount", str(stick)], check=False)


def test_save_a_copy_in_the_window_says_the_same(qtbot, tmp_path: Path, photos: Path,  # noqa: ANN001
                                                  full_after_four: None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog

    db, stick = _county(tmp_path, photos), tmp_path / "stick"
    store = Store.open(db)
    dialog = BackupDialog(store, db.parent / "backups", photos_dir=photos)
    qtbot.addWidget(dialog)
    assert dialog.save_copy(str(stick / "c.db")) is None
    text = dialog.message.text()
    assert f"{N} 个照片文件中已复制 4 个" in text and f"还有 {N - 4} 个未复制" in text, text
    assert "尚未写入" in text and "这份副本不完整" in text and "--no-photos" not in text, text
    assert not (stick / "c.db").exists() and _whole(stick / PHOTO_FOLDER) == 4

    monkeypatch.setattr(backup_photos, "place_photo", _real_place())
    assert dialog.save_copy(str(stick / "c.db")) == stick / "c.db"  # again: the rest follow
    assert _whole(stick / PHOTO_FOLDER) == N
    store.close()
