"""`qcdesk export --attachments` carries the files of the package's own 照片 rows, not the whole
photo archive: a weekly change package that re-sent every photo grew until the 2 GiB limit
refused it. Real keys, real packages, real imports (photos in the data folder's photos/)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record, soft_delete, update_record
from qcdesk.models.records import Photo, Visit
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out",
                 str(tmp_path / "keys"), "--light", "--passphrase-file",
                 str(tmp_path / "pw.txt")]) == 0
    s = Store.open(tmp_path / "i.db", author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-i"))  # the inspector's photos
    return {"tmp": tmp_path, "key": tmp_path / "keys" / "421221_张三.key",
            "pub": tmp_path / "keys" / "421221_张三.pub", "idb": tmp_path / "i.db",
            "cdb": tmp_path / "c.db"}


def _add_photo(tmp: Path, db: Path, content: bytes) -> str:
    """A photo file in the inspector's photo folder and its row on the first finding."""
    sha = hashlib.sha256(content).hexdigest()
    folder = tmp / "xdg-i" / "QCDesk" / "photos" / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{sha}.jpg").write_bytes(content)
    s = Store.open(db, author="insp-uuid")
    fid = s.db.execute("SELECT id FROM finding ORDER BY id LIMIT 1").fetchone()[0]
    with s.db.atomic():
        insert_record(s, Photo(finding_id=fid, sha256=sha, file_name="现场.jpg"))
    s.close()
    return sha


def _edit_visit(db: Path, text: str) -> None:
    s = Store.open(db, author="insp-uuid")
    v = Visit.from_row(next(s.db.query("SELECT * FROM visit ORDER BY id LIMIT 1")))
    v.summary = text
    with s.db.atomic():
        update_record(s, v)
    s.close()


def _export(capsys: pytest.CaptureFixture[str], w: dict[str, Path], *extra: str) -> Path:
    out = w["tmp"] / "out"
    out.mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["export", "--db", str(w["idb"]), "--key", str(w["key"]), "--out", str(out),
                 "--passphrase-file", str(w["tmp"] / "pw.txt"), "--attachments", *extra]) == 0
    return Path(capsys.readouterr().out.strip())


def _photos(pkg: Path) -> set[str]:
    return {n for n in zipfile.ZipFile(pkg).namelist() if n.startswith("photos/")}


def test_a_change_package_holds_only_the_photos_of_its_photo_rows(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    tmp = world["tmp"]
    first = _add_photo(tmp, world["idb"], b"\xff\xd8\xff\xe0 first photo")
    pkg1 = _export(capsys, world)
    assert _photos(pkg1) == {f"photos/{first}.jpg"}  # a first package is a full one

    _edit_visit(world["idb"], "摘要已修改")  # a visit changed, no photo
    pkg2 = _export(capsys, world)
    assert _photos(pkg2) == set()  # the archive does not ride along

    second = _add_photo(tmp, world["idb"], b"\xff\xd8\xff\xe0 second photo")
    pkg3 = _export(capsys, world)
    assert _photos(pkg3) == {f"photos/{second}.jpg"}  # exactly the new row's file

    full = _export(capsys, world, "--full")
    assert _photos(full) == {f"photos/{first}.jpg", f"photos/{second}.jpg"}

    s = Store.open(world["idb"], author="insp-uuid")
    gone = Photo.from_row(next(s.db.query("SELECT * FROM photo WHERE sha256 = ?", [first])))
    with s.db.atomic():
        soft_delete(s, gone)
    s.close()
    pkg5 = _export(capsys, world)
    assert _photos(pkg5) == set()  # the deletion travels as a row, without the file

    # the receiver needs no photo beyond those of the rows: each arrives with its own row
    s = Store.open(world["cdb"])
    trust_store.add_key(s, PublicKey.load(world["pub"]), name="张三", role="inspector")
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp / "xdg-c"))
    for pkg in (pkg1, pkg2, pkg3, pkg5):
        assert main(["import", str(pkg), "--db", str(world["cdb"])]) == 0
    county = tmp / "xdg-c" / "QCDesk" / "photos"
    for sha, content in ((first, b"\xff\xd8\xff\xe0 first photo"),
                         (second, b"\xff\xd8\xff\xe0 second photo")):
        assert (county / sha[:2] / f"{sha}.jpg").read_bytes() == content
    s = Store.open(world["cdb"])
    rows = dict(s.db.execute("SELECT sha256, deleted_at IS NULL FROM photo").fetchall())
    s.close()
    assert rows == {first: 0, second: 1}


def test_a_photo_member_no_row_names_is_accepted_and_kept(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What docs/exchange-format.md says a reader does with the packages of an older QCDesk,
    which carried every live photo: accepted, the file kept in the photo folder."""
    from qcdesk.models import exchange_store

    tmp = world["tmp"]
    sha = _add_photo(tmp, world["idb"], b"\xff\xd8\xff\xe0 archived photo")
    _export(capsys, world)
    _edit_visit(world["idb"], "摘要已修改")
    monkeypatch.setattr(exchange_store, "package_photo_hashes",  # as an older QCDesk did
                        lambda store, picked: [sha])
    old_style = _export(capsys, world)
    assert _photos(old_style) == {f"photos/{sha}.jpg"}
    s = Store.open(world["cdb"])
    trust_store.add_key(s, PublicKey.load(world["pub"]), name="张三", role="inspector")
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp / "xdg-c"))
    assert main(["import", str(old_style), "--db", str(world["cdb"])]) == 0
    kept = tmp / "xdg-c" / "QCDesk" / "photos" / sha[:2] / f"{sha}.jpg"
    assert kept.read_bytes() == b"\xff\xd8\xff\xe0 archived photo"


def test_a_dry_run_import_places_no_photo(world: dict[str, Path], capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """试运行（未写入） writes nothing, photo folder included: files copied by a dry run would
    belong to no row."""
    tmp = world["tmp"]
    sha = _add_photo(tmp, world["idb"], b"\xff\xd8\xff\xe0 first photo")
    pkg = _export(capsys, world)
    s = Store.open(world["cdb"])
    trust_store.add_key(s, PublicKey.load(world["pub"]), name="张三", role="inspector")
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp / "xdg-c"))
    county = tmp / "xdg-c" / "QCDesk" / "photos"
    assert main(["import", str(pkg), "--db", str(world["cdb"]), "--dry-run"]) == 0
    assert not (county / sha[:2] / f"{sha}.jpg").exists()
    assert main(["import", str(pkg), "--db", str(world["cdb"])]) == 0
    assert (county / sha[:2] / f"{sha}.jpg").exists()
