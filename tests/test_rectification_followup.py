"""What follows a failed sample, as the core enforces it (domain.md "Spot checks and what follows a
failure"): one order per failure, dates that follow each other, a notice number that is whole or
blank, only a completed re-check settles an order, and a re-check may fail again (Product
Quality Law art. 17: each failing re-check climbs the ladder). A refusal says what is wrong and
what to do, and leaves the database as it was."""

from __future__ import annotations

from datetime import date

import pytest

from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Finding, Rectification, Sample, Visit
from qcdesk.models.rectifications import (
    extend_deadline,
    order_rectification,
    record_recheck,
    submit_report,
)
from qcdesk.models.store import Store
from tests.test_domain import make_enterprise, make_inspectors

TODAY = date(2026, 11, 30)


@pytest.fixture
def spot_check(store: Store) -> VisitBundle:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-11-02", kind="spot_check", status="done",
              inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="青砖茶", result="fail", failed_items="水分"),
         Sample(product_name="米砖茶", result="fail", failed_items="灰分")],
        [Finding(description="出厂检验记录不全")]))


def recheck_visit(store: Store, check: VisitBundle, day: str, status: str = "done") -> Visit:
    return save_visit(store, VisitBundle(Visit(
        enterprise_id=check.visit.enterprise_id, visit_date=day, kind="recheck", status=status,
        inspectors=check.visit.inspectors))).visit


def stored(store: Store, rect: Rectification) -> tuple:
    return tuple(store.db.execute(
        "SELECT status, escalation, report_submitted_on, extended_to, extension_requested_on, closed_on,"
        " recheck_visit_id, notice_no, revision FROM rectification WHERE id = ?", [rect.id]).fetchone())


def refused(call, *args, **kwargs) -> ValidationFailed:  # noqa: ANN001 - a core call
    with pytest.raises(ValidationFailed) as info:
        call(*args, **kwargs)
    return info.value


def order(store: Store, check: VisitBundle, **kwargs) -> Rectification:
    values = {"requirement": "停止销售并整改", "ordered_on": "2026-11-10", "rule_set": "samr18",
              "sample": check.samples[0]} | kwargs
    return order_rectification(store, visit=check.visit, **values)


# -- 1. a re-check may fail again -------------------------------------------------------------
def test_each_failing_recheck_is_recorded_and_climbs_one_step_of_the_ladder(store: Store,
                                                                          spot_check: VisitBundle) -> None:
    rect = order(store, spot_check)
    steps = []
    for day in ("2026-11-20", "2026-11-24", "2026-11-26", "2026-11-28"):
        visit = recheck_visit(store, spot_check, day)
        record_recheck(store, rect, visit, passed=False, today=TODAY)
        steps.append(stored(store, rect)[:2])
    assert steps == [("recheck_failed", "announced"), ("recheck_failed", "suspended"),
                     ("recheck_failed", "revoked"), ("recheck_failed", "revoked")]
    last = recheck_visit(store, spot_check, "2026-11-29")
    record_recheck(store, rect, last, passed=True, today=TODAY)
    status, *_, closed_on, _, _, _ = stored(store, rect)
    assert (status, closed_on) == ("closed", "2026-11-29")


def test_a_closed_order_refuses_another_outcome_in_plain_words(store: Store, spot_check: VisitBundle) -> None:
    rect = order(store, spot_check)
    record_recheck(store, rect, recheck_visit(store, spot_check, "2026-11-20"), passed=True, today=TODAY)
    before = stored(store, rect)
    text = refused(record_recheck, store, rect, recheck_visit(store, spot_check, "2026-11-21"), False,
                   today=TODAY).text()
    assert text == "这项整改已于 2026-11-20 复查合格、已完成，不能再登记复查结论：请在“复查的整改”中另选一项"
    assert stored(store, rect) == before


