"""A HEIC/HEIF photo decoded to a small RGBA picture (pillow-heif), for its thumbnail (no Qt).

Why: iPhones and many Android phones save HEIC, and a package brings such photos as they were
taken; Qt has no HEIC reader, so the visit's photo list showed no picture for them. The photo
file itself is never changed or converted here (it is evidence): only a thumbnail is made. A
file pillow-heif cannot decode (damaged, cut off, or the library missing) gives None, and the
list shows a placeholder saying so; the photo stays.
"""

from __future__ import annotations

from pathlib import Path

HEIF_KINDS = ("HEIC", "HEIF")  # `photo_formats.other_image_format` names decoded here


def heif_thumbnail(path: Path, width: int, height: int) -> tuple[int, int, bytes] | None:
    """(width, height, RGBA bytes) of the HEIC/HEIF photo at `path` fitted into width × height,
    turned as the phone saved it (the file's rotation/mirror boxes); None when it cannot be."""
    try:
        import pillow_heif
        from PIL import Image
    except ImportError:  # a build without the decoder: a placeholder, never a crash
        return None
    try:
        heif = pillow_heif.open_heif(str(path), convert_hdr_to_8bit=True)
        image = heif.to_pillow()
        image.thumbnail((width, height), Image.Resampling.BILINEAR)
        rgba = image.convert("RGBA")
        return rgba.width, rgba.height, rgba.tobytes()
    except Exception:  # noqa: BLE001 - libheif raises its own errors, ValueError, OSError…:
        return None  # any of them is "cannot be shown", said by the placeholder
