"""`qcdesk audit verify` proves the photo files too, and photo writes killed half-way leave nothing.

Before: verify checked the audit chain and the records only. A photo file deleted from the photo
folder, or one left half written, passed (exit 0, "审计链完整"): the city office learned of it
only if someone opened that finding in the editor. Now verify lists each live finding's photo
whose file is missing or whose content no longer hashes to its name (enterprise, finding, file),
and exits 1. And a photo write killed half-way left its hidden side file
`.<sha256>.jpg.<random>.part` in the photo folder for good; the next import (or the next photo
added to that folder) now removes such side files once no process can still be writing them.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.exchange.photo_placing import place_members
from qcdesk.models import photo_files
from qcdesk.models.file_replace import side_file
from qcdesk.models.inspections import import_photo_file
from qcdesk.models.persistence import fetch_record, insert_record, soft_delete
from qcdesk.models.records import Finding, Photo
from qcdesk.models.store import Store


def _content(i: int) -> bytes:
    """A whole JPEG as the editor takes one: SOI, a comment segment, EOI."""
    comment = b" site photo %d " % i + bytes(range(256)) * 20
    return b"\xff\xd8\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + b"\xff\xd9"


@pytest.fixture
def photos_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The photo folder `qcdesk` uses (the data folder's photos/), under tmp_path."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "QCDesk" / "photos"


def _put(photos_dir: Path, data: bytes, sha: str | None = None) -> str:
    sha = sha or hashlib.sha256(data).hexdigest()
    (photos_dir / sha[:2]).mkdir(parents=True, exist_ok=True)
    (photos_dir / sha[:2] / f"{sha}.jpg").write_bytes(data)
    return sha


def _findings(store: Store) -> list[Finding]:
    ids = [r[0] for r in store.db.execute("SELECT id FROM finding ORDER BY id").fetchall()]
    return [f for i in ids if (f := fetch_record(store, Finding, i)) is not None]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_verify_lists_missing_and_damaged_photo_files_and_fails(
        tmp_path: Path, photos_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(tmp_path / "county.db")
    populate(store, 1, 2, text="温湿度未记录")
    first, second = _findings(store)
    whole = _put(photos_dir, _content(0))
    damaged = _put(photos_dir, _content(1)[:100], hashlib.sha256(_content(1)).hexdigest())
    missing = hashlib.sha256(_content(2)).hexdigest()
    gone_with_finding = hashlib.sha256(_content(3)).hexdigest()
    for sha, name, finding in [(whole, "现场0.jpg", first), (damaged, "现场1.jpg", first),
                               (missing, "现场2.jpg", first), (gone_with_finding, "现场3.jpg", second)]:
        insert_record(store, Photo(finding_id=finding.id, sha256=sha, file_name=name))
    soft_delete(store, second)  # its photo is not required any more
    store.close()
    before = _snapshot(photos_dir)

    assert main(["audit", "verify", "--db", str(tmp_path / "county.db")]) == 1
    out = capsys.readouterr().out
    assert "审计链完整" in out  # the records themselves are fine
    assert "照片文件核验未通过" in out and "2 张照片的文件缺失或损坏" in out
    lines = [line for line in out.splitlines() if "检查发现" in line]
    assert len(lines) == 2, out
    assert all("咸宁企业0温湿度未记录" in line and "温湿度未记录" in line for line in lines)
    assert "现场1.jpg" in lines[0] and f"{damaged[:2]}/{damaged}.jpg" in lines[0]
    assert "已损坏" in lines[0] and "(photo file damaged: its SHA-256 differs)" in lines[0]
    assert "现场2.jpg" in lines[1] and "文件缺失 (photo file missing)" in lines[1]
    assert "现场0.jpg" not in out and "现场3.jpg" not in out
    assert "再次导入该数据包" in out and "import that package again" in out
    assert _snapshot(photos_dir) == before  # read only: nothing repaired, moved or removed


def test_intact_photos_pass_and_a_file_named_twice_is_read_once(
        tmp_path: Path, photos_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(tmp_path / "county.db")
    populate(store, 1, 2)
    sha = _put(photos_dir, _content(0))
    for finding in _findings(store):  # the same photo on two findings
        insert_record(store, Photo(finding_id=finding.id, sha256=sha, file_name="现场.jpg"))
    store.close()
    reads: list[Path] = []
    digest = photo_files.file_digest
    monkeypatch.setattr(photo_files, "file_digest", lambda p: reads.append(p) or digest(p))

    assert main(["audit", "verify", "--db", str(tmp_path / "county.db")]) == 0
    out = capsys.readouterr().out
    assert "照片文件完整：1 个照片文件与其 SHA-256 相符" in out
    assert len(reads) == 1


def test_many_missing_photos_are_listed_up_to_50_with_how_many_more(
        tmp_path: Path, photos_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(tmp_path / "county.db")
    populate(store, 1, 1)
    finding = _findings(store)[0]
    with store.db.atomic():
        for i in range(60):
            insert_record(store, Photo(finding_id=finding.id, file_name=f"p{i}.jpg",
                                       sha256=hashlib.sha256(_content(i)).hexdigest()))
    store.close()

    assert main(["audit", "verify", "--db", str(tmp_path / "county.db")]) == 1
    out = capsys.readouterr().out
    assert "60 张照片的文件缺失或损坏" in out
    assert sum("检查发现" in line for line in out.splitlines()) == 50
    assert "…另有 10 张 (10 more)" in out


def _killed_write(photos_dir: Path, data: bytes, age: float) -> Path:
    """The side file a photo write leaves when killed half-way, last written `age` seconds ago."""
    sha = hashlib.sha256(data).hexdigest()
    target = photo_files.photo_target(photos_dir, f"{sha}.jpg")
    target.parent.mkdir(parents=True, exist_ok=True)
    side, fh = side_file(target, lambda p: open(p, "wb"))  # noqa: SIM115 - closed below
    with fh:
        fh.write(data[:50])
    then = time.time() - age
    os.utime(side, (then, then))
    return side


def test_the_next_import_removes_side_files_of_killed_photo_writes(photos_dir: Path) -> None:
    real = _put(photos_dir, _content(0))
    left = _killed_write(photos_dir, _content(1), age=2 * 3600)
    beside_real = _killed_write(photos_dir, _content(0), age=2 * 3600)  # in a real photo's folder
    writing = _killed_write(photos_dir, _content(2), age=5)  # another process writing it now
    other = photos_dir / real[:2] / ".notes.part"  # not a photo's side file: not ours
    other.write_bytes(b"x")
    os.utime(other, (0, 0))
    assert left.exists() and beside_real.exists()

    place_members(SimpleNamespace(member_names=[]), photos_dir)  # an import placing its photos

    assert not left.exists() and not beside_real.exists()
    assert writing.exists() and other.exists()
    assert (photos_dir / real[:2] / f"{real}.jpg").read_bytes() == _content(0)  # untouched


def test_adding_a_photo_removes_side_files_left_in_its_folder(tmp_path: Path) -> None:
    photos_dir = tmp_path / "photos"
    left = _killed_write(photos_dir, _content(0), age=2 * 3600)
    source = tmp_path / "现场.jpg"
    source.write_bytes(_content(0))

    photo = import_photo_file(photos_dir, source)  # the same photo added again in the editor

    assert not left.exists()
    files = [p for p in (photos_dir / photo.sha256[:2]).iterdir()]
    assert [p.name for p in files] == [f"{photo.sha256}.jpg"]
    assert files[0].read_bytes() == _content(0)
