"""A report's spreadsheet is read in Excel or WPS, where a text wider than its column is cut off
as soon as the next cell holds a value. The quarter's workbook showed 工业产品生产许可证 in a 类别
column 8 wide, 2026年第三季度 in one of 8, and notice numbers such as 咸高新市监质改〔2026〕42号 in
one of 24. Every text now fits its column, or its column wraps."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from qcdesk.cli import main
from qcdesk.export.xlsx_fit import display_units
from qcdesk.models.demo import build_demo


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("widths")
    db = build_demo(folder / "demo.db", seed=7, today=date(2026, 11, 30), enterprises=150, visits=3000)
    out = folder / "q3.xlsx"
    assert main(["report", "quarterly", "--db", str(db), "--period", "2026Q3",
                 "--out", str(folder / "q3.pdf"), "--xlsx", str(out)]) == 0
    return out


def test_every_text_of_the_quarters_workbook_fits_or_wraps(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    cut = []
    for sheet in book.worksheets:
        for column in sheet.iter_cols(min_row=1):
            letter = column[0].column_letter
            width = sheet.column_dimensions[letter].width
            for cell in column:
                if not isinstance(cell.value, str) or cell.alignment.wrap_text:
                    continue
                if display_units(cell.value) > width:
                    cut.append((sheet.title, cell.coordinate, cell.value, width))
                    break
    assert cut == []


def test_the_licence_sheets_name_their_kind_in_full(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    kinds = {c.value for name in book.sheetnames if "许可证" in name for c in book[name]["C"][1:]}
    assert "工业产品生产许可证" in kinds  # the text measured above is there
