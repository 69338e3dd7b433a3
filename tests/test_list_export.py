"""Export list (导出列表), core: the workbook holds exactly what the list shows, readable in Excel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from qcdesk.export.list_export import ListExportCancelled, export_list, export_warnings, exporter_name
from qcdesk.export.list_words import suggested_name, suggested_warnings_name
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.listing import ENTERPRISES, ListFilters, ListRequest, ListSource
from qcdesk.models.records import Enterprise, Inspector, Licence
from qcdesk.models.risk import refresh_risk
from qcdesk.models.store import Store, StoreError
from qcdesk.models.warnings import early_warnings

TODAY = date(2026, 11, 30)
EXPIRED = "2024-01-01"


def _firm(store: Store, name: str, uscc: str, products: str, expired: int, industry: str = "砖茶") -> None:
    """`expired` expired licences, never visited: 2 → class D (50 + 20), 1 → C, 0 → B."""
    licences = [Licence(number=f"(鄂)XK13-006-0012{i}", product=f"{products}{i}", expires_on=EXPIRED)
                for i in range(expired)]
    save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=uscc[2:8],
                                      industry=industry,
                                      main_products=products), licences)


@pytest.fixture
def county(store: Store) -> Store:
    _firm(store, "赤壁砖茶一厂", "91421281MA4KL5FE07", "青砖茶", 2)  # D, found
    _firm(store, "=1+1砖茶厂", "92421281MA4C3FYL02", "米砖茶", 2)  # D, found: a formula-like name
    _firm(store, "赤壁砖茶五厂", "914212003523203074", "砖茶", 2)  # D, found: an all-digit code
    _firm(store, "赤壁砖茶三厂", "93421281MA4NECRW8W", "砖茶", 1)  # C: filtered out
    _firm(store, "通城砂布厂", "91421222MA4PJ5BUX4", "砂布", 2, "涂附磨具")  # D, but the search misses it
    refresh_risk(store, TODAY, full=True)
    return store


def _listed(source: ListSource) -> list[dict]:
    """What the list page scrolls through, read the way the page reads it."""
    keys, after = [], None
    while True:
        page = source.read(after, 2, budget=None)
        keys += [k[-1] for k in page.keys]
        if page.ended:
            break
        after = page.resume
    rows = source.rows(keys)
    return [rows[i] for i in keys]


def test_the_workbook_holds_exactly_the_filtered_searched_list(county: Store, tmp_path: Path) -> None:
    request = ListRequest(ENTERPRISES, ListFilters(risk_class="D", search="砖茶"), sort="uscc")
    expected = _listed(ListSource(county, request))
    assert len(expected) == 3  # the C firm and the one the search misses are not listed
    out = tmp_path / "企业列表.xlsx"
    result = export_list(ListSource(county, request), out, exported_by="王磊", page_rows=2,
                         now=datetime(2026, 11, 30, 9, 5))
    assert result.rows == 3 and result.path == out
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet.title == "企业档案" and book.active.title == "企业档案"  # it opens on the data
    header = [c.value for c in sheet[1]]
    assert header == ["企业", "统一社会信用代码", "辖区", "行业", "风险分类", "主要产品", "联系人",
                      "更新日期"]
    assert sheet.freeze_panes == "A2"
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in body] == [r["name"] for r in expected]  # same rows, same order
    assert [r[1] for r in body] == [r["uscc"] for r in expected]
    assert all(isinstance(r[1], str) for r in body)  # 914212003523203074 did not become a number
    assert "914212003523203074" in [r[1] for r in body]
    formula = next(r for r in body if r[0].startswith("="))
    assert formula[0] == "=1+1砖茶厂"
    cell = next(c for c in sheet["A"] if c.value == "=1+1砖茶厂")
    assert cell.data_type == "s"  # a string, never a formula
    assert {r[4] for r in body} == {"D类（高风险）"}
    assert [r[2] for r in body] == [r["jurisdiction"] for r in expected] and "赤壁市" in {r[2] for r in body}
    assert all(isinstance(r[7], datetime) for r in body)  # 更新日期 is a date cell
    assert sheet.cell(2, 8).is_date
    notes = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["列表"] == "企业档案"
    assert notes["筛选"] == "风险分类：D类（高风险）"
    assert "砖茶" in notes["搜索"]
    assert notes["排序"] == "统一社会信用代码，升序"
    assert notes["行数"].startswith("3 条")
    assert notes["导出时间"] == "2026-11-30 09:05" and notes["导出人"] == "王磊"
    assert "不得提供给企业" in notes["注意"]


def test_progress_counts_pages_and_cancel_leaves_no_file(county: Store, tmp_path: Path) -> None:
    source = ListSource(county, ListRequest(ENTERPRISES))
    seen: list[tuple[int, int]] = []
    export_list(source, tmp_path / "all.xlsx", exported_by="王磊", page_rows=2,
                progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 5), (4, 5), (5, 5)]
    out = tmp_path / "stopped.xlsx"
    with pytest.raises(ListExportCancelled):
        export_list(ListSource(county, ListRequest(ENTERPRISES)), out, exported_by="王磊", page_rows=2,
                    cancelled=lambda: len(seen) > 3, progress=lambda done, total: seen.append((done, total)))
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_an_unwritable_place_says_why_in_chinese_and_leaves_nothing(county: Store, tmp_path: Path) -> None:
    out = tmp_path / "没有这个文件夹" / "企业列表.xlsx"
    with pytest.raises(StoreError) as caught:
        export_list(ListSource(county, ListRequest(ENTERPRISES)), out, exported_by="王磊")
    assert "文件夹不存在" in caught.value.text("zh") and "No such file" not in caught.value.text("zh")
    assert "folder does not exist" in caught.value.text("en")
    assert not out.parent.exists()


def test_names_say_what_the_list_holds(county: Store) -> None:
    d_class = ListRequest(ENTERPRISES, ListFilters(risk_class="D"))
    assert suggested_name(d_class, TODAY) == "企业列表_D类_20261130.xlsx"
    overdue = ListRequest("rectification", ListFilters(status="overdue", jurisdiction="421281"))
    assert suggested_name(overdue, TODAY) == "整改列表_赤壁市_已逾期_20261130.xlsx"
    assert suggested_name(ListRequest(ENTERPRISES, ListFilters(search='a/b:"c"')), TODAY) \
        == "企业列表_搜索abc_20261130.xlsx"  # nothing a file name cannot hold
    assert suggested_warnings_name("", TODAY) == "风险预警_20261130.xlsx"
    assert suggested_warnings_name("rectification_overdue", TODAY) == "风险预警_整改逾期_20261130.xlsx"
    inspector = save_inspector(county, Inspector(name="李娜", jurisdiction_code="421281"))
    assert exporter_name(county, inspector.uuid) == "李娜"
    assert exporter_name(county, "") == "未选择检查人员"


def test_warnings_export_in_the_order_shown_with_dates_as_dates(county: Store, tmp_path: Path) -> None:
    found = [w for w in early_warnings(county, TODAY) if w.kind == "licence_expired"]
    assert len(found) == 9
    shown = sorted(found, key=lambda w: w.uscc)
    out = tmp_path / "预警.xlsx"
    result = export_warnings(shown, out, kind="licence_expired", sort="uscc", descending=False,
                             exported_by="王磊")
    assert result.rows == 9
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["预警类型", "企业名称", "统一社会信用代码", "行政区划代码",
                                           "行政区划", "相关事项", "日期", "已过天数", "剩余天数", "预警原因"]
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in body] == [w.uscc for w in shown]
    assert all(isinstance(r[2], str) for r in body)
    assert all(r[6] == datetime(2024, 1, 1) for r in body) and all(isinstance(r[7], int) for r in body)
    assert [r[7] for r in body] == [w.days for w in shown] and {r[8] for r in body} == {None}  # expired
    assert [r[4] for r in body] == [w.jurisdiction_name for w in shown] and body[0][0] == "许可证已过期"
    assert [r[3] for r in body] == [w.jurisdiction_code for w in shown]
    notes = dict(book["说明"].iter_rows(min_row=2, values_only=True))
    assert notes["筛选"] == "预警类型：许可证已过期" and notes["排序"] == "统一社会信用代码，升序"
    with pytest.raises(ListExportCancelled):
        export_warnings(shown, tmp_path / "x.xlsx", kind="", sort="days", descending=True, exported_by="",
                        cancelled=lambda: True)
    assert not (tmp_path / "x.xlsx").exists() and not list(tmp_path.glob("*.part"))
