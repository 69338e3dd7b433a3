"""The 文号重复 advice names the document one way everywhere: 一个文号只对应一份责令整改通知书 /
'One number is one rectification notice' in the warning, the refusal at the 文号 field, the
import report and the reconciliation workbook's 说明 (the refusal and the import said 一份通知书)."""

from __future__ import annotations

from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from withdrawn_orders import LATE, build_orders

from qcdesk.cli import main
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, update_record
from qcdesk.models.records import Rectification, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings
from tests.test_duplicate_state_words import _new_failed_sample
from tests.test_import_notice_duplicates import NUMBER, _import, _inspector, _receiver

ZH = "一个文号只对应一份责令整改通知书："
EN = "One number is one rectification notice: "


def test_the_warning_and_the_refusal_name_the_notice_alike(store: Store) -> None:
    orders = build_orders(store)
    visit = fetch_record(store, Visit, orders.late.visit_id)
    fresh = _new_failed_sample(store, visit.enterprise_id, visit.inspectors)
    with pytest.raises(ValidationFailed) as info:
        order_rectification(store, visit=fresh.visit, requirement="停止销售", ordered_on="2026-11-05",
                            rule_set="samr18", sample=fresh.samples[0], today=LATE,
                            notice_no=orders.late.notice_no)
    assert ZH in info.value.text() and EN in info.value.text("en")
    late = fetch_record(store, Rectification, orders.to_withdraw.id)
    late.notice_no = orders.late.notice_no
    update_record(store, late)
    [warned] = [w for w in early_warnings(store, LATE, kinds=("notice_duplicate",))
                if w.record_uuid == late.uuid]
    assert ZH in warned.reason and EN in warned.reason_text("en")


def test_the_import_report_and_workbook_name_the_notice_alike(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zhang = _inspector(tmp_path, "张三", 0, NUMBER, "标签不规范")
    li = _inspector(tmp_path, "李四", 1, "嘉市监质改[2024]012号", "配料表不规范")
    pz, pl = zhang.export(tmp_path / "z"), li.export(tmp_path / "l")
    county = _receiver(tmp_path, "county", zhang, li)
    _import(county, pz)
    result = _import(county, pl)
    [noted] = [w for w in result.warnings if w.startswith("文号重复")]
    [noted_en] = [w for w in result.warnings_en if w.startswith("Duplicate notice number")]
    assert ZH in noted and EN in noted_en
    other, book = _receiver(tmp_path, "county2", zhang, li), tmp_path / "对账.xlsx"
    assert main(["import", str(pz), "--db", str(other)]) == 0
    assert main(["import", str(pl), "--db", str(other), "--reconcile", str(book)]) == 0
    assert ZH in capsys.readouterr().out
    about = {r[0]: r[1] for r in CalamineWorkbook.from_path(str(book)).get_sheet_by_name("说明").to_python()}
    assert about["重复文号"].endswith(
        "一个文号只对应一份责令整改通知书，请对照发文登记簿核实，请下达方为多出的一项更正文号")
