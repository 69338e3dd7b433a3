"""The 说明 sheet of data.xlsx, as a clerk at the city reads it in Excel: every column's meaning in
Chinese (the database field name beside it for IT staff), the signer's role in words, record
counts under sheet names, and yes/no columns described as 是/否 (the cells hold 1/0)."""

from __future__ import annotations

import re
from pathlib import Path

from exchange_fixtures import populate
from python_calamine import CalamineWorkbook

from qcdesk.exchange.export import plan_export, write_workbook
from qcdesk.exchange.workbook import SPECS
from qcdesk.models.store import Store

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_column_is_explained_in_chinese(tmp_path: Path) -> None:
    store = Store.memory("o")
    populate(store, 2, 1)
    path = tmp_path / "data.xlsx"
    write_workbook(store, path, plan_export(store, "C" * 16, full=True),
                   {"签名人": "嘉鱼县局", "辖区": "421221", "角色": "county"})
    book = CalamineWorkbook.from_path(str(path))
    notes = book.get_sheet_by_name("说明").to_python()
    assert notes[0][:5] == ["项目/工作表", "列", "内容", "类型", "字段名"]
    rows = [r + [""] * (5 - len(r)) for r in notes[1:]]
    info = {r[0]: r[2] for r in rows if not r[1]}
    assert info["角色"] == "县级局"
    counted = {r[1] for r in rows if r[0] == "记录数"}
    assert counted == {s.sheet for s in SPECS}
    sheets = {s.sheet for s in SPECS}
    columns = [r for r in rows if r[0] in sheets]
    assert len(columns) >= 300
    for sheet, header, meaning, kind, _name in columns:
        assert CJK.search(meaning), (sheet, header, meaning)
        assert not re.fullmatch(r"[a-z_]+", meaning), (sheet, header, meaning)
        assert CJK.search(kind), (sheet, header, kind)
    by_column = {(r[0], r[1]): r for r in columns}
    phone = by_column[("企业", "联系电话")]
    assert phone[4] == "contact_phone" and phone[2] != "contact_phone"
    assert by_column[("检查人员", "姓名")][2] == "检查人员姓名"
    assert by_column[("许可证", "企业记录ID")][2] == "关联的“企业”记录的记录ID"
    for sheet, header in (("企业", "规上企业"), ("检查人员", "在职"), ("抽样", "拒签")):
        assert by_column[(sheet, header)][3].startswith("是/否"), (sheet, header)
    # the yes/no cells really hold 1 or 0, as the sheet says
    ent = book.get_sheet_by_name("企业").to_python()
    col = ent[0].index("规上企业")
    assert {r[col] for r in ent[1:]} <= {0.0, 1.0}


def test_record_counts_are_numbers_that_match_the_sheets(tmp_path: Path) -> None:
    """A clerk sums the 记录数 rows in Excel: each is a number cell equal to the sheet's rows."""
    import openpyxl

    store = Store.memory("o")
    populate(store, 2, 1)
    path = tmp_path / "data.xlsx"
    write_workbook(store, path, plan_export(store, "C" * 16, full=True),
                   {"签名人": "嘉鱼县局", "辖区": "421221", "角色": "county"})
    book = openpyxl.load_workbook(path)
    counts = {r[1].value: r[2] for r in book["说明"].iter_rows(min_row=2) if r[0].value == "记录数"}
    assert counts
    for sheet, cell in counts.items():
        assert cell.data_type == "n" and isinstance(cell.value, int), (sheet, cell.value)
        assert cell.value == book[sheet].max_row - 1, sheet
    assert counts["企业"].value == 2
