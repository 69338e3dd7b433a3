"""Quarterly report pages as a reader turns them: no table split over a page with one lone row,
a small table whole, the closing line, signature and date never alone on the last page, and the
national demonstration zones counted as the dashboard counts them (accepted ones only)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date

import pytest
from reportlab.platypus import Table

from qcdesk.export.pdf.fonts import font_roles
from qcdesk.export.pdf.layout import (
    MIN_TABLE_ROWS,
    TEXT_WIDTH,
    GridText,
    HeadingWithLines,
    RowKeepingTable,
    body_style,
)
from qcdesk.export.pdf.report import _zones_text, render_quarterly
from qcdesk.models.dashboard_queries import dashboard_figures, records_behind
from qcdesk.models.demonstration import DemonstrationZone, save_zone
from qcdesk.models.document_data import DocSettings
from qcdesk.models.report_queries import FailedSample, LicenceLine, RateRow, ZoneTally, quarterly_data
from qcdesk.models.store import Store
from tests.test_documents_review import page_texts, quarter

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
CLOSING = ("特此报告。", "咸宁市市场监督管理局", "（印章）", "2026年11月30日")


def licence(i: int) -> LicenceLine:
    return LicenceLine(f"咸宁第{i}机电有限公司", "咸安区", "XK", f"(鄂)XK06-001-{i:05d}", "电动机",
                       "2027-01-22")


def failed(i: int) -> FailedSample:
    return FailedSample(f"咸宁第{i}线缆有限公司", "咸安区", "机电", "电线电缆", "BV 2.5mm²", f"B{i:04d}",
                        "导体电阻", "2026-08-12")


def counties(n: int) -> list[RateRow]:
    return [RateRow(f"42{i:04d}", f"第{i}县", 10, 1) for i in range(n)]


def variants() -> list[tuple[str, dict]]:
    """Reports whose tables and closing fall at every height of a page: the rows of 分地区 push
    what follows down a row at a time."""
    out = []
    for n in range(1, 16):
        out.append((f"licences{n}", dict(by_jurisdiction=counties(n), expiring=[licence(1), licence(2)])))
        out.append((f"failed{n}", dict(by_jurisdiction=counties(n), failed_samples=[failed(1), failed(2)],
                                       total=RateRow("total", "咸安区", 12, 2))))
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    root = tmp_path_factory.mktemp("pages")
    pages = {}
    for name, extra in variants():
        out = root / f"{name}.pdf"
        render_quarterly(quarter(**extra), DocSettings(org_name="咸宁市市场监督管理局"), out)
        pages[name] = page_texts(out)
    return pages


@needs_poppler
def test_closing_never_stands_alone_on_a_page(rendered: dict[str, list[str]]) -> None:
    """GB/T 9704: the page with signature and date carries the end of the text (here the last
    rows of the licence table, or all of it and the last lines before it)."""
    for name, pages in rendered.items():
        last = pages[-1]
        assert "特此报告。" in last, name
        body = last.split("特此报告。")[0]
        assert len(body) > 20, (name, len(pages), last)  # more than a page number's worth


@needs_poppler
def test_a_two_row_table_is_never_split(rendered: dict[str, list[str]]) -> None:
    for name, pages in rendered.items():
        keys = (("(鄂)XK06-001-00001", "(鄂)XK06-001-00002") if name.startswith("licences")
                else ("B0001", "B0002"))
        on = [[i for i, p in enumerate(pages) if k in p] for k in keys]
        assert on[0] == on[1] and len(on[0]) == 1, (name, on)


def test_a_split_table_leaves_at_least_two_rows_each_side() -> None:
    style = body_style(font_roles()["body"].rl_name)
    rows = [["序号", "项目"]] + [[str(i), f"项目{i}"] for i in range(9)]
    table = RowKeepingTable(rows, colWidths=[TEXT_WIDTH / 2] * 2, repeatRows=1)
    _w, h = table.wrap(TEXT_WIDTH, 1000)
    row = h / len(rows)
    for lines in range(1, len(rows) + 1):  # room for the header and `lines - 1` rows
        parts = table.split(TEXT_WIDTH, lines * row + 0.5)
        if len(parts) == 2:
            head, tail = (len(p._cellvalues) - 1 for p in parts)
            assert head >= MIN_TABLE_ROWS and tail >= MIN_TABLE_ROWS, (lines, head, tail)
            assert head + tail == 9
        else:
            assert parts == [] or lines == len(rows), lines
    small = RowKeepingTable(rows[:4], colWidths=[TEXT_WIDTH / 2] * 2, repeatRows=1)
    assert small.split(TEXT_WIDTH, 3 * row + 0.5) == []  # 3 rows: no 2 + 2, the table moves whole
    # A heading stays with the header and first rows of a long table, not pushed with all of it.
    heading = GridText("二、分地区监督抽查合格率", style, indent=2)
    parts = HeadingWithLines([heading, table]).split(TEXT_WIDTH, 30 + 5 * row)
    assert parts[0] is heading and isinstance(parts[1], Table) and len(parts) == 3


def test_zone_sentence_counts_only_accepted_zones() -> None:
    data = quarter(jurisdiction_code="421200", jurisdiction_name="咸宁市")
    text = _zones_text(replace(data, zones=ZoneTally(accepted=0, building=1, planning=4)))
    assert text == ("已验收的国家级质量提升示范区（项目）0个，距5～10个的目标尚差5个；"
                    "另有创建中1个、申报/筹建4个。")
    assert _zones_text(replace(data, zones=ZoneTally(accepted=5))) == (
        "已验收的国家级质量提升示范区（项目）5个，已达到5～10个的目标。")
    # A county's gap is the city's, from the city's zones (s8 A2): never 5 less the county's own.
    county = replace(data, jurisdiction_code="421281", zones=ZoneTally(1, 0, 2))
    assert _zones_text(replace(county, city_zones=ZoneTally(3))) == (
        "本辖区已验收的国家级质量提升示范区（项目）1个，另有申报/筹建2个；全市已验收3个，距5～10个的目标尚差2个。")
    assert _zones_text(county) == "本辖区已验收的国家级质量提升示范区（项目）1个，另有申报/筹建2个。"


def test_dashboard_and_report_count_zones_alike(store: Store) -> None:
    for name, level, status in (("赤壁青砖茶示范区", "national", "accepted"),
                                ("嘉鱼管材示范项目", "national", "building"),
                                ("通山石材示范区", "national", "planning"),
                                ("崇阳钒示范区", "national", "withdrawn"),
                                ("通城磨具示范区", "provincial", "building")):
        save_zone(store, DemonstrationZone(name=name, level=level, status=status, jurisdiction_code="421281"))
    today = date(2026, 11, 30)
    f = dashboard_figures(store, today, with_risk=False)
    data = quarterly_data(store.db, 2026, 3, as_of=today)
    assert f.zones.counts["national"] == data.zones.accepted == 1
    assert f.zones.pending["national"] == data.zones.building + data.zones.planning == 2
    assert (f.zones.counts["provincial"], f.zones.pending["provincial"]) == (0, 1)
    assert len(records_behind(store, "zones", {"level": "national"}, today)) == 1


def test_the_zones_page_counts_zones_as_dashboard_and_report_do(qtbot, store: Store) -> None:
    """The zones page's summary line: accepted national zones against 5–10, the others apart."""
    from qcdesk.ui.zones_page import ZonesPage

    for name, status in (("赤壁青砖茶示范区", "accepted"), ("嘉鱼管材示范项目", "building"),
                         ("通山石材示范区", "planning"), ("崇阳钒示范区", "withdrawn")):
        save_zone(store, DemonstrationZone(name=name, level="national", status=status,
                                           jurisdiction_code="421281"))
    page = ZonesPage(store)
    qtbot.addWidget(page)
    page.refresh()
    qtbot.waitUntil(lambda: not page.computing, timeout=10000)  # read in a worker
    assert page.summary.text() == ("4 shown · national, accepted: 1 (target 5–10); "
                                   "being built or applied for: 2")