def test_the_same_recheck_cannot_be_counted_twice(store: Store, spot_check: VisitBundle) -> None:
    rect = order(store, spot_check)
    visit = recheck_visit(store, spot_check, "2026-11-20")
    record_recheck(store, rect, visit, passed=False, today=TODAY)
    before = stored(store, rect)
    assert "已经登记过" in refused(record_recheck, store, rect, visit, False, today=TODAY).text()
    assert stored(store, rect) == before  # still "announced", not "suspended"


# -- 5. only a completed re-check settles an order ----------------------------------------------
@pytest.mark.parametrize("passed", [True, False])
def test_a_draft_recheck_settles_nothing(store: Store, spot_check: VisitBundle, passed: bool) -> None:
    rect = order(store, spot_check)
    before = stored(store, rect)
    failure = refused(record_recheck, store, rect, recheck_visit(store, spot_check, "2026-11-20", "draft"),
                      passed, today=TODAY)
    assert [i.field for i in failure.issues] == ["visit_status"]
    assert failure.text().startswith("复查记录还是“草稿”，不能据此结案") and "已完成" in failure.text()
    assert stored(store, rect) == before


# -- 2. dates that follow each other ------------------------------------------------------------
def test_an_order_cannot_predate_the_visit_it_is_about(store: Store, spot_check: VisitBundle) -> None:
    failure = refused(order, store, spot_check, ordered_on="2026-10-30")
    assert failure.text() == ("下达日期 2026-10-30 早于检查日期 2026-11-02：整改通知针对这次检查发现的问题，"
                              "应在检查当天或之后下达，请核对下达日期")
    assert store.db.execute("SELECT count(*) FROM rectification").fetchone()[0] == 0


@pytest.mark.parametrize("day, expected", [
    ("2026-11-09", "提交日期 2026-11-09 早于整改通知下达日期 2026-11-10：整改报告在下达整改之后才会提交，"
                   "请核对日期"),
    ("2001-01-01", "提交日期 2001-01-01 早于整改通知下达日期 2026-11-10"),
    ("2026-12-01", "提交日期 2026-12-01 晚于今天（2026-11-30）：只能登记企业已经提交的报告，"
                   "请填写实际提交日期"),
])
def test_a_report_date_before_the_order_or_after_today_is_refused(store: Store, spot_check: VisitBundle,
                                                                   day: str, expected: str) -> None:
    rect = order(store, spot_check)
    before = stored(store, rect)
    failure = refused(submit_report, store, rect, day, today=TODAY)
    assert failure.text().startswith(expected) and failure.issues[0].field == "report_submitted_on"
    assert stored(store, rect) == before
    submit_report(store, rect, "2026-11-30", today=TODAY)  # today itself is fine
    assert stored(store, rect)[:3] == ("report_submitted", "", "2026-11-30")


@pytest.mark.parametrize("asked, field, expected", [
    # The 2010 rule "asked at least 5 days before the deadline" is no loophole for any old date.
    ("2000-01-01", "extension_requested_on", "申请日期 2000-01-01 早于整改通知下达日期 2026-11-10"),
    ("2026-11-09", "extension_requested_on", "申请日期 2026-11-09 早于整改通知下达日期 2026-11-10"),
    ("2026-12-01", "extension_requested_on", "申请日期 2026-12-01 晚于今天（2026-11-30）"),
])
def test_an_extension_request_dated_before_the_order_or_after_today_is_refused(
        store: Store, spot_check: VisitBundle, asked: str, field: str, expected: str) -> None:
    rect = order(store, spot_check, rule_set="aqsiq133")  # deadline 2026-12-10
    before = stored(store, rect)
    failure = refused(extend_deadline, store, rect, "2026-12-30", "设备维修", asked, today=TODAY)
    assert [i.field for i in failure.issues] == [field] and failure.text().startswith(expected)
    assert "请填写" in failure.text()
    assert stored(store, rect) == before


