"""The 复检 group says in visible words why it is closed.

A clerk who opened a sample saved as 合格 and picked 不合格 to enter the enterprise's objection
found the 复检 group still greyed, with nothing saying why: the core takes a 复检 only after a
不合格 first conclusion is stored (models/retest.first_failed reads the saved row; a 不合格 and its
复检 in one save are refused, tests/test_retest_guard.py). The line under the group now says to
save first; once 不合格 is saved, the group opens and the line goes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from test_ui_editors import make_enterprise, make_inspectors

from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.records import Finding, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.ui.date_field import OptionalDateEdit
from qcdesk.ui.visit_editor import VisitEditor

pytestmark = pytest.mark.usefixtures("no_modal_waits")  # a modal window fails the test, never hangs it


def passed_sample_visit(store: Store) -> VisitBundle:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    return save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-03-02", kind="spot_check", inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="青砖茶", result="pass", result_notified_on="2026-03-20")],
        [Finding(description="出厂检验记录不全")]))


def why(tab) -> str:  # noqa: ANN001 - the samples tab
    """The visible line saying why the re-test group is closed ('' when none is shown)."""
    label = tab.findChild(QLabel, "retestClosedWhy")
    return label.text() if label is not None and label.isVisible() else ""


def test_closed_retest_group_says_why_and_opens_once_fail_is_saved(
        qtbot: QtBot, chinese: None, store: Store, paths, settings) -> None:  # noqa: ANN001
    bundle = passed_sample_visit(store)
    editor = VisitEditor(store, paths, settings=settings, visit_id=bundle.visit.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.samples_tab)
    QApplication.processEvents()
    tab = editor.samples_tab
    assert tab.result_combo.currentData() == "pass" and not tab.retest_box.isEnabled()
    assert why(tab).startswith("复检（企业异议）只针对检验结果为不合格的样品"), why(tab)

    tab.result_combo.setFocus()
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("fail"))  # the clerk picks 不合格
    assert not tab.retest_box.isEnabled()  # the core takes a 复检 only after 不合格 is stored
    assert why(tab).startswith("此样品保存的检验结果不是不合格：请先保存"), why(tab)
    assert "Ctrl+S" in why(tab)

    tab.failed_items_edit.setFocus()
    tab.failed_items_edit.insertPlainText("水分")  # as an input method commits it (QTest types ASCII only)
    qtbot.keyClick(tab.failed_items_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert load_visit(store, bundle.visit.id).samples[0].result == "fail"
    assert tab.retest_box.isEnabled() and why(tab) == ""

    requested = tab.findChild(OptionalDateEdit, "retestRequestedEdit")
    requested.setFocus()
    qtbot.keyClicks(requested, "2026-03-25")
    tab.retest_combo.setCurrentIndex(tab.retest_combo.findData("pending"))
    qtbot.keyClick(requested, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    stored = load_visit(store, bundle.visit.id).samples[0]
    assert (stored.result, stored.retest_requested_on, stored.retest_result) == (
        "fail", "2026-03-25", "pending")


def test_open_retest_group_says_nothing(
        qtbot: QtBot, store: Store, paths, settings) -> None:  # noqa: ANN001
    """A new sample set to Fail opens the group at once, with no line under it."""
    bundle = passed_sample_visit(store)
    editor = VisitEditor(store, paths, settings=settings, visit_id=bundle.visit.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.samples_tab)
    tab = editor.samples_tab
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("fail"))
    assert tab.retest_box.isEnabled() and why(tab) == ""
    tab.result_combo.setCurrentIndex(tab.result_combo.findData("pass"))
    assert not tab.retest_box.isEnabled() and "only for a sample whose test result is Fail" in why(tab)
