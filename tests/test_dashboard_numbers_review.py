"""The dashboard says what its figures are (s8 numbers review C2, C3, C5, B4).

C2: the zones tile read "0 · 目标 5～10 个 · 省级 1 · 市级 0" above bars of a national zone being
built and two city-level projects: nothing said these were accepted (已验收) counts only.
C3: with merge conflicts held, every figure counts this computer's version and nothing said so.
C5: the charts read 各县市区抽查合格率 where the tiles and the report say 监督抽查合格率.
B4: the definition (the tiles' tooltip) named no date and said nothing of 复检, unlike the report.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialog, QScrollArea
from pytestqt.qtbot import QtBot

from qcdesk.exchange.key_files import create_key
from qcdesk.models import report_queries
from qcdesk.models.demonstration import DemonstrationZone, save_zone
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.dashboard import DashboardPage

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import LAPTOP, MAX_WINDOW_WIDTH, screen_of, started_shell  # noqa: E402

XIANAN = "421202"
NOTE = "以下数字按本机版本统计"


def _zone(store: Store, name: str, level: str, status: str, code: str, kind: str = "zone") -> None:
    save_zone(store, DemonstrationZone(name=name, kind=kind, level=level, status=status,
                                       jurisdiction_code=code, lead_industry="砖茶"))


def _zones(store: Store) -> None:
    """As the reviewer's database: a national zone being built, a provincial one accepted, two
    city-level projects being built (the bars below list them), one applied for."""
    _zone(store, "赤壁青砖茶质量提升示范区", "national", "building", "421281")
    _zone(store, "嘉鱼县塑料管材产业质量提升示范区", "provincial", "accepted", "421221")
    _zone(store, "咸安区苎麻纺织质量提升示范项目", "city", "building", XIANAN, "project")
    _zone(store, "咸宁高新区军民结合产业质量提升示范项目", "city", "building", "421202-HTZ", "project")
    _zone(store, "通山县石材产业质量提升示范区", "city", "planning", "421224")


def _conflict(store: Store, uuid: str, version: str, resolved: str | None = None) -> None:
    store.db.execute(
        "INSERT INTO exchange_conflict(kind, uuid, version, reason, row_json, signer, package_sha256,"
        " created_at, resolved_at) VALUES ('sample', ?, ?, 'both changed', '{}', 'k', 'x', ?, ?)",
        [uuid, version, "2026-11-29T08:00:00Z", resolved])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "city.db", author="test")  # a file: the figures count in a worker
    yield opened
    opened.close()


def _page(qtbot: QtBot, store: Store, settings: QSettings, paths: AppPaths | None = None) -> DashboardPage:
    page = DashboardPage(store, paths, settings=settings)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.computing and page.scoped() is not None, timeout=30000)
    # the risk pass refreshes the page when it ends: let it end before the store is closed
    qtbot.waitUntil(lambda: page.risk.job is None or page.risk.job.done, timeout=30000)
    return page


@pytest.mark.usefixtures("chinese")
def test_the_zones_tile_says_its_counts_are_of_accepted_zones(
        qtbot: QtBot, store: Store, settings: QSettings, tmp_path: Path) -> None:
    _zones(store)
    tile = _page(qtbot, store, settings).tiles["zones"]
    assert tile.title.text() == "国家级质量提升示范区（项目）" and tile.value.text() == "0"
    assert tile.detail.text() == "已验收；目标 5～10 个 · 创建中或申报中 1 · 省级已验收 1 · 市级已验收 0"
    # a county desk (咸安区's key): its own accepted count, the city's beside it, said the same way
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    paths.keys_dir.mkdir(parents=True)
    create_key(paths.keys_dir, "咸安区局", XIANAN, "county", "correct horse 1", light=True)
    county = _page(qtbot, store, QSettings(str(tmp_path / "county.ini"), QSettings.Format.IniFormat), paths)
    assert county.scope.area() == XIANAN
    assert county.tiles["zones"].detail.text() == (
        "本辖区已验收；全市已验收 0 / 目标 5～10 个 · 创建中或申报中 0 · 省级已验收 0 · 市级已验收 0")


def test_the_zones_tile_sets_its_first_item_apart_in_english(
        qtbot: QtBot, store: Store, settings: QSettings) -> None:
    """What the big number counts (accepted), then the target and the rest: 已验收；目标 5～10 个
    in Chinese (above), accepted; target 5–10 here, not run together with · (review regress-ui B7)."""
    _zones(store)
    tile = _page(qtbot, store, settings).tiles["zones"]
    assert tile.detail.text() == ("accepted; target 5–10 · being built or applied for 1 · "
                                  "provincial accepted 1 · city-level accepted 0")


@pytest.mark.usefixtures("chinese")
def test_chart_titles_say_supervision_spot_check_pass_rate(
        qtbot: QtBot, store: Store, settings: QSettings) -> None:
    page = _page(qtbot, store, settings)
    assert page.by_jurisdiction_title.text() == "各县市区监督抽查合格率"
    assert page.by_industry_title.text() == "各行业监督抽查合格率（样品最多的十个行业）"
    assert page.tiles["pass_quarter"].title.text().startswith("监督抽查合格率")


@pytest.mark.usefixtures("chinese")
def test_the_definition_says_which_date_and_how_a_retest_counts_as_the_report_does(
        qtbot: QtBot, store: Store, settings: QSettings) -> None:
    page = _page(qtbot, store, settings)
    tip = page.tiles["pass_quarter"].toolTip()
    assert tip == page.tiles["pass_year"].toolTip()
    for words in ("检查日期", "不看样品的抽样日期",  # the visit's date, not the sample's
                  "申请复检的样品按复检结论计，复检结论未出的按原检验结论（不合格）计"):
        assert words in tip
        assert words in report_queries.PASS_RATE_DEFINITION  # the report's 统计口径 says the same


@pytest.mark.usefixtures("chinese")
def test_held_merge_conflicts_are_named_above_the_figures_counted_in_the_worker(
        qtbot: QtBot, store: Store, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[bool] = []
    count = report_queries.held_conflicts

    def counted_where(db):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread() is threading.main_thread())
        return count(db)

    monkeypatch.setattr(report_queries, "held_conflicts", counted_where)
    page = _page(qtbot, store, settings)
    assert not page.conflict_note.isVisible()  # none held: nothing said
    _conflict(store, "u-1", "v2")
    _conflict(store, "u-1", "v3")  # two versions of one record: one record
    _conflict(store, "u-2", "v2")
    _conflict(store, "u-3", "v2", resolved="2026-11-29T09:00:00Z")
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=30000)
    note = page.conflict_note
    assert note.isVisible()
    assert note.label.text() == "2条记录存在未处理的合并冲突，以下数字按本机版本统计。"
    first_tile = page.tiles["pass_quarter"]
    assert note.mapTo(page, QPoint(0, note.height())).y() <= first_tile.mapTo(page, QPoint(0, 0)).y()
    assert threads and not any(threads)  # never on the GUI thread


@pytest.fixture
def shell(qtbot: QtBot, paths: AppPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """The window on the laptop screen, in Chinese, on a database with one record in conflict."""
    db = tmp_path / "county.db"
    s = Store.open(db, author="test")
    _conflict(s, "u-1", "v2")
    s.close()
    screen_of(monkeypatch, LAPTOP)
    yield from started_shell(qtbot, paths, db, "zh_CN", monkeypatch)


def test_the_note_opens_record_resolve_merge_conflicts_and_goes_once_resolved(
        qtbot: QtBot, shell, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """The note's button is Record ▸ Resolve merge conflicts…; resolving them there (the dialog
    stands in) leaves a dashboard without the note."""
    opened: list[str] = []

    def resolve_all(dialog: QDialog) -> int:
        opened.append(type(dialog).__name__)
        dialog.store.db.execute("UPDATE exchange_conflict SET resolved_at = '2026-11-30T10:00:00Z'")
        return 0

    monkeypatch.setattr(QDialog, "exec", resolve_all)
    window = shell.window
    qtbot.waitUntil(lambda: "dashboard" in window.pages, timeout=30000)
    window.show_page("dashboard")
    page = window.pages["dashboard"]
    note = page.conflict_note
    qtbot.waitUntil(lambda: not page.computing and note.isVisible(), timeout=30000)
    assert note.label.text() == "1条记录存在未处理的合并冲突，以下数字按本机版本统计。"
    assert note.button.text() == "处理合并冲突…" and note.button.isEnabled()
    window.resize(MAX_WINDOW_WIDTH, LAPTOP.height())  # the narrowest window: the page scrolls sideways
    qtbot.waitUntil(lambda: window.width() == MAX_WINDOW_WIDTH)
    shown = page.findChild(QScrollArea).viewport()  # the button in sight, not off to the right
    corner = note.button.mapTo(shown, QPoint(note.button.width(), note.button.height()))
    assert shown.rect().contains(corner)
    qtbot.mouseClick(note.button, Qt.MouseButton.LeftButton)
    assert opened == ["ConflictDialog"]
    qtbot.waitUntil(lambda: not page.computing and not note.isVisible(), timeout=30000)
