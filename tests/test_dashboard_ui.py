"""The landing page: every tile and bar opens its list; figures shown are the core's figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from day_clock import MID_QUARTER, fixed_today
from PySide6.QtCore import QPoint, Qt

from qcdesk.models.dashboard_queries import records_behind
from qcdesk.models.demo import build_demo
from qcdesk.models.store import Store
from qcdesk.ui.dashboard import Bar, DashboardPage, PassRateChart

EXPECTED_KINDS = {
    "pass_quarter": "visits", "pass_year": "visits", "improvement": "enterprises", "zones": "zones",
    "rect_open": "rectifications", "rect_overdue": "rectifications", "recheck_pending": "rectifications",
    "recheck_overdue": "rectifications", "licences_expiring": "licences", "licences_expired": "licences",
    "warnings": "warnings", "risk_A": "enterprises", "risk_B": "enterprises", "risk_C": "enterprises",
    "risk_D": "enterprises",
}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built for the middle of a quarter, as the page's today is (day_clock.MID_QUARTER): in a real
    quarter's first weeks the demo has no result of it yet, nor in January of the year."""
    return build_demo(tmp_path_factory.mktemp("dash") / "demo.db", seed=5, enterprises=200, visits=1500,
                      today=MID_QUARTER)


@pytest.fixture
def page(qtbot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DashboardPage:  # noqa: ANN001
    fixed_today(monkeypatch, MID_QUARTER)
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_path.read_bytes())
    store = Store.open(copy, author="test")
    widget = DashboardPage(store, None)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    assert widget.risk_pending  # a fresh database: today's classes are computed in the background
    assert widget.tiles["risk_A"].value.text() == "…"
    qtbot.waitUntil(lambda: not widget.risk_pending, timeout=20000)
    assert widget.tiles["risk_A"].value.text() != "…"
    yield widget
    store.close()


def test_every_tile_opens_its_list(qtbot, page: DashboardPage) -> None:  # noqa: ANN001
    assert set(page.tiles) == set(EXPECTED_KINDS)
    for key, tile in page.tiles.items():
        with qtbot.waitSignal(page.open_list, timeout=1000) as blocker:
            qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        kind, filters = blocker.args
        assert kind == EXPECTED_KINDS[key], key
        assert isinstance(filters, dict)
    with qtbot.waitSignal(page.open_list, timeout=1000) as blocker:
        page.tiles["rect_overdue"].setFocus()
        qtbot.keyClick(page.tiles["rect_overdue"], Qt.Key.Key_Return)
    assert blocker.args == ["rectifications", {"status": "overdue", "state": "overdue"}]


def test_tile_values_match_the_lists_they_open(page: DashboardPage) -> None:
    f = page.figures
    for key, shown in (("rect_overdue", f.rectifications_overdue), ("rect_open", f.rectifications_open),
                       ("licences_expiring", f.licences_expiring), ("improvement", f.in_improvement),
                       ("risk_C", f.risk_classes["C"])):
        kind, filters = page.tile_target(key)
        assert len(records_behind(page.store, kind, filters)) == shown
        assert page.tiles[key].value.text().split(" ")[0] == str(shown)
    kind, filters = page.tile_target("pass_year")
    visit_ids = records_behind(page.store, kind, filters)
    tested = page.store.db.execute(
        "SELECT count(*) FROM sample WHERE deleted_at IS NULL AND result IN ('pass', 'fail')"
        " AND visit_id IN (SELECT value FROM json_each(?))", [json.dumps(visit_ids)]).fetchone()[0]
    assert tested == f.year.total.tested > 0  # the visits listed hold exactly the samples counted
    assert page.tiles["pass_year"].value.text().endswith("%")
    assert "合格批次" in page.tiles["pass_year"].toolTip() or "passed" in page.tiles["pass_year"].toolTip()


def test_bars_open_visits_of_their_jurisdiction(qtbot, page: DashboardPage) -> None:  # noqa: ANN001
    chart = page.by_jurisdiction
    # six counties and the high-tech zone; no 咸宁市 bar: no firm is registered at city level
    assert len(chart.bars) == 7 and chart.target == 0.95 and "421200" not in {b.key for b in chart.bars}
    i = next(n for n, b in enumerate(chart.bars) if b.key == "421281")
    centre = chart.bar_rect(i).center()
    with qtbot.waitSignal(page.open_list, timeout=1000) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), chart.height() - 55))
    kind, filters = blocker.args
    assert kind == "visits" and filters["jurisdiction"] == "421281" and filters["kind"] == "spot_check"
    page.year_button.setChecked(True)
    assert page._rates() is page.figures.year
    chart.grab()  # paints without error
    page.by_industry.grab()
    assert page.by_industry.bars and len(page.by_industry.bars) <= 10


