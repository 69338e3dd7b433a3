"""The import dialog stays readable with a real county workbook (E21, review rr-ui 1, 6, 7, E14):
fourteen year sheets with the same columns not read, three town sheets lacking a column. The
counts stay in sight, the notes scroll in a few lines, the table keeps most of the height; a
ledger's dialog speaks of the county's ledger and tells one firm's rows apart; English notes
list names with ", "; a 整改台账 given to the enterprise import is pointed to its own import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.models.roster import plan_roster_import
from qcdesk.models.store import Store
from tests.test_roster_county_ledger import A, B, C, D

EXTRA = ["备注说明（内部）", "企业规模（大中小微）", "年产值（万元）", "职工人数", "所在乡镇街道", "邮政编码",
         "企业网址", "电子邮箱", "传真号码", "上级主管部门", "质量负责人", "质量负责人电话"]
FIRMS = [A, B, C, D]


def long_list(path: Path) -> Path:
    """An enterprise list kept one sheet a year (2012–2025), each with 12 columns not imported,
    and three town sheets without 所属县市区."""
    book = Workbook()
    book.remove(book.active)
    for i in range(14):
        sheet = book.create_sheet(f"{2012 + i}年度企业名录汇总表")
        sheet.append(["统一社会信用代码", "企业名称", "所属县市区", *EXTRA])
        sheet.append([FIRMS[i % 4], f"第{i % 4}公司", "通城县", *["x"] * len(EXTRA)])
    for i in range(3):
        sheet = book.create_sheet(f"乡镇企业补充名单第{i + 1}批")
        sheet.append(["企业名称", "统一社会信用代码", "所在乡镇"])
        sheet.append(["某公司", A, "某镇"])
    book.save(path)
    return path


def test_the_counts_stay_in_sight_and_the_table_keeps_the_room(qtbot, tmp_path: Path) -> None:
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    store = Store.open(tmp_path / "gui.db", author="test")
    try:
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        dialog.resize(1000, 526)  # as it opens on a 1093×566 screen
        dialog.show()
        dialog.load_file(long_list(tmp_path / "名录.xlsx"))
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.import_button.isEnabled(), timeout=15000)
        qtbot.wait(50)
        # the table had 70 of 526 pixels (1½ rows) under a label of every note
        assert dialog.table.height() > dialog.height() / 2
        summary = dialog.summary
        assert summary.text().startswith("14 rows:") and "\n" not in summary.text()
        assert summary.height() >= summary.heightForWidth(summary.width())  # not cut off
        lines = dialog.notes.fontMetrics().lineSpacing()
        assert dialog.notes.isVisible() and dialog.notes.height() <= lines * 5 + 16
        assert dialog.notes.verticalScrollBar().maximum() > 0  # the rest is a scroll away
        notes = dialog.notes.toPlainText()
        assert notes.count("未读取的列") == 1  # said once, not fourteen times
        assert "全部 14 个工作表均未读取的列：备注说明（内部）、企业规模（大中小微）、" in notes
        assert "工作表“乡镇企业补充名单第3批”也像企业名录，但缺少必需的列：所属县市区" in notes
    finally:
        store.close()


def test_columns_not_read_on_some_sheets_name_those_sheets(tmp_path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    for name, extra in (("一", ["备注", "邮编"]), ("二", ["备注", "邮编"]), ("三", []), ("四", ["网址"])):
        sheet = book.create_sheet(name)
        sheet.append(["统一社会信用代码", "企业名称", "所属县市区", *extra])
        sheet.append([A, "A公司", "通城县", *["x"] * len(extra)])
    book.save(tmp_path / "l.xlsx")
    store = Store.open(tmp_path / "s.db", author="test")
    try:
        plan = plan_roster_import(store, tmp_path / "l.xlsx")
    finally:
        store.close()
    unread = [n.text() for n in plan.notes if "未读取" in n.text()]
    assert unread[0].startswith("工作表“一”、“二”均未读取的列：备注、邮编。")
    assert unread[1].startswith("工作表“四”：未读取的列：网址。") and len(unread) == 2
    english = [n.text("en") for n in plan.notes]
    assert "Sheets read: “一”, “二”, “三”, “四”" in english
    assert any(t.startswith("Columns not read on sheets “一”, “二”: 备注, 邮编. ") for t in english)


def test_english_notes_list_names_with_commas(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.db", author="test")
    try:
        plan = plan_roster_import(store, long_list(tmp_path / "名录.xlsx"))
    finally:
        store.close()
    english = [n.text("en") for n in plan.notes]
    assert all("、" not in text.replace("大中小微", "") for text in english), english
    assert any(t.startswith("Columns not read on all 14 sheets: 备注说明（内部）, 企业规模（大中小微）, ")
               for t in english)
    assert [n.text() for n in plan.notes][0].startswith("已读取工作表：“2012年度企业名录汇总表”、“2013年度")


@pytest.mark.parametrize("kind, placeholder, intro", [
    ("CheckLedgerImportDialog", "本县的抽查台账（xlsx、xls、et、ods、csv）", "请选择要导入的抽查台账。"),
    ("OrderLedgerImportDialog", "本县的整改台账（xlsx、xls、et、ods、csv）", "请选择要导入的整改台账。"),
    ("RosterImportDialog", "市局发来的电子表格（xlsx、xls、et、ods、csv）", "请选择要导入的名录。"),
])
def test_a_ledger_dialog_speaks_of_the_countys_ledger(qtbot, tmp_path: Path, kind: str, placeholder: str,
                                                      intro: str) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from qcdesk.ui import roster_import_dialog

    translator = QTranslator()
    qm = Path(__file__).resolve().parents[1] / "resources" / "translations" / "roster_zh_CN.qm"
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    store = Store.open(tmp_path / "s.db", author="test")
    try:
        dialog = getattr(roster_import_dialog, kind)(store, lang="zh")
        qtbot.addWidget(dialog)
        assert dialog.file_edit.placeholderText() == placeholder
        assert dialog.summary.text().startswith(intro)
    finally:
        QCoreApplication.removeTranslator(translator)
        store.close()


def test_a_check_ledgers_new_rows_say_their_day_and_product(qtbot, tmp_path: Path) -> None:
    from qcdesk.models.check_ledger import plan_check_import
    from qcdesk.ui.roster_import_dialog import CheckLedgerImportDialog
    from tests.test_check_ledger import HENGDA, county, messy_ledger

    db = tmp_path / "c.db"
    county(db)
    path = messy_ledger(tmp_path / "台账.xlsx", date.today(), bad_row=False)
    store = Store.open(db, author="test")
    try:
        dialog = CheckLedgerImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        dialog._show_plan(plan_check_import(store, path))
        rows = [[dialog.table.item(r, c).text() for c in (1, 2, 5)] for r in range(dialog.table.rowCount())]
        year = date.today().year - 1
        new = [row[2] for row in rows if row[0] == "New" and row[1] == HENGDA]
        # three rows of one firm: they were three blank 说明 cells (since 2b70461 each goes on with
        # its result and organiser: "…-09-03 青砖茶, fail: 氟含量, organised by …")
        starts = [n.split(",")[0] for n in new]
        assert f"{year}-09-03 青砖茶" in starts and f"{year}-09-03 米砖茶" in starts
        assert len(set(new)) == len(new)
    finally:
        store.close()


def test_a_rectification_ledger_given_to_the_enterprise_import_is_pointed_to_its_own(
        qtbot, tmp_path: Path, monkeypatch, capsys) -> None:
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.cli import main
    from qcdesk.models.enterprises import find_enterprise_by_uscc
    from qcdesk.ui.roster_import_dialog import RosterImportDialog
    from tests.test_order_ledger import HENGDA, county, ledger

    db = tmp_path / "o.db"
    old, recent = county(db, tmp_path, date.today())
    path = ledger(tmp_path / "整改台账.xlsx", old, recent)
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["roster", "import", str(path), "--db", str(db), "--jurisdiction", "421222"]) != 0
    err = capsys.readouterr().err.strip()
    assert "看起来是整改台账" in err and "--kind orders" in err and "--firms-only" in err
    assert len(err.splitlines()) == 1 and db.read_bytes() == before

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.No)
    store = Store.open(db, author="test")
    try:
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        dialog.county.combo.setCurrentIndex(dialog.county.combo.findData("421222"))
        dialog.load_file(path)
        qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
        assert "看起来是整改台账" in dialog.notes.toPlainText()
        dialog.import_button.click()
        assert len(asked) == 1 and "文件 ▸ 导入整改台账…" in asked[0]
        qtbot.wait(200)
        assert dialog.result is None
        assert find_enterprise_by_uscc(store, HENGDA).name == "通城县恒达茶业有限公司"  # not renamed
    finally:
        store.close()


def test_a_ledger_without_a_county_column_is_refused_as_a_ledger(tmp_path: Path, capsys) -> None:
    """A county's 整改台账 has no 所属县市区 either: "lacks 所属县市区, use --jurisdiction" sent the
    clerk to import its firms as an enterprise list."""
    from qcdesk.cli import main
    from tests.test_order_ledger import county, ledger

    db = tmp_path / "o.db"
    old, recent = county(db, tmp_path, date.today())
    path = ledger(tmp_path / "整改台账.xlsx", old, recent)
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["roster", "import", str(path), "--db", str(db)]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and db.read_bytes() == before
    assert "看起来是整改台账（有“下达日期”、“整改期限”、“文号”等列），不是企业名录，未导入" in err
    assert "--kind orders" in err
