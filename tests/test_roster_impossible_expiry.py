"""An impossible licence date (2027/2/29) in 许可证有效期至 (review RA B3): the whole firm was left
out (未导入) while an unreadable one (31 Nov 2027) imported the firm and dropped only the date with
a hint. The more careful clerk lost more. Now both import the firm and its licence and report the
cell."""

from __future__ import annotations

from pathlib import Path

from qcdesk.models.enterprises import enterprise_licences, find_enterprise_by_uscc
from qcdesk.models.store import Store
from tests.test_roster_county_ledger import book
from tests.test_roster_ledgers import run_cli

HEAD = ["统一社会信用代码", "企业名称", "所属县市区", "生产许可证编号", "许可证有效期至"]
ROWS = [HEAD, ["91421222MA4PJ5BUX4", "通城县测试磨具有限公司", "421222", "XK13-006-00124", "2027/2/29"],
        ["91421281MA4KL5FE07", "赤壁市测试砖茶有限公司", "赤壁市", "SC11442128100017", "31 Nov 2027"]]


def test_an_impossible_licence_date_imports_the_firm_and_reports_the_cell(tmp_path: Path) -> None:
    path, db = book(tmp_path / "名录.xlsx", ROWS), tmp_path / "q.db"
    done = run_cli("roster", "import", str(path), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "新增 2 家" in done.stdout and "有问题未导入 0 行" in done.stdout, done.stdout
    assert "部分导入 2 行" in done.stdout, done.stdout
    assert ("第2行“许可证有效期至”：有效期“2027/2/29”不是真实的日期（日历上没有这一天，"
            "如非闰年的2月29日）。有效期未导入（企业和许可证已导入），"
            "请核对许可证原件上的月和日后在企业档案中补录") in done.stdout, done.stdout
    store = Store.open(db, author="test")
    try:
        firm = find_enterprise_by_uscc(store, "91421222MA4PJ5BUX4")
        assert firm is not None and firm.name == "通城县测试磨具有限公司"
        assert [(lic.number, lic.expires_on) for lic in enterprise_licences(store, firm.id)] == [
            ("XK13-006-00124", None)]
    finally:
        store.close()
