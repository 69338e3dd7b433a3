"""A credit code with a wrong check character on a row naming a firm already filed under that
exact name: the problem says the code stored for it, so the clerk can copy it (E29)."""

from __future__ import annotations

from pathlib import Path

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.roster import plan_roster_import
from qcdesk.models.store import Store
from tests.test_roster import make_roster

STORED, WRONG, NAME = "91421221MA4E3XHX15", "91421221MA4E3XHX16", "嘉鱼县管材制造有限公司"


def test_a_wrong_check_digit_on_a_known_firm_says_its_stored_code(store: Store, tmp_path: Path) -> None:
    save_enterprise(store, Enterprise(uscc=STORED, name=NAME, jurisdiction_code="421221"))
    path = make_roster(tmp_path / "a.xlsx", [(WRONG, NAME, "嘉鱼县"), (WRONG, "坏校验位公司", "嘉鱼县")])
    plan = plan_roster_import(store, path)
    [known, other] = [i for i in plan.issues if i.column == "统一社会信用代码"]
    assert known.reason("zh") == (f"统一社会信用代码校验位不正确，请核对是否抄错；"
                                   f"系统中“{NAME}”的代码为 {STORED}")
    assert f"“{NAME}” is filed here with the code {STORED}" in known.reason("en")
    assert known.reason("en").startswith("The check character of the credit code is wrong")
    assert other.reason("zh") == "统一社会信用代码校验位不正确，请核对是否抄错"  # no firm of that name
    assert not plan.rows or all(r.enterprise.uscc != WRONG for r in plan.rows)
