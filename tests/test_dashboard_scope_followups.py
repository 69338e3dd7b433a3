"""The dashboard's scope, followed through (s7/rra #1, #3).

#1: while a new scope was counted the tiles waited but the charts and zone bars kept the old
scope's figures under the new scope's name, 本年度 redrew them, and a bar opened the old scope's
list. #3: 咸安区's tiles were measured against the city's targets (73 / 500, 0 of 5–10 in red).
The count is held on an event, so "while it runs" lasts as long as the test wants.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from day_clock import MID_QUARTER, fixed_today
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from qcdesk.exchange.key_files import create_key
from qcdesk.models.dashboard_queries import records_behind
from qcdesk.models.demo import build_demo
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import dashboard
from qcdesk.ui.dashboard import DashboardPage, ZoneBar

pytestmark = pytest.mark.usefixtures("chinese")
XIANAN, JIAYU = "421202", "421221"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("scope2") / "demo.db", seed=11, enterprises=200, visits=1500,
                      today=MID_QUARTER)


@pytest.fixture
def store(demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    fixed_today(monkeypatch, MID_QUARTER)
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_path.read_bytes())
    opened = Store.open(copy, author="test")
    yield opened
    opened.close()


@pytest.fixture
def county_paths(tmp_path: Path) -> AppPaths:
    """A 咸安区 desk: its signing key was made for 咸安区."""
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    paths.keys_dir.mkdir(parents=True)
    create_key(paths.keys_dir, "咸安区局", XIANAN, "county", "correct horse 1", light=True)
    return paths


def _page(qtbot: QtBot, store: Store, paths: AppPaths | None, settings: QSettings) -> DashboardPage:
    page = DashboardPage(store, paths, settings=settings)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=30000)
    return page


def _held(real: Callable[..., Any], gate: threading.Event, entered: threading.Event) -> Callable[..., Any]:
    """`real`, held until `gate` opens (10 s at most): the count under way as long as the test wants."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        gate.wait(10)
        return real(*args, **kwargs)
    return wrapper


def _zone_widgets(page: DashboardPage) -> list:
    return [page.zones_box.itemAt(i).widget() for i in range(page.zones_box.count())]


def test_while_a_new_scope_is_counted_the_charts_wait_and_open_nothing(
        qtbot: QtBot, store: Store, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, store, None, settings)  # 咸宁市（全市）: every county's bars
    assert len(page.by_jurisdiction.bars) > 2 and page.by_industry.bars
    assert any(isinstance(w, ZoneBar) for w in _zone_widgets(page))
    industry_bar = page.by_industry.bar_rect(0).center().toPoint()
    old_industry = page.by_industry.bars[0].key
    gate, entered = threading.Event(), threading.Event()
    monkeypatch.setattr(dashboard, "dashboard_figures", _held(dashboard.dashboard_figures, gate, entered))
    try:
        page.scope.combo.setCurrentIndex(page.scope.combo.findData(JIAYU))
        assert entered.wait(10) and page.computing
        assert page.scope.words() == "嘉鱼县" and page.figures.area == ""  # the city's are the last
        for chart in (page.by_jurisdiction, page.by_industry):
            assert chart.bars == [] and chart.waiting == "计算中…"  # no city bars under 嘉鱼县
        assert page.by_jurisdiction_title.text() == "各县市区监督抽查合格率"
        widgets = _zone_widgets(page)
        assert not any(isinstance(w, ZoneBar) for w in widgets)  # the city's zones are gone too
        assert [w.text() for w in widgets if isinstance(w, QLabel)] == ["计算中…"]
        page.year_button.click()  # the clerk looks at the year meanwhile: still nothing drawn
        assert page.by_jurisdiction.bars == [] and page.by_industry.bars == []
        page.quarter_button.click()
        with qtbot.assertNotEmitted(page.open_list, wait=100):
            qtbot.mouseClick(page.by_industry, Qt.MouseButton.LeftButton, pos=industry_bar)
            page._open_rates("industry", old_industry)  # a click queued from before: ignored
            page._open_rates("jurisdiction", "421281")
            page._open_zone("any")
            qtbot.mouseClick(page.tiles["improvement"], Qt.MouseButton.LeftButton)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not page.computing and page.figures.area == JIAYU, timeout=30000)
    assert {b.key for b in page.by_jurisdiction.bars} == {JIAYU} and not page.by_jurisdiction.waiting
    assert page.by_industry.bars and not page.by_industry.waiting
    with qtbot.waitSignal(page.open_list, timeout=1000) as blocker:
        qtbot.mouseClick(page.by_industry, Qt.MouseButton.LeftButton,
                         pos=page.by_industry.bar_rect(0).center().toPoint())
    kind, filters = blocker.args
    assert kind == "visits" and filters["jurisdiction"] == JIAYU
    jiayu_zones = [w for w in _zone_widgets(page) if isinstance(w, ZoneBar)]
    assert [w.format() for w in jiayu_zones] == ["嘉鱼县塑料管材产业质量提升示范区 %p%"]
    with qtbot.waitSignal(page.open_list, timeout=1000) as blocker:
        qtbot.mouseClick(jiayu_zones[0], Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert blocker.args == ["zones", {"uuid": jiayu_zones[0].uuid, "jurisdiction": JIAYU}]


def test_a_county_is_not_measured_against_the_citys_targets(
        qtbot: QtBot, store: Store, county_paths: AppPaths, settings: QSettings) -> None:
    page = _page(qtbot, store, county_paths, settings)
    assert page.scope.words() == "咸安区（含咸宁高新区）"
    f = page.figures
    city_firms = len(records_behind(store, "enterprises", {"in_improvement": 1}))
    assert 0 < f.in_improvement < city_firms
    improvement = page.tiles["improvement"]
    assert improvement.value.text() == str(f.in_improvement)  # not "73 / 500"
    assert improvement.detail.text() == f"本辖区 · 全市 {city_firms} / 目标 500 家"
    assert improvement.value.styleSheet() == ""
    zones = page.tiles["zones"]
    assert f.zones.counts["national"] < 5  # short of the city's target, but it is not the county's
    assert zones.value.text() == str(f.zones.counts["national"]) and zones.value.styleSheet() == ""
    assert zones.detail.text().startswith("本辖区已验收；全市已验收 0 / 目标 5～10 个 · 创建中或申报中 ")
    # the 95 % target is every scope's: the pass-rate tiles still say it
    assert "目标 ≥ 95%" in page.tiles["pass_year"].detail.text()
    # the whole city: measured against its own targets, red when short, as before
    page.scope.combo.setCurrentIndex(page.scope.combo.findData("421200"))
    qtbot.waitUntil(lambda: not page.computing and page.figures.area == "", timeout=30000)
    assert improvement.value.text() == f"{city_firms} / 500" and improvement.detail.text() == "目标：500 家"
    assert zones.detail.text().startswith("已验收；目标 5～10 个") and zones.value.styleSheet() != ""
