"""Photo thumbnails and file checks for the findings tab, made once per photo and off the GUI thread.

Why: a finding with 200 phone photos decoded every photo (62 ms each) and hashed every file again
each time it was shown, so opening a visit, clicking back to a finding or saving froze the editor
for 15–30 s. A photo file is named by its SHA-256, so what it shows never changes: its thumbnail
and its check (missing, damaged, too big to preview) are kept per SHA-256 for the editor's
lifetime, made by one background thread in the order the photos are listed, and handed to the tab
as they land; the tab shows a placeholder meanwhile. The full SHA-256 check runs once per file
per editor (`audit verify` checks them all again).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter

from qcdesk.models.heif_images import HEIF_KINDS, heif_thumbnail
from qcdesk.models.inspections import photo_path
from qcdesk.models.photo_files import photo_fault
from qcdesk.models.photo_formats import other_image_format
from qcdesk.models.records import Photo

THUMB = QSize(96, 96)
KEEP = 2000  # thumbnails kept per editor (96 px each: about 40 KB), the oldest shown dropped first


@dataclass(frozen=True)
class Thumb:
    """What a photo looks like in the list: its small image (None: none can be shown) and why not."""

    image: QImage | None
    fault: str | None  # "missing", "damaged" (not the content its name promises) or None
    no_preview: bool = False  # intact but too large for Qt to decode (a 10000 × 10000 PNG scan)
    undecoded: str = ""  # the format ("HEIC") of a photo that could not be decoded (kept all the same)


def decode(path: Path) -> QImage:
    """The photo decoded at thumbnail size (phone photos are large) and turned upright (EXIF);
    a null image when it cannot be (Qt refuses images above its allocation limit)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def make_thumb(path: Path, sha256: str) -> Thumb:
    """Check the file against its name, then decode it (in the background thread)."""
    fault = photo_fault(path, sha256) if sha256 else None
    if fault == "missing":
        return Thumb(None, fault)
    image = decode(path)
    if image.isNull():
        kind = _heif_kind(path)
        if kind:  # a phone's HEIC: Qt has no reader for it
            image = decode_heif(path)
            return Thumb(image, fault) if image is not None else Thumb(None, fault, undecoded=kind)
        return Thumb(None, fault, no_preview=fault is None)
    return Thumb(image, fault)


def _heif_kind(path: Path) -> str:
    """"HEIC" or "HEIF" when the file's bytes say so, else ""."""
    try:
        with open(path, "rb") as fh:
            kind = other_image_format(fh.read(4096))
    except OSError:
        return ""
    return kind if kind in HEIF_KINDS else ""


def decode_heif(path: Path) -> QImage | None:
    """A HEIC/HEIF photo at thumbnail size (`heif_images`); None when it cannot be decoded."""
    made = heif_thumbnail(path, THUMB.width(), THUMB.height())
    if made is None:
        return None
    width, height, rgba = made
    return QImage(rgba, width, height, width * 4, QImage.Format.Format_RGBA8888).copy()


def placeholder(text: str = "…") -> QImage:
    """A grey frame shown until a thumbnail lands, or instead of one that cannot be shown."""
    image = QImage(THUMB.width(), THUMB.height() * 3 // 4, QImage.Format.Format_ARGB32)
    image.fill(QColor("#e0e0e0"))
    painter = QPainter(image)
    painter.setPen(QColor("#616161"))
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
    painter.end()
    return image


class _Landing(QObject):
    landed = Signal(str, object)  # sha256, Thumb


class _Batch(QRunnable):
    """Thumbnails of one finding's photos, in order, until stopped (another finding shown)."""

    def __init__(self, work: list[tuple[str, Path]], landing: _Landing,
                 stops: tuple[threading.Event, ...], known: Callable[[str], bool]):
        super().__init__()
        self.work, self.landing, self.stops, self.known = work, landing, stops, known

    def run(self) -> None:
        try:
            for sha256, path in self.work:
                if any(stop.is_set() for stop in self.stops):
                    return
                if self.known(sha256):  # landed from an earlier, stopped batch meanwhile
                    continue
                self.landing.landed.emit(sha256, make_thumb(path, sha256))
        except Exception:  # noqa: BLE001 - the editor was closed meanwhile (its signal deleted):
            return  # nobody waits for these thumbnails, and nothing may escape into Qt's pool


class PhotoThumbs(QObject):
    """Thumbnails and file checks by SHA-256 for one editor (owned by its findings tab)."""

    landed = Signal(str)  # the sha256 whose thumbnail is now in `get`

    def __init__(self, photos_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.photos_dir = photos_dir
        self._thumbs: OrderedDict[str, Thumb] = OrderedDict()
        self._paths: dict[str, Path] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # leave the other core to the window and the page jobs
        self._landing = _Landing(self)
        self._landing.landed.connect(self._keep)
        self._stop = threading.Event()  # the current batch's
        self._closed = threading.Event()  # every batch's: the editor is going
        self.destroyed.connect(self._closed.set)

    def path(self, photo: Photo) -> Path:
        """Where the photo's file is (found once: one folder listing per photo, not per showing)."""
        known = self._paths.get(photo.sha256)
        if known is not None:
            return known
        found = photo_path(self.photos_dir, photo)
        if found.is_file():  # a missing file is looked for again next time (an import may bring it)
            self._paths[photo.sha256] = found
        return found

    def get(self, sha256: str) -> Thumb | None:
        thumb = self._thumbs.get(sha256)
        if thumb is not None:
            self._thumbs.move_to_end(sha256)
        return thumb

    def want(self, photos: list[Photo]) -> None:
        """Make the thumbnails of `photos` not made yet, in their order; the previous request
        stops (none: nothing is made, the tab is hidden or its window closed)."""
        self._stop.set()
        self._pool.clear()
        self._stop = threading.Event()
        work = [(p.sha256, self.path(p)) for p in photos if p.sha256 not in self._thumbs]
        if work:
            self._pool.start(_Batch(list(dict(work).items()), self._landing,
                                    (self._stop, self._closed), self._thumbs.__contains__))

    def wait(self, msecs: int = -1) -> bool:
        """Until the requested thumbnails are made (tests, closing)."""
        return self._pool.waitForDone(msecs)

    def _keep(self, sha256: str, thumb: Thumb) -> None:
        self._thumbs[sha256] = thumb
        self._thumbs.move_to_end(sha256)
        while len(self._thumbs) > KEEP:
            self._thumbs.popitem(last=False)
        self.landed.emit(sha256)
