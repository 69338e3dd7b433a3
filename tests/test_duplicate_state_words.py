"""A withdrawn order (closed with a closing_reason after its sample passed the 复检) is named
已撤销（复检合格） / 'withdrawn (re-test passed)' in every message that names another order by
its number or its sample, never 已完成 / 'closed': the refusal at the 文号 field, the refusal of a
second order on the same sample, a refused state change, the import's duplicate-number report
(text, CLI --json as before, reconciliation workbook) and a conflict combination's refusal, in
the words the 文号重复 warning and the lists use. Dates in those Chinese sentences read
2026年9月10日, as the warning writes them, and the registry is the 发文登记簿."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from withdrawn_orders import LATE, build_orders

from qcdesk.cli import main
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification, submit_report
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings
from tests.test_import_notice_duplicates import NUMBER, Inspector, _import, _inspector, _receiver

ENTERPRISE = "赤壁市羊楼洞茶业有限公司"
WITHDRAWN_ZH = f"{ENTERPRISE}，2026年9月10日下达，已撤销（复检合格）"
WITHDRAWN_EN = f"{ENTERPRISE}, ordered on 2026-09-10, withdrawn (re-test passed)"


def _new_failed_sample(store: Store, enterprise_id: int, inspectors: list[str]) -> VisitBundle:
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=enterprise_id, visit_date="2026-11-01", kind="spot_check",
              inspectors=inspectors, status="done"),
        [Sample(product_name="红砖茶", result="fail", failed_items="水分")]))


def _count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM rectification").fetchone()[0]


def test_the_number_refusal_names_a_withdrawn_order_as_the_warning_does(store: Store) -> None:
    orders = build_orders(store)
    visit = fetch_record(store, Visit, orders.withdrawn.visit_id)
    fresh = _new_failed_sample(store, visit.enterprise_id, visit.inspectors)
    before = _count(store)
    with pytest.raises(ValidationFailed) as info:
        order_rectification(store, visit=fresh.visit, requirement="停止销售", ordered_on="2026-11-05",
                            rule_set="samr18", sample=fresh.samples[0], today=LATE,
                            notice_no=orders.withdrawn.notice_no)
    assert [i.field for i in info.value.issues] == ["notice_no"]
    assert info.value.text() == (
        f"通知书文号 赤市监质改〔2026〕2号 已用于另一项整改：{WITHDRAWN_ZH}。"
        "一个文号只对应一份责令整改通知书：请对照发文登记簿核对这份通知的文号；登记簿还没有给它编号的，"
        "文号先留空（通知书上印 ＿＿号），编号后再补")
    assert f"already on another order: {WITHDRAWN_EN}. " in info.value.text("en")
    assert _count(store) == before  # nothing written

    # an order closed by its passing re-check is 已完成, in the same sentence form
    with pytest.raises(ValidationFailed) as info:
        order_rectification(store, visit=fresh.visit, requirement="停止销售", ordered_on="2026-11-05",
                            rule_set="samr18", sample=fresh.samples[0], today=LATE,
                            notice_no=orders.rechecked.notice_no)
    assert f"已用于另一项整改：{ENTERPRISE}，2026年9月10日下达，已完成。" in info.value.text()

    # the warning on an old duplicate names the withdrawn order in the very same words
    late = fetch_record(store, Rectification, orders.late.id)
    late.notice_no = orders.withdrawn.notice_no  # as older data or an import may hold it
    update_record(store, late)
    [warned] = [w for w in early_warnings(store, LATE, kinds=("notice_duplicate",))
                if w.record_uuid == late.uuid]
    assert WITHDRAWN_ZH in warned.reason and "发文登记簿" in warned.reason
    assert WITHDRAWN_EN in warned.reason_text("en")


def test_a_second_order_on_the_sample_and_a_state_change_name_it_withdrawn(store: Store) -> None:
    orders = build_orders(store)
    visit = fetch_record(store, Visit, orders.withdrawn.visit_id)
    sample = fetch_record(store, Sample, orders.withdrawn.sample_id)
    with pytest.raises(ValidationFailed) as info:
        order_rectification(store, visit=visit, requirement="再次整改", ordered_on="2026-11-05",
                            rule_set="samr18", sample=sample, today=LATE)
    assert info.value.text() == (
        "这个不合格样品已经下达过整改通知（赤市监质改〔2026〕2号，2026年9月10日下达，已撤销（复检合格）），"
        "同一问题不能重复下达：请打开已有的整改继续跟进")
    assert ("(赤市监质改〔2026〕2号, ordered on 2026-09-10, withdrawn (re-test passed))"
            in info.value.text("en"))

    with pytest.raises(ValidationFailed) as info:
        submit_report(store, fetch_record(store, Rectification, orders.withdrawn.id), "2026-12-01",
                      today=LATE)
    assert info.value.text() == "这项整改目前为“已撤销（复检合格）”，不能登记整改报告"


def _withdrawn_number(inspector: Inspector) -> None:
    """The sender's numbered order was withdrawn after its sample passed the 复检."""
    store = Store.open(inspector.db)
    try:
        rect = Rectification.from_row(next(store.db.query(
            "SELECT * FROM rectification WHERE notice_no != ''")))
        rect.status, rect.closed_on = "closed", "2024-02-20"
        rect.closing_reason = "样品复检合格（2024年2月18日），原检验结论不再成立"
        update_record(store, rect)
    finally:
        store.close()


