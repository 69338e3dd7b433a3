"""A county brings its past spot checks (抽查台账) in on day one: after the enterprise list, every
firm read "从未实施检查", and the six-month rule could not see last year's failures. The ledger
import (`roster import --kind checks`, 文件 ▸ 导入抽查台账…) makes each row a done visit through
the visit editor's own rules; a re-import adds nothing; a bad row is refused by row and column."""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook

from qcdesk.cli import main
from qcdesk.models.enterprises import find_enterprise_by_uscc, save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.repeat_checks import repeat_check_warnings
from qcdesk.models.risk import months_before, risk_for
from qcdesk.models.store import Store

HENGDA, JINTANG, UNKNOWN = "91421222MA4PJ5BUX4", "91421221MA4E3XHX15", "91421202MA4AEDKU8T"
HEADER = ["序号", "受检单位名称", "统一社会信用代码", "抽样日期", "抽查类型", "产品名称", "检验结论",
          "不合格项目", "抽样人员", "备注"]


def text_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def county(db: Path) -> None:
    """What the county has after importing its enterprise list and inspector register."""
    store = Store.open(db, author="setup")
    try:
        save_enterprise(store, Enterprise(uscc=HENGDA, name="通城县恒达茶业有限公司",
                                          jurisdiction_code="421222"))
        save_enterprise(store, Enterprise(uscc=JINTANG, name="通城县金塘电子基材有限公司",
                                          jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="张三", cert_no="42122200001", jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="李四", cert_no="42122200002", jurisdiction_code="421222",
                                        active=0))  # left since: a ledger is history
    finally:
        store.close()


def messy_ledger(path: Path, today: date, bad_row: bool = True) -> Path:
    """A merged title, a 填报单位 line, the header on row 3, dates as text in three forms."""
    recent = months_before(today, 3)
    last_year = date(today.year - 1, 9, 3)
    book = Workbook()
    sheet = book.active
    sheet.title = "2025年抽查"
    sheet["A1"] = "通城县产品质量监督抽查台账"
    sheet.merge_cells("A1:J1")
    sheet["A2"] = "填报单位：通城县市场监督管理局"
    sheet.append(HEADER)
    sheet.append([1, "恒达茶业", HENGDA, text_day(last_year), "省级监督抽查", "青砖茶", "不合格", "氟含量",
                  "张三、李四", "已下达整改"])
    sheet.append([2, "恒达茶业", HENGDA, text_day(last_year), "", "米砖茶", "合格", "", "张三、李四", ""])
    sheet.append([3, "恒达茶业", f" {HENGDA} ", f"{recent.year}.{recent.month}.{recent.day}", "监督抽查",
                  "茯砖茶", " 不合格 ", "茶梗含量", "张三 李四", ""])
    if bad_row:
        sheet.append([4, "金塘电子", JINTANG, (today + timedelta(days=1)).isoformat(), "监督抽查", "覆铜板",
                      "合格", "", "张三、王五", ""])
    book.save(path)
    return path


def counts(db: Path) -> tuple[int, int]:
    store = Store.open(db)
    try:
        return (store.db.execute("SELECT count(*) FROM visit").fetchone()[0],
                store.db.execute("SELECT count(*) FROM sample").fetchone()[0])
    finally:
        store.close()


