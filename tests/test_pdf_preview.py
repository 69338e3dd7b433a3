"""The PDF preview dialog: page images via PDFium (no pdftoppm needed), a damaged file, saving,
record button."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qcdesk.export.pdf.documents import render_notice
from qcdesk.models.document_data import DocSettings, NoticeDoc, Party
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Rectification
from qcdesk.ui import pdf_preview
from qcdesk.ui.pdf_preview import PdfPreviewDialog, preview_record_document


@pytest.fixture
def notice_pdf(tmp_path) -> Path:
    out = tmp_path / "notice.pdf"
    long = "\n".join("对生产设备和检验设备进行全面排查。" for _ in range(30))
    render_notice(NoticeDoc("u", "", Party(name="某企业"), long, "samr18", "2026-09-01",
                            "2026-10-31", "2026-11-15"), DocSettings(), out)
    return out


@pytest.fixture
def no_poppler(monkeypatch, tmp_path):
    """A Windows laptop: no poppler tools on PATH, whatever this machine has."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(shutil, "which", lambda *a, **k: None)


def dark_fraction(image, top: float, bottom: float) -> float:
    """Share of dark pixels in a band of the page (fractions of its height), middle 60 % of its width."""
    w, h = image.width(), image.height()
    xs = range(int(w * 0.2), int(w * 0.8), 2)
    ys = range(int(h * top), int(h * bottom))
    dark = sum(1 for y in ys for x in xs if image.pixelColor(x, y).lightness() < 100)
    return dark / (len(xs) * len(ys))


def test_pages_are_shown_without_pdftoppm(qtbot, notice_pdf, no_poppler):
    """Review "windows" 8: with no pdftoppm (every Windows laptop) the preview only said that page
    images were not available. Now PDFium renders them: A4 pages, the title printed in black."""
    dialog = PdfPreviewDialog(notice_pdf, "责令整改通知书")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job.done, timeout=20000)
    qtbot.waitUntil(lambda: len(dialog.page_labels) >= 2, timeout=5000)
    assert dialog.status.text() != "" and "pdftoppm" not in dialog.status.text()
    pix = dialog.page_labels[0].pixmap()
    assert pix.height() / pix.width() == pytest.approx(297 / 210, rel=0.02)  # A4 pages
    shown = dialog.page_labels[0].size()  # at PREVIEW_DPI on screen, whatever the scaling
    assert shown.width() == pytest.approx(210 / 25.4 * pdf_preview.PREVIEW_DPI, abs=2)
    image = pix.toImage()
    assert dark_fraction(image, 0.10, 0.22) > 0.01  # the red-headed title block is printed, not blank
    assert dark_fraction(image, 0.0, 0.03) == 0  # the top margin is white paper, not a black page
    assert dialog.open_button.isEnabled() and dialog.save_button.isEnabled()


def test_a_page_that_cannot_be_rendered_offers_the_viewer(qtbot, tmp_path):
    broken = tmp_path / "damaged.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not a PDF body")
    dialog = PdfPreviewDialog(broken)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job.done, timeout=20000)
    qtbot.waitUntil(lambda: "Open in viewer" in dialog.status.text()
                    or "用系统阅读器打开" in dialog.status.text(), timeout=5000)
    assert dialog.open_button.isEnabled() and not dialog.page_labels
    saved = dialog.save_as(str(tmp_path / "copy.pdf"))
    assert saved is not None and saved.read_bytes() == broken.read_bytes()


def test_record_button_renders_and_previews(qtbot, store, monkeypatch):
    monkeypatch.setattr(pdf_preview.shutil, "which", lambda name: None)  # keep the test quick
    e = insert_record(store, Enterprise(uscc="91421202MA4AEDKU8T", name="预览测试企业",
                                        jurisdiction_code="421202"))
    r = insert_record(store, Rectification(enterprise_id=e.id, requirement="整改", rule_set="samr18",
                                           ordered_on="2026-09-01", deadline="2026-10-31",
                                           recheck_due="2026-11-15"))
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    job = preview_record_document(parent, store.path, "notice", r.uuid)
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    qtbot.waitUntil(lambda: getattr(job, "dialog", None) is not None, timeout=5000)
    assert job.dialog.pdf.is_file() and job.dialog.windowTitle() == "责令整改通知书"
    job.dialog.close()


def test_record_button_unknown_id_shows_one_message(qtbot, store, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(pdf_preview.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    job = preview_record_document(parent, store.path, "visit", "12345")
    qtbot.waitUntil(lambda: job.done, timeout=20000)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "12345" in shown[0] and "Traceback" not in shown[0]


def test_save_as_onto_a_pdf_open_in_wps_says_close_it_and_keeps_it(qtbot, notice_pdf, monkeypatch,
                                                                   tmp_path):
    """Review "windows" 9: the message was `[Errno 13] Permission denied: 'C:\\…'`, and the copy
    was written straight onto the target (a full USB stick left half a PDF)."""
    from qcdesk.models import file_replace
    from tests.test_windows_saves import held_open

    monkeypatch.setattr(pdf_preview.shutil, "which", lambda name: None)
    dialog = PdfPreviewDialog(notice_pdf)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.job.done, timeout=20000)
    shown = []
    monkeypatch.setattr(pdf_preview.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr(file_replace, "_sleep", lambda s: None)
    target = tmp_path / "已打开的通知书.pdf"
    target.write_bytes(b"%PDF old")
    held_open(monkeypatch)
    assert dialog.save_as(str(target)) is None
    assert shown and shown[-1].startswith(f"无法读写文件 {target}：可能正在 WPS/Excel 等程序中打开"), shown
    assert "Errno" not in shown[-1] and ".part" not in shown[-1]

    def half_then_full(src, dst):
        Path(dst).write_bytes(Path(src).read_bytes()[:100])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf_preview.shutil, "copyfile", half_then_full)
    assert dialog.save_as(str(target)) is None
    assert "磁盘空间不足" in shown[-1], shown
    assert target.read_bytes() == b"%PDF old" and sorted(p.name for p in tmp_path.iterdir()) == [
        "notice.pdf", "已打开的通知书.pdf"]
