"""City office review of the quarterly report: section 二 and the 分地区合格率 sheet list every
area of the report's scope in the dashboard's order (those without results saying why), with a
合计 row equal to 总体; section 八 and the workbook list expired licences as the dashboard counts
them, with the days since expiry."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
from qcdesk.models.dashboard_queries import Period, dashboard_figures, pass_rates
from qcdesk.models.document_data import DocSettings
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Licence, Sample, Visit
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store

TODAY = date(2026, 11, 30)
Q3 = Period("2026Q3", date(2026, 7, 1), date(2026, 9, 30))
# The dashboard's order (jurisdictions.JURISDICTIONS): the six counties by code, then 咸宁高新区.
CITY_AREAS = ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市", "咸宁高新区"]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def pdf_lines(path: Path) -> list[str]:
    """The PDF's lines as laid out (a table row stays one line), blanks removed within each."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [line for line in (re.sub(r"\s+", "", x) for x in out.splitlines()) if line]


def build(store: Store) -> None:
    """Results in 赤壁市 (2 pass) and 嘉鱼县 (1 pass, 1 fail); 通山县 checked with its sample still
    pending; no other county checked. Licences: one XK expired 2026-05-04 (210 days before
    TODAY), one SC expired 2026-11-20 (10 days), one XK expiring 2027-03-10, one long valid."""
    team = [save_inspector(store, Inspector(name=n, jurisdiction_code="421200")).uuid
            for n in ("王磊", "李娜")]

    def firm(uscc: str, name: str, code: str, industry: str, *licences: Licence) -> Enterprise:
        return save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code,
                                                 industry=industry), list(licences))

    tea = firm("91421281MA4KL5FE07", "赤壁茶厂", "421281", "砖茶",
               Licence(number="SC11442128100017", product="砖茶", expires_on="2026-11-20"))
    pipe = firm("91421221MA4E3XHX15", "嘉鱼管业", "421221", "管材",
                Licence(number="(鄂)XK13-006-00123", product="管材", expires_on="2026-05-04"),
                Licence(number="(鄂)XK13-006-00124", product="管件", expires_on="2027-03-10"))
    stone = firm("91421224MA4CJGYT6P", "通山石材", "421224", "石材",
                 Licence(number="(鄂)XK13-006-00125", product="石材", expires_on="2029-01-01"))
    for ent, day, result in ((tea, "2026-07-05", "pass"), (tea, "2026-08-05", "pass"),
                             (pipe, "2026-08-06", "pass"), (pipe, "2026-09-06", "fail"),
                             (stone, "2026-09-10", "pending")):
        save_visit(store, VisitBundle(
            Visit(enterprise_id=ent.id, visit_date=day, kind="spot_check", status="done", inspectors=team),
            [Sample(product_name="样品", result=result, failed_items="壁厚" if result == "fail" else "")]))


def test_every_area_listed_in_the_dashboards_order(store: Store) -> None:
    build(store)
    data = quarterly_data(store.db, 2026, 3, as_of=TODAY)
    assert [r.label for r in data.by_jurisdiction] == CITY_AREAS
    assert [r.key for r in data.by_jurisdiction] == [r.key for r in pass_rates(store, Q3).by_jurisdiction]
    rows = {r.label: (r.passed, r.failed) for r in data.by_jurisdiction}
    assert rows["赤壁市"] == (2, 0) and rows["嘉鱼县"] == (1, 1) and rows["通城县"] == (0, 0)
    assert (data.total.passed, data.total.failed) == (3, 1)
    # A county report lists its own area (咸安区 with the zone inside it), nothing else.
    def areas(code: str) -> list[str]:
        return [r.label for r in quarterly_data(store.db, 2026, 3, code, as_of=TODAY).by_jurisdiction]

    assert areas("421224") == ["通山县"]
    assert areas("421202") == ["咸安区", "咸宁高新区"]


