"""A county brings its open rectification orders (整改台账) in on day one: before, nothing could
import them, so the dashboard's 逾期整改 and the warnings missed every running order. The ledger
import (`roster import --kind orders`, 文件 ▸ 导入整改台账…) makes each open order through the
order's own rules; closed ones are refused (they would need an invented re-check visit); a
re-import adds nothing; a row with no failed sample on file is refused by sheet, row and column."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook

from qcdesk.cli import main
from qcdesk.models.dashboard_queries import dashboard_figures
from qcdesk.models.enterprises import find_enterprise_by_uscc, save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings

HENGDA, JINTANG = "91421222MA4PJ5BUX4", "91421221MA4E3XHX15"
HEADER = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "抽样单编号",
    "抽样日期",
    "产品名称",
    "不合格项目",
    "下达日期",
    "整改期限",
    "文号",
    "整改状态",
    "备注",
]


def cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def county(db: Path, tmp_path: Path, today: date) -> tuple[date, date]:
    """Firms, inspectors, and the spot-check ledger imported: two failed samples, one passed."""
    store = Store.open(db, author="setup")
    try:
        save_enterprise(
            store, Enterprise(uscc=HENGDA, name="通城县恒达茶业有限公司", jurisdiction_code="421222")
        )
        save_enterprise(
            store, Enterprise(uscc=JINTANG, name="通城县金塘电子基材有限公司", jurisdiction_code="421222")
        )
        save_inspector(store, Inspector(name="张三", cert_no="42122200001", jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="李四", cert_no="42122200002", jurisdiction_code="421222"))
    finally:
        store.close()
    old, recent = today - timedelta(days=200), today - timedelta(days=40)
    book = Workbook()
    book.active.append(
        ["统一社会信用代码", "抽样日期", "抽样单编号", "产品名称", "检验结论", "不合格项目", "检查人员"]
    )
    book.active.append([HENGDA, old.isoformat(), "SC-001", "青砖茶", "不合格", "氟含量", "张三、李四"])
    book.active.append([HENGDA, old.isoformat(), "SC-002", "米砖茶", "合格", "", "张三、李四"])
    book.active.append([HENGDA, recent.isoformat(), "", "茯砖茶", "不合格", "茶梗含量", "张三、李四"])
    book.save(tmp_path / "抽查台账.xlsx")
    assert (
        main(["roster", "import", str(tmp_path / "抽查台账.xlsx"), "--kind", "checks", "--db", str(db)]) == 0
    )
    return old, recent


def ledger(path: Path, old: date, recent: date, bad_rows: bool = True) -> Path:
    """A merged title, a 填报单位 line, the header on row 3, dates in several forms."""
    ordered_old, ordered_recent = old + timedelta(days=3), recent + timedelta(days=2)
    book = Workbook()
    sheet = book.active
    sheet.title = "2025年整改"
    sheet["A1"] = "通城县责令整改台账"
    sheet.merge_cells("A1:L1")
    sheet["A2"] = "填报单位：通城县市场监督管理局"
    sheet.append(HEADER)
    # 4: an open order long past its deadline (the deadline typed as the ledger shows it)
    sheet.append(
        [
            1,
            "恒达茶业",
            HENGDA,
            "SC-001",
            "",
            "青砖茶",
            "氟含量",
            cn(ordered_old),
            (ordered_old + timedelta(days=60)).strftime("%Y.%m.%d"),
            "12",
            "整改中",
            "电话催办",
        ]
    )
    # 5: the sample named by day and product; the enterprise reported in time
    sheet.append(
        [
            2,
            "恒达茶业",
            f" {HENGDA} ",
            "",
            recent.isoformat(),
            "茯砖茶",
            "",
            ordered_recent.isoformat(),
            "",
            "",
            f"企业已报告（{(ordered_recent + timedelta(days=10)).isoformat()}）",
            "",
        ]
    )
    if bad_rows:
        # 6: no failed sample on file for this firm: the spot-check ledger comes first
        sheet.append(
            [
                3,
                "金塘电子",
                JINTANG,
                "",
                recent.isoformat(),
                "覆铜板",
                "",
                recent.isoformat(),
                "",
                "",
                "整改中",
                "",
            ]
        )
        # 7: a closed order: need not be imported, and a re-check visit is not invented
        sheet.append(
            [4, "恒达茶业", HENGDA, "SC-002", "", "米砖茶", "", old.isoformat(), "", "", "已复查合格", ""]
        )
        # 8: the order follows a sample that passed
        sheet.append(
            [5, "恒达茶业", HENGDA, "SC-002", "", "米砖茶", "", old.isoformat(), "", "", "整改中", ""]
        )
    book.save(path)
    return path


def orders(db: Path) -> list[tuple]:
    store = Store.open(db)
    try:
        return store.db.execute(
            "SELECT status, notice_no, ordered_on, deadline, report_submitted_on "
            "FROM rectification ORDER BY ordered_on"
        ).fetchall()
    finally:
        store.close()


def test_a_messy_ledger_brings_the_open_orders_and_their_lateness(capsys, tmp_path: Path) -> None:
    db, today = tmp_path / "county.db", date.today()
    old, recent = county(db, tmp_path, today)
    capsys.readouterr()
    path = ledger(tmp_path / "整改台账.xlsx", old, recent)
    report = tmp_path / "结果.xlsx"
    assert (
        main(["roster", "import", str(path), "--kind", "orders", "--db", str(db), "--report", str(report)])
        == 0
    )
    out = capsys.readouterr().out
    assert "新增整改 2 项" in out and "已结案未导入 1 行，有问题未导入 2 行" in out
    assert "第6行“产品名称”：系统中没有该企业" in out and "请先导入抽查台账" in out
    assert "第7行“状态”：状态为“已复查合格”：已结案（或已撤销）的整改无需导入" in out
    assert "第8行“抽样单编号”" in out and "“合格”，不是不合格" in out
    lines = [[c.value for c in row] for row in load_workbook(report)["导入结果"].iter_rows(min_row=2)]
    assert [6, JINTANG, "金塘电子", "未导入", "产品名称"] in [line[:5] for line in lines]

    ordered_old, ordered_recent = old + timedelta(days=3), recent + timedelta(days=2)
    assert orders(db) == [
        (
            "open",
            f"咸市监质改〔{ordered_old.year}〕12号",
            ordered_old.isoformat(),
            (ordered_old + timedelta(days=60)).isoformat(),
            None,
        ),
        (
            "report_submitted",
            "",
            ordered_recent.isoformat(),
            (ordered_recent + timedelta(days=60)).isoformat(),
            (ordered_recent + timedelta(days=10)).isoformat(),
        ),
    ]
    # the dashboard and the warnings now see the running orders, and the late one
    store = Store.open(db)
    try:
        figures = dashboard_figures(store, today)
        assert figures.rectifications_open == 2 and figures.rectifications_overdue == 1
        late = early_warnings(store, today, kinds=("rectification_overdue",))
        assert [(w.uscc, w.subject) for w in late] == [(HENGDA, f"咸市监质改〔{ordered_old.year}〕12号")]
        hengda = find_enterprise_by_uscc(store, HENGDA)
        assert hengda is not None
    finally:
        store.close()

    # the same ledger again: nothing doubled
    before = orders(db)
    assert main(["roster", "import", str(path), "--kind", "orders", "--db", str(db)]) == 0
    assert "新增整改 0 项，已在系统中 2 行" in capsys.readouterr().out
    assert orders(db) == before


def test_refusals_and_dry_runs_write_nothing(capsys, tmp_path: Path) -> None:
    db, today = tmp_path / "county.db", date.today()
    old, recent = county(db, tmp_path, today)
    capsys.readouterr()
    backups = set((tmp_path / "backups").glob("*import*"))
    # only rows refused: nothing written, no import snapshot
    book = Workbook()
    book.active.append(HEADER)
    book.active.append(
        [1, "x", JINTANG, "", recent.isoformat(), "覆铜板", "", recent.isoformat(), "", "", "", ""]
    )
    # a deadline no rule set gives: refused at its column, saying the rule's date
    book.active.append(
        [
            2,
            "x",
            HENGDA,
            "SC-001",
            "",
            "",
            "",
            old.isoformat(),
            (old + timedelta(days=45)).isoformat(),
            "",
            "",
            "",
        ]
    )
    book.save(tmp_path / "bad.xlsx")
    assert main(["roster", "import", str(tmp_path / "bad.xlsx"), "--kind", "orders", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "第2行“产品名称”：系统中没有该企业" in out
    assert (
        f"第3行“整改期限”：整改期限（{(old + timedelta(days=45)).isoformat()}，下达后45天）与期限规则不符"
        in out
    )
    assert (old + timedelta(days=60)).isoformat() in out
    assert orders(db) == [] and set((tmp_path / "backups").glob("*import*")) == backups
    # a dry run of a good ledger writes nothing either
    path = ledger(tmp_path / "l.xlsx", old, recent, bad_rows=False)
    assert main(["roster", "import", str(path), "--kind", "orders", "--db", str(db), "--dry-run"]) == 0
    assert "检查完成（未写入）：共 2 行，将新增整改 2 项" in capsys.readouterr().out and orders(db) == []
    # the same 文号 on two rows: the second is refused, as the order dialog refuses it. Both
    # ordered in the same year: a bare "7" takes the year of its 下达日期, and `old` and `recent`
    # (200 and 40 days ago) fall in different years from about 10 February to 19 July
    book = Workbook()
    book.active.append(HEADER)
    book.active.append([1, "x", HENGDA, "SC-001", "", "", "", recent.isoformat(), "", "7", "", ""])
    book.active.append(
        [2, "x", HENGDA, "", recent.isoformat(), "茯砖茶", "", recent.isoformat(), "", "7", "", ""]
    )
    book.save(tmp_path / "twice.xlsx")
    assert main(["roster", "import", str(tmp_path / "twice.xlsx"), "--kind", "orders", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "第3行“通知书文号”：文号 咸市监质改" in out and "与第2行相同" in out
    assert len(orders(db)) == 1


def test_template_says_what_is_imported_and_what_is_not(capsys, tmp_path: Path) -> None:
    out = tmp_path / "tpl.xlsx"
    assert main(["roster", "template", "--kind", "orders", "--out", str(out)]) == 0
    assert "整改台账模板" in capsys.readouterr().out
    book = load_workbook(out)
    heads = [c.value for c in book["整改台账"][1]]
    assert heads[0] == "统一社会信用代码*" and "下达日期*" in heads
    notes = " ".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    assert "抽查台账" in notes and "已结案" in notes and "逾期整改" in notes


# --- the dialog (文件 ▸ 导入整改台账…) -----------------------------------------------------------


def test_file_menu_imports_a_ledger(qtbot, paths, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from qcdesk.ui import app as app_module
    from qcdesk.ui import roster_import_dialog

    db, today = tmp_path / "menu.db", date.today()
    old, recent = county(db, tmp_path, today)
    path = ledger(tmp_path / "台账.xlsx", old, recent)
    dialogs: list = []

    def run(dialog) -> int:  # noqa: ANN001 - what the clerk does in the dialog
        dialogs.append(dialog.windowTitle())
        dialog.load_file(path)
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
        cells = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
        dialogs.append(cells)
        with qtbot.waitSignal(dialog.imported, timeout=15000):
            dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.job.done, timeout=15000)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(roster_import_dialog.OrderLedgerImportDialog, "exec", run)
    args = argparse.Namespace(demo=False, db=db, lang="zh_CN")
    shell = app_module.start_shell(args, paths, ask_inspector=False)
    qtbot.addWidget(shell.window)
    QApplication.instance().setProperty("author", "clerk-uuid")
    try:
        action = shell.window.tools.actions["order_import"]
        assert action in shell.window.file_menu.actions() and action.isEnabled()
        assert action.text() == "导入整改台账(&G)…"
        action.trigger()
        assert dialogs[0] == "导入整改台账"
        # a new row says its notice number and deadline: one firm's orders are told apart
        ordered = old + timedelta(days=3)
        due = (ordered + timedelta(days=60)).isoformat()
        assert ["4", "新增", HENGDA, "通城县恒达茶业有限公司", "",
                f"咸市监质改〔{ordered.year}〕12号，整改期限至 {due}"] in dialogs[1]
        refused = [line for line in dialogs[1] if line[0] == "6"]
        assert refused and refused[0][1] == "未导入" and refused[0][4] == "产品名称"
    finally:
        QApplication.instance().setProperty("author", "")
        shell.window.close()
        shell.shutdown()
    assert len(orders(db)) == 2
    store = Store.open(db)
    try:  # the orders carry the importing user
        assert {r[0] for r in store.db.execute("SELECT author FROM rectification")} == {"clerk-uuid"}
    finally:
        store.close()
