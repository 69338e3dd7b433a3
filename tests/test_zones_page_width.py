"""At 200 % on a 1920 × 1080 laptop the screen is 960 × 540 logical px (review "appearance" 13):
opening 示范区 widened the main window to 971 px, past the screen, and it stayed too wide (its
scroll bar and right edge under the screen's edge). The page's one-line summary (显示 7 个 · 已验收
的国家级：0 个（目标 5～10 个）；创建中或申报中：1 个) could not be narrower than its text; it wraps now."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.models.demo import build_demo
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import started_shell  # noqa: E402

FHD_AT_200 = 960  # 1920 / 2 logical px across


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    db = build_demo(tmp_path / "demo.db", seed=3, enterprises=60, visits=300, today=date.today())
    yield from started_shell(qtbot, paths, db, lang, monkeypatch)


def test_the_zones_page_does_not_widen_the_window_past_a_200_percent_screen(qtbot: QtBot, shell) -> None:  # noqa: ANN001
    w = shell.window
    w.show_page("zones")
    page = w.pages["zones"]
    qtbot.waitUntil(lambda: bool(page.summary.text()), timeout=20000)
    QApplication.processEvents()
    assert w.minimumSizeHint().width() <= FHD_AT_200, w.minimumSizeHint().width()
    w.resize(FHD_AT_200 - 20, 500)
    qtbot.waitUntil(lambda: w.width() == FHD_AT_200 - 20)
    QApplication.processEvents()
    assert page.summary.height() >= page.summary.heightForWidth(page.summary.width())  # read in full
