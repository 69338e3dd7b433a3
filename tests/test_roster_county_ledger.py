"""A county clerk imports the county's own ledger as it is (review R3 "ledgers" F9, F13, F15):
no 所属县市区 column, counties written 咸宁市通城县 or 高新区, a spot-check ledger given to the
enterprise import, a landline stored as a number, a re-import of an unchanged firm, a phone with
spaces. What the CLI, the dialog and the database show."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from qcdesk.models.enterprises import find_enterprise_by_uscc
from qcdesk.models.roster import apply_roster_plan, plan_roster_import
from qcdesk.models.store import Store
from tests.test_roster_ledgers import run_cli

A, B, C, D = "91421222MA4PJ5BUX4", "91421221MA4E3XHX15", "91421202MA4AEDKU8T", "91421281MA4KL5FE07"
OWN = [["通城县企业名录"], ["统一社会信用代码", "企业名称", "联系电话"],
       [A, "通城县金桥磨具有限公司", "0715-4321234"], [B, "通城县云母新材有限公司", ""]]
SPOT = [["统一社会信用代码", "企业名称", "所属县市区", "产品名称", "抽样日期", "检验结论", "不合格项目"],
        [A, "通城县金桥磨具有限公司", "通城县", "砂带", "2024-05-10", "不合格", "磨削性能"]]


def book(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def county_of(db: Path, uscc: str) -> str:
    store = Store.open(db, author="test")
    try:
        return find_enterprise_by_uscc(store, uscc).jurisdiction_code
    finally:
        store.close()


# --- F9: no county column ------------------------------------------------------------------

def test_a_county_ledger_without_county_column_imports_with_jurisdiction(tmp_path: Path) -> None:
    path, db = book(tmp_path / "原样.xlsx", OWN), tmp_path / "tc.db"
    refused = run_cli("roster", "import", str(path), "--db", str(db))
    assert refused.returncode != 0 and refused.stderr.count("\n") == 1
    assert "所属县市区" in refused.stderr and "--jurisdiction" in refused.stderr and not db.exists()
    done = run_cli("roster", "import", str(path), "--db", str(db), "--jurisdiction", "421222")
    assert done.returncode == 0, done.stderr
    assert "未填写所属县市区的 2 行按“通城县”导入" in done.stdout and "新增 2 家" in done.stdout
    assert county_of(db, A) == county_of(db, B) == "421222"
    wrong = run_cli("roster", "import", str(path), "--db", str(db), "--jurisdiction", "咸宁")
    assert wrong.returncode != 0 and "421222 通城县" in wrong.stderr


def test_a_row_giving_its_county_keeps_it_under_jurisdiction(store: Store, tmp_path: Path) -> None:
    path = book(tmp_path / "部分.xlsx", [["统一社会信用代码", "企业名称", "所属县市区"],
                                        [A, "甲公司", ""], [B, "乙公司", "嘉鱼县"]])
    plan = plan_roster_import(store, path, jurisdiction="421222")
    assert {r.enterprise.uscc: r.enterprise.jurisdiction_code for r in plan.rows} == {
        A: "421222", B: "421221"}
    refused = plan_roster_import(store, path)  # no choice made: the empty cell is refused, saying how
    assert [i.text() for i in refused.issues][0].startswith("第2行“所属县市区”：所属县市区未填写，本行未导入")
    assert "--jurisdiction" in refused.issues[0].text()


def test_counties_as_ledgers_write_them(store: Store, tmp_path: Path) -> None:
    path = book(tmp_path / "县名.xlsx", [["统一社会信用代码", "企业名称", "所属县市区"],
                                        [A, "甲公司", "咸宁市通城县"], [B, "乙公司", "湖北省咸宁市嘉鱼县"],
                                        [C, "丙公司", "高新区"], [D, "丁公司", "咸宁"]])
    plan = plan_roster_import(store, path)
    assert {r.enterprise.uscc: r.enterprise.jurisdiction_code for r in plan.rows} == {
        A: "421222", B: "421221", C: "421202-HTZ"}
    assert [i.text() for i in plan.issues] == [
        "第5行“所属县市区”：“咸宁”可以指 咸宁市、咸宁高新区，无法确定是哪一个，本行未导入；"
        "请写全称（如 咸宁市 表示市本级）或代码"]


def test_the_dialog_starts_on_the_office_county_and_imports_the_ledger(qtbot, tmp_path: Path) -> None:
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    path = book(tmp_path / "原样.xlsx", OWN)
    store = Store.open(tmp_path / "gui.db", author="test")
    try:
        store.set_setting("doc.org_name", "通城县市场监督管理局")  # 本单位名称: this office is 通城县's
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        assert dialog.county.code() == "421222"
        dialog.load_file(path)
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.import_button.isEnabled(), timeout=15000)
        assert "未填写所属县市区的 2 行按“通城县”导入" in dialog.notes.toPlainText()
        with qtbot.waitSignal(dialog.imported, timeout=15000):
            dialog.import_button.click()
        assert find_enterprise_by_uscc(store, A).jurisdiction_code == "421222"
        failed: list[str] = []
        dialog.job = None
        dialog._failed = failed.append  # the refusal as the clerk reads it
        dialog.county.combo.setCurrentIndex(0)  # "none": the file is read again and refused
        qtbot.waitUntil(lambda: bool(failed), timeout=15000)
        assert "未填写所属县市区的企业" in failed[0]
    finally:
        store.close()


# --- F13: a spot-check ledger given to the enterprise import ---------------------------------

def test_a_spot_check_ledger_names_the_right_import_before_writing(tmp_path: Path) -> None:
    path, db = book(tmp_path / "抽查台账.xlsx", SPOT), tmp_path / "s.db"
    dry = run_cli("roster", "import", str(path), "--db", str(db), "--dry-run")
    assert dry.returncode == 0 and "看起来是抽查台账" in dry.stdout and "--kind checks" in dry.stdout
    assert "导入抽查台账" in dry.stdout
    refused = run_cli("roster", "import", str(path), "--db", str(db))
    assert refused.returncode != 0 and refused.stderr.count("\n") == 1
    assert "--kind checks" in refused.stderr and "--firms-only" in refused.stderr and not db.exists()
    done = run_cli("roster", "import", str(path), "--db", str(db), "--firms-only")
    assert done.returncode == 0 and "新增 1 家" in done.stdout and county_of(db, A) == "421222"


def test_the_dialog_asks_before_importing_a_spot_check_ledger(qtbot, monkeypatch, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    store = Store.open(tmp_path / "gui.db", author="test")
    try:
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        dialog.load_file(book(tmp_path / "抽查台账.xlsx", SPOT))
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.import_button.isEnabled(), timeout=15000)
        notes = dialog.notes.toPlainText()
        assert "看起来是抽查台账" in notes and "导入抽查台账" in notes
        dialog.import_button.click()
        assert len(asked) == 1 and "导入抽查台账" in asked[0]
        qtbot.wait(300)
        assert dialog.result is None and find_enterprise_by_uscc(store, A) is None
    finally:
        store.close()


# --- F15 -----------------------------------------------------------------------------------

def test_a_landline_stored_as_a_number_says_the_zero_may_be_lost(store: Store, tmp_path: Path) -> None:
    path = book(tmp_path / "电话.xlsx", [["统一社会信用代码", "企业名称", "所属县市区", "联系电话"],
                                        [A, "甲公司", "通城县", 7154321234],
                                        [B, "乙公司", "通城县", "139 7200 5678"]])
    plan = plan_roster_import(store, path)
    texts = [i.text() for i in plan.issues]
    assert len(texts) == 1 and "7154321234" in texts[0] and "开头的0可能已丢失" in texts[0]
    assert {r.enterprise.uscc: r.enterprise.contact_phone for r in plan.rows} == {A: "", B: "13972005678"}


def test_a_reimport_of_an_unchanged_firm_does_not_repeat_the_licence_note(store: Store, tmp_path: Path
                                                                           ) -> None:
    path = book(tmp_path / "证.xlsx", [["统一社会信用代码", "企业名称", "所属县市区", "生产许可证编号",
                                       "许可证有效期至"],
                                      [A, "甲公司", "通城县", "XK13-006-0090", ""],
                                      [B, "乙公司", "通城县", "XK13-006-00902", "2027.05"]])
    first = plan_roster_import(store, path)
    assert sum("请核对许可证原件" in i.text() for i in first.issues) == 2
    apply_roster_plan(store, first)
    again = plan_roster_import(store, path)
    assert again.count("unchanged") == 2
    assert not any("请核对许可证原件" in i.text() for i in again.issues)
