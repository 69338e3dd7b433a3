"""A photo the editor does not take is refused with what it is and the way out (A3): an iPhone's
HEIC (its camera default) was refused as 不是 JPEG 或 PNG 图片（文件内容不是图片）, which is false
and left the inspector stuck. Other picture formats are named; a file that is no picture at all
is still said to be none."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import test_package_photos
from test_package_photos import _add_photo, _export

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models import trust_store
from qcdesk.models.inspections import PhotoFileError, import_photo_file
from qcdesk.models.store import Store

FILLER = bytes(range(256)) * 8
# the first bytes of an iPhone photo (ImageMagick writes the same box): ftyp, brand heic, mif1…
HEIC = bytes.fromhex("0000001c667479706865696300000000" "6d69663168656963" "6d696166") + FILLER
PICTURES = {
    "IMG_0042.HEIC": (HEIC, "HEIC"),
    "IMG_0043.heif": (bytes.fromhex("00000018667479706d69663100000000" "6d696631" "00000000") + FILLER,
                      "HEIF"),
    "微信图片.webp": (b"RIFF\x24\x08\x00\x00WEBPVP8 " + FILLER, "WebP"),
    "动图.gif": (b"GIF89a\x10\x00\x10\x00" + FILLER, "GIF"),
    "扫描件.bmp": (b"BM\x36\x08\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00" + FILLER, "BMP"),
    "扫描件.tif": (b"II*\x00\x08\x00\x00\x00" + FILLER, "TIFF"),
}
world = test_package_photos.world  # an inspector with a key, a county database (a fixture)


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_a_picture_format_not_taken_is_named_with_the_way_out(tmp_path: Path, name: str) -> None:
    content, kind = PICTURES[name]
    source = tmp_path / name
    source.write_bytes(content)
    photos = tmp_path / "photos"

    with pytest.raises(PhotoFileError) as info:
        import_photo_file(photos, source)

    zh, en = info.value.text("zh"), info.value.text("en")
    assert f"照片 {name} 是 {kind} 格式的图片" in zh and "不支持" in zh, zh
    assert "不是图片" not in zh and "不是 JPEG" not in zh, zh  # it is a picture
    assert "转换为 JPG" in zh and "设置 ▸ 相机 ▸ 格式 ▸ 兼容性最佳" in zh and "未添加" in zh, zh
    assert f"is a {kind} picture" in en and "Convert the photo to JPG" in en, en
    assert "Most Compatible" in en and "not an image" not in en, en
    assert not photos.exists() or not any(photos.rglob("*"))  # nothing kept


@pytest.mark.parametrize("content", [
    b"hello, not a picture\n",
    bytes.fromhex("00000018667479706d703432000000006d703432") + FILLER,  # an MP4 video
    b"BMW service record" + FILLER,  # starts with BM, is no bitmap
])
def test_a_file_that_is_no_picture_is_still_said_to_be_none(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "现场.jpg"
    source.write_bytes(content)
    with pytest.raises(PhotoFileError) as info:
        import_photo_file(tmp_path / "photos", source)
    assert "不是 JPEG 或 PNG 图片（文件内容不是图片）" in info.value.text("zh")


def test_a_package_may_carry_a_heic_photo_and_the_receiver_keeps_it(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """What docs/exchange-format.md says of photo types the editor refuses but a package may
    carry (made by other software): imported as sent, kept in the photo folder, not converted."""
    tmp = world["tmp"]
    sha = _add_photo(tmp, world["idb"], HEIC)
    mine = tmp / "xdg-i" / "QCDesk" / "photos" / sha[:2]
    (mine / f"{sha}.jpg").rename(mine / f"{sha}.heic")  # what other software put there
    package = _export(capsys, world)
    assert f"photos/{sha}.heic" in zipfile.ZipFile(package).namelist()

    s = Store.open(world["cdb"])
    trust_store.add_key(s, PublicKey.load(world["pub"]), name="张三", role="inspector")
    s.close()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp / "xdg-c"))
    assert main(["import", str(package), "--db", str(world["cdb"])]) == 0
    kept = tmp / "xdg-c" / "QCDesk" / "photos" / sha[:2] / f"{sha}.heic"
    assert kept.read_bytes() == HEIC


@pytest.mark.parametrize(("name", "stored"), [("下载.jfif", ".jpg"), ("现场.JPEG", ".jpeg"),
                                              ("截图", ".png"), ("截图.jpg", ".png")])
def test_a_photo_is_stored_under_a_suffix_a_package_may_carry(tmp_path: Path, name: str,
                                                               stored: str) -> None:
    """A JPEG saved as .jfif was kept as <sha256>.jfif, and every export with photo files then
    failed (not a photo type a package may carry)."""
    from PySide6.QtGui import QColor, QImage

    from qcdesk.exchange.package import photo_member_name
    from qcdesk.models.inspections import photo_path

    image = QImage(32, 24, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366cc"))
    source = tmp_path / name
    image.save(str(source), "PNG" if name.startswith("截图") else "JPEG")
    photo = import_photo_file(tmp_path / "photos", source)
    path = photo_path(tmp_path / "photos", photo)
    assert path.suffix == stored
    assert photo_member_name(path) == f"photos/{photo.sha256}{stored}"