def test_extension_limits_say_which_date_to_use(store: Store, spot_check: VisitBundle) -> None:
    rect = order(store, spot_check, rule_set="aqsiq133")  # deadline 2026-12-10
    late = refused(extend_deadline, store, rect, "2026-12-30", "设备维修", "2026-12-07",
                   today=date(2026, 12, 8))
    assert late.text() == ("延期申请应在整改期限 2026-12-10 届满5日前提出，即不晚于 2026-12-05；"
                           "本次申请日期为 2026-12-07，不能延期")
    too_long = refused(extend_deadline, store, rect, "2027-01-10", "设备维修", "2026-11-20", today=TODAY)
    assert too_long.text() == "延期最多30日：最晚可延至 2027-01-09，请修改“延期至”"
    assert stored(store, rect)[3] is None
    extend_deadline(store, rect, "2027-01-09", "设备维修", "2026-11-20", today=TODAY)
    assert stored(store, rect)[3:5] == ("2027-01-09", "2026-11-20")
    again = refused(extend_deadline, store, rect, "2027-01-09", "再次延期", "2026-11-21", today=TODAY)
    assert again.text() == "这项整改已延期一次（至 2027-01-09），按 2010 年规则只能延期一次"


@pytest.mark.parametrize("asked, granted", [("2026-12-04", True), ("2026-12-05", True),
                                            ("2026-12-06", False)])
def test_extension_asked_on_the_last_permitted_day_is_granted(store: Store, spot_check: VisitBundle,
                                                              asked: str, granted: bool) -> None:
    """AQSIQ 133: at least 5 days before the deadline, so for 2026-12-10 the request of 12-05 is
    still in time (it was refused as 逾期申请) and the one of 12-06 is not."""
    rect = order(store, spot_check, rule_set="aqsiq133")  # deadline 2026-12-10
    day = date.fromisoformat(asked)
    if granted:
        extend_deadline(store, rect, "2027-01-09", "设备维修", asked, today=day)
        assert stored(store, rect)[3:5] == ("2027-01-09", asked)
    else:
        late = refused(extend_deadline, store, rect, "2027-01-09", "设备维修", asked, today=day)
        assert "即不晚于 2026-12-05" in late.text() and stored(store, rect)[3] is None


def test_samr18_extension_refusal_names_the_rule(store: Store, spot_check: VisitBundle) -> None:
    rect = order(store, spot_check)
    text = refused(extend_deadline, store, rect, "2027-01-20", "设备维修", "2026-11-20", today=TODAY).text()
    assert text == "按市场监管总局令第18号，整改期限不能延期"


@pytest.mark.parametrize("day, expected", [
    ("2000-01-01", "复查日期 2000-01-01 早于整改通知下达日期 2026-11-10：复查在下达整改之后进行，"
                   "请核对检查日期"),
    ("2026-12-01", "复查日期 2026-12-01 晚于今天（2026-11-30）"),
])
def test_a_recheck_dated_before_the_order_or_after_today_closes_nothing(
        store: Store, spot_check: VisitBundle, day: str, expected: str) -> None:
    rect = order(store, spot_check)
    before = stored(store, rect)
    if day > TODAY.isoformat():  # the editor refuses it (visit.future); it can still come in a package
        visit = insert_record(store, Visit(enterprise_id=spot_check.visit.enterprise_id, visit_date=day,
                                           kind="recheck", status="done",
                                           inspectors=spot_check.visit.inspectors))
    else:
        visit = recheck_visit(store, spot_check, day)
    failure = refused(record_recheck, store, rect, visit, True, today=TODAY)
    assert failure.text().startswith(expected) and failure.issues[0].field == "visit_date"
    assert stored(store, rect) == before and before[5] is None  # not closed, no closed_on


def test_a_recheck_cannot_predate_the_report_or_the_previous_recheck(store: Store,
                                                                    spot_check: VisitBundle) -> None:
    rect = order(store, spot_check)
    submit_report(store, rect, "2026-11-15", today=TODAY)
    text = refused(record_recheck, store, rect, recheck_visit(store, spot_check, "2026-11-12"), True,
                   today=TODAY).text()
    assert text.startswith("复查日期 2026-11-12 早于企业提交整改报告的日期 2026-11-15")
    record_recheck(store, rect, recheck_visit(store, spot_check, "2026-11-20"), False, today=TODAY)
    text = refused(record_recheck, store, rect, recheck_visit(store, spot_check, "2026-11-18"), False,
                   today=TODAY).text()
    assert text == "复查日期 2026-11-18 早于上一次复查（2026-11-20）：请核对检查日期"
    assert stored(store, rect)[:2] == ("recheck_failed", "announced")


