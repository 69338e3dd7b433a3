"""data.xlsx as a city clerk opens it: it opens on 汇总, the records people read come first,
and columns are wide enough for what they hold. Sheet names and headers stay what the
importer reads, and the tab order keeps parents before children (the importer merges record
sheets in tab order), so a package in the new order imports exactly."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from exchange_fixtures import dump, merge, populate
from python_calamine import CalamineWorkbook

from qcdesk.exchange.export import plan_export, write_workbook
from qcdesk.exchange.workbook import OPENS_ON, SPEC_BY_TABLE, SPECS, TAB_ORDER
from qcdesk.export.xlsx_writer import Column, XlsxWriter, _width
from qcdesk.models.store import Store

SIGNER = "C" * 16
CLERK_FIRST = ["企业", "检查记录", "抽样", "发现问题", "整改", "汇总", "说明"]


def _display(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _export(tmp_path: Path, **kw: int) -> tuple[Store, Path]:
    store = Store.memory("o")
    populate(store, 2, 3)
    path = tmp_path / "data.xlsx"
    write_workbook(store, path, plan_export(store, SIGNER, full=True),
                   {"签名人": "嘉鱼县局", "辖区": "421221", "角色": "county"}, **kw)
    return store, path


def test_the_workbook_opens_on_the_summary_with_the_records_people_read_first(
        tmp_path: Path) -> None:
    _store, path = _export(tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.active.title == "汇总" == OPENS_ON
    assert book.sheetnames[:7] == CLERK_FIRST
    assert set(book.sheetnames) == {s.sheet for s in SPECS} | {"汇总", "说明"}
    # Excel shows the tab whose sheet view is selected: exactly one, 汇总's
    selected = [ws.title for ws in book.worksheets if ws.sheet_view.tabSelected]
    assert selected == ["汇总"]
    # each sheet's print titles name its own header row (localSheetId is the tab position)
    with zipfile.ZipFile(path) as z:
        workbook_xml = z.read("xl/workbook.xml").decode()
    for pos, name in enumerate(book.sheetnames):
        assert f'localSheetId="{pos}">\'{name}\'!$1:$1' in workbook_xml


def test_every_record_sheet_follows_the_sheets_it_links_to() -> None:
    """The importer merges in tab order and refuses a row whose parent it has not seen."""
    tabs = [s for s in TAB_ORDER if any(spec.sheet == s for spec in SPECS)]
    assert sorted(tabs) == sorted(s.sheet for s in SPECS)
    for spec in SPECS:
        for _slot, f in spec.parent_slots:
            parent = SPEC_BY_TABLE[f.parent].sheet
            if parent != spec.sheet and not f.nullable:
                assert tabs.index(parent) < tabs.index(spec.sheet), (spec.sheet, parent)


def test_a_package_in_the_new_order_imports_exactly_with_continued_sheets(
        tmp_path: Path) -> None:
    store, path = _export(tmp_path, max_rows=2)
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    at = names.index("检查记录")
    assert names[at + 1:at + 3] == ["检查记录(2)", "检查记录(3)"]
    assert names.index("企业") < at < names.index("抽样")
    other = Store.memory("p")
    result = merge(other, path, SIGNER)
    assert result.conflicts == []

    def records(s: Store) -> dict:  # origin says where a record came from: the signer there
        return {kind: {u: {k: v for k, v in row.items() if k != "origin"}
                       for u, row in rows.items()}
                for kind, rows in dump(s).items() if kind != "conflicts"}

    assert records(other) == records(store)
    assert records(other)["visit"]


def test_columns_are_wide_enough_for_what_they_hold(tmp_path: Path) -> None:
    """A package file name in 锁定包/原发送包, 421202-HTZ and 咸宁市（市本级） in 汇总, a uuid in
    作者, every coded column's longest label; free texts such as 备注 and 认证 wrap."""
    _store, path = _export(tmp_path)
    book = openpyxl.load_workbook(path)

    def width(sheet: str, header: str) -> float:
        ws = book[sheet]
        col = next(c.column_letter for c in ws[1] if c.value == header)
        return ws.column_dimensions[col].width

    package = "421221_嘉鱼县局_000001_20261130.qcpkg.zip"
    assert width("检查记录", "锁定包") >= _display(package) + 2
    assert width("更正记录", "原发送包") >= _display(package) + 2
    assert width("汇总", "辖区代码") >= len("421202-HTZ") + 2
    assert width("汇总", "辖区") >= _display("咸宁市（市本级）") + 2
    assert width("检查人员", "作者") >= 36
    for sheet, header in (("企业", "备注"), ("企业", "认证"), ("抽样", "备注"),
                          ("示范区项目", "备注"), ("抽样", "封样状态")):
        assert width(sheet, header) >= 30, (sheet, header)
        ws = book[sheet]
        col = next(c.column_letter for c in ws[1] if c.value == header)
        assert ws.column_dimensions[col].alignment.wrap_text, (sheet, header)
    for spec in SPECS:
        for f in spec.fields:
            if f.labels:
                longest = max(_display(label) for _code, label in f.labels)
                assert _width(Column(f.header, f.kind, f.width)) >= longest + 2, (
                    spec.sheet, f.header)


def test_a_plain_writer_still_opens_on_its_first_sheet(tmp_path: Path) -> None:
    """Other workbooks (lists, reports) keep their order and open on the first sheet."""
    path = tmp_path / "plain.xlsx"
    with XlsxWriter(path) as book:
        book.write_sheet("甲", [Column("a")], [["1"]])
        book.write_sheet("乙", [Column("a")], [["2"]])
    opened = openpyxl.load_workbook(path)
    assert opened.sheetnames == ["甲", "乙"] and opened.active.title == "甲"
    assert [bool(ws.sheet_view.tabSelected) for ws in opened.worksheets] == [True, False]
