"""Every workbook QCDesk writes prints as it is: A4, all columns on one page wide, the header
row on every page, page numbers, long text wrapped in its column (read back with openpyxl, as
Excel and WPS read the same parts)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from exchange_fixtures import export_to, merge, populate

from qcdesk.cli import main
from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.export.list_export import export_warnings
from qcdesk.export.pdf.report import write_quarterly_xlsx
from qcdesk.export.xlsx_writer import TEXT, Column, XlsxWriter
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.roster import write_template
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings

demo = pytest.importorskip("qcdesk.models.demo")
TODAY = date(2025, 11, 15)
FOOTER = "第 &P 页，共 &N 页"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "d.db"
    demo.build_demo(path, visits=300, enterprises=60, today=TODAY)
    return path


def printable(path: Path) -> openpyxl.Workbook:
    """Each sheet: A4, fit to one page wide and as many down as needed, header row repeated,
    page numbers in the footer, grid lines, margins narrower than Excel's default 0.7 in."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        where = f"{path.name}:{sheet.title}"
        assert int(setup.paperSize) == 9, where
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), where
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, where
        assert (sheet.print_title_rows or "").replace("$", "") == "1:1", where
        assert sheet.oddFooter.center.text == FOOTER, where
        assert sheet.print_options.gridLines, where
        assert sheet.page_margins.left < 0.7, where
    return book


def wraps(sheet: object, header: str) -> bool:
    """Whether the body cells of the column titled `header` wrap their text."""
    titles = [c.value for c in sheet[1]]  # type: ignore[index]
    col = titles.index(header) + 1
    cells = [sheet.cell(r, col) for r in range(2, sheet.max_row + 1)]  # type: ignore[attr-defined]
    return bool(cells) and all(c.alignment.wrap_text for c in cells if c.value is not None)


def test_warnings_workbook_prints_with_its_reasons_wrapped(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "w.xlsx"
    assert main(["warnings", "--db", str(demo_db), "--date", TODAY.isoformat(), "--xlsx", str(out)]) == 0
    book = printable(out)
    data = book.worksheets[0]
    assert data.page_setup.orientation == "landscape"  # ten columns do not fit a portrait page
    assert wraps(data, "预警原因") and not wraps(data, "统一社会信用代码")


def test_list_export_prints(demo_db: Path, tmp_path: Path) -> None:
    store = Store.open(demo_db)
    try:
        found = early_warnings(store, TODAY)
    finally:
        store.close()
    out = tmp_path / "列表.xlsx"
    export_warnings(found, out, kind="", sort="days", descending=True, exported_by="王磊")
    book = printable(out)
    assert wraps(book.worksheets[0], "预警原因") and wraps(book["说明"], "内容")


def test_quarterly_workbook_prints_with_its_definition_wrapped(demo_db: Path, tmp_path: Path) -> None:
    store = Store.open(demo_db)
    try:
        data = quarterly_data(store.db, 2025, 3, as_of=TODAY)
    finally:
        store.close()
    book = printable(write_quarterly_xlsx(data, tmp_path / "q.xlsx"))
    assert wraps(book["总体"], "统计口径")
    assert book["总体"].page_setup.orientation == "landscape"
    assert book["不合格项目"].page_setup.orientation == "portrait"  # two columns: upright


def test_package_and_reconciliation_workbooks_print(store: Store, tmp_path: Path) -> None:
    populate(store)
    export_to(store, tmp_path / "data.xlsx", "A" * 16)
    book = printable(tmp_path / "data.xlsx")
    assert len(book.worksheets) > 3
    result = merge(Store.memory("x"), tmp_path / "data.xlsx", "A" * 16)
    printable(write_reconciliation(store, tmp_path / "rec.xlsx", result))


def test_roster_template_prints_and_its_rules_run_across_the_sheet(tmp_path: Path) -> None:
    book = printable(write_template(tmp_path / "模板.xlsx"))
    notes = book.worksheets[1]
    rule = next(r for r in range(1, notes.max_row + 1) if str(notes.cell(r, 1).value).startswith("1. "))
    assert any(str(m) == f"A{rule}:C{rule}" for m in notes.merged_cells.ranges)


def test_page_setup_is_per_sheet_and_names_with_quotes_work(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    with XlsxWriter(out) as book:
        book.write_sheet("王's", [Column("说明", TEXT, 20, wrap=True), Column("备注", TEXT, 40, wrap=False)],
                         [["甲" * 50, "乙" * 80]], landscape=True, page_header="A&B 清单")
    sheet = printable(out).worksheets[0]
    assert sheet.page_setup.orientation == "landscape" and sheet.oddHeader.center.text == "A&&B 清单"
    assert sheet.cell(2, 1).alignment.wrap_text and not sheet.cell(2, 2).alignment.wrap_text
