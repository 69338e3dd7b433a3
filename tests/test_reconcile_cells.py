"""The reconciliation workbook's times and dates are date cells a clerk can sort and filter by
(in this computer's local time, the minute the app shows), and it names the database by its
absolute path, which still finds the file when the workbook is opened from another folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conflict_fixtures import li_takes_report, two_sides, zhang_closes
from exchange_fixtures import export_to, merge
from test_conflict_sources import _county

from qcdesk.exchange.importer import import_package
from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.models.clock_text import local_time
from qcdesk.models.store import Store


def _rows(sheet: object) -> list[dict[str, object]]:
    cells = list(sheet.iter_rows())  # type: ignore[attr-defined]
    header = [c.value for c in cells[0]]
    return [dict(zip(header, r, strict=True)) for r in cells[1:]]


def test_times_and_dates_are_date_cells_in_local_time(tmp_path: Path, shanghai: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    county, pkgs = _county(tmp_path)
    result = import_package(county, pkgs["l1"])
    stamps = {r["updated_at"] for r in county.db.query("SELECT updated_at FROM enterprise")}
    county.close()
    monkeypatch.chdir(tmp_path)
    county = Store.open(Path("county.db"))  # opened as `--db county.db` in the CLI
    path = write_reconciliation(county, tmp_path / "r.xlsx", result)
    county.close()
    book = openpyxl.load_workbook(path)
    phone = next(r for r in _rows(book["冲突"]) if r["字段"].value == "联系电话")
    mine = phone["现行版本修改时间"]
    assert isinstance(mine.value, datetime) and mine.is_date, mine.value
    assert "yy" in mine.number_format and "hh:mm" in mine.number_format
    assert mine.value.strftime("%Y-%m-%d %H:%M") in {local_time(s) for s in stamps}
    assert isinstance(phone["另一版本修改时间"].value, datetime)
    about = {r["项目"].value: r["内容"] for r in _rows(book["说明"])}
    made = about["对账表生成时间"]
    assert isinstance(made.value, datetime) and made.is_date
    assert abs((made.value - datetime.now()).total_seconds()) < 120  # local, not 8 hours off
    assert isinstance(about["导入时间"].value, datetime) and about["导入时间"].is_date
    assert about["数据库"].value == str(tmp_path / "county.db")
    assert about["序号"].value == "1"  # words and numbers that are no amount stay text


def test_a_date_field_is_a_date_cell(tmp_path: Path) -> None:
    """An order's dates differing between the versions: both are date cells, words stay text."""
    store = two_sides(tmp_path, zhang_closes, li_takes_report)
    export_to(store, tmp_path / "li.xlsx", "B" * 16)
    result = merge(Store.memory("x"), tmp_path / "li.xlsx", "B" * 16)
    book = openpyxl.load_workbook(write_reconciliation(store, tmp_path / "rec.xlsx", result))
    by_field = {r["字段"].value: r for r in _rows(book["冲突"])}
    closed = by_field["结案日期"]
    days = [c.value for c in (closed["现行版本"], closed["另一版本"]) if c.value is not None]
    assert days and all(isinstance(d, datetime) and d.time() == datetime.min.time()
                        for d in days), days
    assert all(c.is_date for c in (closed["现行版本"], closed["另一版本"]) if c.value)
    assert by_field["状态"]["现行版本"].value == "已提交整改报告"


def test_a_mixed_column_types_numbers_and_dates_but_never_parses_text(tmp_path: Path) -> None:
    """A 说明 sheet's 内容 column: numbers and dates typed from the value, text left as typed."""
    from qcdesk.export.xlsx_writer import TEXT, VALUE, Column, XlsxWriter

    with XlsxWriter(tmp_path / "v.xlsx") as book:
        book.write_sheet("说明", [Column("项目", TEXT), Column("内容", VALUE, 60)], [
            ["n", 3], ["day", datetime(2025, 11, 15).date()], ["at", datetime(2025, 11, 15, 9, 30)],
            ["iso", "2025-11-15"], ["formula", "=1+1"], ["digits", "0715"]])
    sheet = openpyxl.load_workbook(tmp_path / "v.xlsx")["说明"]
    cells = {r[0].value: r[1] for r in sheet.iter_rows(min_row=2)}
    assert cells["n"].value == 3 and cells["n"].data_type == "n"
    assert cells["day"].is_date and cells["at"].value == datetime(2025, 11, 15, 9, 30)
    for name, text in (("iso", "2025-11-15"), ("formula", "=1+1"), ("digits", "0715")):
        assert (cells[name].value, cells[name].data_type) == (text, "s"), name
