"""A mistyped licence number on an enterprise list keeps the licence out, not the enterprise:
the row is imported, the licence is never stored wrong, and the report says so as a note."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook
from test_roster import GOOD, make_roster

from qcdesk.models.enterprises import enterprise_licences, find_enterprise_by_uscc
from qcdesk.models.roster import apply_roster_plan, plan_roster_import, write_report
from qcdesk.models.store import Store

PIPES = ("91421221MA4E3XHX15", "嘉鱼县鑫源管业有限公司", "嘉鱼县", "管材", "嘉鱼县鱼岳镇工业大道18号",
         "王强", "0715-6321234", "XK13-006-123", "2026/12/31")  # serial has 3 digits, not 5


def _plan(store: Store, tmp_path: Path):  # noqa: ANN202
    return plan_roster_import(store, make_roster(tmp_path / "r.xlsx", [GOOD[0], PIPES]))


def test_enterprise_is_imported_without_the_wrong_licence(store: Store, tmp_path: Path) -> None:
    plan = _plan(store, tmp_path)
    assert [(r.row, r.action) for r in plan.rows] == [(2, "add"), (3, "add")]
    assert [(i.row, i.column, i.rule, i.warning) for i in plan.issues] == [
        (3, "生产许可证编号", "roster.licence_left_out", True)]
    text = plan.issues[0].text()
    assert text.startswith("第3行“生产许可证编号”：许可证编号“XK13-006-123”有误，未导入："
                           "许可证编号格式不正确")
    assert "企业已导入" in text and "补录" in text and "{" not in text
    english = plan.issues[0].text("en")
    assert "Licence number format is wrong" in english and "enterprise was imported" in english
    result = apply_roster_plan(store, plan)
    assert (result.added, result.skipped) == (2, 0)
    pipes = find_enterprise_by_uscc(store, PIPES[0])
    assert pipes is not None and pipes.name == PIPES[1]
    assert enterprise_licences(store, pipes.id) == []  # never a silently wrong licence
    report = write_report(tmp_path / "report.xlsx", plan, result)
    book = CalamineWorkbook.from_path(str(report))
    rows = [list(map(str, r)) for r in book.get_sheet_by_name(book.sheet_names[0]).to_python()]
    noted = [r for r in rows if "提示" in r and any("XK13-006-123" in c for c in r)]
    assert len(noted) == 1 and PIPES[0] in noted[0]


def test_import_dialog_lists_the_licence_as_a_note(qtbot: QtBot, chinese: None, store: Store,
                                                    tmp_path: Path) -> None:
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    dialog = RosterImportDialog(store, lang="zh")
    qtbot.addWidget(dialog)
    dialog.load_file(make_roster(tmp_path / "r.xlsx", [GOOD[0], PIPES]))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
    lines = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
    pipes = [line for line in lines if line[2] == PIPES[0]]
    assert [line[1] for line in pipes] == ["新增", "提示"]
    assert "XK13-006-123" in pipes[1][5] and "企业已导入" in pipes[1][5]
    assert dialog.import_button.isEnabled()
