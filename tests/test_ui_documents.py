"""Documents from a record, from the GUI: each button renders the saved record and opens a preview."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Finding, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification, record_recheck
from qcdesk.models.store import Store
from qcdesk.ui import forms, pdf_preview, rectification_dialog, visit_editor
from qcdesk.ui.pdf_preview import PdfPreviewDialog
from qcdesk.ui.rectification_dialog import RectificationDialog
from qcdesk.ui.visit_editor import VisitEditor

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

NAME = "赤壁市羊楼洞茶业有限公司"


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, object]]:
    """Every preview asked for: (kind, uuid, job); dialogs are never really shown, no page images."""
    asked: list[tuple[str, str, object]] = []
    real = pdf_preview.preview_record_document
    monkeypatch.setattr(pdf_preview.shutil, "which", lambda name: None)  # no pdftoppm: quick
    monkeypatch.setattr(PdfPreviewDialog, "show", lambda self: None)
    monkeypatch.setattr(PdfPreviewDialog, "exec", lambda self: 0)
    monkeypatch.setattr(forms, "ask_unsaved", lambda parent: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: asked.append(("warning", a[2], None)))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: asked.append(("info", a[2], None)))

    def spy(parent, db_path, kind, ident):  # noqa: ANN001, ANN202
        job = real(parent, db_path, kind, ident)
        asked.append((kind, str(ident), job))
        return job

    for module in (visit_editor, rectification_dialog):
        monkeypatch.setattr(module, "preview_record_document", spy)
    return asked


def pdf_text(qtbot, job) -> str:  # noqa: ANN001
    """Wait for the rendered document's preview, then the document's text without spaces."""
    qtbot.waitUntil(lambda: job.dialog is not None, timeout=30000)
    qtbot.waitUntil(lambda: job.dialog.job.done, timeout=10000)
    pdf = Path(job.dialog.pdf)
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def saved_spot_check(store: Store) -> VisitBundle:
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name=NAME, jurisdiction_code="421281"))
    a, b = (save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421281"))
            for n, c in (("王磊", "42120001"), ("李娜", "42120002")))
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-03-02", kind="spot_check", inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="青砖茶", result="fail", failed_items="水分")],
        [Finding(description="出厂检验记录不全")]))


def open_visit(qtbot, store, paths, settings, visit_id: int) -> VisitEditor:  # noqa: ANN001
    editor = VisitEditor(store, paths, visit_id=visit_id, settings=settings, lang="zh")
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_visit_and_sample_buttons_render_the_saved_records(qtbot, store, paths, settings, previews) -> None:
    bundle = saved_spot_check(store)
    editor = open_visit(qtbot, store, paths, settings, bundle.visit.id)
    qtbot.mouseClick(editor.visit_doc_button, Qt.MouseButton.LeftButton)
    assert [(k, u) for k, u, _ in previews] == [("visit", bundle.visit.uuid)]
    text = pdf_text(qtbot, previews[0][2])
    assert NAME in text and "现场检查笔录" in text
    assert "风险" not in text  # the risk class is internal: enterprise page only, never on a document

    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.list.setCurrentRow(0)
    qtbot.mouseClick(editor.sample_doc_button, Qt.MouseButton.LeftButton)
    assert [(k, u) for k, u, _ in previews][1:] == [("sample", bundle.samples[0].uuid)]
    text = pdf_text(qtbot, previews[1][2])
    assert NAME in text and "青砖茶" in text


def test_unsaved_changes_are_saved_first_or_nothing_happens(qtbot, store, paths, settings, previews,
                                                            monkeypatch) -> None:
    bundle = saved_spot_check(store)
    editor = open_visit(qtbot, store, paths, settings, bundle.visit.id)
    answers: list[str] = []

    def question(parent, title, text, *args):  # noqa: ANN001, ANN202
        answers.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    editor.summary_edit.setPlainText("现场检查生产车间和成品库")
    answer = QMessageBox.StandardButton.Cancel
    qtbot.mouseClick(editor.visit_doc_button, Qt.MouseButton.LeftButton)
    assert len(answers) == 1 and not previews and editor.is_dirty()

    answer = QMessageBox.StandardButton.Save
    qtbot.mouseClick(editor.visit_doc_button, Qt.MouseButton.LeftButton)
    assert not editor.is_dirty() and [k for k, _, _ in previews] == ["visit"]
    assert "现场检查生产车间和成品库" in pdf_text(qtbot, previews[0][2])


def test_new_sample_must_be_saved_before_its_form(qtbot, store, paths, settings, previews,
                                                  monkeypatch) -> None:
    bundle = saved_spot_check(store)
    editor = open_visit(qtbot, store, paths, settings, bundle.visit.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    editor.samples_tab.add()
    qtbot.mouseClick(editor.sample_doc_button, Qt.MouseButton.LeftButton)
    assert not previews
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Save)
    qtbot.mouseClick(editor.sample_doc_button, Qt.MouseButton.LeftButton)  # refused: no product name
    assert not previews and editor.is_dirty()


def test_notice_and_recheck_buttons(qtbot, store, paths, settings, previews) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="停止生产销售同批次产品并整改",
                               ordered_on="2026-03-05", rule_set="samr18", sample=bundle.samples[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings, lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.notice_button.isEnabled() and not dialog.recheck_doc_button.isEnabled()
    qtbot.mouseClick(dialog.notice_button, Qt.MouseButton.LeftButton)
    assert [(k, u) for k, u, _ in previews] == [("notice", rect.uuid)]
    text = pdf_text(qtbot, previews[0][2])
    assert NAME in text and "责令整改通知书" in text

    recheck = save_visit(store, VisitBundle(Visit(
        enterprise_id=bundle.visit.enterprise_id, visit_date="2026-05-10", kind="recheck", status="done",
        inspectors=bundle.visit.inspectors, conclusion="已按要求整改")))
    record_recheck(store, rect, recheck.visit, True)
    dialog.refresh()
    assert dialog.recheck_doc_button.isEnabled()
    qtbot.mouseClick(dialog.recheck_doc_button, Qt.MouseButton.LeftButton)
    assert [(k, u) for k, u, _ in previews][1:] == [("recheck", rect.uuid)]
    text = pdf_text(qtbot, previews[1][2])
    assert NAME in text and "复查意见书" in text


def test_save_as_offers_a_readable_file_name(qtbot, store, paths, settings, previews, monkeypatch) -> None:
    """Save as… offered 责令整改通知书-718b0d6c-….pdf (the record's uuid): it names the document,
    its number or date and the enterprise instead."""
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, name, filters: (offered.append(name), ("", ""))[1])
    bundle = saved_spot_check(store)
    editor = open_visit(qtbot, store, paths, settings, bundle.visit.id)
    qtbot.mouseClick(editor.visit_doc_button, Qt.MouseButton.LeftButton)
    rect = order_rectification(store, visit=bundle.visit, requirement="停止生产销售同批次产品并整改",
                               ordered_on="2026-03-05", rule_set="samr18", sample=bundle.samples[0],
                               notice_no="赤市监质改〔2026〕7号")
    dialog = RectificationDialog(store, paths, rect.id, settings=settings, lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.notice_button, Qt.MouseButton.LeftButton)
    for _, _, job in previews:
        pdf_text(qtbot, job)  # rendered and shown
        assert job.dialog.save_as() is None  # the save dialog was cancelled
    assert [Path(name).name for name in offered] == [f"现场检查笔录-{NAME}-2026年3月2日.pdf",
                                                     f"责令整改通知书-赤市监质改〔2026〕7号-{NAME}.pdf"]
    assert all(Path(name).is_absolute() for name in offered)  # in a folder, not the working folder
