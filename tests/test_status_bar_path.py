"""The database path in the status bar is cut in the middle when it is long, the whole path in
its tooltip: a 300-character path (a clerk's nested folders) made the main window at least as
wide as the path, past the 1000 px a 1366 × 768 laptop at 125 % leaves it
(tests/test_small_screen_layout.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from small_screen import MAX_WINDOW_WIDTH, started_shell

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths


def long_path(root: Path, length: int = 300) -> Path:
    """A database file `length` characters long as text, in nested folders (mostly ASCII: SQLite
    opens no path over 512 bytes of UTF-8)."""
    folder = root / "咸宁市市场监督管理局" / "quality-2026"
    while len(str(folder)) < length - 50:
        folder = folder / "county-spot-check-archive"
    name = "咸宁县局.db"
    folder = folder / ("b" * (length - len(str(folder / name)) - 1))
    path = folder / name
    assert len(str(path)) == length
    folder.mkdir(parents=True)
    return path


def painted_text(label: QLabel) -> str:
    """What the label draws: a plain QLabel draws its whole text, clipped at its right edge."""
    shown = getattr(label, "shown_text", None)
    return shown() if shown is not None else label.text()


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    db = long_path(tmp_path)
    Store.open(db, author="test").close()
    yield from started_shell(qtbot, paths, db, "zh_CN", monkeypatch)


def test_a_long_database_path_does_not_widen_the_window(qtbot: QtBot, shell) -> None:  # noqa: ANN001
    w, path = shell.window, str(shell.store.path)
    assert len(path) == 300
    assert w.minimumSizeHint().width() <= MAX_WINDOW_WIDTH, w.minimumSizeHint().width()
    w.resize(MAX_WINDOW_WIDTH, 600)
    qtbot.waitUntil(lambda: w.width() == MAX_WINDOW_WIDTH)
    QApplication.processEvents()
    assert w.statusBar().minimumSizeHint().width() <= MAX_WINDOW_WIDTH  # was the path's width, 2006 px
    label = w.db_label
    assert w.rect().contains(QRect(label.mapTo(w, QPoint()), label.size()))
    shown = painted_text(label)
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()  # none cut off
    assert "…" in shown and shown != path
    assert shown.startswith(path[:8]) and shown.endswith("咸宁县局.db")  # the drive and the file name
    assert label.toolTip() == path and label.text() == path  # all of it on hover and for a screen reader


def test_a_short_path_is_shown_whole(qtbot: QtBot, paths: AppPaths, tmp_path: Path) -> None:
    from qcdesk.ui.elided_label import ElidedLabel

    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(str(tmp_path / "county.db"))
    label.resize(label.sizeHint())
    label.show()
    assert label.shown_text() == str(tmp_path / "county.db") == label.toolTip()
