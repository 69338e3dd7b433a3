"""What follows a failed sample, as an inspector meets it in the visit editor and the order dialogs
(Chinese UI): one order per failure, the re-check picker telling orders apart, a default
requirement naming the failed items, a notice number whole or blank, a second failing re-check recorded, a
draft or misdated re-check settling nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_editors import count, open_visit, saved_spot_check, tick, type_text

from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.persistence import update_record
from qcdesk.models.records import Sample
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.rectification_dialog import OrderRectificationDialog, RectificationDialog
from qcdesk.ui.visit_editor import VisitEditor

TODAY = date.today()
TODAY_IS_RUN_DAY = True  # tests/conftest.py moves TODAY to the day each test runs (a run across midnight)


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch, chinese) -> list[str]:  # noqa: ANN001
    """Chinese UI; every question box recorded and answered Yes (never a real modal box)."""
    asked: list[str] = []

    def question(parent, title, text, *args):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: asked.append(a[2]))
    return asked


def rect_row(store: Store) -> tuple:
    return tuple(store.db.execute("SELECT status, escalation, closed_on, report_submitted_on,"
                                  " extended_to, revision FROM rectification").fetchone())


def issue_through_editor(qtbot, store, paths, settings, monkeypatch, fill,  # noqa: ANN001
                         visit_date: str = "") -> VisitEditor:
    """Open the saved spot check, select its failed sample and press 下达整改; `fill` plays the dialog."""
    bundle = saved_spot_check(store)
    if visit_date:
        bundle.visit.visit_date = visit_date
        update_record(store, bundle.visit)
    monkeypatch.setattr(OrderRectificationDialog, "exec", fill)
    editor = open_visit(qtbot, store, paths, settings, visit_id=bundle.visit.id)
    editor.tabs.setCurrentWidget(editor.samples_tab)
    editor.samples_tab.list.setCurrentRow(0)
    qtbot.mouseClick(editor.samples_tab.order_button, Qt.MouseButton.LeftButton)
    return editor


def test_a_second_order_for_the_same_sample_offers_the_first(qtbot, store, paths, settings, monkeypatch,
                                                             questions) -> None:
    dialogs: list[OrderRectificationDialog] = []

    def fill(dialog: OrderRectificationDialog) -> int:
        dialogs.append(dialog)
        type_text(qtbot, dialog.notice_edit, "8")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    editor = issue_through_editor(qtbot, store, paths, settings, monkeypatch, fill)
    assert count(store, "rectification") == 1 and editor.orders_list.count() == 1
    opened: list[int] = []
    monkeypatch.setattr(RectificationDialog, "exec", lambda self: opened.append(self.rectification_id) or 0)
    qtbot.mouseClick(editor.samples_tab.order_button, Qt.MouseButton.LeftButton)  # again
    assert len(dialogs) == 1 and count(store, "rectification") == 1
    number = f"咸市监质改〔{TODAY.year}〕8号"
    assert questions[-1].startswith(
        f"这个不合格样品已经下达过整改通知：{number}，{TODAY.isoformat()} 下达（待整改）")
    assert questions[-1].endswith("打开该整改吗？")
    assert opened == [store.db.execute("SELECT id FROM rectification").fetchone()[0]]


def test_requirement_names_the_failed_items_and_the_number_stays_blank_for_the_registry(
        qtbot, store, paths, settings, monkeypatch) -> None:
    seen: dict[str, str] = {}

    def fill(dialog: OrderRectificationDialog) -> int:
        seen["samr18"] = dialog.requirement_edit.toPlainText()
        dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData("aqsiq133"))
        seen["aqsiq133"] = dialog.requirement_edit.toPlainText()
        dialog.ordered_edit.setDate(QDate(2025, 12, 30))
        seen["placeholder"] = dialog.notice_edit.placeholderText()
        type_text(qtbot, dialog.notice_edit, f"咸市监质改〔{TODAY.year}〕")  # the old default, no serial
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["refusal"] = dialog.errors.message("notice_no")
        assert count(store, "rectification") == 0
        dialog.notice_edit.clear()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    issue_through_editor(qtbot, store, paths, settings, monkeypatch, fill, visit_date="2025-12-22")
    # The notice prints each rule set's duties itself (stop producing and selling; sell nothing of
    # the model until the re-check passes): the default names only this order's failed items.
    assert seen["samr18"] == seen["aqsiq133"] == "针对产品“青砖茶”的不合格项目（水分）逐项整改。"
    assert "咸市监质改〔2025〕＿＿号" in seen["placeholder"]  # the order date's year, not today's
    assert seen["refusal"].startswith(f"通知书文号“咸市监质改〔{TODAY.year}〕”不完整")
    assert "留空" in seen["refusal"]
    stored = store.db.execute("SELECT notice_no, rule_set, ordered_on, requirement FROM rectification"
                              ).fetchone()
    assert stored == ("", "aqsiq133", "2025-12-30", "针对产品“青砖茶”的不合格项目（水分）逐项整改。")


def test_an_edited_requirement_is_kept_when_the_rule_set_changes(qtbot, store, paths, settings,
                                                                monkeypatch) -> None:
    def fill(dialog: OrderRectificationDialog) -> int:
        dialog.requirement_edit.setPlainText("停止销售青砖茶，召回已售批次")
        dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData("aqsiq133"))
        assert dialog.requirement_edit.toPlainText() == "停止销售青砖茶，召回已售批次"
        return 0

    issue_through_editor(qtbot, store, paths, settings, monkeypatch, fill)


def test_the_recheck_picker_tells_orders_apart_by_number_and_date(qtbot, store: Store, paths,
                                                                  settings) -> None:
    bundle = saved_spot_check(store)
    more = save_visit(store, VisitBundle(bundle.visit, [*bundle.samples, Sample(
        product_name="米砖茶", result="fail", failed_items="水分")], bundle.findings))
    requirement = "产品监督抽查不合格（不合格项目：水分）。请立即停止生产、销售同一产品，查明原因。"
    order_rectification(store, visit=bundle.visit, requirement=requirement, ordered_on="2026-03-05",
                        rule_set="samr18", sample=more.samples[0], notice_no="咸市监质改〔2026〕5号")
    order_rectification(store, visit=bundle.visit, requirement=requirement, ordered_on="2026-03-09",
                        rule_set="samr18", sample=more.samples[1])
    editor = open_visit(qtbot, store, paths, settings, enterprise_id=bundle.visit.enterprise_id)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("recheck"))
    entries = [editor.recheck_combo.itemText(i) for i in range(1, editor.recheck_combo.count())]
    assert entries == ["咸市监质改〔2026〕5号 · 青砖茶 · 2026-03-05 下达 · 期限 2026-05-04（待整改）",
                       "（未编号） · 米砖茶 · 2026-03-09 下达 · 期限 2026-05-08（待整改）"]
    assert editor.recheck_combo.itemData(1, Qt.ItemDataRole.ToolTipRole) == requirement


def recheck(qtbot, store, paths, settings, rect_id: int, outcome: bool, *, status: str | None = None,  # noqa: ANN001
            day: QDate | None = None) -> VisitEditor:
    editor = open_visit(qtbot, store, paths, settings, recheck_of=rect_id)
    tick(editor, "王磊", "李娜")
    if day is not None:
        editor.date_edit.setDate(day)
    editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(outcome))
    if status is not None:
        editor.status_combo.setCurrentIndex(editor.status_combo.findData(status))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    return editor


def test_a_second_failing_recheck_is_recorded_and_escalates(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    first = recheck(qtbot, store, paths, settings, rect.id, False)
    assert first.status_combo.currentText() == "已完成"  # an outcome is recorded on a completed visit
    assert rect_row(store)[:2] == ("recheck_failed", "announced")
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.new_recheck_button.isEnabled()
    second = recheck(qtbot, store, paths, settings, rect.id, False)
    assert second.general_error.isHidden() and second.errors.message("recheck") == ""
    assert second.recheck_state.text() == "已记录复查结论：复查不合格"
    assert rect_row(store)[:2] == ("recheck_failed", "suspended")
    dialog.refresh()
    assert "<b>▶ 责令停业，限期整顿</b>" in dialog.escalation_label.text()
    assert count(store, "visit") == 3


def test_a_draft_recheck_closes_nothing(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    before = rect_row(store)
    editor = recheck(qtbot, store, paths, settings, rect.id, True, status="draft")
    assert editor.errors.message("outcome").startswith("复查记录还是“草稿”，不能据此结案")
    assert rect_row(store) == before and count(store, "visit") == 1  # nothing saved half-way


def test_a_recheck_dated_before_the_order_closes_nothing(qtbot, store, paths, settings) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    before = rect_row(store)
    editor = recheck(qtbot, store, paths, settings, rect.id, True, day=QDate(2000, 1, 1))
    assert editor.errors.message("outcome").startswith(
        "复查日期 2000-01-01 早于整改通知下达日期 2026-03-05")
    assert rect_row(store) == before and count(store, "visit") == 1


def test_the_order_dialog_refuses_dates_that_do_not_follow_the_order(qtbot, store, paths, settings,
                                                                     questions) -> None:  # noqa: ANN001
    """A refused date is refused before the question that the step cannot be undone (review:
    the question came first, then the refusal, and a tired inspector took the report as filed)."""
    bundle = saved_spot_check(store)
    ordered = TODAY - timedelta(days=10)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on=ordered.isoformat(),
                               rule_set="aqsiq133", sample=bundle.samples[0])
    before = rect_row(store)
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.extend_to_edit.setDate(QDate.fromString(rect.deadline, "yyyy-MM-dd").addDays(20))
    dialog.requested_edit.setDate(QDate(2000, 1, 1))
    type_text(qtbot, dialog.reason_edit, "设备维修")
    qtbot.mouseClick(dialog.extend_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("extension_requested_on").startswith(
        f"申请日期 2000-01-01 早于整改通知下达日期 {ordered.isoformat()}")
    dialog.report_date.setDate(QDate.currentDate().addDays(1))
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("report_submitted_on").startswith(
        f"提交日期 {(TODAY + timedelta(days=1)).isoformat()} 晚于今天（{TODAY.isoformat()}）")
    dialog.report_date.setDate(QDate.fromString(ordered.isoformat(), "yyyy-MM-dd").addDays(-1))
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.message("report_submitted_on").startswith("提交日期")
    assert questions == []  # nothing was asked for either date
    assert rect_row(store) == before and dialog.status_label.text() == "待整改"


def test_the_order_dialog_shows_a_recheck_saved_then_closed_unsaved_way(
        qtbot, store, paths, settings, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Review (first day): 新建复查… → 合格 → 保存, then the visit window closed (not 保存并关闭):
    the order was closed, but its dialog went on saying 已提交整改报告, 新建复查 enabled, 打开复查记录
    disabled, until it was opened again."""
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.new_recheck_button.isEnabled() and not dialog.open_recheck_button.isEnabled()

    def save_then_close(editor: VisitEditor) -> int:
        tick(editor, "王磊", "李娜")
        editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(True))
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # 保存: the window stays
        return 0  # then closed with its title bar's ×: rejected

    monkeypatch.setattr(VisitEditor, "exec", save_then_close)
    qtbot.mouseClick(dialog.new_recheck_button, Qt.MouseButton.LeftButton)
    assert rect_row(store)[0] == "closed"
    assert dialog.status_label.text() == "已完成"
    assert not dialog.new_recheck_button.isEnabled() and dialog.open_recheck_button.isEnabled()
