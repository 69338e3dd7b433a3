"""A HEIC photo received in a package shows its picture in the visit's photo list (E4).

Before: iPhones and many Android phones save .heic; such a photo arrived with a package and the
finding's photo list showed a grey "No preview" square whose tooltip said it was too large to
preview (Qt has no HEIC reader). Now it is decoded with pillow-heif; a HEIC that cannot be
decoded (cut off, or the decoder missing) shows a placeholder saying so, and the photo stays
listed, its file untouched. The HEIC files here are real ones made by pillow-heif.
"""

from __future__ import annotations

import builtins
import hashlib
import io

import pillow_heif
import pytest
from PIL import Image
from test_ui_editors import make_enterprise, make_inspectors, open_visit

from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.persistence import insert_record
from qcdesk.models.photo_files import photo_target, place_photo
from qcdesk.models.records import Finding, Photo, Visit

RED = (200, 30, 30)


def _heic(colour: tuple[int, int, int] = RED, size: tuple[int, int] = (640, 480)) -> bytes:
    """A real HEIC file (HEVC-coded), as a phone saves it."""
    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", size, colour)).save(out, quality=60)
    data = out.getvalue()
    assert data[4:12] == b"ftypheic"
    return data


def _received(store, paths, contents: dict[str, bytes]) -> int:  # noqa: ANN001
    """A saved visit whose finding holds photos that came in a package: each file placed in
    the photo folder as the import places it (`<sha256>.heic`), its row from the sender."""
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-03-02", kind="assistance", inspectors=[a.uuid, b.uuid]),
        [], [Finding(description="原料仓库未分区存放")]))
    for name, data in contents.items():
        sha = hashlib.sha256(data).hexdigest()
        assert place_photo(photo_target(paths.photos_dir, f"{sha}.heic"), sha, data)
        insert_record(store, Photo(finding_id=bundle.findings[0].id, sha256=sha, file_name=name,
                                   media_type="image/heic", origin="RWQT9A1B"))
    return bundle.visit.id


def _shown(qtbot, store, paths, settings, visit_id: int):  # noqa: ANN001, ANN202
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit_id)
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: all(tab.thumbs.get(p.sha256) is not None for p in tab.photos[0]),
                    timeout=20_000)
    return tab


def test_a_received_heic_photo_shows_its_picture(qtbot, store, paths, settings) -> None:
    visit_id = _received(store, paths, {"IMG_5120.HEIC": _heic()})
    tab = _shown(qtbot, store, paths, settings, visit_id)

    thumb = tab.thumbs.get(tab.photos[0][0].sha256)
    assert thumb is not None and thumb.fault is None and thumb.image is not None, thumb
    assert (thumb.image.width(), thumb.image.height()) == (96, 72)  # fitted into the thumbnail
    pixel = thumb.image.pixelColor(48, 36)
    assert abs(pixel.red() - RED[0]) < 25 and pixel.green() < 70 and pixel.blue() < 70, pixel.name()
    item = tab.photo_list.item(0)
    assert item.text() == "IMG_5120.HEIC" and not item.icon().isNull()
    assert "too large" not in item.toolTip() and "cannot be shown" not in item.toolTip()
    shown = item.icon().pixmap(96, 72).toImage().pixelColor(48, 36)
    assert shown.red() > 150 and shown.green() < 80, shown.name()  # the photo, not a grey frame


def test_a_heic_that_cannot_be_decoded_shows_a_placeholder_and_is_kept(qtbot, store, paths,
                                                                        settings) -> None:
    whole = _heic((30, 30, 200))
    cut = whole[: len(whole) // 2]  # a copy that stopped half-way on the sender's side
    visit_id = _received(store, paths, {"IMG_5121.HEIC": cut, "IMG_5122.HEIC": _heic()})
    tab = _shown(qtbot, store, paths, settings, visit_id)

    assert [tab.photo_list.item(k).text() for k in range(2)] == ["IMG_5121.HEIC", "IMG_5122.HEIC"]
    broken = tab.thumbs.get(tab.photos[0][0].sha256)
    assert broken is not None and broken.image is None and broken.undecoded == "HEIC"
    item = tab.photo_list.item(0)
    assert not item.icon().isNull()  # a placeholder, not a blank square
    assert "cannot be shown" in item.toolTip() and "kept" in item.toolTip(), item.toolTip()
    assert "too large" not in item.toolTip()
    assert tab.thumbs.get(tab.photos[0][1].sha256).image is not None  # the next one still shows
    sha = hashlib.sha256(cut).hexdigest()
    assert photo_target(paths.photos_dir, f"{sha}.heic").read_bytes() == cut  # never lost
    assert store.db.execute("SELECT count(*) FROM photo WHERE deleted_at IS NULL").fetchone()[0] == 2


def test_without_the_heic_decoder_a_placeholder_says_so(qtbot, store, paths, settings,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_heif(name: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if name == "pillow_heif":
            raise ImportError("No module named 'pillow_heif'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_heif)
    visit_id = _received(store, paths, {"IMG_5123.HEIC": _heic()})
    tab = _shown(qtbot, store, paths, settings, visit_id)
    thumb = tab.thumbs.get(tab.photos[0][0].sha256)
    assert thumb is not None and thumb.image is None and thumb.undecoded == "HEIC"
    assert "cannot be shown" in tab.photo_list.item(0).toolTip()
    assert tab.photo_list.item(0).text() == "IMG_5123.HEIC"
