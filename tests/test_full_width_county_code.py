"""A county code typed in full-width mode (４２１２８１) names the county in every place that reads
one, not only on the command line.

Before: `qcdesk … --jurisdiction ４２１２８１` was read as 421281 (the CLI folded its own options),
while the same code in a roster's 所属县市区 column refused the row as an unknown jurisdiction,
and the inspector register's 所属单位 likewise: the width was folded in one caller, not where a
jurisdiction is looked up (`jurisdictions.jurisdiction_matches`). The command line's reading stays
tested by test_cli_date_spellings.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from qcdesk.models.enterprises import find_enterprise_by_uscc
from qcdesk.models.roster import apply_roster_plan, plan_roster_import
from qcdesk.models.store import Store


def _roster(path: Path, county: str) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码", "企业名称", "所属县市区", "行业", "地址", "联系人", "联系电话"])
    sheet.append(["91421281MA4KL5FE07", "赤壁市洞庄茶业有限公司", county, "砖茶", "赤壁市赵李桥镇茶马古道8号",
                  "刘芳", "13907150001"])
    book.save(path)
    return path


def test_a_roster_row_with_a_full_width_county_code_is_imported(store: Store, tmp_path: Path) -> None:
    plan = plan_roster_import(store, _roster(tmp_path / "名录.xlsx", "４２１２８１"))
    assert plan.issues == [] and plan.count("add") == 1, [(i.row, i.rule, i.params) for i in plan.issues]
    apply_roster_plan(store, plan)
    firm = find_enterprise_by_uscc(store, "91421281MA4KL5FE07")
    assert firm is not None and firm.jurisdiction_code == "421281"