@needs_poppler
def test_pdf_section_two_names_every_area_and_a_total_equal_to_the_overall_rate(store: Store,
                                                                                tmp_path: Path) -> None:
    build(store)
    pdf = tmp_path / "r.pdf"
    render_quarterly(quarterly_data(store.db, 2026, 3, as_of=TODAY), DocSettings(), pdf)
    lines = pdf_lines(pdf)
    assert "监督抽查合格率为75.0%" in "".join(lines)  # 总体
    at = lines.index("二、分地区监督抽查合格率")
    # The rows under the header; a table split over a page repeats its header under the page number.
    two = [r for r in lines[at + 2:] if r != lines[at + 1] and not re.fullmatch(r"—\d+—", r)]
    rows = two[:two.index("合计43175.0%-20.0") + 1]  # 合计: tested, passed, failed, rate = 总体
    assert [next(n for n in CITY_AREAS if r.startswith(n)) for r in rows[:-1]] == CITY_AREAS
    assert "通城县000本季度未开展监督抽查" in rows
    assert "通山县000本季度抽查样品尚无检验结论" in rows  # checked, but nothing tested yet
    assert "嘉鱼县21150.0%-45.0" in rows


def test_spreadsheet_lists_every_area_and_a_total(store: Store, tmp_path: Path) -> None:
    build(store)
    data = quarterly_data(store.db, 2026, 3, as_of=TODAY)
    out = tmp_path / "r.xlsx"
    write_quarterly_xlsx(data, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["分地区合格率"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert [r["名称"] for r in rows] == [*CITY_AREAS, "合计"]
    total = rows[-1]
    overall = {h.value: c.value for h, c in zip(wb["总体"][1], wb["总体"][2], strict=True)}
    assert total["代码"] is None  # no code of its own: a SUMIF by code never counts it (s8 C1)
    assert (total["有结论样品"], total["合格"], total["不合格"]) == (4, 3, 1)
    assert total["合格率"] == overall["合格率"] == pytest.approx(0.75)
    assert sum(r["有结论样品"] for r in rows[:-1]) == total["有结论样品"]
    tongcheng = next(r for r in rows if r["名称"] == "通城县")
    assert tongcheng["有结论样品"] == 0 and tongcheng["合格率"] is None
    assert tongcheng["说明"] == "本季度未开展监督抽查"


@needs_poppler
def test_expired_licences_listed_as_the_dashboard_counts_them(store: Store, tmp_path: Path) -> None:
    build(store)
    data = quarterly_data(store.db, 2026, 4, as_of=TODAY)
    assert dashboard_figures(store, TODAY, with_risk=False).licences_expired == len(data.expired) == 2
    assert [(x.number, x.days_expired) for x in data.expired] == [("(鄂)XK13-006-00123", 210),
                                                                   ("SC11442128100017", 10)]
    assert [x.number for x in data.expiring] == ["(鄂)XK13-006-00124"]
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    render_quarterly(data, DocSettings(), pdf)
    lines = pdf_lines(pdf)
    eight = lines[lines.index("八、生产许可证到期预警"):]
    said = "已过期的生产许可证2张，其中工业产品生产许可证1张、食品生产许可证1张，最长已过期210天"
    assert said in "".join(eight)
    table = eight[next(i for i, x in enumerate(eight) if x.endswith("已过期的生产许可证")):]  # its caption
    # Each row: the expiry date in the last column, the days since under it (as on the warnings page).
    # The licence's kind sits over its number: 工业产品 / (鄂)XK13-006-00123.
    row = table.index("嘉鱼管业嘉鱼县管材")
    assert table[row - 1:row + 5] == ["工业产品2026-05-04", table[row], "(鄂)XK13-006-00123已过210天",
                                      "食品2026-11-20", "赤壁茶厂赤壁市砖茶", "SC11442128100017已过10天"]
    write_quarterly_xlsx(data, xlsx)
    ws = openpyxl.load_workbook(xlsx)["许可证已过期"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert [(r["证书编号"], r["已过期天数"]) for r in rows] == [("(鄂)XK13-006-00123", 210),
                                                          ("SC11442128100017", 10)]
