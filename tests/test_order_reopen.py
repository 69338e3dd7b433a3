"""An order closed by mistake is reopened as a correction (更正：重新打开): open again with its
deadline, counted again, its reason in 修改历史, carried in a package; refusals change nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from exchange_fixtures import export_to, merge
from failed_orders import enter_retest, failed_sample_order
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import record_history
from qcdesk.models.dashboard_queries import dashboard_figures
from qcdesk.models.editor_queries import recheckable_rectifications
from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.order_reopen import reopen_order
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification, Visit
from qcdesk.models.rectifications import (
    await_recheck,
    number_order,
    record_recheck,
    submit_report,
    withdraw_for_retest,
)
from qcdesk.models.store import Store

SIGNER, COUNTY = "A1A1A1A1A1A1A1A1", "C2C2C2C2C2C2C2C2"
TODAY = date(2026, 12, 20)  # past the order's deadline (2026-11-09)


def _closed_by_mistake(store: Store) -> tuple[Rectification, Visit]:
    """The order closed by a re-check recorded as passed (it was not)."""
    rect = failed_sample_order(store)
    ordering = load_visit(store, rect.visit_id).visit
    recheck = save_visit(store, VisitBundle(Visit(
        enterprise_id=rect.enterprise_id, visit_date="2026-11-20", kind="recheck",
        inspectors=ordering.inspectors, status="done", rectification_id=rect.id))).visit
    record_recheck(store, rect, recheck, True, today=TODAY)
    return fetch_record(store, Rectification, rect.id), recheck


def _closed_and_sent(tmp_path: Path) -> tuple[Store, Store, Rectification]:
    """(the inspector's database, the county's, the order): closed by mistake at the inspector's,
    sent in a full package (1.xlsx) and merged at the county."""
    inspector = Store.memory("inspector")
    rect, _recheck = _closed_by_mistake(inspector)
    export_to(inspector, tmp_path / "1.xlsx", SIGNER)
    county = Store.memory("county")
    merge(county, tmp_path / "1.xlsx", SIGNER)
    return inspector, county, rect


def _counts(store: Store) -> tuple[int, int]:
    figures = dashboard_figures(store, TODAY, with_risk=False)
    return figures.rectifications_open, figures.rectifications_overdue


def _state(store: Store) -> tuple:
    return (store.db.execute("SELECT * FROM rectification").fetchall(),
            store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_reopen_after_a_mistaken_close(store: Store) -> None:
    rect, recheck = _closed_by_mistake(store)
    assert (rect.status, rect.closed_on) == ("closed", "2026-11-20")
    assert _counts(store) == (0, 0)

    reopen_order(store, rect, "复查结论录入有误：应为不合格", today=TODAY)
    stored = fetch_record(store, Rectification, rect.id)
    assert (stored.status, stored.closed_on, stored.recheck_visit_id, stored.deadline) == (
        "open", None, None, "2026-11-09")  # as before the close, its deadline unchanged
    assert _counts(store) == (1, 1)  # open again, and late again on the dashboard
    # the re-check visit is again a re-check of this order with no outcome: record the right one
    assert [r.id for r in recheckable_rectifications(store, rect.enterprise_id)] == [rect.id]
    record_recheck(store, stored, recheck, False, today=TODAY)
    failed = fetch_record(store, Rectification, rect.id)
    assert (failed.status, failed.escalation, failed.recheck_visit_id) == ("recheck_failed", "announced",
                                                                           recheck.id)

    reopened = [line for line in record_history(store, "rectification", rect.uuid) if line.op == "reopen"]
    assert {line.note for line in reopened} == {"复查结论录入有误：应为不合格"}
    assert ("status", "closed", "open") in {(line.field, line.old, line.new) for line in reopened}
    assert all(line.author and line.at for line in reopened)


def test_reopen_corrects_the_closing_recheck_to_failing(store: Store) -> None:
    rect, recheck = _closed_by_mistake(store)
    reopen_order(store, rect, "复查实际不合格", recheck_failed=True, today=TODAY)
    stored = fetch_record(store, Rectification, rect.id)
    assert (stored.status, stored.closed_on, stored.escalation, stored.recheck_visit_id) == (
        "recheck_failed", None, "announced", recheck.id)
    assert _counts(store) == (1, 0)  # open (failed re-check), the enterprise is not "late"


def test_reopen_goes_back_to_the_status_before_the_close(store: Store) -> None:
    rect = failed_sample_order(store)
    rect = await_recheck(store, submit_report(store, rect, "2026-10-20", today=TODAY))
    ordering = load_visit(store, rect.visit_id).visit
    recheck = save_visit(store, VisitBundle(Visit(
        enterprise_id=rect.enterprise_id, visit_date="2026-11-20", kind="recheck",
        inspectors=ordering.inspectors, status="done", rectification_id=rect.id))).visit
    record_recheck(store, rect, recheck, True, today=TODAY)
    reopen_order(store, fetch_record(store, Rectification, rect.id), "误将这项整改结案", today=TODAY)
    stored = fetch_record(store, Rectification, rect.id)
    # read from the audit trail: the report date alone would say report_submitted
    assert (stored.status, stored.report_submitted_on) == ("awaiting_recheck", "2026-10-20")


def test_refusals_leave_the_database_unchanged(store: Store) -> None:
    rect = failed_sample_order(store)
    before = _state(store)
    with pytest.raises(ValidationFailed) as open_one:
        reopen_order(store, rect, "理由", today=TODAY)
    assert "并未结案" in open_one.value.text()
    assert _state(store) == before

    other = Store.memory()
    rect, _recheck = _closed_by_mistake(other)
    before = _state(other)
    with pytest.raises(ValidationFailed) as no_reason:
        reopen_order(other, rect, "  ", today=TODAY)
    assert "请填写重新打开的理由" in no_reason.value.text()
    assert _state(other) == before


def test_a_withdrawn_order_is_reopened_only_after_its_retest_is_corrected(tmp_path: Path) -> None:
    store = Store.memory()
    rect = failed_sample_order(store)
    enter_retest(store, rect)
    withdraw_for_retest(store, fetch_record(store, Rectification, rect.id), "2026-10-12", today=TODAY)
    rect = fetch_record(store, Rectification, rect.id)
    before = _state(store)
    with pytest.raises(ValidationFailed) as refused:
        reopen_order(store, rect, "撤销有误", today=TODAY)
    assert "复检结论为最终结论" in refused.value.text() and "先在检查记录中更正" in refused.value.text()
    assert _state(store) == before

    enter_retest(store, rect, "fail")  # the re-test had been entered wrongly: failed
    with pytest.raises(ValidationFailed) as no_recheck:  # withdrawn, not closed by a re-check
        reopen_order(store, rect, "复检结论录入有误", recheck_failed=True, today=TODAY)
    assert "不是由复查结案的" in no_recheck.value.text()
    reopen_order(store, rect, "复检结论录入有误", today=TODAY)
    stored = fetch_record(store, Rectification, rect.id)
    assert (stored.status, stored.closed_on, stored.closing_reason) == ("open", None, "")


def test_a_reopen_travels_in_a_package(tmp_path: Path) -> None:
    inspector, county, rect = _closed_and_sent(tmp_path)
    assert _counts(county) == (0, 0)

    reopen_order(inspector, fetch_record(inspector, Rectification, rect.id), "复查结论录入有误", today=TODAY)
    export_to(inspector, tmp_path / "2.xlsx", SIGNER, full=False)
    assert merge(county, tmp_path / "2.xlsx", SIGNER).counts["rectification"]["updated"] == 1
    row = county.db.execute("SELECT status, closed_on, deadline, reopen_reason FROM rectification "
                            "WHERE uuid = ?", [rect.uuid]).fetchone()
    assert row == ("open", None, "2026-11-09", "复查结论录入有误")
    assert _counts(county) == (1, 1)
    reopened = [line for line in record_history(county, "rectification", rect.uuid) if line.op == "reopen"]
    assert reopened and {line.note for line in reopened} == {"复查结论录入有误"}


def test_a_reopen_at_the_county_and_an_edit_by_the_inspector_conflict(tmp_path: Path) -> None:
    inspector, county, rect = _closed_and_sent(tmp_path)
    county_rect = Rectification.from_row(next(county.db.query(
        "SELECT * FROM rectification WHERE uuid = ?", [rect.uuid])))
    reopen_order(county, county_rect, "误将这项整改结案", today=TODAY)
    number_order(inspector, fetch_record(inspector, Rectification, rect.id), "45")  # meanwhile
    export_to(inspector, tmp_path / "2.xlsx", SIGNER, full=False)
    result = merge(county, tmp_path / "2.xlsx", SIGNER)
    assert result.counts["rectification"]["conflicting"] == 1
    kept = county.db.execute("SELECT status, reopen_reason FROM rectification WHERE uuid = ?",
                             [rect.uuid]).fetchone()
    assert kept == ("open", "误将这项整改结案")  # the county's reopen stays until settled
    held = [r["row_json"] for r in county.db.query("SELECT row_json FROM exchange_conflict")]
    assert len(held) == 1 and "45号" in held[0]  # the inspector's number is held, not lost


def test_the_order_window_reopens_with_a_reason_and_shows_it_in_the_history(
        qtbot: QtBot, chinese: None, store: Store, paths, settings) -> None:  # noqa: ANN001
    from qcdesk.ui.history_dialog import HistoryDialog
    from qcdesk.ui.order_reopen import ReopenDialog
    from qcdesk.ui.rectification_dialog import RectificationDialog

    rect, _recheck = _closed_by_mistake(store)
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.corrections.reopen_button
    assert button.isEnabled() and button.text() == "更正：重新打开…"
    answers: list[str] = []

    def answer() -> None:
        question = QApplication.activeModalWidget()
        if not isinstance(question, ReopenDialog):
            QTimer.singleShot(20, answer)
            return
        answers.append(question.findChild(QLabel, "reopenText").text())
        question.ok.click()  # no reason: refused in the question, which stays open
        answers.append(question.note.text())
        answers.append("visible" if question.isVisible() else "closed")
        question.reason.setPlainText("误将这项整改结案")
        question.ok.click()
        if question.isVisible():  # never left waiting
            question.reject()

    QTimer.singleShot(0, answer)
    button.click()
    told, refused, still = answers
    assert "待整改" in told and "2026-11-09" in told  # what it goes back to, with its deadline
    assert "请填写重新打开的理由" in refused and still == "visible"
    stored = fetch_record(store, Rectification, rect.id)
    assert (stored.status, stored.closed_on) == ("open", None)
    assert dialog.status_label.text() == "待整改" and not button.isEnabled()
    assert "2026-11-09" in dialog.deadline_label.text() and "逾期" in dialog.days_label.text()
    assert "并未结案" in button.toolTip()  # says why it cannot be reopened again

    history = HistoryDialog(store, "rectification", rect.uuid)
    qtbot.addWidget(history)
    rows = [history.row_texts(r) for r in range(history.table.rowCount())]
    reopened = [row for row in rows if row[2] == "更正：重新打开"]
    assert reopened and all(row[7] == "误将这项整改结案" for row in reopened)
    assert any(row[4:7] == ["状态", "已完成", "待整改"] for row in reopened)  # status before → after
