"""The 预警 page counts what the dashboard counts (s7/rra #4): opened from the left menu it listed
全部辖区 while the dashboard was scoped to 咸安区, two warning counts on two screens. It now starts
on the dashboard's scope (the one remembered, else the office's own), follows a new choice made
on the dashboard, and the user can still choose another jurisdiction there. The zones tile opens
the zones page of the scope (adc0209), checked here through the real window.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from qcdesk.exchange.key_files import create_key
from qcdesk.models.demo import build_demo
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.dashboard import DashboardPage
from qcdesk.ui.dashboard_scope import SCOPE_SETTING
from qcdesk.ui.warnings_page import WarningsPage

pytestmark = pytest.mark.usefixtures("chinese")
XIANAN, JIAYU = "421202", "421221"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("warnscope") / "demo.db", seed=11, enterprises=200,
                      visits=1500, today=date.today())


@pytest.fixture
def store(demo_path: Path, tmp_path: Path) -> Store:
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
    page.show()
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=30000)
    return page


def test_the_warnings_page_starts_on_the_dashboards_scope(
        qtbot: QtBot, store: Store, county_paths: AppPaths, settings: QSettings) -> None:
    settings.setValue(SCOPE_SETTING, JIAYU)  # chosen on the dashboard last time
    page = _page(qtbot, store, county_paths, settings)
    warnings = WarningsPage(store, county_paths, settings=settings)
    qtbot.addWidget(warnings)
    qtbot.waitUntil(lambda: not warnings.computing, timeout=30000)
    assert warnings.jurisdiction.currentText() == "嘉鱼县"
    assert warnings.count_label.text() == f"共 {page.warning_total} 条预警"  # one count on both screens
    assert 0 < len(warnings.model.rows) < len(warnings.all_rows)
    warnings.jurisdiction.setCurrentIndex(0)  # the user can still look at every jurisdiction
    assert len(warnings.model.rows) == len(warnings.all_rows)
    settings.remove(SCOPE_SETTING)  # nothing chosen yet: the office's own, as the dashboard
    fresh = WarningsPage(store, county_paths, settings=settings)
    qtbot.addWidget(fresh)
    assert fresh.jurisdiction.currentData() == XIANAN


def test_the_window_keeps_the_warnings_and_zones_pages_on_the_scope(
        qtbot: QtBot, store: Store, county_paths: AppPaths, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from qcdesk.ui.main_window import MainWindow

    monkeypatch.setattr(QApplication.instance(), "settings", settings, raising=False)  # the app's own
    window = MainWindow(county_paths, settings=settings)
    qtbot.addWidget(window)
    window.set_store(store)
    page, warnings = window.pages["dashboard"], window.pages["warnings"]
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending and not warnings.computing,
                    timeout=30000)
    window.show_page("warnings")  # from the left menu
    assert warnings.jurisdiction.currentData() == XIANAN
    assert warnings.count_label.text() == f"共 {page.warning_total} 条预警"
    window.show_page("dashboard")
    page.scope.combo.setCurrentIndex(page.scope.combo.findData(JIAYU))
    qtbot.waitUntil(lambda: not page.computing and page.figures.area == JIAYU, timeout=30000)
    assert warnings.jurisdiction.currentData() == JIAYU
    assert warnings.count_label.text() == f"共 {page.warning_total} 条预警"
    page._open("zones")  # the zones tile: the zones page of the scope (adc0209)
    zones = window.pages["zones"]
    assert window.current_key() == "zones" and zones.jurisdiction.currentData() == JIAYU


def test_the_zones_page_from_the_menu_is_on_the_scope_too(
        qtbot: QtBot, store: Store, county_paths: AppPaths, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The 示范区 page opened from the left menu listed 全部辖区 while the dashboard's zones tile
    counted 咸安区's; it starts on the scope and follows a new one, without the tile."""
    from PySide6.QtWidgets import QApplication

    from qcdesk.ui.main_window import MainWindow

    monkeypatch.setattr(QApplication.instance(), "settings", settings, raising=False)
    window = MainWindow(county_paths, settings=settings)
    qtbot.addWidget(window)
    window.set_store(store)
    page, zones = window.pages["dashboard"], window.pages["zones"]
    qtbot.waitUntil(lambda: not page.computing and not zones.computing, timeout=30000)
    window.show_page("zones")  # from the left menu
    assert zones.jurisdiction.currentData() == XIANAN
    window.show_page("dashboard")
    page.scope.combo.setCurrentIndex(page.scope.combo.findData(JIAYU))
    qtbot.waitUntil(lambda: not page.computing and page.figures.area == JIAYU, timeout=30000)
    window.show_page("zones")
    assert zones.jurisdiction.currentData() == JIAYU
    zones.jurisdiction.setCurrentIndex(0)  # the user can still look at every jurisdiction
    assert zones.jurisdiction.currentData() == ""
