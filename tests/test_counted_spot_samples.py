"""One definition of a spot-check sample that counts: the 监督抽查合格率 (quarterly report) and the
公示 list (qcdesk publish) hold the same samples, a passed 复检 is published as such, and the
visits that made them differ are refused where a user makes them: a spot check still linked to a
rectification order (re-check visit switched to 监督抽查), a result on a planned check, a check
carried out dated after today (review "numbers" A4, A5, B3)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from qcdesk.cli import main
from qcdesk.models.amendments import amend_visit, lock_visits
from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record, insert_record
from qcdesk.models.publication import period_rows
from qcdesk.models.records import Rectification, Sample, Visit
from qcdesk.models.rectifications import order_rectification, record_recheck
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.store import Store
from qcdesk.ui.forms import set_combo_data
from qcdesk.ui.visit_editor import VisitEditor
from tests.test_domain import make_enterprise, make_inspectors
from tests.test_publication import drawn  # noqa: F401 - the fixture

FUTURE = ("检查日期 {day} 晚于今天（{today}）：已进行的检查不能记在将来的日期。请核对年份是否写错，"
          "或本机的日期是否设置错误（核对后改正检查日期）；如这是尚未进行的计划检查，请把状态设为“计划”")
PLANNED = ("状态为“计划”的检查尚未进行，样品“青砖茶”不能有检验结论：如检查已经进行，"
           "请先把检查记录的状态改为“已完成”，再保存检验结论；否则请把检验结论改回待检")


@pytest.fixture
def firm(store: Store) -> tuple[int, list[str]]:
    return make_enterprise(store).id, [i.uuid for i in make_inspectors(store)]


def _order(store: Store, eid: int, team: list[str]) -> Rectification:
    check = save_visit(store, VisitBundle(
        Visit(enterprise_id=eid, visit_date="2026-10-10", status="done", inspectors=team),
        [Sample(product_name="青砖茶", result="fail", failed_items="水分", result_notified_on="2026-10-15")]))
    return order_rectification(store, visit=check.visit, requirement="整改水分超标", ordered_on="2026-10-16",
                               rule_set="samr18", sample=check.samples[0], notice_no="赤市监质改〔2026〕7号",
                               today=date(2026, 10, 16))


def _editor(qtbot, store: Store, paths, settings, **kwargs: object) -> VisitEditor:  # noqa: ANN001
    editor = VisitEditor(store, paths, settings=settings, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _add_sample(editor: VisitEditor, result: str) -> None:
    tab = editor.samples_tab
    editor.tabs.setCurrentWidget(tab)
    tab.add()
    tab.product_edit.setText("青砖茶")
    set_combo_data(tab.result_combo, result)
    if result == "fail":
        tab.failed_items_edit.setPlainText("水分")


def _save(qtbot, editor: VisitEditor) -> None:  # noqa: ANN001
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


# -- A5: a passed 复检 is published as 合格（复检）, in the CLI's and the draw dialog's workbook --------
def test_a_passed_retest_is_published_as_such(qtbot, chinese: None, drawn: tuple[Store, str],  # noqa: ANN001, F811
                                              paths, tmp_path: Path) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    store, uuid = drawn
    visit_id = store.db.execute("SELECT id FROM visit WHERE visit_date = '2026-11-23'").fetchone()[0]
    bundle = load_visit(store, visit_id)
    assert bundle is not None
    sample = bundle.samples[0]
    sample.result_notified_on, sample.retest_requested_on = "2026-11-24", "2026-11-25"
    sample.retest_result, sample.retest_on = "pass", "2026-11-28"
    save_visit(store, bundle)
    dialog = DrawDialog(store, paths, today=date(2026, 11, 20))
    qtbot.addWidget(dialog)
    out = tmp_path / "公示.xlsx"
    assert dialog.export_publication(str(out)) == str(out)  # 导出公示表
    rows = {r[1]: r for r in openpyxl.load_workbook(out)["公示"].iter_rows(min_row=2, values_only=True)}
    assert rows["赤壁米砖茶厂"][6] == "合格（复检）"
    period = tmp_path / "期间.xlsx"
    assert main(["publish", "--db", str(store.path), "--from", "2026-11-01", "--to", "2026-11-30",
                 "--out", str(period)]) == 0
    assert [r[6] for r in openpyxl.load_workbook(period)["公示"].iter_rows(min_row=2, values_only=True)] \
        == ["合格（复检）"]


# -- B3 (c): the publication lists exactly the samples the pass rate counts -------------------------
def test_the_publication_holds_the_samples_the_pass_rate_counts(store: Store, firm) -> None:  # noqa: ANN001
    eid, team = firm
    rect = _order(store, eid, team)
    save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date="2026-11-02", status="done",
                                        inspectors=team), [Sample(product_name="米砖茶", result="pass",
                                                                  result_notified_on="2026-11-10")]))
    # as an older QCDesk stored them, or a package brings them (an import is not validated as a save):
    linked = insert_record(store, Visit(enterprise_id=eid, visit_date="2026-11-05", kind="spot_check",
                                        status="done", inspectors=team, rectification_id=rect.id))
    insert_record(store, Sample(visit_id=linked.id, product_name="青砖茶", result="fail",
                                failed_items="水分", result_notified_on="2026-11-10"))
    planned = insert_record(store, Visit(enterprise_id=eid, visit_date="2026-11-06", kind="spot_check",
                                         status="planned", inspectors=team))
    insert_record(store, Sample(visit_id=planned.id, product_name="黑茶", result="pass",
                                result_notified_on="2026-11-10"))
    insert_record(store, Sample(visit_id=planned.id, product_name="红茶", result="pending"))  # not checked
    rate = quarterly_data(store.db, 2026, 4, as_of=date(2026, 11, 30)).total
    rows = period_rows(store, date(2026, 10, 1), date(2026, 12, 31))
    words = [r.result for r in rows]
    assert (words.count("合格"), words.count("不合格")) == (rate.passed, rate.failed) == (2, 2)
    assert [r.product for r in rows] == ["青砖茶", "米砖茶", "青砖茶", "黑茶"]  # no 红茶 of a check not made


# -- B3 (a): a re-check opened from an order and switched to 监督抽查 loses the link ------------------
def test_a_recheck_switched_to_a_spot_check_is_no_longer_linked_to_the_order(
        qtbot, store: Store, firm, paths, settings, chinese: None) -> None:  # noqa: ANN001
    eid, team = firm
    rect = _order(store, eid, team)
    editor = _editor(qtbot, store, paths, settings, recheck_of=rect.id)  # 登记复查 on the order
    assert editor.recheck_box.isVisibleTo(editor) and editor.bundle.visit.rectification_id == rect.id
    for i in range(editor.inspector_list.count()):
        editor.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    editor.date_edit.setDate(QDate(2026, 11, 20))
    set_combo_data(editor.kind_combo, "spot_check")  # it was a spot check after all
    _add_sample(editor, "pass")
    _save(qtbot, editor)
    assert editor.status_note.text() == "已保存。", editor.general_error.text()
    visit = fetch_record(store, Visit, editor.bundle.visit.id)
    assert visit.kind == "spot_check" and visit.rectification_id is None
    assert fetch_record(store, Rectification, rect.id).recheck_visit_id is None


def test_a_spot_check_carrying_an_order_is_refused(store: Store, firm, tmp_path: Path) -> None:  # noqa: ANN001
    eid, team = firm
    rect = _order(store, eid, team)
    bundle = VisitBundle(Visit(enterprise_id=eid, visit_date="2026-11-20", kind="spot_check", status="done",
                               inspectors=team, rectification_id=rect.id), [Sample(product_name="青砖茶")])
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, bundle)
    assert [i.field for i in info.value.issues] == ["kind"]
    assert info.value.text() == ("只有复查可以关联整改通知（赤市监质改〔2026〕7号），"
                                 "本记录的检查类型是“监督抽查”：请把检查类型改回“复查”；"
                                 "如这是另一次检查，请新建一条检查记录")
    assert info.value.text("en").startswith(
        "Only a re-check can be linked to a rectification order (赤市监质改〔2026〕7号), and this visit "
        "is a “supervision spot check”")
    assert store.db.execute("SELECT count(*) FROM visit WHERE visit_date = '2026-11-20'").fetchone() == (0,)
    # a re-check whose outcome is recorded stays one (the order names it as its re-check)
    recheck = save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date="2026-11-20", kind="recheck",
                                                  status="done", inspectors=team))).visit
    record_recheck(store, rect, recheck, passed=True, today=date(2026, 11, 20))
    again = load_visit(store, recheck.id)
    assert again is not None
    again.visit.kind, again.visit.rectification_id = "spot_check", None  # as the editor collects it
    with pytest.raises(ValidationFailed) as info:
        save_visit(store, again)
    assert info.value.text().startswith("这次复查已记为整改通知（赤市监质改〔2026〕7号）的复查结论，"
                                        "检查类型不能改为“监督抽查”")
    # a link stored before this rule (or received) does not block correcting the rest of a sent visit
    old = insert_record(store, Visit(enterprise_id=eid, visit_date="2026-11-05", kind="spot_check",
                                     status="done", inspectors=team, rectification_id=rect.id))
    lock_visits(store, [old.id], "pkg-1")
    amend_visit(store, old.id, {"summary": "抽样一批"}, "补记")
    assert fetch_record(store, Visit, old.id).summary == "抽样一批"


# -- B3 (b): no result on a planned check, in the editor and in an amendment (GUI and CLI) ----------
def test_a_result_on_a_planned_check_is_refused_until_it_is_done(
        qtbot, store: Store, firm, paths, settings, chinese: None) -> None:  # noqa: ANN001
    eid, team = firm
    planned = save_visit(store, VisitBundle(Visit(  # as a draw plans it
        enterprise_id=eid, visit_date="2026-12-28", status="planned", inspectors=team))).visit
    editor = _editor(qtbot, store, paths, settings, visit_id=planned.id)
    _add_sample(editor, "fail")
    _save(qtbot, editor)
    assert store.db.execute("SELECT count(*) FROM sample").fetchone() == (0,)
    assert editor.tabs.currentIndex() == 0 and editor.errors.message("status") == PLANNED
    editor.date_edit.setDate(QDate.currentDate())
    set_combo_data(editor.status_combo, "done")  # what the message says to do
    _save(qtbot, editor)
    assert editor.status_note.text() == "已保存。", editor.general_error.text()
    assert fetch_record(store, Visit, planned.id).status == "done"


def test_an_amendment_cannot_put_a_result_on_a_planned_check(store: Store, firm, tmp_path: Path,  # noqa: ANN001
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    eid, team = firm
    bundle = save_visit(store, VisitBundle(
        Visit(enterprise_id=eid, visit_date="2026-12-28", status="planned", inspectors=team),
        [Sample(product_name="青砖茶")]))
    lock_visits(store, [bundle.visit.id], "pkg-2")
    row = "SELECT result, revision FROM sample WHERE id = ?", [bundle.samples[0].id]
    before = store.db.execute(*row).fetchone()
    key = f"samples.{bundle.samples[0].uuid}.result=pass"
    assert main(["amend", "--db", str(store.path), "--set", key, "--reason", "结果已出",
                 bundle.visit.uuid]) != 0
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and PLANNED in err
    assert store.db.execute(*row).fetchone() == before


# -- A4: a check carried out is never dated after today ---------------------------------------------
def test_a_check_carried_out_dated_after_today_is_refused(
        qtbot, store: Store, firm, paths, settings, chinese: None) -> None:  # noqa: ANN001
    eid, team = firm
    today = date.today()
    tomorrow = today + timedelta(days=1)
    editor = _editor(qtbot, store, paths, settings, enterprise_id=eid)
    for i in range(editor.inspector_list.count()):
        editor.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    editor.date_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))  # 2025 meant, 2026 typed
    _add_sample(editor, "fail")
    _save(qtbot, editor)
    assert store.db.execute("SELECT count(*) FROM visit").fetchone() == (0,)
    assert editor.tabs.currentIndex() == 0
    assert editor.errors.message("visit_date") == FUTURE.format(day=tomorrow.isoformat(),
                                                                today=today.isoformat())
    editor.date_edit.setDate(QDate(today.year, today.month, today.day))
    _save(qtbot, editor)
    assert editor.status_note.text() == "已保存。", editor.general_error.text()
    # a planned check may lie ahead (a draw plans next quarter's); the CLI's amendment refuses it too
    ahead = save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date=tomorrow.isoformat(),
                                                status="planned", inspectors=team))).visit
    lock_visits(store, [ahead.id], "pkg-3")
    with pytest.raises(ValidationFailed) as info:
        amend_visit(store, ahead.id, {"status": "done"}, "已检查")
    assert info.value.text("en") == (
        f"The visit date {tomorrow.isoformat()} is after today ({today.isoformat()}): a check carried "
        "out cannot be dated in the future. Check whether the year is wrong, or whether this computer's "
        "date is set wrong (then correct the visit date); if the check is planned and not made yet, set "
        "its status to Planned")
    assert fetch_record(store, Visit, ahead.id).status == "planned"
