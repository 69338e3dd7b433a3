"""A totals row at the foot of an enterprise list (合计 4家, 总计, 小计) is no enterprise: it is
skipped with a note, not reported as errors about an enterprise named "4家"."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.models.roster import apply_roster_plan, plan_roster_import, summary_line
from qcdesk.models.store import Store

HEADER = ["序号", "统一社会信用代码", "企业名称", "所属县市区"]
FIRMS = [[1, "91421221MA4E3XHX15", "嘉鱼县某管业有限公司", "嘉鱼县"],
         [2, "91421222MA4PJ5BUX4", "通城县某磨具有限公司", "通城县"]]


def sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    ws = book.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(("row", "text"), [
    (["合计", "4家"], "合计 4家"),
    ([None, "合计 4家"], "合计 4家"),
    (["总计：", None, "2家"], "总计： 2家"),
    ([None, "小　计", "2"], "小　计 2"),
])
def test_a_totals_row_is_skipped_with_a_note(store: Store, tmp_path: Path, row: list[object],
                                             text: str) -> None:
    plan = plan_roster_import(store, sheet(tmp_path / "list.xlsx", [*FIRMS, row]))
    assert [i.text() for i in plan.issues] == [f"第4行：“{text}”是合计行，不是企业，已跳过"]
    assert plan.issues[0].warning and plan.bad_rows == {} and plan.total_rows == 2
    result = apply_roster_plan(store, plan)
    assert summary_line(plan, result) == ("导入完成：共 2 行，新增 2 家，更新 0 家，无变化 0 家，"
                                          "有问题未导入 0 行")


def test_an_enterprise_row_is_never_taken_for_totals(store: Store, tmp_path: Path) -> None:
    """A label word alone does not skip a row that names an enterprise by its credit code."""
    plan = plan_roster_import(store, sheet(tmp_path / "list.xlsx", [
        ["合计", "91421281MA4KL5FE07", "赤壁市某茶业有限公司", "赤壁市"]]))
    assert plan.issues == [] and plan.count("add") == 1