# -- 3. one failure, one order -------------------------------------------------------------------
def test_a_second_order_for_the_same_sample_or_finding_is_refused(store: Store,
                                                                  spot_check: VisitBundle) -> None:
    first = order(store, spot_check, notice_no="咸市监质改〔2026〕7号")
    failure = refused(order, store, spot_check)
    assert failure.text() == ("这个不合格样品已经下达过整改通知（咸市监质改〔2026〕7号，2026年11月10日下达，"
                              "待整改），同一问题不能重复下达：请打开已有的整改继续跟进")
    assert failure.issues[0].params["existing_id"] == first.id
    assert failure.text("en").startswith("This failed sample already has a rectification order "
                                         "(咸市监质改〔2026〕7号, ordered on 2026-11-10, open)")
    order(store, spot_check, sample=spot_check.samples[1])  # another failed sample: its own order
    order(store, spot_check, sample=None, finding=spot_check.findings[0])
    failure = refused(order, store, spot_check, sample=None, finding=spot_check.findings[0])
    assert failure.text().startswith("这个检查发现已经下达过整改通知（未编号，2026年11月10日下达")
    assert store.db.execute("SELECT count(*) FROM rectification").fetchone()[0] == 3


# -- 4. the notice number: whole, or blank for the registry ---------------------------------------
@pytest.mark.parametrize("typed, kept", [
    ("", ""),
    ("  ", ""),
    ("12", "咸市监质改〔2026〕12号"),  # the serial alone: prefix and the order's year added
    ("12号", "咸市监质改〔2026〕12号"),
    ("咸市监质改〔2026〕3号", "咸市监质改〔2026〕3号"),
    ("咸市监质改[2026]3", "咸市监质改〔2026〕3号"),
    ("通城市监质改（2026）2号", "通城市监质改〔2026〕2号"),
])
def test_a_notice_number_is_stored_whole_or_blank(store: Store, spot_check: VisitBundle, typed: str,
                                                  kept: str) -> None:
    rect = order(store, spot_check, notice_no=typed)
    assert stored(store, rect)[7] == kept


@pytest.mark.parametrize("typed, expected", [
    ("咸市监质改〔2026〕", "通知书文号“咸市监质改〔2026〕”不完整：请写成 咸市监质改〔2026〕12号 这样"),
    ("咸市监质改〔2026〕号", "通知书文号“咸市监质改〔2026〕号”不完整"),
    ("咸市监质改", "通知书文号“咸市监质改”不完整"),
    ("咸市监质改〔2025〕4号", "通知书文号中的年份〔2025〕与下达日期 2026-11-10 不符：文号的年份应为〔2026〕"),
])
def test_an_incomplete_or_misdated_notice_number_is_refused(store: Store, spot_check: VisitBundle,
                                                            typed: str, expected: str) -> None:
    failure = refused(order, store, spot_check, notice_no=typed)
    assert failure.issues[0].field == "notice_no" and failure.text().startswith(expected)
    if "不完整" in expected:
        assert "留空" in failure.text() and "咸市监质改〔2026〕＿＿号" in failure.text()
    assert store.db.execute("SELECT count(*) FROM rectification").fetchone()[0] == 0


def test_the_numbers_year_follows_the_order_date_not_today(store: Store, spot_check: VisitBundle) -> None:
    spot_check.visit.visit_date = "2025-12-20"
    rect = order(store, spot_check, ordered_on="2025-12-29", notice_no="31")
    assert stored(store, rect)[7] == "咸市监质改〔2025〕31号"
