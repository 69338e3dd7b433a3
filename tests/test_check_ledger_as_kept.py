"""A county's 抽查台账 as it is kept imports whole and right (E17, review rr-data F1, F2, F3, R1, R2,
R4, R5): the firm's name is checked against the code, two batches of one product on one day are
two samples, results reach 公示, 省抽/市抽 rows need no inspectors of this office, and each
place speaks its own words (the dialog counts visits, the CLI names the command)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from qcdesk.cli import main
from qcdesk.models.check_ledger import plan_check_import
from qcdesk.models.enterprises import find_enterprise_by_uscc, save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, validate_visit
from qcdesk.models.publication import period_publication
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

HONGFA, JINTANG, TIANYUE = "91421222MA46R7TC9L", "91421221MA4E3XHX15", "91421222MA4KWKT06E"
COUNTY_BUREAU = "通城县市场监督管理局"


def county(db: Path, org: str = COUNTY_BUREAU) -> None:
    """A county office with its firms and two inspectors; its own name set in the settings."""
    store = Store.open(db, author="setup")
    try:
        save_enterprise(store, Enterprise(uscc=HONGFA, name="通城县金塘电子基材有限公司",  # the code's owner
                                          jurisdiction_code="421222"))
        save_enterprise(store, Enterprise(uscc=JINTANG, name="通城县金塘新材料有限公司",
                                          jurisdiction_code="421222"))
        save_enterprise(store, Enterprise(uscc=TIANYUE, name="通城县天岳磨料磨具有限公司",
                                          jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="王强", cert_no="42122200001", jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="陈杰", cert_no="42122200002", jurisdiction_code="421222"))
        if org:
            store.set_setting("doc.org_name", org)
    finally:
        store.close()


def ledger(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    book.active.append(["通城县2024年产品质量监督抽查台账"])  # a title row, as kept
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def samples(db: Path) -> list[tuple]:
    store = Store.open(db)
    try:
        return list(store.db.execute(
            "SELECT e.name, s.product_name, s.spec_model, s.batch_no, s.production_date, s.result, "
            "s.organiser, s.result_notified_on, v.inspectors FROM sample s JOIN visit v ON v.id = s.visit_id "
            "JOIN enterprise e ON e.id = v.enterprise_id ORDER BY s.id"))
    finally:
        store.close()


HEADER = ["序号", "企业名称", "统一社会信用代码", "产品名称", "规格型号", "生产日期/批号", "抽样日期",
          "检验结论", "不合格项目", "检查人员"]


def test_a_code_of_another_firm_is_caught_by_the_name(capsys, tmp_path: Path) -> None:
    """F1: 宏发食品's row carries 金塘电子基材's code: refused, naming both; a name that differs but
    shares the firm's words (a second works) is imported with a 提示 naming both, and the preview
    shows the ledger's name beside the stored one."""
    db = tmp_path / "tc.db"
    county(db)
    path = ledger(tmp_path / "l.xlsx", HEADER, [
        [1, "通城县宏发食品有限公司", HONGFA, "月饼", "100g", "2024-08-20", "2024-08-25", "不合格",
         "菌落总数", "王强、陈杰"],
        [2, "通城县金塘电子基材有限公司", JINTANG, "覆铜板", "1.6mm", "2024-05-01", "2024-05-10", "合格", "",
         "王强、陈杰"],
        [3, "天岳磨料磨具", TIANYUE, "砂纸", "P400", "批号A", "2024-10-10", "合格", "", "王强、陈杰"]])
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert ("第3行“企业名称”：台账的企业名称“通城县宏发食品有限公司”与系统中该统一社会信用代码的企业"
            "“通城县金塘电子基材有限公司”毫不相同，统一社会信用代码可能填错：本行未导入") in out
    assert "第4行“企业名称”：台账的企业名称“通城县金塘电子基材有限公司”与系统中该统一社会信用代码的企业" \
           "“通城县金塘新材料有限公司”不同" in out
    assert "第5行“企业名称”" not in out  # a short form of the stored name is the same firm
    assert [s[1] for s in samples(db)] == ["覆铜板", "砂纸"]  # no 月饼 on 金塘

    store = Store.open(db)
    try:
        plan = plan_check_import(store, path)
        names = {item.row: plan.identity(item.row, item.sheet)[1] for item in plan.rows}
    finally:
        store.close()
    assert names[4] == "通城县金塘新材料有限公司（台账：通城县金塘电子基材有限公司）"
    assert names[5] == "通城县天岳磨料磨具有限公司"


