"""A finding with many photos no longer freezes the visit editor (review "photos" A1, A3, A4, B2, B3).

Before: every time a finding was shown (opening the visit, clicking back to it, after 保存) each
photo was decoded again and its file hashed again on the GUI thread (200 phone photos: 13–31 s
frozen each time); adding them froze the window with no progress; several refused files showed
only the last refusal, under 问题描述; the same photo could be added twice; a 10000 × 10000 PNG
showed a blank thumbnail; the file dialog hid .heic files. Photos here are small distinct JPEGs
made with QImage; decodes (QImageReader.read) and file hashes are counted by thread.
"""

from __future__ import annotations

import struct
import threading
import time
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QImageReader
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton
from test_ui_editors import make_enterprise, make_inspectors, open_visit

from qcdesk.models import inspections, photo_files
from qcdesk.models.inspections import VisitBundle, import_photo_file, save_visit
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Finding, Sample, Visit

N = 60


def _jpegs(folder: Path, n: int, first: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(first, first + n):
        image = QImage(64, 48, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv((i * 7) % 360, 120 + i % 100, 200))
        image.setPixelColor(0, 0, QColor(i % 256, i // 256, 0))
        path = folder / f"IMG_{i:04d}.jpg"
        assert image.save(str(path), "JPG")
        files.append(path)
    return files


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[bool]]:
    """Every photo decode and file hash, as True when it ran on the GUI thread."""
    calls: dict[str, list[bool]] = {"decode": [], "hash": []}
    read, digest = QImageReader.read, photo_files.file_digest

    def counted_read(self: QImageReader, *args: object) -> QImage:
        calls["decode"].append(threading.current_thread() is threading.main_thread())
        return read(self, *args)

    def counted_digest(path: Path) -> str | None:
        calls["hash"].append(threading.current_thread() is threading.main_thread())
        return digest(path)

    monkeypatch.setattr(QImageReader, "read", counted_read)
    monkeypatch.setattr(photo_files, "file_digest", counted_digest)
    return calls


def _visit_with_photos(store, paths, tmp_path: Path) -> tuple[int, list[str]]:
    """A saved visit whose first finding has N photos (the 6th damaged, the 7th missing)."""
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-03-02", kind="spot_check", inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="青砖茶", result="fail", failed_items="水分")],
        [Finding(description="出厂检验记录不全"), Finding(description="标签不规范")]))
    names = []
    for source in _jpegs(tmp_path / "camera", N):
        photo = import_photo_file(paths.photos_dir, source)
        photo.finding_id = bundle.findings[0].id
        insert_record(store, photo)
        names.append(photo.file_name)
    shas = [r[0] for r in store.db.execute("SELECT sha256 FROM photo ORDER BY id")]
    assert len(set(shas)) == N
    photo_files.photo_target(paths.photos_dir, f"{shas[5]}.jpg").write_bytes(b"\xff\xd8\xff half")
    photo_files.photo_target(paths.photos_dir, f"{shas[6]}.jpg").unlink()
    return bundle.visit.id, names


def _texts(tab) -> list[str]:  # noqa: ANN001
    return [tab.photo_list.item(k).text() for k in range(tab.photo_list.count())]


def test_clicking_between_findings_and_saving_decodes_and_hashes_no_photo_again(
        qtbot, store, paths, settings, tmp_path: Path, counted) -> None:
    visit_id, names = _visit_with_photos(store, paths, tmp_path)
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit_id)
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)
    # the editor opened without decoding or hashing a photo on the GUI thread (60 × 62 ms before)
    assert not any(counted["decode"]) and not any(counted["hash"])
    assert tab.photo_list.count() == N
    qtbot.waitUntil(lambda: len(counted["decode"]) >= N - 1, timeout=20_000)  # all but the missing one
    qtbot.waitUntil(lambda: "(file damaged)" in _texts(tab)[5])
    made = dict(decode=len(counted["decode"]), hash=len(counted["hash"]))
    assert made["hash"] == N - 1  # each file's SHA-256 checked once
    for row in (1, 0, 1, 0):
        tab.list.setCurrentRow(row)
        qtbot.wait(50)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # saved and shown again
    qtbot.wait(200)
    assert dict(decode=len(counted["decode"]), hash=len(counted["hash"])) == made
    texts = _texts(tab)
    assert texts[5] == f"{names[5]} (file damaged)" and texts[6] == f"{names[6]} (file missing)"
    assert texts[:5] == names[:5] and texts[7:] == names[7:]
    icons = [tab.photo_list.item(k).icon() for k in range(N)]
    assert all(not icons[k].isNull() for k in range(N) if k not in (5, 6))  # thumbnails shown


def test_closing_the_editor_stops_making_thumbnails(qtbot, store, paths, settings, tmp_path: Path,
                                                   counted, monkeypatch) -> None:
    """Closed while 200 phone photos were still being decoded, the editor kept a core busy for
    seconds more, for thumbnails nobody would see."""
    import qcdesk.ui.photo_thumbs as photo_thumbs

    real_decode = photo_thumbs.decode
    monkeypatch.setattr(photo_thumbs, "decode", lambda path: (time.sleep(0.03), real_decode(path))[1])
    visit_id, _ = _visit_with_photos(store, paths, tmp_path)
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit_id)
    editor.tabs.setCurrentWidget(editor.findings_tab)
    qtbot.waitUntil(lambda: len(counted["decode"]) >= 1)
    editor.close()
    qtbot.wait(600)
    assert len(counted["decode"]) <= 3, len(counted["decode"])  # the one under way, not 20 more