def test_zone_progress_bar_opens_the_zone(qtbot, page: DashboardPage) -> None:  # noqa: ANN001
    from qcdesk.models.demonstration import DemonstrationZone, save_zone
    from qcdesk.ui.dashboard import ZoneBar
    from qcdesk.ui.zones_page import ZonesPage

    zone = save_zone(page.store, DemonstrationZone(name="通城涂附磨具示范区", level="provincial",
                                                   jurisdiction_code="421222",
                                                   milestones=[{"title": "申报", "done_on": "2026-01-05"}]))
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    bars = [b for b in page.findChildren(ZoneBar) if b.uuid == zone.uuid]
    assert len(bars) == 1 and bars[0].value() == 100
    with qtbot.waitSignal(page.open_list) as blocker:
        qtbot.mouseClick(bars[0], Qt.MouseButton.LeftButton)
    assert blocker.args == ["zones", {"uuid": zone.uuid}]
    zones = ZonesPage(page.store)
    qtbot.addWidget(zones)
    zones.set_filters(blocker.args[1])
    qtbot.waitUntil(lambda: not zones.computing, timeout=10000)  # read in a worker
    selected = zones.view.selectionModel().selectedRows()
    assert len(selected) == 1
    columns = range(zones.view.model().columnCount())
    assert zone.name in [selected[0].siblingAtColumn(c).data() for c in columns]


def _chart(qtbot) -> PassRateChart:  # noqa: ANN001
    """嘉鱼县 93.9 % and 通城县 94.9 % sit right under the 95 % line; the city has no results."""
    chart = PassRateChart()
    qtbot.addWidget(chart)
    chart.resize(560, 260)
    chart.set_bars([Bar("421200", "咸宁市", 0, 0), Bar("421221", "嘉鱼县", 939, 61),
                    Bar("421222", "通城县", 949, 51), Bar("421223", "崇阳县", 90, 10),
                    Bar("421281", "赤壁市", 95, 5), Bar("421202", "咸安区", 1, 0)], 0.95, "")
    return chart


def _band_over_bar(chart: PassRateChart, i: int, text: str):  # noqa: ANN202
    """Where a figure written just above bar i lies: one text line high, as wide as the text."""
    fm = chart.fontMetrics()
    rect = chart.bar_rect(i)
    width = fm.horizontalAdvance(text)
    return (int(rect.center().x() - width / 2), int(rect.top()) - fm.height(), width, fm.height() - 1)


def test_bar_values_are_not_struck_through_by_the_target_line(qtbot) -> None:  # noqa: ANN001
    chart = _chart(qtbot)
    image = chart.grab().toImage()
    for i, text in ((1, "93.9"), (2, "94.9"), (3, "90.0"), (4, "95.0")):
        x0, y0, w, h = _band_over_bar(chart, i, text)
        red = sum(1 for x in range(x0, x0 + w) for y in range(y0, y0 + h)
                  if (c := image.pixelColor(x, y)).red() > 150 and c.green() < 80 and c.blue() < 80)
        assert red == 0, f"{text} is crossed by the target line"


def test_a_jurisdiction_without_results_is_marked(qtbot) -> None:  # noqa: ANN001
    chart = _chart(qtbot)
    image = chart.grab().toImage()
    background = chart.palette().window().color()
    x0, y0, w, h = _band_over_bar(chart, 0, chart.tr("No data"))
    written = sum(1 for x in range(x0, x0 + w) for y in range(y0, y0 + h)
                  if image.pixelColor(x, y) != background)
    assert written > 20  # "No data" (无数据) is written where the bar would stand


def test_dates_and_quarters_read_as_words_in_chinese(qapp, page: DashboardPage) -> None:  # noqa: ANN001
    """质量提升工作台 — 2026年11月30日 and 监督抽查合格率 2026年第四季度, not 2026-11-30 / 2026Q4."""
    from qcdesk.ui.app import Translators

    today, f = page.figures.today, page.figures
    translators = Translators(qapp)
    before = qapp.property("lang")
    try:
        translators.apply("zh_CN")
        page.retranslate()
        heading, quarter = page.heading.text(), page.tiles["pass_quarter"].title.text()
        year = page.tiles["pass_year"].title.text()
        translators.apply("en")
        page.retranslate()
        heading_en, quarter_en = page.heading.text(), page.tiles["pass_quarter"].title.text()
    finally:
        translators.apply("en")
        qapp.setProperty("lang", before)
    q = (today.month - 1) // 3 + 1
    assert heading.endswith(f"— {today.year}年{today.month}月{today.day}日")
    assert today.isoformat() not in heading
    assert quarter.endswith(f"{today.year}年第{'一二三四'[q - 1]}季度")
    assert f.quarter.period.key not in quarter
    assert year.endswith(f"{today.year}年")
    assert heading_en.endswith(today.isoformat()) and quarter_en.endswith(f"{today.year} Q{q}")


def test_period_labels_leave_the_period_codes_alone() -> None:
    from qcdesk.models.dashboard_queries import date_label, period_label, quarter_of, year_of

    q3 = quarter_of(date(2026, 8, 15))
    assert q3.key == "2026Q3"  # what `qcdesk report quarterly --period` accepts
    assert (period_label(q3), period_label(q3, "en")) == ("2026年第三季度", "2026 Q3")
    assert (period_label(year_of(date(2026, 1, 2))), period_label(year_of(date(2026, 1, 2)), "en")) \
        == ("2026年", "2026")
    assert date_label(date(2026, 11, 30)) == "2026年11月30日"
    assert date_label(date(2026, 3, 5)) == "2026年3月5日"
    assert date_label(date(2026, 11, 30), "en") == "2026-11-30"