def test_the_import_report_names_a_withdrawn_order_as_withdrawn(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    zhang = _inspector(tmp_path, "张三", 0, NUMBER, "标签不规范")
    li = _inspector(tmp_path, "李四", 1, "嘉市监质改[2024]012号", "配料表不规范")
    _withdrawn_number(zhang)
    pz, pl = zhang.export(tmp_path / "z"), li.export(tmp_path / "l")
    county = _receiver(tmp_path, "county", zhang, li)
    _import(county, pz)
    result = _import(county, pl)
    [noted] = [w for w in result.warnings if w.startswith("文号重复")]
    assert ("咸宁企业0标签不规范，2024年1月16日下达，已撤销（复检合格），本机已有；"
            "咸宁企业0配料表不规范，2024年1月16日下达，待整改，本数据包。") in noted
    assert "请对照发文登记簿核实" in noted and "已完成" not in noted
    [noted_en] = [w for w in result.warnings_en if w.startswith("Duplicate notice number")]
    assert "ordered on 2024-01-16, withdrawn (re-test passed), already here" in noted_en

    # CLI --json: the same keys as before, the state as stored; the workbook's 状态 in words
    other = _receiver(tmp_path, "county2", zhang, li)
    book = tmp_path / "对账.xlsx"
    assert main(["import", str(pz), "--db", str(other), "--json"]) == 0
    capsys.readouterr()
    assert main(["import", str(pl), "--db", str(other), "--json", "--reconcile", str(book)]) == 0
    [dup] = json.loads(capsys.readouterr().out)["duplicate_notices"]
    assert set(dup) == {"notice_no", "created", "orders"}
    assert [set(o) for o in dup["orders"]] == [
        {"uuid", "notice_no", "enterprise", "ordered_on", "status", "origin", "in_package"}] * 2
    assert {o["notice_no"]: o["status"] for o in dup["orders"]} == {
        NUMBER: "closed", "嘉市监质改[2024]012号": "open"}
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("重复文号").to_python()
    assert {r[0]: r[4] for r in rows[1:]} == {NUMBER: "已撤销（复检合格）", "嘉市监质改[2024]012号": "待整改"}
    about = {r[0]: r[1] for r in CalamineWorkbook.from_path(str(book)).get_sheet_by_name("说明").to_python()}
    assert "请对照发文登记簿核实" in about["重复文号"]


def _zhang_numbers_the_order(store: Store) -> None:
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification")))
    rect.notice_no = NUMBER
    update_record(store, rect)


def _li_rewords_it_and_numbers_a_withdrawn_one(store: Store) -> None:
    rect = Rectification.from_row(next(store.db.query("SELECT * FROM rectification")))
    rect.requirement = "更换不合格标签并召回已售产品"
    update_record(store, rect)
    visit = Visit.from_row(next(store.db.query("SELECT * FROM visit")))
    finding = insert_record(store, Finding(visit_id=visit.id, description="未建立进货查验记录"))
    insert_record(store, Rectification(
        enterprise_id=visit.enterprise_id, visit_id=visit.id, finding_id=finding.id,
        requirement="建立进货查验记录", ordered_on="2024-02-01", deadline="2024-04-01",
        recheck_due="2024-04-16", notice_no=NUMBER, status="closed", closed_on="2024-02-20",
        closing_reason="样品复检合格（2024年2月18日），原检验结论不再成立"))


def test_a_conflict_combination_names_a_withdrawn_order_as_withdrawn(tmp_path: Path) -> None:
    from conflict_fixtures import two_sides
    from exchange_fixtures import dump

    from qcdesk.exchange.reconcile import resolve_conflict
    from qcdesk.models import exchange_store as xs
    from qcdesk.models.conflict_checks import CombinationRefused

    store = two_sides(tmp_path, _zhang_numbers_the_order, _li_rewords_it_and_numbers_a_withdrawn_one)
    (conflict,) = [c for c in xs.open_conflicts(store) if c["kind"] == "rectification"]
    before = dump(store)
    with pytest.raises(CombinationRefused) as info:
        resolve_conflict(store, conflict["id"], fields_from_other=["notice_no"])
    assert "2024年2月1日下达，已撤销（复检合格）。" in str(info.value)
    assert "已完成" not in str(info.value) and "发文登记簿" in str(info.value)
    assert dump(store) == before