def test_two_batches_on_one_day_without_a_number_are_two_samples(capsys, tmp_path: Path) -> None:
    """F2: 砂纸 P400 批号A 合格 and P600 批号B 不合格 on one day: both imported, 规格型号 and
    批号 read into the sample; a re-import adds nothing; rows alike in all but the number are
    refused with advice to fill in 抽样单编号."""
    db = tmp_path / "tc.db"
    county(db)
    rows = [[1, "天岳磨料", TIANYUE, "砂纸", "P400", "批号A", "2024-10-10", "合格", "", "王强、陈杰"],
            [2, "天岳磨料", TIANYUE, "砂纸", "P600", "批号B", "2024-10-10", "不合格", "磨削性能",
             "王强、陈杰"]]
    path = ledger(tmp_path / "l.xlsx", HEADER, rows)
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "新增检查记录 1 条（样品 2 个）" in out and "未读取的列" not in out
    assert [s[1:6] for s in samples(db)] == [("砂纸", "P400", "批号A", None, "pass"),
                                             ("砂纸", "P600", "批号B", None, "fail")]
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    assert "样品 0 个），已在系统中 2 行" in capsys.readouterr().out
    # a production date in the column is the sample's production date
    again = ledger(tmp_path / "d.xlsx", HEADER, [
        [1, "天岳磨料", TIANYUE, "砂布", "P80", "20240301", "2024-03-05", "合格", "", "王强、陈杰"],
        [2, "天岳磨料", TIANYUE, "砂布", "P80", "20240301", "2024-03-05", "合格", "", "王强、陈杰"]])
    assert main(["roster", "import", str(again), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "第4行“统一社会信用代码”：与第3行是同一样品" in out and "请填写抽样单编号" in out
    assert samples(db)[-1][1:5] == ("砂布", "P80", "", "2024-03-01")


def test_a_batch_number_is_kept_as_a_batch_not_read_as_a_day_serial(capsys, tmp_path: Path) -> None:
    """Review (imports): 批号 31225 (a number cell) and "45678" (text) became production dates
    1985-06-27 and 2025-01-21 and the batch was lost, without a word. A bare number in the batch
    column is the batch; a date there is still the production date."""
    db = tmp_path / "tc.db"
    county(db)
    heads = [*HEADER[:5], "批号", *HEADER[6:]]
    path = ledger(tmp_path / "b.xlsx", heads, [
        [1, "天岳磨料", TIANYUE, "砂纸", "P400", 31225, "2024-10-10", "合格", "", "王强、陈杰"],
        [2, "天岳磨料", TIANYUE, "砂纸", "P600", "45678", "2024-10-10", "合格", "", "王强、陈杰"],
        [3, "天岳磨料", TIANYUE, "砂布", "P80", "2024.3.1", "2024-10-10", "合格", "", "王强、陈杰"]])
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    capsys.readouterr()
    assert [s[1:5] for s in samples(db)] == [("砂纸", "P400", "31225", None), ("砂纸", "P600", "45678", None),
                                             ("砂布", "P80", "", "2024-03-01")]


def test_imported_results_are_published_and_the_clerk_is_told_why(capsys, tmp_path: Path) -> None:
    """F3/R5: a final result without 结果送达日期 is recorded as notified on the check day, said in
    the summary and in the template's 说明; a 结果送达日期 given is taken; 公示 lists them."""
    db = tmp_path / "tc.db"
    county(db)
    path = ledger(tmp_path / "l.xlsx", [*HEADER, "结果送达日期"], [
        [1, "天岳磨料", TIANYUE, "砂纸", "P400", "批号A", "2024-10-10", "合格", "", "王强、陈杰", ""],
        [2, "天岳磨料", TIANYUE, "砂纸", "P600", "批号B", "2024-10-10", "不合格", "磨削性能", "王强、陈杰",
         "2024-10-28"],
        [3, "天岳磨料", TIANYUE, "砂轮", "P60", "", "2024-11-10", "待检", "", "王强、陈杰", ""]])
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "未填写结果送达日期的 1 个样品按检查日期记为已送达" in out
    assert [s[7] for s in samples(db)] == ["2024-10-10", "2024-10-28", None]
    store = Store.open(db)
    try:
        published = period_publication(store, date(2024, 1, 1), date(2024, 12, 31))
    finally:
        store.close()
    assert [(r.product, r.result) for r in published.rows][:2] == [("砂纸", "合格"), ("砂纸", "不合格")]
    assert main(["roster", "template", "--kind", "checks", "--out", str(tmp_path / "t.xlsx")]) == 0
    sheet = load_workbook(tmp_path / "t.xlsx")["说明"]
    notes = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "结果送达日期" in notes and "未填写结果送达日期的样品按检查日期记为已送达" in notes


PROVINCE = ["序号", "企业名称", "统一社会信用代码", "产品名称", "抽样日期", "检验结论", "不合格项目",
            "任务来源"]


def test_checks_organised_above_the_county_need_no_inspectors_of_its_own(capsys, tmp_path: Path) -> None:
    """R2: the ledger as kept has no 检查人员 column; 省抽 and 市抽 rows are imported with the
    higher body as organiser and no inspectors; a 县抽 row still needs two, and says so."""
    db = tmp_path / "tc.db"
    county(db)
    path = ledger(tmp_path / "l.xlsx", PROVINCE, [
        [1, "天岳磨料", TIANYUE, "砂布", "2024-03-05", "合格", "", "省抽"],
        [2, "天岳磨料", TIANYUE, "砂带", "2024-06-12", "不合格", "粒度组成", "市抽"],
        [3, "天岳磨料", TIANYUE, "砂轮", "2024-09-10", "合格", "", "县抽"]])
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "缺少必需的列" not in out and "新增检查记录 2 条（样品 2 个）" in out
    assert "第5行“检查人员”：检查人员未填写：监督抽查须由至少两名执法人员实施" in out
    assert [(s[1], s[6], s[8]) for s in samples(db)] == [("砂布", "湖北省市场监督管理局", "[]"),
                                                         ("砂带", "咸宁市市场监督管理局", "[]")]


def test_the_visit_editor_rule_is_the_same(tmp_path: Path) -> None:
    """R2: one rule in validate_visit: a done 监督抽查 whose samples are all organised above this
    office may name fewer than two of its inspectors; its own check may not."""
    db = tmp_path / "tc.db"
    county(db)
    store = Store.open(db)
    try:
        firm = find_enterprise_by_uscc(store, TIANYUE)

        def rules(*organisers: str) -> set[str]:
            visit = Visit(enterprise_id=firm.id, visit_date="2024-03-05", kind="spot_check", status="done")
            bundle = VisitBundle(visit, [Sample(product_name="砂布", organiser=o, result="pass")
                                         for o in organisers])
            return {i.rule for i in validate_visit(store, bundle, date(2026, 11, 30))}

        assert "inspectors.too_few" not in rules("湖北省市场监督管理局")
        assert "inspectors.too_few" not in rules("国家市场监督管理总局", "咸宁市市场监督管理局")
        assert "inspectors.too_few" in rules(COUNTY_BUREAU)
        assert "inspectors.too_few" in rules("湖北省市场监督管理局", "")  # one sample is this office's
        assert "inspectors.too_few" in rules()
        store.set_setting("doc.org_name", "咸宁市市场监督管理局")  # at the city, 市抽 is its own
        assert "inspectors.too_few" in rules("咸宁市市场监督管理局")
    finally:
        store.close()


def test_cli_names_the_command_and_help_names_the_ledgers(capsys, tmp_path: Path) -> None:
    """R4: a CLI user is told the command, not a menu a terminal does not have."""
    db = tmp_path / "tc.db"
    county(db)
    path = ledger(tmp_path / "l.xlsx", HEADER, [
        [1, "x", "91421202MA4AEDKU8T", "管材", "", "", "2024-03-05", "合格", "", "王强、赵六"]])
    assert main(["roster", "import", str(path), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "请先导入企业名录（命令 qcdesk roster import --kind enterprises <企业名录文件>）" in out
    assert "请先导入执法人员名录（命令 qcdesk roster import --kind inspectors <执法人员名录文件>" in out
    assert "文件 ▸" not in out
    with pytest.raises(SystemExit):
        main(["roster", "import", "-h"])
    assert "抽查台账" in capsys.readouterr().out


def test_the_dialog_counts_visits_and_samples_not_firms(qtbot, chinese, tmp_path: Path) -> None:
    """R1: the 导入抽查台账 preview says 检查记录 N 条（样品 M 个）, not 新增 N 家，更新 0 家."""
    from qcdesk.ui.roster_import_dialog import CheckLedgerImportDialog

    db = tmp_path / "tc.db"
    county(db)
    path = ledger(tmp_path / "l.xlsx", HEADER, [
        [1, "天岳磨料", TIANYUE, "砂纸", "P400", "批号A", "2024-10-10", "合格", "", "王强、陈杰"],
        [2, "天岳磨料", TIANYUE, "砂纸", "P600", "批号B", "2024-10-10", "合格", "", "王强、陈杰"]])
    store = Store.open(db)
    try:
        dialog = CheckLedgerImportDialog(store, lang="zh_CN")
        qtbot.addWidget(dialog)
        dialog._show_plan(plan_check_import(store, path))
        summary = dialog.summary.text()
        assert summary.startswith("共 2 行：新增检查记录 1 条（样品 2 个），已在系统中 0 行，"
                                  "有问题 0 行（不导入）。")
        assert "家" not in summary.splitlines()[0]
        assert "未填写结果送达日期的 2 个样品按检查日期记为已送达" in dialog.notes.toPlainText()
    finally:
        store.close()
