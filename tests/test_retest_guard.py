"""复检 follows only a failed first test: a passed sample cannot be given a re-test (and with it a
first failure nobody recorded) by the editor, 更正 or the core; the form never changes 检验结果
by itself; re-test refusals read as sentences at their field; 复检结论 reads as words in the
history dialog and the reason dialog."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import amend_visit, amendments_for, lock_visits
from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.store import Store
from qcdesk.ui.forms import OptionalDateEdit
from qcdesk.ui.history_dialog import code_texts
from tests.test_visit_amend_ui import _answer_reason, _editor, _ok
from tests.test_visit_amend_ui import sent_visit as sent_visit  # noqa: F401 - fixture


def _lab_result(store: Store, bundle: VisitBundle, result: str) -> None:
    """The lab's result saved and notified before the visit was sent (then locked again)."""
    store.db.execute("UPDATE visit SET locked_package = NULL WHERE id = ?", [bundle.visit.id])
    fresh = load_visit(store, bundle.visit.id)
    sample = fresh.samples[0]
    sample.result, sample.result_notified_on = result, "2026-10-12"
    sample.failed_items = "水分" if result == "fail" else ""
    save_visit(store, fresh)
    lock_visits(store, [bundle.visit.id], "421281_张三_000002_20261013.qcpkg.zip")


def _row(store: Store, visit_id: int) -> tuple:
    return tuple(store.db.execute(
        "SELECT result, failed_items, retest_requested_on, retest_result, retest_on, revision "
        "FROM sample WHERE visit_id = ?", [visit_id]).fetchone())


def test_core_refuses_a_retest_on_a_passed_sample_by_amendment_and_by_save(
        store: Store, sent_visit: VisitBundle) -> None:  # noqa: F811
    _lab_result(store, sent_visit, "pass")
    uuid, before = sent_visit.samples[0].uuid, _row(store, sent_visit.visit.id)
    with pytest.raises(ValidationFailed) as refused:  # the CLI's amend goes this way too
        amend_visit(store, sent_visit.visit.id, {
            f"samples.{uuid}.failed_items": "净含量",
            f"samples.{uuid}.retest_requested_on": "2026-10-20",
            f"samples.{uuid}.retest_result": "pass", f"samples.{uuid}.retest_on": "2026-11-03"},
            "企业申请复检")
    assert "保存的检验结论不是不合格" in refused.value.text("zh")
    assert _row(store, sent_visit.visit.id) == before and not amendments_for(store, sent_visit.visit.uuid)
    store.db.execute("UPDATE visit SET locked_package = NULL WHERE id = ?", [sent_visit.visit.id])
    bundle = load_visit(store, sent_visit.visit.id)
    sample = bundle.samples[0]
    sample.result, sample.failed_items = "fail", "净含量"  # a first failure and its re-test at once
    sample.retest_requested_on, sample.retest_result, sample.retest_on = "2026-10-20", "pass", "2026-11-03"
    with pytest.raises(ValidationFailed):
        save_visit(store, bundle)
    assert _row(store, sent_visit.visit.id) == before


def test_amending_a_passed_sample_offers_no_retest_and_keeps_its_result(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    _lab_result(store, sent_visit, "pass")
    before = _row(store, sent_visit.visit.id)
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    tab = editor.samples_tab
    assert tab.result_combo.currentData() == "pass" and not tab.retest_box.isEnabled()
    # even if the fields are filled (they cannot be by hand), the save is refused and
    # Test result still says what the user left it at
    tab.findChild(OptionalDateEdit, "retestRequestedEdit").setValue("2026-10-20")
    tab.retest_combo.setCurrentIndex(tab.retest_combo.findData("pass"))
    tab.findChild(OptionalDateEdit, "retestOnEdit").setValue("2026-11-03")
    seen = _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("企业申请复检"), _ok(d)))
    assert not editor._save_clicked()
    assert tab.result_combo.currentData() == "pass", "the form turned 合格 into 不合格 by itself"
    tab.failed_items_edit.setPlainText("净含量")
    seen = _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("企业申请复检"), _ok(d)))
    assert not editor._save_clicked(), seen
    assert _row(store, sent_visit.visit.id) == before and not amendments_for(store, sent_visit.visit.uuid)


def test_retest_refusal_is_a_sentence_at_its_field(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    _lab_result(store, sent_visit, "fail")
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    tab = editor.samples_tab
    assert tab.retest_box.isEnabled()
    requested = tab.findChild(OptionalDateEdit, "retestRequestedEdit")
    requested.setValue("2026-10-01")  # before the result was notified (2026-10-12)
    tab.retest_combo.setCurrentIndex(tab.retest_combo.findData("pending"))
    _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("企业申请复检"), _ok(d)))
    assert not editor._save_clicked()
    shown = requested.toolTip()
    assert "早于结果告知日期" in shown and "retest." not in shown, shown


def test_retest_conclusion_reads_as_words_in_history_and_reason_dialogs(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    words = code_texts("retest_result")
    assert words is not None and (words["pending"], words["pass"], words["fail"]) == (
        "复检中", "复检合格", "复检不合格")
    _lab_result(store, sent_visit, "fail")
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    tab = editor.samples_tab
    tab.findChild(OptionalDateEdit, "retestRequestedEdit").setValue("2026-10-20")
    tab.retest_combo.setCurrentIndex(tab.retest_combo.findData("pending"))
    seen = _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("企业申请复检"), _ok(d)))
    assert editor._save_clicked() and seen
    told = seen[0].findChild(type(editor.banner), "amendChanges").text()
    assert "复检中" in told and "pending" not in told, told
