"""The dashboard for a screen-reader (NVDA) and keyboard user (review "appearance" 11): a tile is
announced as a button and shows where the focus is; a zone bar says which zone; a pass-rate
chart, painted by hand, reads its title and every rate."""

from __future__ import annotations

from pathlib import Path

import pytest
from day_clock import MID_QUARTER, fixed_today
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from qcdesk.models.demo import build_demo
from qcdesk.models.store import Store
from qcdesk.ui.dashboard import Bar, DashboardPage, PassRateChart, Tile, ZoneBar


def highlight_pixels(image: QImage, colour: QColor) -> int:
    """Pixels of `colour` along the tile's edges (where a focus frame is drawn)."""
    w, h = image.width(), image.height()
    edges = [(x, y) for x in range(w) for y in (1, h - 2)] + [(x, y) for y in range(h) for x in (1, w - 2)]
    return sum(1 for x, y in edges if image.pixelColor(x, y) == colour)


def test_a_tile_is_a_button_that_shows_its_focus(qtbot) -> None:  # noqa: ANN001
    holder = QWidget()
    qtbot.addWidget(holder)
    first, second = Tile(holder), Tile(holder)
    second.move(200, 0)
    first.set_content("复查逾期", "25", "需要处理")
    holder.resize(420, 160)
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None or holder.isActiveWindow())
    iface = QAccessible.queryAccessibleInterface(first)
    assert iface.role() == QAccessible.Role.Button  # NVDA: 复查逾期 25 需要处理, 按钮
    assert iface.text(QAccessible.Text.Name) == "复查逾期 25 需要处理"
    highlight = first.palette().highlight().color()
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    unfocused = first.grab().toImage()
    qtbot.keyClick(second, Qt.Key.Key_Backtab)  # the keyboard user's way back to the first tile
    qtbot.waitUntil(first.hasFocus)
    focused = first.grab().toImage()
    assert highlight_pixels(unfocused, highlight) == 0
    assert highlight_pixels(focused, highlight) > first.width()  # a frame all round, not a dot
    with qtbot.waitSignal(first.clicked, timeout=1000):
        qtbot.keyClick(first, Qt.Key.Key_Space)
    with qtbot.waitSignal(first.clicked, timeout=1000):
        qtbot.keyClick(first, Qt.Key.Key_Return)


def test_a_clicked_tile_shows_no_focus_frame_after_the_user_comes_back(qtbot) -> None:  # noqa: ANN001
    """Review rr-ui 5: clicking a tile opens its list; back on the dashboard, the stack gives the
    focus back to that tile, which then wore the highlight frame though no key was pressed. As
    on Qt's own buttons, the frame follows keyboard focus only."""
    from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    dashboard, other = QWidget(), QLabel("list")
    first, second = Tile(), Tile()
    layout = QVBoxLayout(dashboard)
    layout.addWidget(first)
    layout.addWidget(second)
    first.set_content("参与质量提升企业", "12", "")
    stack.addWidget(dashboard)
    stack.addWidget(other)
    stack.resize(300, 320)
    stack.show()
    stack.activateWindow()
    qtbot.waitExposed(stack)
    highlight = first.palette().highlight().color()
    first.clicked.connect(lambda: stack.setCurrentWidget(other))
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stack.currentWidget() is other)
    stack.setCurrentWidget(dashboard)
    qtbot.waitUntil(first.hasFocus)
    assert highlight_pixels(first.grab().toImage(), highlight) == 0
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    qtbot.waitUntil(second.hasFocus)
    assert highlight_pixels(second.grab().toImage(), highlight) > second.width()  # Tab still shows it
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)  # after keyboard use, a click again
    qtbot.waitUntil(lambda: stack.currentWidget() is other)
    stack.setCurrentWidget(dashboard)
    qtbot.waitUntil(first.hasFocus)
    assert highlight_pixels(first.grab().toImage(), highlight) == 0


def test_a_zone_bar_says_which_zone_and_how_far(qtbot) -> None:  # noqa: ANN001
    bar = ZoneBar("uuid-1")
    qtbot.addWidget(bar)
    bar.setValue(40)
    bar.setFormat("通城涂附磨具示范区 %p%")
    assert QAccessible.queryAccessibleInterface(bar).text(QAccessible.Text.Name) == "通城涂附磨具示范区 40%"
    bar.setValue(60)
    assert bar.accessibleName() == "通城涂附磨具示范区 60%"


def test_a_chart_reads_its_title_and_rates(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    chart = PassRateChart()
    qtbot.addWidget(chart)
    chart.title_label = QLabel("Spot-check pass rate by jurisdiction")
    chart.set_bars([Bar("421202", "咸安区", 29, 1), Bar("421221", "嘉鱼县", 0, 0)], 0.95, "definition")
    name = QAccessible.queryAccessibleInterface(chart).text(QAccessible.Text.Name)
    assert name.startswith("Spot-check pass rate by jurisdiction (target 95%): ")
    assert "咸安区 96.7%" in name and "嘉鱼县 No data" in name


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built for the middle of a quarter, as the test's today is (day_clock.MID_QUARTER): the
    by-jurisdiction chart the test waits for is empty in a real quarter's first weeks."""
    return build_demo(tmp_path_factory.mktemp("dash-a11y") / "demo.db", seed=3, enterprises=60, visits=300,
                      today=MID_QUARTER)


def test_the_dashboards_charts_are_named_after_their_titles(qtbot, small_demo: Path,  # noqa: ANN001
                                                             tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    fixed_today(monkeypatch, MID_QUARTER)
    copy = tmp_path / "demo.db"
    copy.write_bytes(small_demo.read_bytes())
    store = Store.open(copy, author="test")
    try:
        page = DashboardPage(store, None)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: not page.computing and bool(page.by_jurisdiction.bars), timeout=20000)
        for chart, title in ((page.by_jurisdiction, page.by_jurisdiction_title),
                             (page.by_industry, page.by_industry_title)):
            name = QAccessible.queryAccessibleInterface(chart).text(QAccessible.Text.Name)
            assert name.startswith(title.text()) and title.text()
            assert chart.bars[0].label in name
        qtbot.waitUntil(lambda: not page.risk_pending, timeout=20000)
    finally:
        store.close()
