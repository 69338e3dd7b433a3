"""What kind of picture a photo file holds, and whether it is whole, read from its bytes (no Qt).

Why: a photo is evidence. A file named .jpg that holds no picture, an iPhone's HEIC (its camera
default) or a JPEG cut off mid-copy would be kept, sent in packages and never show (or show half
grey). The editor takes JPEG and PNG (what every viewer and Qt show without a plugin); other
picture formats are named so that the refusal can say "convert it", not "this is not a picture".
Whole or not is judged by the structure (JPEG markers, PNG chunks), not by decoding: fast on a
14 MB phone photo, and it tells a copy that stopped half-way from a whole file.
"""

from __future__ import annotations

import re

JPEG, PNG = "image/jpeg", "image/png"
_TAKEN = ((b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))

# ISO base media files (HEIF, AVIF) start with an `ftyp` box: size, "ftyp", major brand, minor
# version, compatible brands. The brands say which picture format it is (a video has others).
_FTYP_BRANDS = (
    ({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}, "HEIC"),
    ({b"avif", b"avis"}, "AVIF"),
    ({b"mif1", b"msf1", b"mif2"}, "HEIF"),
)


def taken_media_type(data: bytes) -> str | None:
    """"image/jpeg" or "image/png" by the file's first bytes; None if it is neither."""
    return next((media for head, media in _TAKEN if data.startswith(head)), None)


def _ftyp_format(data: bytes) -> str | None:
    if data[4:8] != b"ftyp" or len(data) < 16:
        return None
    size = int.from_bytes(data[:4], "big")
    end = min(size if 16 <= size <= 4096 else 16, len(data))
    brands = {data[8:12]} | {data[i:i + 4] for i in range(16, end - 3, 4)}
    return next((name for names, name in _FTYP_BRANDS if brands & names), None)


def other_image_format(data: bytes) -> str | None:
    """The name of a picture format the editor does not take (HEIC, HEIF, AVIF, WebP, GIF, BMP,
    TIFF) by the file's magic bytes; None for no picture we know (or JPEG/PNG)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:2] == b"BM" and len(data) >= 26 and data[6:10] == b"\0\0\0\0":  # reserved: zero
        return "BMP"
    if data[:4] in (b"II*\0", b"MM\0*"):
        return "TIFF"
    return _ftyp_format(data)


# In a JPEG's entropy-coded data 0xFF is followed by 0x00 (a stuffed byte), by a restart marker
# (0xD0-0xD7) or by more 0xFF (fill): anything else is the next marker.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_STANDALONE = {0x01, *range(0xD0, 0xD9)}  # TEM, RSTn, SOI: no length follows


def jpeg_complete(data: bytes) -> bool:
    """True when the JPEG's primary image runs to its EOI marker (0xFFD9).

    The segments are walked by their lengths, so the EOI of the EXIF thumbnail inside APP1
    never counts, and whatever follows the primary image's EOI is ignored: phones write
    more there (the MPF second images of Samsung, Huawei and Apple, Samsung's trailer), which
    the Exif standard tells readers to accept. A file cut off before its EOI is incomplete."""
    pos = 2
    while True:
        pos = data.find(b"\xff", pos)  # bytes that are no marker are skipped, as libjpeg does
        if pos < 0:
            return False
        while pos + 1 < len(data) and data[pos + 1] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos + 1 >= len(data):
            return False
        marker = data[pos + 1]
        if marker == 0xD9:
            return True
        if marker in _STANDALONE or marker == 0x00:
            pos += 2
            continue
        if pos + 4 > len(data):
            return False
        end = pos + 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
        if end > len(data):
            return False
        if marker != 0xDA:  # SOS: the scan's coded data runs to the next marker
            pos = end
            continue
        found = _NEXT_MARKER.search(data, end)
        if found is None:
            return False
        pos = found.start()


def png_complete(data: bytes) -> bool:
    """True when the PNG's chunks run whole to its IEND chunk (anything after it is ignored)."""
    pos = 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        if data[pos + 4:pos + 8] == b"IEND":
            return True
        pos += 12 + length
    return False


def complete(data: bytes, media: str) -> bool:
    """Whether a JPEG or PNG file (`media`) is whole, judged by its structure."""
    return jpeg_complete(data) if media == JPEG else png_complete(data)