def test_many_photos_are_added_in_the_background_with_progress_and_cancel(
        qtbot, store, paths, settings, tmp_path: Path, monkeypatch) -> None:
    files = _jpegs(tmp_path / "camera", 40)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], ""))
    real_import = inspections.import_photo_file
    on_gui = []

    def slow_import(photos_dir: Path, source: Path):  # noqa: ANN202 - an 8.9 MB phone photo
        on_gui.append(threading.current_thread() is threading.main_thread())
        time.sleep(0.05)
        return real_import(photos_dir, source)

    import qcdesk.ui.findings_tab as findings_tab
    monkeypatch.setattr(findings_tab, "import_photo_file", slow_import)
    make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=1)
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.add_photo_button, Qt.MouseButton.LeftButton)  # returns at once
    dialogs = lambda: [d for d in tab.findChildren(QProgressDialog) if d.isVisible()]  # noqa: E731
    qtbot.waitUntil(lambda: bool(dialogs()), timeout=3000)  # shows while it takes a while
    assert not any(on_gui)
    qtbot.mouseClick(dialogs()[0].findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    qtbot.waitUntil(lambda: tab.adding is None, timeout=5000)
    assert not dialogs() and tab.photo_problems.isVisible()
    assert tab.photo_list.count() == 0 and len(on_gui) < len(files)  # stopped, none added
    # again, to the end
    qtbot.mouseClick(tab.add_photo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.photo_list.count() == len(files), timeout=10_000)
    assert tab.photo_problems.isHidden() and editor.is_dirty()


def _add(qtbot, store, paths, settings, monkeypatch, chosen: list[Path]):  # noqa: ANN001, ANN202
    """The findings tab of a new visit after 添加照片 picked `chosen`; and the dialog's filters."""
    filters: list[str] = []

    def dialog(*args: object, **kwargs: object) -> tuple[list[str], str]:
        filters.append(str(args[3]))
        return [str(f) for f in chosen], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialog)
    make_enterprise(store)
    make_inspectors(store)
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=1)
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.add_photo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.adding is None)
    return tab, filters


def test_every_refused_file_is_listed_under_the_photos(qtbot, store, paths, settings, tmp_path: Path,
                                                       monkeypatch) -> None:
    good, other = _jpegs(tmp_path / "camera", 2)
    empty = tmp_path / "camera" / "empty.jpg"
    empty.write_bytes(b"")
    text = tmp_path / "camera" / "notes.jpg"
    text.write_text("not a picture")
    webp = tmp_path / "camera" / "photo.webp"
    webp.write_bytes(b"RIFF\x24\x00\x00\x00WEBPVP8 ")
    tab, _ = _add(qtbot, store, paths, settings, monkeypatch, [good, empty, text, other, webp])
    assert _texts(tab) == [good.name, other.name]
    problems = tab.photo_problems.text().splitlines()
    assert tab.photo_problems.isVisible() and len(problems) == 1 + 3, problems  # a head line, 3 files
    for name, line in zip([empty, text, webp], problems[1:], strict=True):  # each, in the order chosen
        assert name.name in line, (name, line)
    assert tab.photo_problems.parent() is tab.photo_list.parent()  # with the photos
    assert tab.errors.message("description") == ""  # the finding's description is not what's wrong
    tab.list.setCurrentRow(-1)
    tab.add()  # another finding: the list was about the one before
    assert tab.photo_problems.isHidden()


def test_the_same_photo_is_not_added_twice_to_a_finding(qtbot, store, paths, settings, tmp_path: Path,
                                                        monkeypatch) -> None:
    good, other = _jpegs(tmp_path / "camera", 2)
    copy = tmp_path / "camera" / "重命名的副本.jpg"
    copy.write_bytes(good.read_bytes())
    tab, _ = _add(qtbot, store, paths, settings, monkeypatch, [good, copy, other, good])
    assert _texts(tab) == [good.name, other.name]  # each picture once
    problems = tab.photo_problems.text().splitlines()[1:]
    assert len(problems) == 2 and copy.name in problems[0] and good.name in problems[1], problems
    assert all(good.name in line for line in problems)  # the photo it already holds
    tab.add_photos()  # again, later: still once
    qtbot.waitUntil(lambda: tab.adding is None)
    assert _texts(tab) == [good.name, other.name] and len(tab.photo_problems.text().splitlines()) == 5


def _big_png(path: Path, width: int = 10000, height: int = 10000) -> Path:
    """An RGB PNG of many pixels (a 600-dpi A3 scan): more than Qt's 256 MB image limit."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = b"\x00" + b"\x90" * (3 * width)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
                     + chunk(b"IEND", b""))
    return path


def test_a_scan_too_large_to_preview_says_so(qtbot, store, paths, settings, tmp_path: Path,
                                             monkeypatch) -> None:
    (tmp_path / "scans").mkdir()
    scan = _big_png(tmp_path / "scans" / "营业执照扫描件.png")
    tab, _ = _add(qtbot, store, paths, settings, monkeypatch, [scan])
    assert _texts(tab) == [scan.name]
    qtbot.waitUntil(lambda: tab.thumbs.get(tab.photos[0][0].sha256) is not None)
    item = tab.photo_list.item(0)
    assert not item.icon().isNull()  # a placeholder, not a blank square
    assert "too large to preview" in item.toolTip() and "Double-click" in item.toolTip()


def test_the_file_dialog_lists_heic_so_picking_it_says_why(qtbot, store, paths, settings, tmp_path: Path,
                                                           monkeypatch) -> None:
    heic = tmp_path / "IMG_4001.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
    tab, filters = _add(qtbot, store, paths, settings, monkeypatch, [heic])
    # "*.jpg *.jpeg *.png" hid an iPhone's .heic: the user saw an empty folder
    images, *rest = filters[0].split(";;")
    assert "*.heic" in images and "All files (*)" in rest
    assert tab.photo_list.count() == 0 and heic.name in tab.photo_problems.text()
