"""Saving a re-check that settles its order asks first, naming the order and what will happen
(review r2, A3): 合格 closed the order for good and 不合格 climbed art. 17's ladder (省级公告)
on 保存 without a word. Cancel leaves the editor open and nothing saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_editors import open_visit, saved_spot_check, tick

from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store

NOTICE = "咸市监质改〔2026〕5号"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, chinese) -> dict[str, list]:  # noqa: ANN001
    """Question boxes recorded and answered with `answer[0]` (never a real modal box)."""
    seen: dict[str, list] = {"asked": [], "answer": [QMessageBox.StandardButton.Cancel]}

    def question(_parent, _title, text, *_args):  # noqa: ANN001, ANN202
        seen["asked"].append(text)
        return seen["answer"][0]

    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


def state(store: Store) -> tuple:
    order = store.db.execute(
        "SELECT status, escalation, closed_on, recheck_visit_id FROM rectification").fetchone()
    rechecks = store.db.execute("SELECT count(*) FROM visit WHERE kind = 'recheck'").fetchone()[0]
    return (*order, rechecks)


def recheck_editor(qtbot, store, paths, settings, passed: bool):  # noqa: ANN001, ANN201
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0], notice_no=NOTICE)
    editor = open_visit(qtbot, store, paths, settings, recheck_of=rect.id)
    tick(editor, "王磊", "李娜")
    editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(passed))
    return editor


def test_pass_asks_before_closing_the_order_for_good(qtbot, store, paths, settings, answers) -> None:  # noqa: ANN001
    editor = recheck_editor(qtbot, store, paths, settings, True)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(answers["asked"]) == 1
    text = answers["asked"][0]
    assert NOTICE in text and "青砖茶" in text and "结案" in text
    assert "写明原因后重新打开" in text  # final, but for a correction with a reason
    assert state(store) == ("open", "", None, None, 0)  # Cancel: nothing saved
    assert editor.isVisible() and editor.status_note.text() != "已保存。"

    answers["answer"][0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    status, _, closed_on, recheck_id, rechecks = state(store)
    assert (status, rechecks) == ("closed", 1) and closed_on and recheck_id
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # saved again: settled, not asked
    assert len(answers["asked"]) == 2


def test_fail_asks_before_escalating_naming_the_step(qtbot, store, paths, settings, answers) -> None:  # noqa: ANN001
    editor = recheck_editor(qtbot, store, paths, settings, False)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(answers["asked"]) == 1
    assert NOTICE in answers["asked"][0] and "省级市场监管部门公告" in answers["asked"][0]
    assert "不能撤回" in answers["asked"][0]
    assert state(store) == ("open", "", None, None, 0)

    answers["answer"][0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert state(store)[:2] == ("recheck_failed", "announced") and state(store)[4] == 1


def test_no_question_while_the_visit_itself_is_refused(qtbot, store, paths, settings, answers) -> None:  # noqa: ANN001
    editor = recheck_editor(qtbot, store, paths, settings, True)
    for i in range(editor.inspector_list.count()):
        editor.inspector_list.item(i).setCheckState(Qt.CheckState.Unchecked)  # refused first
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert answers["asked"] == [] and editor.errors.message("inspectors")
    assert state(store) == ("open", "", None, None, 0)
