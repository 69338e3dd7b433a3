"""What kind of picture a photo file holds, read from its first bytes alone (no Qt).

Why: a photo is evidence. A file named .jpg that holds no picture, or an iPhone's HEIC (its
camera default), would be kept, sent in packages and never show. The editor takes JPEG and PNG
(what every viewer and Qt show without a plugin); other picture formats are named so that the
refusal can say "convert it", not "this is not a picture".
"""

from __future__ import annotations

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