def test_a_messy_ledger_gives_the_firms_their_history(capsys, tmp_path: Path) -> None:
    db, today = tmp_path / "county.db", date.today()
    county(db)
    store = Store.open(db)
    hengda = find_enterprise_by_uscc(store, HENGDA)
    assert "从未实施检查（+20）" in risk_for(store, hengda.id).reasons  # what the county saw
    store.close()
    ledger = messy_ledger(tmp_path / "抽查台账_2025.xlsx", today)
    report = tmp_path / "结果.xlsx"

    assert main(["roster", "import", str(ledger), "--kind", "checks", "--db", str(db),
                 "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "新增检查记录 2 条（样品 3 个）" in out and "有问题未导入 1 行" in out
    # the refused row says where and why, and what to do
    assert "第7行“检查日期”：检查日期" in out and "晚于今天" in out
    assert "第7行“检查人员”：“王五”不在执法人员名录中：请先导入执法人员名录" in out
    lines = [[c.value for c in row] for row in load_workbook(report)["导入结果"].iter_rows(min_row=2)]
    assert [7, JINTANG, "金塘电子", "未导入", "检查人员"] in [line[:5] for line in lines]

    store = Store.open(db, author="inspector-b")
    try:
        hengda = find_enterprise_by_uscc(store, HENGDA)
        reasons = risk_for(store, hengda.id).reasons
        assert not any("从未实施检查" in r for r in reasons)
        assert any("不合格2批次" in r for r in reasons), reasons
        visits = list(store.db.query("SELECT * FROM visit ORDER BY visit_date"))
        assert [(v["kind"], v["status"]) for v in visits] == [("spot_check", "done")] * 2
        first = store.db.execute("SELECT group_concat(product_name || ':' || result, ' ') FROM sample "
                                 "WHERE visit_id = ?", [visits[0]["id"]]).fetchone()[0]
        assert first == "青砖茶:fail 米砖茶:pass"  # one firm, one day: one visit, two samples
        # the six-month rule sees the ledger's failure when the inspector checks the product again
        again = Visit(enterprise_id=hengda.id, visit_date=today.isoformat(), kind="spot_check",
                      inspectors=json.loads(visits[1]["inspectors"]), status="draft")
        warned = repeat_check_warnings(store, again, [Sample(product_name="茯砖茶")])
        assert warned and "6个月内" in warned[0].text("zh")
        assert find_enterprise_by_uscc(store, JINTANG) is not None
        assert store.db.execute("SELECT count(*) FROM visit WHERE enterprise_id = ?",
                                [find_enterprise_by_uscc(store, JINTANG).id]).fetchone()[0] == 0
    finally:
        store.close()

    # the same ledger again: nothing doubled
    before = counts(db)
    assert main(["roster", "import", str(ledger), "--kind", "checks", "--db", str(db)]) == 0
    assert "新增检查记录 0 条（样品 0 个），已在系统中 3 行" in capsys.readouterr().out
    assert counts(db) == before


def test_refusals_write_nothing(capsys, tmp_path: Path) -> None:
    db, today = tmp_path / "county.db", date.today()
    county(db)
    # a firm not on file: the row is refused, saying to import the enterprise list first
    book = Workbook()
    book.active.append(HEADER)
    book.active.append([1, "x", UNKNOWN, "2025-03-05", "", "管材", "合格", "", "张三、李四", ""])
    book.save(tmp_path / "unknown.xlsx")
    assert main(["roster", "import", str(tmp_path / "unknown.xlsx"), "--kind", "checks",
                 "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"第2行“统一社会信用代码”：统一社会信用代码为 {UNKNOWN} 的企业不在系统中：请先导入企业名录" in out
    assert counts(db) == (0, 0)
    assert not list((tmp_path / "backups").glob("*import*"))
    # a failed sample without its failed items: the visit editor's own rule, under its column
    book = Workbook()
    book.active.append(HEADER)
    book.active.append([1, "x", HENGDA, "2025-03-05", "", "砖茶", "不合格", "", "张三、李四", ""])
    book.save(tmp_path / "items.xlsx")
    assert main(["roster", "import", str(tmp_path / "items.xlsx"), "--kind", "checks", "--db", str(db)]) == 0
    assert "第2行“不合格项目”：不合格项目不能为空" in capsys.readouterr().out
    assert counts(db) == (0, 0)
    # a dry run of a good ledger writes nothing either
    ledger = messy_ledger(tmp_path / "l.xlsx", today, bad_row=False)
    assert main(["roster", "import", str(ledger), "--kind", "checks", "--db", str(db), "--dry-run"]) == 0
    assert "检查完成（未写入）" in capsys.readouterr().out and counts(db) == (0, 0)
    # an enterprise list given as a ledger: one line on stderr, nothing written
    book = Workbook()
    book.active.append(["统一社会信用代码", "企业名称", "所属县市区"])
    book.active.append([HENGDA, "恒达", "通城县"])
    book.save(tmp_path / "名录.xlsx")
    assert main(["roster", "import", str(tmp_path / "名录.xlsx"), "--kind", "checks", "--db", str(db)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "缺少必需的列" in err[0] and "检查日期" in err[0]
    assert counts(db) == (0, 0)


def test_template_says_what_is_imported_and_what_is_not(capsys, tmp_path: Path) -> None:
    out = tmp_path / "tpl.xlsx"
    assert main(["roster", "template", "--kind", "checks", "--out", str(out)]) == 0
    assert "抽查台账模板" in capsys.readouterr().out
    book = load_workbook(out)
    heads = [c.value for c in book["抽查台账"][1]]
    assert heads[:4] == ["统一社会信用代码*", "企业名称", "检查日期*", "检查类型"]
    notes = " ".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    assert "先导入企业名录" in notes and "整改台账" in notes and "下达整改" in notes


# --- the dialog (文件 ▸ 导入抽查台账…) -----------------------------------------------------------

def test_file_menu_imports_a_ledger(qtbot, paths, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from qcdesk.ui import app as app_module
    from qcdesk.ui import roster_import_dialog

    db = tmp_path / "menu.db"
    county(db)
    ledger = messy_ledger(tmp_path / "台账.xlsx", date.today())
    dialogs: list = []

    def run(dialog) -> int:  # noqa: ANN001 - what the clerk does in the dialog
        dialogs.append(dialog.windowTitle())
        dialog.load_file(ledger)
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
        cells = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
        dialogs.append(cells)
        with qtbot.waitSignal(dialog.imported, timeout=15000):
            dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.job.done, timeout=15000)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(roster_import_dialog.CheckLedgerImportDialog, "exec", run)
    args = argparse.Namespace(demo=False, db=db, lang="zh_CN")
    shell = app_module.start_shell(args, paths, ask_inspector=False)
    qtbot.addWidget(shell.window)
    QApplication.instance().setProperty("author", "clerk-uuid")  # the inspector who chose themself
    try:
        action = shell.window.tools.actions["check_import"]
        assert action in shell.window.file_menu.actions() and action.isEnabled()
        assert action.text() == "导入抽查台账(&D)…"
        action.trigger()
        assert dialogs[0] == "导入抽查台账"
        # a new row says its day and product (one firm's samples are told apart), its result and
        # the organiser it was read as (what the clerk checks before pressing 导入)
        day = date(date.today().year - 1, 9, 3).isoformat()
        assert ["4", "新增", HENGDA, "通城县恒达茶业有限公司", "",
                f"{day} 青砖茶，不合格：氟含量，组织单位：咸宁市市场监督管理局"] in dialogs[1]
        refused = [line for line in dialogs[1] if line[0] == "7"]
        assert refused and all(line[1] == "未导入" for line in refused)
        assert {"检查日期", "检查人员"} <= {line[4] for line in refused}
    finally:
        QApplication.instance().setProperty("author", "")
        shell.window.close()
        shell.shutdown()
    assert counts(db) == (2, 3)
    store = Store.open(db)
    try:  # the records carry the importing user
        assert {r[0] for r in store.db.execute("SELECT author FROM visit UNION SELECT author FROM sample")} \
            == {"clerk-uuid"}
    finally:
        store.close()


def test_two_batches_of_one_product_on_one_day_are_two_samples(capsys, tmp_path: Path) -> None:
    """Rows told apart by their 抽样单编号 are two samples; fixed later, the second is still added."""
    db = tmp_path / "county.db"
    county(db)
    heads = [*HEADER[:4], "抽样单编号", *HEADER[5:]]
    first = [1, "x", HENGDA, "2025-03-05", "SC2025-001", "青砖茶", "合格", "", "张三、李四", ""]
    second = [2, "x", HENGDA, "2025-03-05", "SC2025-002", "青砖茶", "不合格", "", "张三、李四", ""]
    book = Workbook()
    for row in (heads, first, second):  # the second lacks its failed items: refused
        book.active.append(row)
    book.save(tmp_path / "a.xlsx")
    assert main(["roster", "import", str(tmp_path / "a.xlsx"), "--kind", "checks", "--db", str(db)]) == 0
    assert "第3行“不合格项目”" in capsys.readouterr().out and counts(db) == (1, 1)
    second[7] = "水分"
    book = Workbook()
    for row in (heads, first, second):
        book.active.append(row)
    book.save(tmp_path / "b.xlsx")
    assert main(["roster", "import", str(tmp_path / "b.xlsx"), "--kind", "checks", "--db", str(db)]) == 0
    assert "样品 1 个），已在系统中 1 行" in capsys.readouterr().out and counts(db) == (2, 2)


def test_a_result_other_than_the_one_on_file_is_refused_not_passed_over(capsys, tmp_path: Path) -> None:
    """A ledger saying 合格 for a sample on file as 不合格 (same firm, day, product): the county
    must learn the two disagree, not read it as 已在系统中."""
    db = tmp_path / "county.db"
    county(db)

    def ledger(name: str, result: str, failed: str) -> str:
        book = Workbook()
        book.active.append(HEADER)
        book.active.append([1, "恒达茶业", HENGDA, "2025-09-03", "监督抽查", "青砖茶", result, failed,
                            "张三、李四", ""])
        book.save(tmp_path / name)
        return str(tmp_path / name)

    for name, result, failed in (("a.xlsx", "不合格", "氟含量"), ("b.xlsx", "不合格", "氟含量")):
        assert main(["roster", "import", ledger(name, result, failed), "--kind", "checks",
                     "--db", str(db)]) == 0
    assert "已在系统中 1 行" in capsys.readouterr().out and counts(db) == (1, 1)
    assert main(["roster", "import", ledger("c.xlsx", "合格", ""), "--kind", "checks", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "第2行“检验结论”：系统中已有该样品（2025-09-03“青砖茶”），检验结论为“不合格”，" \
           "与本行的“合格”不同" in out, out
    assert "已在系统中 0 行" in out and counts(db) == (1, 1)


def test_a_ledger_kept_one_sheet_a_year_is_read_whole(capsys, tmp_path: Path) -> None:
    """Each year on its own sheet: every sheet is read, a refusal names its sheet, and a column
    the import does not take (风险等级) is said to be left out."""
    db = tmp_path / "county.db"
    county(db)
    book = Workbook()
    firsts = (("2024年", [1, "x", HENGDA, "2024-05-06", "", "青砖茶", "不合格", "氟", "张三、李四", ""]),
              ("2025年", [1, "x", JINTANG, "2025-04-01", "", "覆铜板", "合格", "", "张三、赵六", ""]))
    for title, row in firsts:
        sheet = book.create_sheet(title)
        sheet.append([*HEADER, "风险等级"])
        sheet.append([*row, "C"])
        sheet.append([2, "x", JINTANG, "2025-06-01" if title == "2025年" else "2024-06-01", "", "铝基板",
                      "合格", "", "张三、李四", "", "B"])
    del book["Sheet"]
    book.save(tmp_path / "历年抽查台账.xlsx")
    report = tmp_path / "r.xlsx"
    assert main(["roster", "import", str(tmp_path / "历年抽查台账.xlsx"), "--kind", "checks", "--db", str(db),
                 "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "已读取工作表：“2024年”、“2025年”" in out and "未读取的列：风险等级" in out
    assert "工作表“2025年”第2行“检查人员”：“赵六”不在执法人员名录中" in out
    assert "新增检查记录 3 条（样品 3 个）" in out and counts(db) == (3, 3)
    lines = [[c.value for c in row] for row in load_workbook(report)["导入结果"].iter_rows(min_row=2)]
    assert ["2025年", 2, JINTANG, "x", "未导入", "检查人员"] in [line[:6] for line in lines]


def test_a_plan_overtaken_by_the_same_ledger_imported_meanwhile_adds_nothing(capsys, tmp_path: Path) -> None:
    """Review (imports): the import window checked a ledger; the same ledger was imported from the
    command line meanwhile; then 导入 in the window added every sample a second time (visits 10 →
    26). Now the write sees what is on file at that moment, refuses in one line and writes nothing."""
    from qcdesk.models.check_ledger import apply_check_plan, plan_check_import
    from qcdesk.models.roster import RosterFileError

    db, today = tmp_path / "county.db", date.today()
    county(db)
    ledger = messy_ledger(tmp_path / "抽查台账.xlsx", today, bad_row=False)
    window = Store.open(db, author="clerk")
    try:
        plan = plan_check_import(window, ledger)  # the window's check
        assert plan.count("add") == 3
        assert main(["roster", "import", str(ledger), "--kind", "checks", "--db", str(db)]) == 0
        capsys.readouterr()
        before = counts(db)
        try:
            apply_check_plan(window, plan)
        except RosterFileError as exc:
            said = str(exc)
            assert "在检查文件之后已录入系统" in said and "请重新选择文件检查后再导入" in said, said
        else:
            raise AssertionError("a stale plan was written")
        assert counts(db) == before == (2, 3)
        again = plan_check_import(window, ledger)  # checked again: nothing left to add
        assert again.count("add") == 0 and again.count("unchanged") == 3
    finally:
        window.close()
