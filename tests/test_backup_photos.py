"""A copy carried away holds the photos: `qcdesk backup --out` and 另存副本 copy the photo files.

The review (photos A2): a backup of a database with 2.2 GB of photos was a 1.3 MB file; restored
on a new PC, `audit verify` reported every photo 文件缺失 and nothing had said photos were left
out. An inspector's own photos, never sent in a package, were gone with the laptop. Now a copy
to carry away writes the photo files its database names (deleted rows too) into a shared
QCDesk照片 folder beside it, only new ones the second time; a restore brings them back from that
folder (a damaged one is not taken) and says how many are still not on this PC.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.models.backup_photos import PHOTO_FOLDER
from qcdesk.models.persistence import fetch_record, insert_record, soft_delete
from qcdesk.models.records import Finding, Photo
from qcdesk.models.store import Store


def _content(i: int) -> bytes:
    return b"\xff\xd8\xff\xe0 own site photo %d " % i + bytes(range(256)) * 40


def _use_pc(monkeypatch: pytest.MonkeyPatch, home: Path) -> Path:
    """`qcdesk` on the computer whose data folder is under `home`; its photo folder."""
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "cfg"))
    return home / "xdg" / "QCDesk" / "photos"


def _add_photos(db: Path, photos_dir: Path, numbers: list[int], *, delete_first: bool = False) -> list[str]:
    """Photos added to the first finding as the editor adds them (file under its hash)."""
    store = Store.open(db)
    if not store.db.execute("SELECT 1 FROM finding").fetchone():
        populate(store, 1, 1, text="现场照片")
    finding = fetch_record(store, Finding, store.db.execute("SELECT min(id) FROM finding").fetchone()[0])
    shas = []
    for i in numbers:
        data = _content(i)
        sha = hashlib.sha256(data).hexdigest()
        (photos_dir / sha[:2]).mkdir(parents=True, exist_ok=True)
        (photos_dir / sha[:2] / f"{sha}.jpg").write_bytes(data)
        photo = insert_record(store, Photo(finding_id=finding.id, sha256=sha, file_name=f"现场{i}.jpg"))
        if delete_first and i == numbers[0]:
            soft_delete(store, photo)  # the audit trail still names its file
        shas.append(sha)
    store.close()
    return shas


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name.split(".")[0]: p.read_bytes() for p in folder.rglob("*.jpg")}


def test_a_copy_on_a_stick_brings_the_photos_to_a_new_pc_and_the_next_copy_adds_only_new_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    old_photos = _use_pc(monkeypatch, tmp_path / "old")
    db, stick = tmp_path / "old" / "county.db", tmp_path / "stick"
    stick.mkdir()
    shas = _add_photos(db, old_photos, [0, 1, 2], delete_first=True)

    assert main(["backup", "--db", str(db), "--out", str(stick / "county-backup.db")]) == 0
    out = capsys.readouterr().out
    assert "已复制 3 个" in out and "0 个已在" in out and str(stick / PHOTO_FOLDER) in out, out
    assert set(_files(stick / PHOTO_FOLDER)) == set(shas)  # the deleted row's photo too
    kept = {p.name: p.stat().st_mtime_ns for p in (stick / PHOTO_FOLDER).rglob("*.jpg")}

    shas += _add_photos(db, old_photos, [3])  # a week later, a second copy to the same stick
    assert main(["backup", "--db", str(db), "--out", str(stick / "county-backup-2.db")]) == 0
    out = capsys.readouterr().out
    assert "已复制 1 个" in out and "3 个已在" in out, out
    assert {p.name: p.stat().st_mtime_ns for p in (stick / PHOTO_FOLDER).rglob("*.jpg")
            if p.name in kept} == kept  # not written again

    new_photos = _use_pc(monkeypatch, tmp_path / "new")  # the laptop is gone
    new_db = tmp_path / "new" / "county.db"
    assert main(["restore", str(stick / "county-backup-2.db"), "--db", str(new_db), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "取回 4 个照片文件" in out and "不在本机" not in out, out
    assert _files(new_photos) == {sha: _content(i) for i, sha in enumerate(shas)}
    assert main(["audit", "verify", "--db", str(new_db)]) == 0
    assert "文件缺失" not in capsys.readouterr().out


def test_a_damaged_photo_on_the_stick_is_not_restored_and_the_restore_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    old_photos = _use_pc(monkeypatch, tmp_path / "old")
    db, stick = tmp_path / "old" / "county.db", tmp_path / "stick"
    stick.mkdir()
    good, bad = _add_photos(db, old_photos, [0, 1])
    assert main(["backup", "--db", str(db), "--out", str(stick / "c.db")]) == 0
    damaged = next((stick / PHOTO_FOLDER).rglob(f"{bad}.jpg"))
    damaged.write_bytes(b"\x00" * damaged.stat().st_size)  # the stick went bad: same name and size

    new_photos = _use_pc(monkeypatch, tmp_path / "new")
    new_db = tmp_path / "new" / "county.db"
    capsys.readouterr()
    assert main(["restore", str(stick / "c.db"), "--db", str(new_db), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "取回 1 个照片文件" in out and "1 个照片文件已损坏" in out and "1 张照片的文件不在本机" in out, out
    assert _files(new_photos) == {good: _content(0)}  # the damaged one never placed
    assert main(["audit", "verify", "--db", str(new_db)]) == 1
    assert "现场1.jpg" in capsys.readouterr().out


def test_no_photos_leaves_them_out_and_the_restore_on_a_new_pc_says_they_are_not_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    old_photos = _use_pc(monkeypatch, tmp_path / "old")
    db, stick = tmp_path / "old" / "county.db", tmp_path / "stick"
    stick.mkdir()
    _add_photos(db, old_photos, [0, 1, 2])
    assert main(["backup", "--db", str(db), "--out", str(stick / "c.db"), "--no-photos"]) == 0
    assert "未复制照片文件" in capsys.readouterr().out
    assert not (stick / PHOTO_FOLDER).exists()

    _use_pc(monkeypatch, tmp_path / "new")
    assert main(["restore", str(stick / "c.db"), "--db", str(tmp_path / "new" / "c.db"), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "3 张照片的文件不在本机" in out and PHOTO_FOLDER in out, out


def test_the_backup_line_counts_photos_missing_on_this_pc(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    old_photos = _use_pc(monkeypatch, tmp_path / "old")
    db = tmp_path / "old" / "county.db"
    _, gone = _add_photos(db, old_photos, [0, 1])
    next(old_photos.rglob(f"{gone}.jpg")).unlink()
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "stick" / "c.db")]) == 0
    out = capsys.readouterr().out
    size = len(_content(0))
    assert f"已复制 1 个（{size / 1024:.1f} KB）" in out and "1 个照片文件本机缺失或已损坏" in out, out


def test_the_rotation_backups_stay_database_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    old_photos = _use_pc(monkeypatch, tmp_path / "old")
    db = tmp_path / "old" / "county.db"
    _add_photos(db, old_photos, [0])
    assert main(["backup", "--db", str(db)]) == 0
    assert "照片" not in capsys.readouterr().out
    assert not (db.parent / "backups" / PHOTO_FOLDER).exists()


def test_importing_a_package_again_after_a_restore_says_its_photos_were_put_back_not_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The verify advice says to import the package again; that line said 拒绝导入 and blamed an
    interrupted import while it had just put the photos back after a restore on a new PC."""
    from qcdesk.exchange.export import export_package, photo_finder
    from qcdesk.exchange.minisign import generate_secret_key
    from qcdesk.models import trust_store

    photos = _use_pc(monkeypatch, tmp_path / "county")
    sender_photos, key = tmp_path / "sender-photos", generate_secret_key()
    _add_photos(tmp_path / "inspector.db", sender_photos, [0, 1])
    inspector = Store.open(tmp_path / "inspector.db")
    (tmp_path / "usb").mkdir()
    package = export_package(inspector, tmp_path / "usb", key, signer_name="张三", jurisdiction="421202",
                             role="inspector", full=True, photo_files=photo_finder(sender_photos))
    inspector.close()
    db = tmp_path / "county" / "county.db"
    county = Store.open(db)
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202", role="inspector")
    county.close()
    assert main(["import", str(package), "--db", str(db)]) == 0
    for photo in photos.rglob("*.jpg"):  # restored on a new PC: the rows came, the files did not
        photo.unlink()
    capsys.readouterr()

    assert main(["import", str(package), "--db", str(db)]) == 2  # nothing imported: the records were
    err = capsys.readouterr().err
    assert "拒绝导入" not in err and "其记录都已在数据库中" in err, err
    assert "缺少它的 2 张照片" in err and "从备份恢复" in err and "照片现已补齐" in err, err
    assert len(_files(photos)) == 2
