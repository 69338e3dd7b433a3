"""Photos an older build stored as ``<sha256>.jfif`` (or ``.jpe``, ``.JPG``) go out in packages.

The review (s10 regress A2): a Windows user had added 微信图片_….jfif photos before be7f801, which
kept them as ``<sha256>.jfif``; every export with 包含照片文件 / --attachments then failed with
"无法导出：not a photo type a package may carry: <sha>.jfif", naming only a hash, while
`audit verify` called the photos intact. Now such a file goes out as the member its content is
(``photos/<sha>.jpg``), the receiver places it and verifies it intact, and the sender records it
as sent; a file no package can carry is named as the user knows it, in Chinese, with what to do.
Real keys, real packages, real imports.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"
# stored as an older build stored them: (suffix on disk, content, file name it was added from)
OLD = ((".jfif", b"\xff\xd8\xff\xe0\x00\x10JFIF wechat photo", "微信图片_20260301.jfif"),
       (".jpe", b"\xff\xd8\xff\xe1 camera photo", "现场.jpe"),
       (".JPG", b"\xff\xd8\xff\xdb upper-case photo", "IMG_0001.JPG"))
# AVIF: a picture, but none a package carries (the editor never took it)
AVIF = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"\x00" * 64


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out",
                 str(tmp_path / "keys"), "--light", "--passphrase-file",
                 str(tmp_path / "pw.txt")]) == 0
    s = Store.open(tmp_path / "i.db", author="insp-uuid")
    populate(s, 1, 1, text="灭火器压力不足")
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-i"))  # the inspector's photos
    return {"tmp": tmp_path, "key": tmp_path / "keys" / "421221_张三.key",
            "pub": tmp_path / "keys" / "421221_张三.pub", "idb": tmp_path / "i.db",
            "cdb": tmp_path / "c.db", "out": tmp_path / "out"}


def _store_old(w: dict[str, Path], suffix: str, content: bytes, file_name: str) -> str:
    """A photo file under `<sha>.<suffix>` as an older build wrote it, and its row."""
    sha = hashlib.sha256(content).hexdigest()
    folder = w["tmp"] / "xdg-i" / "QCDesk" / "photos" / sha[:2]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{sha}{suffix}").write_bytes(content)
    s = Store.open(w["idb"], author="insp-uuid")
    fid = s.db.execute("SELECT min(id) FROM finding").fetchone()[0]
    with s.db.atomic():
        insert_record(s, Photo(finding_id=fid, sha256=sha, file_name=file_name,
                               media_type="image/jpeg"))
    s.close()
    return sha


def _export(w: dict[str, Path]) -> int:
    w["out"].mkdir(exist_ok=True)
    return main(["export", "--db", str(w["idb"]), "--key", str(w["key"]), "--out", str(w["out"]),
                 "--passphrase-file", str(w["tmp"] / "pw.txt"), "--attachments"])


def _photo_members(pkg: Path) -> set[str]:
    return {n for n in zipfile.ZipFile(pkg).namelist() if n.startswith("photos/")}


def test_photos_stored_as_jfif_jpe_or_upper_case_jpg_are_exported_and_arrive_intact(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    shas = {_store_old(world, *old): old[1] for old in OLD}
    capsys.readouterr()
    assert _export(world) == 0, capsys.readouterr().err
    pkg = Path(capsys.readouterr().out.strip())
    assert _photo_members(pkg) == {f"photos/{sha}.jpg" for sha in shas}  # named by content
    s = Store.open(world["idb"])
    sent = {r[0] for r in s.db.execute("SELECT sha256 FROM exchange_photo_sent")}
    s.close()
    assert sent == set(shas)  # recorded as sent: the next package does not carry them again
    capsys.readouterr()
    assert _export(world) == 0
    assert _photo_members(Path(capsys.readouterr().out.strip())) == set()

    s = Store.open(world["cdb"])  # the county office receives it
    trust_store.add_key(s, PublicKey.load(world["pub"]), name="张三", role="inspector")
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(world["tmp"] / "xdg-c"))
    assert main(["import", str(pkg), "--db", str(world["cdb"])]) == 0
    county = world["tmp"] / "xdg-c" / "QCDesk" / "photos"
    for sha, content in shas.items():
        assert (county / sha[:2] / f"{sha}.jpg").read_bytes() == content
    capsys.readouterr()
    assert main(["audit", "verify", "--db", str(world["cdb"])]) == 0
    assert "照片文件完整：3 个照片文件与其 SHA-256 相符" in capsys.readouterr().out


def test_a_photo_no_package_can_carry_is_named_as_the_user_knows_it(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _store_old(world, *OLD[0])
    _store_old(world, ".jfif", AVIF, "手机截图.jfif")  # an AVIF some tool saved as .jfif
    s = Store.open(world["idb"])
    before = s.db.execute("SELECT count(*) FROM exchange_export").fetchone()[0]
    locked = s.db.execute("SELECT count(*) FROM visit WHERE locked_package IS NOT NULL").fetchone()[0]
    s.close()
    capsys.readouterr()
    assert _export(world) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "not a photo type" not in err, err
    for said in ("无法导出", "2024-01-15", "灭火器压力不足", "手机截图.jfif", "AVIF",
                 "删除这张照片", "JPEG 或 PNG", "--attachments"):
        assert said in err, (said, err)
    assert list(world["out"].iterdir()) == []  # nothing written, nothing recorded or locked
    s = Store.open(world["idb"])
    assert s.db.execute("SELECT count(*) FROM exchange_export").fetchone()[0] == before
    assert s.db.execute("SELECT count(*) FROM visit WHERE locked_package IS NOT NULL").fetchone()[0] == locked
    s.close()


def test_the_stored_files_keep_their_names(world: dict[str, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Not renamed at export: every reader finds a photo by its SHA-256, and a window showing
    the file while a command-line export runs keeps it."""
    sha = _store_old(world, *OLD[0])
    assert _export(world) == 0
    folder = world["tmp"] / "xdg-i" / "QCDesk" / "photos" / sha[:2]
    assert [p.name for p in folder.iterdir()] == [f"{sha}.jfif"]
