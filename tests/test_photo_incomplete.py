"""A photo cut off mid-copy is refused, not kept as evidence that shows half grey (B1); what
phones write after a JPEG's end (a second image, a trailer) is no reason to refuse one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter

from qcdesk.models.inspections import PhotoFileError, import_photo_file


def _picture(fmt: str, *, progressive: bool = False, size: int = 160) -> bytes:
    """A real picture written by Qt (a pattern, so that it is not all one colour)."""
    image = QImage(size, size * 3 // 4, QImage.Format.Format_RGB32)
    for y in range(image.height()):
        for x in range(image.width()):
            image.setPixelColor(x, y, QColor((x * 7 + y * 3) % 256, (x * y) % 256, (x ^ y) % 256))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, fmt.encode())
    writer.setProgressiveScanWrite(progressive)
    assert writer.write(image), writer.errorString()
    return bytes(data.data())


def _with_exif_thumbnail(jpeg: bytes) -> bytes:
    """A phone's layout: APP1 (Exif) holding a small JPEG thumbnail, with its own end marker."""
    body = b"Exif\x00\x00MM\x00*" + _picture("jpeg", size=32)
    return jpeg[:2] + b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body + jpeg[2:]


def _add(tmp_path: Path, name: str, content: bytes):
    source = tmp_path / name
    source.write_bytes(content)
    return import_photo_file(tmp_path / "photos", source)


@pytest.mark.parametrize(("name", "content"), [
    ("IMG_0001.jpg", lambda: _picture("jpeg")[: len(_picture("jpeg")) // 3]),
    ("IMG_0002.jpg", lambda: _picture("jpeg", progressive=True)[:-40]),
    # cut after the thumbnail: an end marker is in the file, but not the picture's own
    ("IMG_0003.jpg", lambda: _with_exif_thumbnail(_picture("jpeg"))[:-600]),
    ("截图.png", lambda: _picture("png")[: len(_picture("png")) // 2]),
])
def test_a_photo_cut_off_mid_copy_is_refused_and_says_copy_it_again(tmp_path: Path, name: str,
                                                                    content) -> None:
    with pytest.raises(PhotoFileError) as info:
        _add(tmp_path, name, content())
    zh, en = info.value.text("zh"), info.value.text("en")
    assert f"照片 {name} 不完整" in zh and "可能复制中断" in zh and "未添加" in zh, zh
    assert "请重新从手机或相机复制这张照片后再添加" in zh, zh
    assert f"The photo {name} is incomplete" in en and "Copy the photo again" in en, en
    photos = tmp_path / "photos"
    assert not photos.exists() or not any(p.is_file() for p in photos.rglob("*"))  # not kept


@pytest.mark.parametrize(("name", "content"), [
    ("whole.jpg", lambda: _picture("jpeg")),
    ("progressive.jpg", lambda: _picture("jpeg", progressive=True)),
    ("exif.jpg", lambda: _with_exif_thumbnail(_picture("jpeg"))),
    # MPF (Samsung, Huawei, Apple): a second image after the first one's end marker
    ("mpf.jpg", lambda: _picture("jpeg") + _picture("jpeg", size=64)),
    # Samsung's trailer after the end marker
    ("samsung.jpg", lambda: _picture("jpeg") + b"\x00" * 8 + b"SEFH\x01\x00\x00\x00QDIOBS" + b"SEFT"),
    ("whole.png", lambda: _picture("png")),
    ("trailing.png", lambda: _picture("png") + b"\x00" * 64),
])
def test_whole_photos_with_what_phones_add_after_their_end_are_taken(tmp_path: Path, name: str,
                                                                      content) -> None:
    photo = _add(tmp_path, name, content())
    assert photo.file_name == name
