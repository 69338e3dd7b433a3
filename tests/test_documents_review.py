"""Document review: what a reader of the printed record, report or spreadsheet would notice."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from qcdesk.export.pdf.documents import render_visit
from qcdesk.export.pdf.layout import CELL, MARGIN_LEFT, TEXT_WIDTH
from qcdesk.export.pdf.report import render_quarterly, write_quarterly_xlsx
from qcdesk.models.document_data import DocSettings, FindingLine, Officer, Party, VisitDoc
from qcdesk.models.report_queries import (
    LicenceLine,
    OverdueRectification,
    QuarterlyData,
    RateRow,
    UnfinishedRectification,
)
from qcdesk.models.rules import Clock
from tests.test_pdf_documents import words

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")

PARTY = Party("通山县宇航线缆有限公司", "91421224MA4CJGYT6P", "咸宁市通山县大畈镇发展大道129号",
              "袁峰琴", "李慧强", "0715-8878629", "中型")
INSPECTORS = (Officer("吴峰", "42122420160007"), Officer("潘涛娟", "42122420180003"))
FINDING = FindingLine("实际生产条件与取证时不一致，关键生产设备已变更未报告", "生产许可", "较重",
                      "《中华人民共和国工业产品生产许可证管理条例》第四十六条")


def page_texts(pdf: Path) -> list[str]:
    """Text of each page, whitespace removed (pdftotext separates pages by form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f") if page.strip()]


def test_visit_signatures_never_stand_alone_on_a_page(tmp_path):
    """Whatever the length of the record, the page with the signatures also carries the
    conclusion: a page of bare signatures could be attached to any other record."""
    for n in range(1, 12):
        doc = VisitDoc("v", "2025-05-08", "专项检查", PARTY, INSPECTORS, "产品质量安全专项整治（机电）",
                       f"发现问题{n}项，已责令限期整改", findings=(FINDING,) * n)
        out = tmp_path / f"visit{n}.pdf"
        render_visit(doc, DocSettings(), out)
        pages = page_texts(out)
        signed = [p for p in pages if "检查人员签名" in p]
        assert len(signed) == 1, n
        assert f"发现问题{n}项，已责令限期整改" in signed[0], (n, len(pages))


def quarter(**extra: object) -> QuarterlyData:
    """A small quarter with the high-tech zone, one overdue order and one expiring licence."""
    firm, zone = "咸宁丰远电气有限公司", "咸宁高新区"
    values: dict = dict(
        year=2026, quarter=3, jurisdiction_code="421202", jurisdiction_name="咸安区",
        start="2026-07-01", end="2026-10-01", as_of="2026-11-30", total=RateRow("total", "咸安区", 12, 1),
        by_jurisdiction=[RateRow("421202-HTZ", zone, 12, 1)], by_industry=[RateRow("机电", "机电", 12, 1)],
        trend=[RateRow("2026Q3", "2026年第三季度", 12, 1)], visits=20, rect_open=1, rect_overdue=1,
        overdue=[OverdueRectification(firm, zone, "咸高新市监质改〔2026〕15号", "整改", "2026-10-09", 52,
                                      "open")],
        unfinished=[UnfinishedRectification(firm, zone, "咸高新市监质改〔2026〕15号", "整改", "2026-10-09",
                                            "2026-10-24", "open", Clock("correct", -52))],
        expiring=[LicenceLine(firm, zone, "XK", "(鄂)XK06-001-00020", "低压成套开关设备", "2027-01-22")],
    )
    values.update(extra)
    return QuarterlyData(**values)


def test_report_spreadsheet_figures_are_numbers_rates_percent_dates_dates(tmp_path):
    """Excel/WPS readers sum and sort: no figure stored as text, rates shown as 92.3%."""
    out = tmp_path / "q.xlsx"
    write_quarterly_xlsx(quarter(), out)
    wb = openpyxl.load_workbook(out)
    summary = {h.value: c for h, c in zip(wb["总体"][1], wb["总体"][2], strict=True)}
    assert summary["检查次数"].value == 20 and summary["不合格"].value == 1
    assert summary["合格率"].value == pytest.approx(12 / 13, abs=1e-6)
    assert summary["合格率"].number_format == "0.0%"
    assert isinstance(summary["统计截至"].value, datetime) and summary["统计截至"].is_date
    assert summary["地区代码"].value == "421202" and summary["地区代码"].data_type == "s"
    for name in ("分地区合格率", "分行业合格率", "季度走势"):
        row = {h.value: c for h, c in zip(wb[name][1], wb[name][2], strict=True)}
        assert row["合格率"].number_format == "0.0%" and row["目标"].number_format == "0.0%", name
    # an industry has no code: the sheet names it once (代码 repeated the name)
    assert [h.value for h in wb["分行业合格率"][1]][:2] == ["行业", "有结论样品"]
    trend = {h.value: c.value for h, c in zip(wb["季度走势"][1], wb["季度走势"][2], strict=True)}
    assert (trend["季度代码"], trend["季度"]) == ("2026Q3", "2026年第三季度")  # no 代码/名称, no Q3
    assert summary["季度"].value == "2026年第三季度"
    ws = wb["分地区合格率"]
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["A"] >= len("421202-HTZ")  # the high-tech zone's internal code is not cut


def test_report_closes_with_issuer_and_date_four_characters_from_the_right(tmp_path):
    """GB/T 9704: the date in Arabic numerals at the end, 4 characters in from the right."""
    out = tmp_path / "q.pdf"
    render_quarterly(quarter(), DocSettings(), out)
    pages = page_texts(out)
    assert "咸宁市市场监督管理局" not in pages[0].split("一、总体情况")[0]  # not under the title
    assert pages[-1].endswith(f"2026年11月30日—{len(pages)}—")
    dates = [w for w in words(out) if w[5] == "2026年11月30日"]
    assert dates, "date of the report not found"
    right = max(w[3] for w in dates)
    assert abs(MARGIN_LEFT + TEXT_WIDTH - 4 * CELL - right) < 2.0


def test_report_licence_renewal_rule_and_unbroken_codes(tmp_path):
    """Renewal is due 6 months BEFORE expiry (not 'within the last six months'); a notice number
    and 咸宁高新区 stay on one line of their table cell."""
    out = tmp_path / "q.pdf"
    render_quarterly(quarter(), DocSettings(), out)
    text = "".join(page_texts(out))
    assert "有效期届满6个月前申请延续" in text
    assert "到期前六个月内提出延续申请" not in text
    layout = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                            check=True).stdout
    lines = [line for line in layout.splitlines() if "咸宁丰远电气" in line or "咸宁高新" in line]
    assert any("咸高新市监质改〔2026〕15号" in line for line in layout.splitlines())
    assert all("咸宁高新区" in line for line in lines if "咸宁高新" in line)


def test_county_report_measures_against_the_city_target(tmp_path):
    """The 500-enterprise target is the whole city's: a county report says so."""
    out = tmp_path / "q.pdf"
    render_quarterly(quarter(improvement_count=5), DocSettings(), out)
    assert "占全市500家目标的1.0%" in "".join(page_texts(out))
