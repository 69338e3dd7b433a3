"""A record's document preview leaves nothing in the temporary folder once it is closed.

Review "windows" 15: each 文书 previewed made a `%TEMP%\\qcdesk-doc-*` folder with its PDF and
never removed it, so they piled up, one per document looked at.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Rectification
from qcdesk.ui import pdf_preview
from qcdesk.ui.pdf_preview import preview_record_document


@pytest.fixture
def temp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The system's temporary folder, here one the test can look into."""
    folder = tmp_path / "TEMP"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def notice_id(store) -> str:  # noqa: ANN001
    e = insert_record(store, Enterprise(uscc="91421202MA4AEDKU8T", name="临时文件测试企业",
                                        jurisdiction_code="421202"))
    r = insert_record(store, Rectification(enterprise_id=e.id, requirement="整改", rule_set="samr18",
                                           ordered_on="2026-09-01", deadline="2026-10-31",
                                           recheck_due="2026-11-15"))
    return r.uuid


def test_closing_the_preview_removes_its_document_folder(qtbot, store, temp):
    parent = QWidget()
    qtbot.addWidget(parent)
    uuid = notice_id(store)
    for _ in range(2):  # one document looked at twice
        job = preview_record_document(parent, store.path, "notice", uuid)
        qtbot.waitUntil(lambda job=job: job.dialog is not None, timeout=20000)
        qtbot.waitUntil(lambda job=job: job.dialog.job.done, timeout=20000)
        pdf = Path(job.dialog.pdf)
        assert pdf.is_file() and pdf.parent.parent == temp  # shown from the temporary folder
        job.dialog.close()
        qtbot.waitUntil(lambda: not list(temp.glob("qcdesk-*")), timeout=5000)


def test_a_document_that_cannot_be_made_leaves_no_folder(qtbot, store, temp, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(pdf_preview.QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    parent = QWidget()
    qtbot.addWidget(parent)
    job = preview_record_document(parent, store.path, "visit", "12345")
    qtbot.waitUntil(lambda: job.done and bool(shown), timeout=20000)
    assert not list(temp.glob("qcdesk-*"))
