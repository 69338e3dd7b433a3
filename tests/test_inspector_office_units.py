"""A county's own register (R5 F6): 隽水所 is this office's 所 once the office named itself after
its county bureau, with a 提示 saying so; the same row typed twice is a 提示 like the enterprise
list's (与第N行完全相同，已忽略), not a red problem. Through the core and `roster import`."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.inspections import roster
from qcdesk.models.inspector_roster import apply_inspector_plan, plan_inspector_import
from qcdesk.models.setup_queries import set_org_name
from qcdesk.models.store import Store

ROWS = [("李娜", "04212220002", "通城县市场监督管理局隽水市场监督管理所", "在岗"),
        ("刘芳", "04212220004", "隽水所", "在岗"),
        ("李娜", "04212220002", "通城县市场监督管理局隽水市场监督管理所", "在岗")]


def register(path: Path, rows: list[tuple[object, ...]] = ROWS) -> Path:
    book = Workbook()
    book.active.append(["序号", "姓名", "执法证号", "所属单位", "状态"])
    for n, row in enumerate(rows, 1):
        book.active.append([n, *row])
    book.save(path)
    return path


def live(store: Store) -> list[tuple[str, str]]:
    return sorted((p.name, p.jurisdiction_code) for p in roster(store, active_only=False))


def test_a_county_office_imports_its_own_suo_with_a_note(store: Store, tmp_path: Path) -> None:
    set_org_name(store, "通城县市场监督管理局")
    plan = plan_inspector_import(store, register(tmp_path / "r.xlsx"))
    assert [i for i in plan.issues if not i.warning] == []  # nothing in red
    note = next(i for i in plan.issues if i.row == 3)
    assert note.warning and note.text().startswith(
        "第3行“所属单位”：所属单位“隽水所”中没有县市区名称，按本单位（通城县市场监督管理局）所在的通城县导入")
    assert "通城县" in note.text("en")
    apply_inspector_plan(store, plan)
    assert live(store) == [("刘芳", "421222"), ("李娜", "421222")]


def test_an_exact_copy_of_a_row_is_a_note_not_a_problem(store: Store, tmp_path: Path) -> None:
    plan = plan_inspector_import(store, register(tmp_path / "r.xlsx", [ROWS[0], ROWS[2]]))
    (issue,) = plan.issues
    assert issue.warning and issue.row == 3 and issue.text() == "第3行：与第2行完全相同，已忽略"
    assert plan.bad_rows == {}
    result = apply_inspector_plan(store, plan)
    assert result.skipped == 0 and live(store) == [("李娜", "421222")]


def test_a_copy_differing_in_any_cell_is_still_refused(store: Store, tmp_path: Path) -> None:
    rows = [ROWS[0], ("李娜", "04212220002", "通城县", "不在岗")]
    plan = plan_inspector_import(store, register(tmp_path / "r.xlsx", rows))
    (issue,) = plan.issues
    assert not issue.warning and issue.rule == "inspector_roster.duplicate_in_file"


@pytest.mark.parametrize("org", ["", "咸宁市市场监督管理局"])
def test_without_a_county_office_the_suo_is_refused_saying_how_to_fix_it(
        store: Store, tmp_path: Path, org: str) -> None:
    if org:
        set_org_name(store, org)  # the city bureau covers every county: 隽水所 is in none of them
    plan = plan_inspector_import(store, register(tmp_path / "r.xlsx", [ROWS[1]]))
    (issue,) = plan.issues
    assert not issue.warning and "没有咸宁市的县市区名称" in issue.text()
    assert "qcdesk settings --org-name" in issue.text()


def test_cli_after_naming_the_office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    assert main(["settings", "--db", db, "--org-name", "通城县市场监督管理局"]) == 0
    capsys.readouterr()
    assert main(["roster", "import", "--kind", "inspectors", str(register(tmp_path / "r.xlsx")),
                 "--db", db]) == 0
    out = capsys.readouterr().out
    assert "第4行：与第2行完全相同，已忽略" in out
    assert "新增 2 人" in out and "有问题未导入 0 行" in out
