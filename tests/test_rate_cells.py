"""A pass rate in a spreadsheet reads as the report prints it (models/rate_text.py): 189 of 199
(94.97 %) showed as 95.0% in Excel beside the 95 % target, because every rate cell had the
format 0.0%. Such a cell now has 0.00% (rarely 0.000%), the value is the exact share, and a rate
one decimal shows truly keeps 0.0%. Read with openpyxl from the real workbooks."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from exchange_fixtures import export_to, populate
from openpyxl.cell.cell import Cell

from qcdesk.export.pdf.report import write_quarterly_xlsx
from qcdesk.models.persistence import insert_record
from qcdesk.models.rate_text import rate_percent
from qcdesk.models.records import Sample
from qcdesk.models.report_queries import QuarterlyData, RateRow
from qcdesk.models.store import Store

TARGET = 0.95


def excel_shows(cell: Cell) -> str:
    """What Excel or WPS displays for a percent cell: the value rounded half up to the format's
    decimals (0.00% → two)."""
    fmt = cell.number_format
    assert fmt.startswith("0") and fmt.endswith("%"), fmt
    places = len(fmt.split(".")[1]) - 1 if "." in fmt else 0
    step = Decimal(1).scaleb(-places)
    return f"{Decimal(repr(cell.value * 100)).quantize(step, ROUND_HALF_UP)}%"


def _quarter(total: RateRow, *rows: RateRow) -> QuarterlyData:
    return QuarterlyData(year=2026, quarter=3, jurisdiction_code="421202", jurisdiction_name="咸安区",
                         start="2026-07-01", end="2026-10-01", as_of="2026-11-30", total=total,
                         by_jurisdiction=list(rows), by_industry=list(rows), trend=[total])


def test_the_report_workbook_never_shows_a_missed_target_as_met(tmp_path: Path) -> None:
    near = RateRow("421202", "咸安区", 189, 10)  # 94.97 %
    plain = RateRow("421202-HTZ", "咸宁高新区", 29, 1)  # 96.67 %: one decimal says it truly
    closer = RateRow("421221", "嘉鱼县", 1899, 100)  # 94.9975 %: two decimals half up would say 95.00%
    out = write_quarterly_xlsx(_quarter(near, near, plain, closer), tmp_path / "q.xlsx")
    book = openpyxl.load_workbook(out)
    summary = {h.value: c for h, c in zip(book["总体"][1], book["总体"][2], strict=True)}
    assert excel_shows(summary["合格率"]) == "94.97%" == rate_percent(near.rate, TARGET)
    assert summary["合格率"].value == 189 / 199 and summary["合格率"].number_format == "0.00%"
    assert excel_shows(summary["目标"]) == "95.0%"
    for name, named in (("分地区合格率", 1), ("分行业合格率", 0)):  # industries have no code
        rows = {r[named].value: r for r in book[name].iter_rows(min_row=2)}
        rate = [c.value for c in book[name][1]].index("合格率")
        assert excel_shows(rows["咸安区"][rate]) == "94.97%", name
        assert rows["咸安区"][rate].value == 189 / 199, name
        assert rows["咸宁高新区"][rate].number_format == "0.0%", name
        assert excel_shows(rows["咸宁高新区"][rate]) == "96.7%" == rate_percent(29 / 30, TARGET)
        shown = excel_shows(rows["嘉鱼县"][rate])
        assert shown == "94.997%" and Decimal(shown[:-1]) < 95, name  # below, as the report's 94.99%
    trend = {h.value: c for h, c in zip(book["季度走势"][1], book["季度走势"][2], strict=True)}
    assert excel_shows(trend["合格率"]) == "94.97%"


def test_the_package_summary_sheet_shows_94_97_not_95_0(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "inspector.db", author="检查员甲")
    populate(store, n_enterprises=1, visits_each=1)  # one failed sample
    with store.db.atomic():  # 189 passed, 10 failed in all
        for i in range(198):
            insert_record(store, Sample(visit_id=1, product_name=f"砖茶{i}", sampled_on="2024-01-15",
                                        result="pass" if i < 189 else "fail"))
    path = tmp_path / "data.xlsx"
    export_to(store, path, "C5C5C5C5C5C5C5C5")
    store.close()
    sheet = openpyxl.load_workbook(path)["汇总"]
    rate = [c.value for c in sheet[1]].index("监督抽查合格率（全部期间）")
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    for name in ("咸安区", "合计"):
        cell = rows[name][rate]
        assert (rows[name][4].value, rows[name][5].value) == (189, 10)
        assert cell.data_type == "n" and cell.value == pytest.approx(189 / 199, abs=1e-15)
        assert cell.number_format == "0.00%" and excel_shows(cell) == "94.97%", name
