"""The dashboard on a 1920 × 1080 laptop at 200 % (960 × 540 logical pixels; review appearance 13).

Before: five tiles of at least 170 px in a row, two charts of 360 and the 150 px navigation made
the page scroll sideways; the fifth tile of each row, 本年度 and 刷新 sat off to the right. Now the
tiles take fewer columns, the charts stack and 范围 / 本季度 / 本年度 / 刷新 wrap under the heading
when the width runs out. From 1366 px on, the page is laid out as before: rows of five.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.demo import build_demo
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import screen_of, started_shell  # noqa: E402


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("narrow") / "demo.db", seed=5, enterprises=120, visits=600,
                      today=date.today())


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, demo_path: Path, lang: str,  # noqa: ANN201
          monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "demo.db"
    db.write_bytes(demo_path.read_bytes())
    screen_of(monkeypatch, QRect(0, 0, 1920, 1040))
    yield from started_shell(qtbot, paths, db, lang, monkeypatch)


def _shown(qtbot: QtBot, window, width: int, height: int):  # noqa: ANN001, ANN202 - the page, its scroll area
    window.show_page("dashboard")
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)
    page = window.pages["dashboard"]
    qtbot.waitUntil(lambda: page.scoped() is not None, timeout=20000)  # the figures are in
    for _ in range(3):  # the tiles move to their columns, then their titles line up
        QApplication.processEvents()
    return page, page.findChild(QScrollArea)


def _in_view(area: QScrollArea, widget: QWidget) -> bool:
    """Wholly within the viewport's width (below the fold is fine: the page scrolls down)."""
    left = widget.mapTo(area.viewport(), widget.rect().topLeft()).x()
    return widget.isVisible() and left >= 0 and left + widget.width() <= area.viewport().width()


def test_at_960_px_nothing_is_off_to_the_right(qtbot: QtBot, shell) -> None:  # noqa: ANN001
    page, area = _shown(qtbot, shell.window, 960, 540)
    bar = area.horizontalScrollBar()
    assert not bar.isVisible() and bar.maximum() == 0, page.minimumSizeHint().width()
    off = [k for k, tile in page.tiles.items() if not _in_view(area, tile)]
    assert off == []
    for control in (page.scope, page.quarter_button, page.year_button, page.refresh_button):
        assert _in_view(area, control), control.text() if hasattr(control, "text") else control
    for chart in (page.by_jurisdiction, page.by_industry):
        assert _in_view(area, chart)


def test_at_1366_px_the_tiles_are_in_rows_of_five_as_before(qtbot: QtBot, shell) -> None:  # noqa: ANN001
    page, area = _shown(qtbot, shell.window, 1366, 768)
    assert not area.horizontalScrollBar().isVisible()
    tiles = list(page.tiles.values())
    places = [t.mapTo(page, t.rect().topLeft()) for t in tiles]
    rows = [places[i:i + 5] for i in range(0, 15, 5)]
    for row in rows:  # one line each, left to right
        assert len({p.y() for p in row}) == 1
        assert [p.x() for p in row] == sorted(p.x() for p in row)
    assert len({row[0].y() for row in rows}) == 3
    for column in range(5):  # the columns line up as in the grid of five
        assert len({rows[r][column].x() for r in range(3)}) == 1
        assert len({tiles[r * 5 + column].width() for r in range(3)}) == 1
    heading, refresh = page.heading, page.refresh_button  # 刷新 on the heading's line, at the right
    assert abs(heading.geometry().center().y() - refresh.geometry().center().y()) <= heading.height() // 2
    fifth = tiles[4].mapTo(page, tiles[4].rect().topLeft()).x()
    assert refresh.mapTo(page, refresh.rect().topRight()).x() > fifth
    left, right = page.by_jurisdiction, page.by_industry  # the charts side by side
    assert left.mapTo(page, left.rect().topLeft()).y() == right.mapTo(page, right.rect().topLeft()).y()
