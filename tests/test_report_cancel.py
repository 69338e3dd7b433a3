"""The quarterly report from the GUI can be cancelled and leaves no file.

At a million visits the report takes minutes; its progress dialog had no 取消 (cancellable=False)
although long work can be cancelled, and it showed after QProgressDialog's own 4 s instead of the
0.5 s asked for (no progress was reported, so the shorter wait never started).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths


@pytest.fixture
def report_store(tmp_path: Path) -> Store:
    from qcdesk.models.demo import build_demo

    build_demo(tmp_path / "demo.db", seed=1, enterprises=30, visits=200)
    store = Store.open(tmp_path / "demo.db", author="test")
    yield store
    store.close()


def test_the_quarterly_report_can_be_cancelled_and_leaves_no_file(
        qtbot: QtBot, chinese: None, report_store: Store, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A query that would run for ever stands for a million visits' report: the progress dialog
    shows within about half a second (it took 4 s) with 取消 (it had none), which stops the query
    itself; no PDF, spreadsheet or side file is left, and the dialog can generate again."""
    from qcdesk.models import report_queries
    from qcdesk.ui.report_dialog import ReportDialog

    def endless(db: Any, *args: Any) -> None:
        db.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
                   " SELECT count(*) FROM c WHERE x < 1e15").fetchone()

    monkeypatch.setattr(report_queries, "quarterly_data", endless)
    out = tmp_path / "out"
    dialog = ReportDialog(report_store, AppPaths(tmp_path / "data", tmp_path / "config"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.pdf_edit.setText(str(out / "report.pdf"))
    dialog.xlsx_check.setChecked(True)
    dialog.xlsx_edit.setText(str(out / "report.xlsx"))
    started = time.monotonic()
    job = dialog.generate()
    assert job is not None

    def progress() -> QProgressDialog | None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QProgressDialog) and w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: progress() is not None, timeout=3000)  # QProgressDialog's own delay was 4 s
    assert time.monotonic() - started < 2.5
    buttons = [b for b in progress().findChildren(QPushButton) if b.isVisible()]
    assert [b.text() for b in buttons] == ["取消"]
    buttons[0].click()
    qtbot.waitUntil(lambda: job.done, timeout=10_000)  # the query itself stopped
    assert dialog.generate_button.isEnabled() and dialog.preview is None
    assert not out.exists() or list(out.iterdir()) == []
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")]


def test_a_report_cancelled_while_its_files_are_written_leaves_neither(
        qtbot: QtBot, report_store: Store, tmp_path: Path) -> None:
    """Cancel pressed after the PDF is drawn, while the spreadsheet is written: neither file."""
    from qcdesk.ui.report_dialog import generate_report
    from qcdesk.ui.workers import Cancelled

    out = tmp_path / "out"
    steps: list[int] = []

    def check() -> None:
        steps.append(1)
        if len(steps) >= 3:  # after the queries and the PDF: while the spreadsheet is written
            raise Cancelled()

    with pytest.raises(Cancelled):
        generate_report(report_store, 2026, 1, None, out / "r.pdf", out / "r.xlsx", check)
    assert len(steps) == 3 and list(out.iterdir()) == []
