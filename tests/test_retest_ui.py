"""复检 in the visit editor: a re-test arriving after the visit was sent is recorded by 更正;
the first test's conclusion stays in Test result, the final one is said under the re-test,
and a later amendment records no spurious change of the result."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import amendments_for, lock_visits
from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.store import Store
from qcdesk.ui.forms import OptionalDateEdit
from tests.test_visit_amend_ui import _answer_reason, _editor, _ok
from tests.test_visit_amend_ui import sent_visit as sent_visit  # noqa: F401 - fixture


def _fail_and_lock(store: Store, bundle: VisitBundle) -> None:
    """The lab's failing result saved (as if before sending), notified, then the visit sent."""
    store.db.execute("UPDATE visit SET locked_package = NULL WHERE id = ?", [bundle.visit.id])
    fresh = load_visit(store, bundle.visit.id)
    sample = fresh.samples[0]
    sample.result, sample.failed_items, sample.result_notified_on = "fail", "水分", "2026-10-12"
    save_visit(store, fresh)
    lock_visits(store, [bundle.visit.id], "421281_张三_000002_20261013.qcpkg.zip")



def test_retest_recorded_by_amendment_keeps_the_first_result_visible(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    _fail_and_lock(store, sent_visit)
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    tab = editor.samples_tab
    tab.findChild(OptionalDateEdit, "retestRequestedEdit").setValue("2026-10-20")
    tab.retest_combo.setCurrentIndex(tab.retest_combo.findData("pass"))
    tab.findChild(OptionalDateEdit, "retestOnEdit").setValue("2026-11-03")
    seen = _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("企业申请复检"), _ok(d)))
    assert editor._save_clicked() and seen
    uuid = sent_visit.samples[0].uuid
    [amendment] = amendments_for(store, sent_visit.visit.uuid)
    assert amendment.changes[f"samples.{uuid}.result"] == ["fail", "pass"]
    stored = load_visit(store, sent_visit.visit.id).samples[0]
    assert (stored.result, stored.retest_result, stored.failed_items) == ("pass", "pass", "水分")
    # shown again read-only: Test result is the first test's, the note gives the final one
    assert tab.result_combo.currentData() == "fail" and tab.retest_combo.currentData() == "pass"
    assert "合格" in tab.retest_note.text() and tab.list.item(0).text().startswith("✓")

    # a later amendment of something else records only that change
    editor.findChild(type(editor.save_button), "amendButton").click()
    tab.remarks_edit.setPlainText("复检报告 FJ-2026-18")
    seen = _answer_reason(qtbot, lambda d: (d.reason_edit.setPlainText("补记报告编号"), _ok(d)))
    assert editor._save_clicked() and seen
    told = seen[0].findChild(type(editor.banner), "amendChanges").text()
    assert "备注" in told and "检验结果" not in told, told  # the user is not told of a change
    latest = amendments_for(store, sent_visit.visit.uuid)[-1]
    assert set(latest.changes) == {f"samples.{uuid}.remarks"}, latest.changes
    assert load_visit(store, sent_visit.visit.id).samples[0].result == "pass"


def test_order_on_a_sample_that_passed_its_retest_says_the_result_no_longer_stands(
        qtbot: QtBot, chinese: None, store: Store, paths, settings) -> None:  # noqa: ANN001
    from qcdesk.models.rectifications import order_rectification
    from qcdesk.ui.rectification_dialog import RectificationDialog
    from tests.test_audit import make_visit

    bundle = make_visit(store)
    sample = bundle.samples[0]
    sample.result, sample.failed_items, sample.result_notified_on = "fail", "净含量", "2026-09-05"
    bundle = save_visit(store, bundle)
    rect = order_rectification(store, visit=bundle.visit, requirement="停止销售并整改",
                               ordered_on="2026-09-10", rule_set="samr18", sample=bundle.samples[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.retest_note.isVisible()  # failed, no re-test: the order stands

    bundle = load_visit(store, bundle.visit.id)
    sample = bundle.samples[0]
    sample.retest_requested_on, sample.retest_result, sample.retest_on = (
        "2026-09-15", "pass", "2026-10-08")
    save_visit(store, bundle)
    dialog.refresh()
    assert dialog.retest_note.isVisible()
    assert "复检合格" in dialog.retest_note.text() and "原检验结论不再成立" in dialog.retest_note.text()
    assert "2026-10-08" in dialog.retest_note.text()
