"""The inspector register (执法人员名录) imported from a spreadsheet as a county office has it:
a messy GBK CSV, an xlsx with a merged title and two-row header, re-imports, a 执法证号 given
twice or held by someone else; the CLI (`roster import --kind inspectors`) and the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from qcdesk.cli import main
from qcdesk.models.inspections import roster, save_inspector
from qcdesk.models.inspector_roster import (
    apply_inspector_plan,
    plan_inspector_import,
    resolve_unit,
    write_template,
)
from qcdesk.models.records import Inspector
from qcdesk.models.roster import RosterFileError
from qcdesk.models.store import Store

MESSY_CSV = [
    "咸宁市执法人员名录（双随机）,,,",
    "序号,执法人员姓名,执法证件号,县（市、区）,在岗",
    "1,张　三,42122119001,嘉鱼县市场监督管理局,在岗",
    ",,,,",
    "2,李四, 4212 2119 002 ,421222,否",
    "3,王五,42120019003,咸宁市咸安区市场监管局,",
    ",合计 3人,,,",
]


def people(store: Store) -> dict[str, tuple[str, str, int]]:
    """执法证号 -> (name, unit code, active) of every live inspector."""
    return {p.cert_no: (p.name, p.jurisdiction_code, p.active) for p in roster(store, active_only=False)}


def gbk_csv(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\r\n".join(lines).encode("gbk") + b"\r\n")
    return path


def merged_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """A merged title; 执法人员 merged over 姓名 / 执法证号, the other headings merged down."""
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "通城县市场监督管理局执法人员名录"
    sheet.merge_cells("A1:E1")
    sheet.append(["序号", "执法人员", None, "所属单位", "状态"])
    sheet.append([None, "姓名", "执法证号", None, None])
    for column in "ADE":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("B2:C2")
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_messy_gbk_csv_imports_every_person_once(store: Store, tmp_path: Path) -> None:
    plan = plan_inspector_import(store, gbk_csv(tmp_path / "名录.csv", MESSY_CSV))
    assert [i.text() for i in plan.issues if not i.warning] == []
    assert plan.total_rows == 3 and plan.count("add") == 3
    assert any(i.rule == "inspector_roster.totals_row" and i.row == 7 for i in plan.issues)
    result = apply_inspector_plan(store, plan)
    assert result.added == 3
    assert people(store) == {"42122119001": ("张三", "421221", 1),  # padding of the name dropped
                             "42122119002": ("李四", "421222", 0),
                             "42120019003": ("王五", "421202", 1)}


def test_an_xlsx_with_a_merged_two_row_header_imports(store: Store, tmp_path: Path) -> None:
    path = merged_xlsx(tmp_path / "tc.xlsx", [[1, "赵六", 42122219011, "通城县", "在岗"],
                                              [2, "钱七", "42122219012", "421222", "不在岗"]])
    plan = plan_inspector_import(store, path)
    # 赵六's number is a number cell: imported, with the warning that a leading 0 may be gone
    assert [i.text() for i in plan.issues] == [
        "第4行“执法证号”：执法证号被存成了数字，开头的0可能已丢失；"
        "请把该列设为文本后重新填写（读到的是 42122219011）"]
    assert all(i.warning for i in plan.issues)
    apply_inspector_plan(store, plan)
    assert people(store) == {"42122219011": ("赵六", "421222", 1), "42122219012": ("钱七", "421222", 0)}


def test_a_reimport_updates_and_never_duplicates(store: Store, tmp_path: Path) -> None:
    apply_inspector_plan(store, plan_inspector_import(store, gbk_csv(tmp_path / "a.csv", MESSY_CSV)))
    again = [line.replace("否", "在岗").replace("421222", "赤壁市") for line in MESSY_CSV]
    plan = plan_inspector_import(store, gbk_csv(tmp_path / "b.csv", again))
    assert (plan.count("add"), plan.count("update"), plan.count("unchanged")) == (0, 1, 2)
    (changed,) = [r for r in plan.rows if r.action == "update"]
    assert changed.changes == {"unit": ("通城县", "赤壁市"), "active": ("不在岗", "在岗")}
    result = apply_inspector_plan(store, plan)
    assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
    assert len(people(store)) == 3 and people(store)["42122119002"] == ("李四", "421281", 1)
    assert store.db.execute("SELECT count(*) FROM inspector").fetchone()[0] == 3


def test_a_certificate_number_on_two_rows_is_refused_with_the_first_row(store: Store, tmp_path: Path
                                                                        ) -> None:
    lines = ["姓名,执法证号,所属单位", "张三,42122119001,嘉鱼县", "张三丰,42122119001,嘉鱼县"]
    plan = plan_inspector_import(store, gbk_csv(tmp_path / "d.csv", lines))
    (issue,) = [i for i in plan.issues if not i.warning]
    assert issue.row == 3 and issue.rule == "inspector_roster.duplicate_in_file"
    assert "与第2行重复" in issue.text() and issue.text().startswith("第3行“执法证号”")
    assert "row 2" in issue.text("en")
    apply_inspector_plan(store, plan)
    assert people(store) == {"42122119001": ("张三", "421221", 1)}


def test_a_number_another_live_inspector_holds_is_refused_naming_them(store: Store, tmp_path: Path
                                                                      ) -> None:
    save_inspector(store, Inspector(name="李明", cert_no="42120019001", jurisdiction_code="421221"))
    lines = ["姓名,执法证号,所属单位", "周八,42120019001,嘉鱼县"]
    plan = plan_inspector_import(store, gbk_csv(tmp_path / "t.csv", lines))
    (issue,) = plan.issues
    assert "属于 李明（嘉鱼县）" in issue.text() and plan.rows == []
    assert apply_inspector_plan(store, plan).skipped == 1
    assert people(store) == {"42120019001": ("李明", "421221", 1)}


def test_bad_units_and_missing_numbers_are_reported_by_row(store: Store, tmp_path: Path) -> None:
    lines = ["姓名,证号,单位,状态", "甲,,嘉鱼县,在岗", "乙,4212001,武汉市,在岗", "丙,4212002,崇阳,出差"]
    plan = plan_inspector_import(store, gbk_csv(tmp_path / "u.csv", lines))
    assert [(i.row, i.rule, i.warning) for i in plan.issues] == [
        (2, "inspector_roster.cert_required", False), (3, "inspector_roster.unit_unknown", False),
        (4, "inspector_roster.status_unknown", True)]
    assert [(r.inspector.name, r.inspector.jurisdiction_code, r.inspector.active) for r in plan.rows] == [
        ("丙", "421223", 1)]


@pytest.mark.parametrize(("text", "code"), [
    ("嘉鱼县市场监督管理局", "421221"), ("咸宁高新区市场监督管理局", "421202-HTZ"),
    ("咸宁市市场监督管理局", "421200"),
    ("赤壁", "421281"), ("咸宁市咸安区市场监督管理局", "421202"), ("421224", "421224")])
def test_units_by_name_bureau_or_code(text: str, code: str) -> None:
    unit = resolve_unit(text)
    assert unit is not None and unit.code == code


def test_a_list_without_a_certificate_column_says_what_to_do(store: Store, tmp_path: Path) -> None:
    with pytest.raises(RosterFileError) as caught:
        plan_inspector_import(store, gbk_csv(tmp_path / "m.csv", ["姓名,所属单位", "张三,嘉鱼县"]))
    assert "缺少必需的列：执法证号" in str(caught.value) and "--kind inspectors" in str(caught.value)


def test_the_template_reimports_and_keeps_numbers_as_text(store: Store, tmp_path: Path) -> None:
    path = write_template(tmp_path / "tpl.xlsx")
    book = load_workbook(path)
    sheet = book["执法人员名录"]
    assert [c.value for c in sheet[1]] == ["姓名*", "执法证号*", "所属单位*", "状态"]
    assert sheet["B2"].number_format == "@"
    sheet.append(["孙九", "0042120019009", "通山县", "在岗"])
    book.save(path)
    apply_inspector_plan(store, plan_inspector_import(store, path))
    assert people(store) == {"0042120019009": ("孙九", "421224", 1)}


# --- the command line ------------------------------------------------------------------------

def test_cli_imports_inspectors_and_leaves_enterprises_alone(capsys, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    path = gbk_csv(tmp_path / "名录.csv", MESSY_CSV)
    assert main(["roster", "import", str(path), "--kind", "inspectors", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "新增 3 人" in out and "合计行" in out
    store = Store.open(db)
    try:
        assert len(people(store)) == 3
        assert store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0] == 0
    finally:
        store.close()
    assert main(["roster", "import", str(path), "--kind", "inspectors", "--db", str(db)]) == 0
    again = capsys.readouterr().out
    assert "新增 0 人" in again and "无变化 3 人" in again


def test_cli_template_and_a_list_of_the_wrong_kind(capsys, tmp_path: Path) -> None:
    out = tmp_path / "tpl.xlsx"
    assert main(["roster", "template", "--kind", "inspectors", "--out", str(out)]) == 0
    assert "执法人员名录模板" in capsys.readouterr().out
    db = tmp_path / "w.db"
    # an enterprise list given as an inspector register: one line on stderr, nothing written
    lines = ["统一社会信用代码,企业名称,所属县市区", "91421281MA4KL5FE07,赤壁市洞庄茶业有限公司,赤壁市"]
    assert main(["roster", "import", str(gbk_csv(tmp_path / "e.csv", lines)), "--kind", "inspectors",
                 "--db", str(db)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "执法人员名录" in err[0]


# --- the dialog (文件 ▸ 导入执法人员名录…) -------------------------------------------------------

def test_dialog_previews_then_imports_off_the_gui_thread(qtbot, store: Store, tmp_path: Path, chinese
                                                         ) -> None:
    from qcdesk.ui.roster_import_dialog import InspectorImportDialog

    save_inspector(store, Inspector(name="李明", cert_no="42120019001", jurisdiction_code="421221"))
    lines = [*MESSY_CSV[:3], "4,周八,42120019001,嘉鱼县,在岗"]
    dialog = InspectorImportDialog(store, lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "导入执法人员名录"
    assert dialog.table.horizontalHeaderItem(2).text() == "执法证号"
    dialog.load_file(gbk_csv(tmp_path / "名录.csv", lines))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
    assert len(people(store)) == 1  # the preview writes nothing
    cells = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
    assert ["3", "新增", "42122119001", "张三", "", ""] in cells
    refused = next(line for line in cells if line[0] == "4")
    assert refused[1] == "未导入" and refused[4] == "执法证号" and "李明（嘉鱼县）" in refused[5]
    with qtbot.waitSignal(dialog.imported, timeout=15000) as imported:
        dialog.import_button.click()
    assert (imported.args[0].added, imported.args[0].skipped) == (1, 1)
    assert "1" in dialog.summary.text() and not dialog.import_button.isEnabled()
    assert people(store) == {"42120019001": ("李明", "421221", 1), "42122119001": ("张三", "421221", 1)}
    backups = list((tmp_path / "backups").glob("*import*"))
    assert backups, "a snapshot is taken before the register is written"


def test_file_menu_opens_the_inspector_import(qtbot, paths, tmp_path: Path, monkeypatch) -> None:
    import argparse

    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui import app as app_module
    from qcdesk.ui import roster_import_dialog

    Store.open(tmp_path / "menu.db", author="test").close()
    opened: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(roster_import_dialog.InspectorImportDialog, "exec",
                        lambda self: opened.append(self.windowTitle()) or 0)
    args = argparse.Namespace(demo=False, db=tmp_path / "menu.db", lang="zh_CN")
    shell = app_module.start_shell(args, paths, ask_inspector=False)
    qtbot.addWidget(shell.window)
    try:
        action = shell.window.tools.actions["inspector_import"]
        assert action in shell.window.file_menu.actions() and action.isEnabled()
        assert action.text() == "导入执法人员名录(&N)…"
        action.trigger()
        assert opened == ["导入执法人员名录"]
    finally:
        shell.window.close()
        shell.shutdown()


def test_roster_help_names_both_kinds_of_list(capsys) -> None:  # noqa: ANN001
    """`qcdesk roster --help` described enterprise lists only after --kind inspectors arrived."""
    with pytest.raises(SystemExit):
        main(["roster", "--help"])
    entries = capsys.readouterr().out.split("{template,import}", 1)[1].split("options:", 1)[0]
    template, imported = entries.split("\n    import", 1)
    assert "执法人员" in template and "执法人员" in imported and "csv" in imported


def test_the_city_bureaus_branches_are_filed_under_their_district_or_zone(store: Store, tmp_path: Path
                                                                          ) -> None:
    """A 高新区 or 咸安区 draw left out the branch offices' inspectors: they were filed under 咸宁市."""
    lines = ["姓名,执法证号,所属单位",
             "高一,42120019101,咸宁市市场监督管理局高新区分局",
             "咸二,42120019102,咸宁市市场监督管理局咸安分局",
             "咸三,42120019103,湖北省咸宁市市场监督管理局咸安区分局",
             "市四,42120019104,咸宁市市场监督管理局"]
    apply_inspector_plan(store, plan_inspector_import(store, gbk_csv(tmp_path / "branches.csv", lines)))
    assert people(store) == {"42120019101": ("高一", "421202-HTZ", 1), "42120019102": ("咸二", "421202", 1),
                             "42120019103": ("咸三", "421202", 1), "42120019104": ("市四", "421200", 1)}
