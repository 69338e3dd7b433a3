"""An enterprise list whose columns slipped by one (a column inserted after 所属县市区) is refused
whole, by the CLI and the import dialog's check, and the database stays byte for byte as it was:
row by row it only "had a bad phone", so every firm's address became its industry and its
contact its address, under a summary of 有问题未导入 0 行. An honest list with bad phones still
imports, and its rows that lost a cell are counted as 部分导入."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main

HEADER = ["统一社会信用代码*", "企业名称*", "所属县市区*", "行业", "地址", "联系人", "联系电话",
          "生产许可证编号", "许可证有效期至"]
FIRMS = [
    ["91421281MA4576HP6W", "赤壁市通凯砖茶有限公司", "421281", "砖茶", "赤壁市茶庵岭镇桂花路41号", "田亮",
     "138-0000-3254", "SC11442128100017", "2031-02-23"],
    ["91421281MA4PHB8352", "赤壁市盈发电气有限公司", "421281", "机电", "赤壁市新店镇工业大道128号", "邹志华",
     "13800008294", "(鄂)XK06-001-00001", "2026-06-16"],
    ["91421281MA4CKKXQ1F", "赤壁市安茂茶叶有限公司", "421281", "砖茶", "赤壁市新店镇工业大道147号", "汪健刚",
     "138-0000-2077", "SC11442128100025", "2027-01-03"],
    ["91421221MA47H5QTXD", "嘉鱼县和晟电气有限公司", "421221", "机电", "咸宁市嘉鱼县鱼岳镇桂花路128号",
     "杜林", "13800003054", "(鄂)XK06-001-00002", "2029-09-02"],
    ["91421221MA41QT9B3N", "嘉鱼县泰旺线缆有限公司", "421221", "机电", "咸宁市嘉鱼县官桥镇长安大道11号",
     "刘敏", "13800003897", "XK06-001-00003", "2026-07-21"],
    ["91421281MA4BY1GD0P", "赤壁市华盛线缆有限公司", "421281", "机电", "赤壁市蒲圻街道金桂路233号", "罗晨建",
     "138-0000-6525", "(鄂)XK06-001-00004", "2026-06-14"],
]
WARNING = "列可能错位：请核对表头与各列内容是否对齐后再导入"


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "企业名录"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def shifted(db: Path, path: Path) -> Path:
    """The reviewer's file (repro/shifted_roster.py; a roster import files the contact on the
    enterprise itself): the firms on file, a blank column after
    所属县市区, so 地址 holds the industry, 联系人 the address, 联系电话 the contact's name and
    生产许可证编号 the phone."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "select e.uscc, e.name, e.jurisdiction_code, e.industry, e.address, "
        "coalesce((select name from contact c where c.enterprise_id=e.id and c.deleted_at is null "
        "limit 1), e.contact_name), coalesce((select phone from contact c where c.enterprise_id=e.id "
        "and c.deleted_at is null limit 1), e.contact_phone) "
        "from enterprise e where e.deleted_at is null order by e.id limit 5").fetchall()
    con.close()
    return workbook(path, [[uscc, name, jc, "", ind, addr, cname, phone, ""]
                           for uscc, name, jc, ind, addr, cname, phone in rows])


@pytest.fixture
def db(tmp_path: Path, capsys) -> Path:
    """A database holding the six firms, imported from an honest list."""
    path = tmp_path / "r.db"
    assert main(["roster", "import", str(workbook(tmp_path / "名录.xlsx", FIRMS)), "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def address_and_contact(db: Path) -> tuple[str, str]:
    con = sqlite3.connect(db)
    try:
        return con.execute("select address, contact_name from enterprise "
                           "where uscc = '91421281MA4576HP6W'").fetchone()
    finally:
        con.close()


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_cli_refuses_a_shifted_list_and_changes_nothing(db: Path, tmp_path: Path, capsys,
                                                            dry_run: bool) -> None:
    path = shifted(db, tmp_path / "shifted.xlsx")
    before = db.read_bytes()
    assert main(["roster", "import", str(path), "--db", str(db), *(["--dry-run"] if dry_run else [])]) != 0
    out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and WARNING in err, err
    for column in ("“地址”列", "“联系人”列", "“联系电话”列", "“生产许可证编号”列"):
        assert column in err, err
    assert "如第2行“赤壁市茶庵岭镇桂花路41号”" in err  # the address under 联系人, as an example
    assert "将更新" not in out and "导入完成" not in out
    assert db.read_bytes() == before
    assert address_and_contact(db) == ("赤壁市茶庵岭镇桂花路41号", "田亮")


def test_the_dialogs_check_refuses_a_shifted_list(db: Path, tmp_path: Path, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.models.store import Store
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    path = shifted(db, tmp_path / "shifted.xlsx")
    before = db.read_bytes()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    store = Store.open(db, author="test")
    try:
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        dialog.load_file(path)
        qtbot.waitUntil(lambda: dialog.job.done, timeout=15000)
        qtbot.waitUntil(lambda: bool(warned), timeout=5000)
        assert WARNING in warned[0] and "“联系人”列" in warned[0] and "“联系电话”列" in warned[0]
        assert WARNING in dialog.summary.text()
        assert dialog.plan is None and not dialog.import_button.isEnabled()
        assert dialog.table.rowCount() == 0
    finally:
        store.close()
    assert db.read_bytes() == before


@pytest.mark.parametrize(("phones", "licences"), [
    (["田亮", "12345"], []),  # two phones wrong: a typing slip
    (["同上"] * 6, []),  # every phone cell junk: still only one column wrong, the list is not shifted
    (["同上"] * 6, ["暂无"] * 6),  # and no licence numbers, in words
])
def test_an_honest_list_with_bad_phones_imports_and_says_partly(
        db: Path, tmp_path: Path, capsys, phones: list[str], licences: list[str]) -> None:
    rows = [list(row) for row in FIRMS]
    for row, phone in zip(rows, phones, strict=False):
        row[6] = phone
        row[3] = "管材"  # something for the row to change, so the import writes
    for row, licence in zip(rows, licences, strict=False):
        row[7:9] = [licence, None]
    path = workbook(tmp_path / "名录2.xlsx", rows)
    assert main(["roster", "import", str(path), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert WARNING not in out + err
    summary = [line for line in out.splitlines() if line.startswith("导入完成")][0]
    assert f"更新 {len(phones)} 家" in summary and "有问题未导入 0 行" in summary
    assert f"部分导入 {len(phones)} 行" in summary, summary
    assert address_and_contact(db) == ("赤壁市茶庵岭镇桂花路41号", "田亮")


def test_the_dialog_counts_rows_imported_without_a_cell(db: Path, tmp_path: Path, qtbot, chinese) -> None:
    from qcdesk.models.store import Store
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    rows = [list(row) for row in FIRMS[:2]]
    rows[0][6], rows[0][3] = "田亮", "管材"
    store = Store.open(db, author="test")
    try:
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        dialog.load_file(workbook(tmp_path / "名录3.xlsx", rows))
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
        assert "部分导入 1 行" in dialog.summary.text(), dialog.summary.text()
    finally:
        store.close()
