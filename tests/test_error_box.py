"""An error no slot caught is shown in a box (what happened, that what was saved before is safe,
where the details are) and written to a log, instead of a traceback on stderr that a Windows
desktop user never sees (review "two at once" 4). Only the window (`qcdesk` with no command)
installs the hook: pytest-qt's own must keep seeing errors in the tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from qcdesk import cli
from qcdesk.models.store import StoreError
from qcdesk.paths import AppPaths


def test_the_window_shows_an_error_no_slot_caught(qtbot, tmp_path: Path,  # noqa: ANN001
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    monkeypatch.setattr(AppPaths, "for_user", classmethod(lambda cls: paths))
    monkeypatch.setattr("qcdesk.ui.app.run_gui", lambda args, paths: 0)  # no event loop here
    printed: list[BaseException] = []  # stands for Python's hook (stderr), and keeps pytest-qt's out
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: printed.append(value))
    assert cli.main([]) == 0

    def refused() -> None:
        raise StoreError("数据库正被其他程序占用", "The database is in use by another program")

    button = QPushButton("删除")
    qtbot.addWidget(button)
    button.clicked.connect(refused)
    shown: list[tuple[str, str]] = []

    def answer(tries: int = 100) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "unexpectedErrorBox":
            shown.append((box.text(), box.detailedText()))
            box.accept()
        elif tries:
            QTimer.singleShot(50, lambda: answer(tries - 1))

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    log = paths.data_dir / "logs" / "qcdesk-errors.log"
    assert len(shown) == 1
    text, details = shown[0]
    assert "数据库正被其他程序占用" in text and "saved before is safe" in text and str(log) in text
    assert "StoreError" in details and "StoreError" in log.read_text(encoding="utf-8")
    assert len(printed) == 1  # still printed on stderr too
