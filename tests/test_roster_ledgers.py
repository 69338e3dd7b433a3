"""A county office brings its own Excel 台账 as the enterprise list (review R3 "ledgers"): a list
spread over several sheets, county cells merged down, certificate columns under other names,
validity dates as certificates print them, a firm with two licences on two rows, repeated rows,
a firm renamed by a mistyped code. What the clerk sees (preview, CLI, report) and finds stored."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from qcdesk.models.enterprises import enterprise_licences, find_enterprise_by_uscc, save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.roster import apply_roster_plan, plan_roster_import, write_report
from qcdesk.models.store import Store

HEADER = ["统一社会信用代码", "企业名称", "所属县市区", "生产许可证编号", "许可证有效期至"]
A, B, C, D = "91421222MA4PJ5BUX4", "91421221MA4E3XHX15", "91421202MA4AEDKU8T", "91421281MA4KL5FE07"


def book_of(path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None
            ) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def licences(store: Store, uscc: str) -> list[tuple[str, str | None]]:
    firm = find_enterprise_by_uscc(store, uscc)
    return sorted((lic.number, lic.expires_on) for lic in enterprise_licences(store, firm.id))


CLI = "import sys; from qcdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True)


def test_every_sheet_with_the_list_is_read_and_named(store: Store, tmp_path: Path) -> None:
    path = book_of(tmp_path / "两页.xlsx", {
        "2025年名录": [HEADER, [A, "通城县金桥磨具有限公司", "通城县", "", ""]],
        "2025年新增": [HEADER, [B, "嘉鱼县鑫源管业有限公司", "嘉鱼县", "", ""],
                     ["91421221MA4E3XHX16", "坏校验位公司", "嘉鱼县", "", ""]],
        "乡镇名单": [["企业名称", "统一社会信用代码", "所在乡镇"], ["某公司", C, "隽水镇"]],
    })
    plan = plan_roster_import(store, path)
    assert plan.sheets == ["2025年名录", "2025年新增"]
    notes = [n.text() for n in plan.notes]
    assert any("“2025年名录”" in t and "“2025年新增”" in t for t in notes)
    assert any(t.startswith("工作表“乡镇名单”也像企业名录") and "所属县市区" in t for t in notes)
    bad = next(i for i in plan.issues if not i.warning)
    assert bad.text().startswith("工作表“2025年新增”第3行“统一社会信用代码”：")
    report = write_report(tmp_path / "r.xlsx", plan, apply_roster_plan(store, plan))
    data = CalamineWorkbook.from_path(str(report)).get_sheet_by_index(0).to_python()
    assert data[0][:2] == ["工作表", "行号"]
    assert data[-1][:5] == ["2025年新增", 3, "91421221MA4E3XHX16", "坏校验位公司", "未导入"]
    assert find_enterprise_by_uscc(store, B) is not None and find_enterprise_by_uscc(store, A) is not None


def test_cells_merged_down_over_rows_give_every_row_their_value(store: Store, tmp_path: Path) -> None:
    path = book_of(tmp_path / "合并.xlsx", {"Sheet": [
        ["所属县市区", "企业名称", "统一社会信用代码", "行业"],
        ["通城县", "通城县金桥磨具有限公司", A, "涂附磨具"],
        [None, "通城县某电子有限公司", "91421222MA46R7TC9L", None],
        [None, "通城县另一磨具厂", "91421222MA46GFBP29", None],
    ]}, {"Sheet": ["A2:A4", "D2:D3"]})
    plan = plan_roster_import(store, path)
    assert plan.bad_rows == {}
    assert [(r.enterprise.jurisdiction_code, r.enterprise.industry) for r in plan.rows] == [
        ("421222", "涂附磨具"), ("421222", "涂附磨具"), ("421222", "")]


def test_columns_not_read_are_named_and_common_headers_are_read(store: Store, tmp_path: Path) -> None:
    path = book_of(tmp_path / "证书.xlsx", {"Sheet": [
        ["序号", "生产企业名称", "社会统一信用代码", "县区", "证书编号", "证书有效期", "法人代表", "主要产品",
         "风险等级"],
        [1, "通城县新港涂附磨具有限公司", A, "通城县", "XK13-006-00999", "2022.6.1-2027.5.31", "郑新",
         "砂布、砂带", "B"],
    ]})
    plan = plan_roster_import(store, path)
    assert len(plan.notes) == 1 and plan.notes[0].text().startswith("未读取的列：风险等级。")
    apply_roster_plan(store, plan)
    firm = find_enterprise_by_uscc(store, A)
    assert (firm.name, firm.legal_representative, firm.main_products) == (
        "通城县新港涂附磨具有限公司", "郑新", "砂布、砂带")
    assert licences(store, A) == [("XK13-006-00999", "2027-05-31")]
    out = run_cli("roster", "import", str(path), "--db", str(tmp_path / "cli.db"), "--dry-run")
    assert out.returncode == 0 and "未读取的列：风险等级" in out.stdout


@pytest.mark.parametrize("written", [
    "2022.6.1-2027.5.31", "2022年6月1日至2027年5月31日", "2027-05-31 00:00:00", "２０２７．５．３１",
    "2027年5月31号", "2027-5-31止", "2022-06-01～2027-05-31"])
def test_validity_dates_as_certificates_print_them(store: Store, tmp_path: Path, written: str) -> None:
    path = book_of(tmp_path / "d.xlsx", {"S": [HEADER, [A, "A公司", "通城县", "XK13-006-00123", written]]})
    plan = plan_roster_import(store, path)
    assert plan.issues == [] and plan.rows[0].licences[0].expires_on == "2027-05-31"


def test_a_validity_it_cannot_read_drops_the_date_not_the_firm(store: Store, tmp_path: Path) -> None:
    path = book_of(tmp_path / "d.xlsx", {"S": [HEADER, [A, "A公司", "通城县", "XK13-006-00123", "长期"],
                                               [B, "B公司", "嘉鱼县", "XK13-006-00124", "2027.5"]]})
    plan = plan_roster_import(store, path)
    assert plan.bad_rows == {} and all(i.warning for i in plan.issues)
    assert "“长期”" in plan.issues[0].text() and "“2027.5”" in plan.issues[1].text()
    apply_roster_plan(store, plan)
    assert licences(store, A) == [("XK13-006-00123", None)]


def test_a_firm_with_two_licences_on_two_rows_keeps_both(store: Store, tmp_path: Path) -> None:
    path = book_of(tmp_path / "两证.xlsx", {"S": [
        HEADER + ["联系电话"],
        [A, "通城县天岳茶业有限公司", "通城县", "XK13-006-00901", "2027-05-31", ""],
        [A, "通城县天岳茶业有限公司", "通城县", "SC11442128100017", "2028-01-31", "13907150000"],
        [A, "通城县天岳茶业有限公司", "通城县", "SC11442128100017", "2028-01-31", "13907150000"],  # a copy
        [A, "通城县天岳食品有限公司", "崇阳县", "", "", ""],                              # differs
    ]})
    plan = plan_roster_import(store, path)
    notes = {i.row: i for i in plan.issues}
    assert notes[3].warning and "第2行" in notes[3].text() and "SC11442128100017" in notes[3].text()
    assert notes[4].warning and notes[4].text() == "第4行：与第3行完全相同，已忽略"
    assert not notes[5].warning and "企业名称、所属县市区不同" in notes[5].text()
    assert "通城县天岳食品有限公司" in notes[5].text() and "崇阳县" in notes[5].text()
    assert list(plan.bad_rows) == [5] and plan.total_rows == 4
    apply_roster_plan(store, plan)
    assert licences(store, A) == [("SC11442128100017", "2028-01-31"), ("XK13-006-00901", "2027-05-31")]
    assert find_enterprise_by_uscc(store, A).contact_phone == "13907150000"


def test_a_new_name_for_a_stored_code_is_shown_in_preview_and_cli(store: Store, tmp_path: Path) -> None:
    save_enterprise(store, Enterprise(uscc=A, name="通城县金塘电子基材有限公司", jurisdiction_code="421222"))
    path = book_of(tmp_path / "spot.xlsx", {"S": [HEADER, [A, "通城县宏发食品有限公司", "通城县", "", ""]]})
    plan = plan_roster_import(store, path)
    assert [i.text() for i in plan.issues] == [
        "第2行“企业名称”：企业名称与系统中不同：系统中为“通城县金塘电子基材有限公司”；将改为“通城县宏发食品有限公司”。"
        "如统一社会信用代码填错了，请改正后再导入"]
    db = store.path
    store.close()
    out = run_cli("roster", "import", str(path), "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert ("第2行：将更新 通城县宏发食品有限公司（91421222MA4PJ5BUX4）：企业名称："
            "通城县金塘电子基材有限公司 → 通城县宏发食品有限公司") in out.stdout
    # the way back is named: the copy taken before writing, and the restore command
    backups = list((db.parent / "backups").glob("*import*"))
    assert len(backups) == 1 and f"qcdesk restore \"{backups[0]}\" --db \"{db}\"" in out.stdout


def test_a_dry_run_or_a_refused_list_creates_no_database(tmp_path: Path) -> None:
    good = book_of(tmp_path / "g.xlsx", {"S": [HEADER, [A, "A公司", "通城县", "", ""]]})
    lacking = book_of(tmp_path / "l.xlsx", {"S": [["统一社会信用代码", "企业名称"], [A, "A公司"]]})
    typo = tmp_path / "new" / "typo.db"
    dry = run_cli("roster", "import", str(good), "--db", str(typo), "--dry-run")
    assert dry.returncode == 0 and "将新增 1 家" in dry.stdout
    refused = run_cli("roster", "import", str(lacking), "--db", str(typo))
    assert refused.returncode != 0 and "所属县市区" in refused.stderr
    assert not typo.exists() and not typo.parent.exists()
    done = run_cli("roster", "import", str(good), "--db", str(typo))
    assert done.returncode == 0 and "新增 1 家" in done.stdout and typo.is_file()


def test_gui_names_other_sheets_unread_columns_and_the_way_back(qtbot, tmp_path: Path) -> None:
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    store = Store.open(tmp_path / "gui.db", author="test")
    try:
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        dialog.load_file(book_of(tmp_path / "g.xlsx", {
            "一": [HEADER + ["备注"], [A, "A公司", "通城县", "", "", "x"]],
            "二": [HEADER, [B, "B公司", "嘉鱼县", "", ""], [B, "B公司", "嘉鱼县", "", ""]]}))
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.import_button.isEnabled(), timeout=15000)
        text = dialog.notes.toPlainText()  # the notes on the file, under the counts
        assert "“一”、“二”" in text and "工作表“一”：未读取的列：备注" in text
        details = [dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())]
        assert any("二" in d and "与第2行完全相同" in d for d in details)
        with qtbot.waitSignal(dialog.imported, timeout=15000) as signal:
            dialog.import_button.click()
        assert signal.args[0].backup is not None and str(signal.args[0].backup) in dialog.summary.text()
    finally:
        store.close()
