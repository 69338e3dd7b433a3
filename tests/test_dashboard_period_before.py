"""In a quarter's first weeks the pass-rate tiles show the period before's rate, not a bare "—".

Results come 15 to 30 days after sampling (as in the demo), so on 5 January the new quarter and
the new year have no tested sample yet: both tiles read "— · 合格 0 批次 / 检验 0 批次" for weeks,
just when a county writes up the quarter that ended. Now they say there is no result yet and give
the quarter's or the year's before, with the counts the quarterly report gives for it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from day_clock import MID_QUARTER, fixed_today

from qcdesk.models.dashboard_queries import pass_rates_direct, quarter_of, year_of
from qcdesk.models.demo import build_demo
from qcdesk.models.rate_text import rate_percent
from qcdesk.models.store import Store
from qcdesk.ui.dashboard import DashboardPage

NEW_YEAR_WEEK = date(2027, 1, 5)


@pytest.fixture(scope="module")
def demo_paths(tmp_path_factory: pytest.TempPathFactory) -> dict[date, Path]:
    folder = tmp_path_factory.mktemp("period-before")
    return {day: build_demo(folder / f"{day}.db", seed=5, enterprises=60, visits=400, today=day)
            for day in (NEW_YEAR_WEEK, MID_QUARTER)}


@pytest.fixture
def opened() -> list[Store]:
    """Stores the test opened, closed after its pages: asked for before qtbot, so torn down after."""
    stores: list[Store] = []
    yield stores
    for store in stores:
        store.close()


def _dashboard(qtbot, opened: list[Store], demo_paths: dict[date, Path], day: date,  # noqa: ANN001
               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[DashboardPage, Store]:
    fixed_today(monkeypatch, day)
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_paths[day].read_bytes())
    store = Store.open(copy, author="test")
    opened.append(store)
    page = DashboardPage(store, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending and page.figures is not None,
                    timeout=30000)
    return page, store


WORDS = {"zh_CN": ("尚无检验结果 · {period}：{rate}（合格 {passed} 批次 / 检验 {tested} 批次）",
                   "2026年第四季度", "2026年"),
         "en": ("No results yet · {period}: {rate} ({passed} passed of {tested})", "2026 Q4", "2026")}


def test_in_the_new_years_first_week_the_tiles_give_last_quarter_and_last_year(
        opened: list[Store], qtbot, lang: str, demo_paths, tmp_path: Path,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    page, store = _dashboard(qtbot, opened, demo_paths, NEW_YEAR_WEEK, tmp_path, monkeypatch)
    line, quarter_words, year_words = WORDS[lang]
    last_day = date(2026, 12, 31)
    for key, of, label in (("pass_quarter", quarter_of, quarter_words), ("pass_year", year_of, year_words)):
        assert pass_rates_direct(store, of(NEW_YEAR_WEEK)).total.tested == 0, key  # no result yet
        before = pass_rates_direct(store, of(last_day)).total
        assert before.tested >= 10, key
        tile = page.tiles[key]
        assert tile.value.text() == "—", key
        assert tile.detail.text() == line.format(period=label, rate=rate_percent(before.rate, 0.95),
                                                 passed=before.passed, tested=before.tested), key
        kind, filters = page.tile_target(key)  # the visits behind the rate its line gives
        period = of(last_day)
        assert (kind, filters["date_from"], filters["date_to"]) == (
            "visits", period.start.isoformat(), period.end.isoformat()), key


def test_with_results_this_quarter_the_tiles_keep_their_own_line(opened: list[Store], qtbot, chinese,  # noqa: ANN001
                                                                 demo_paths, tmp_path: Path,  # noqa: ANN001
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    page, store = _dashboard(qtbot, opened, demo_paths, MID_QUARTER, tmp_path, monkeypatch)
    assert page.figures.quarter_before is None and page.figures.year_before is None  # not counted
    own = pass_rates_direct(store, quarter_of(MID_QUARTER)).total
    assert own.tested > 0
    assert page.tiles["pass_quarter"].detail.text() == (
        f"合格 {own.passed} 批次 / 检验 {own.tested} 批次 · 目标 ≥ 95%")
    kind, filters = page.tile_target("pass_quarter")
    assert (filters["date_from"], filters["date_to"]) == ("2026-10-01", "2026-12-31")


def test_in_the_new_years_first_week_the_charts_show_and_open_the_period_before(
        opened: list[Store], qtbot, chinese, demo_paths, tmp_path: Path,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    page, store = _dashboard(qtbot, opened, demo_paths, NEW_YEAR_WEEK, tmp_path, monkeypatch)
    last_day = date(2026, 12, 31)
    for button, of, words, first_day in (
            (page.quarter_button, quarter_of, "本季度尚无检验结果，此为2026年第四季度", "2026-10-01"),
            (page.year_button, year_of, "本年度尚无检验结果，此为2026年", "2026-01-01")):
        button.setChecked(True)
        before = pass_rates_direct(store, of(last_day))
        assert page.by_jurisdiction_title.text() == f"各县市区监督抽查合格率（{words}）"
        # one bracket, not two in a row: （样品最多的十个行业）（…）
        assert page.by_industry_title.text() == f"各行业监督抽查合格率（样品最多的十个行业；{words}）"
        shown = {b.key: (b.passed, b.failed) for b in page.by_jurisdiction.bars}
        assert shown == {r.key: (r.passed, r.failed) for r in before.by_jurisdiction}
        assert any(passed + failed for passed, failed in shown.values())
        with qtbot.waitSignal(page.open_list, timeout=1000) as blocker:
            page._open_rates("jurisdiction", "421202")
        kind, filters = blocker.args
        assert (kind, filters["date_from"], filters["date_to"]) == ("visits", first_day, "2026-12-31")


def test_with_results_the_charts_keep_their_titles(opened: list[Store], qtbot, chinese,  # noqa: ANN001
                                                   demo_paths, tmp_path: Path,  # noqa: ANN001
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page, _store = _dashboard(qtbot, opened, demo_paths, MID_QUARTER, tmp_path, monkeypatch)
    for button in (page.quarter_button, page.year_button):
        button.setChecked(True)
        assert page.by_jurisdiction_title.text() == "各县市区监督抽查合格率"
        assert page.by_industry_title.text() == "各行业监督抽查合格率（样品最多的十个行业）"
