"""The order dialog's 已提交整改报告, 待复查 and 撤销 ask first, saying what each does and that it
cannot be undone (review r2, B1): each acted at once, and none can be taken back — the report
date cannot be corrected, 待复查 ends the one extension an AQSIQ 133 order may still ask for,
撤销 closes the order for good. Cancel changes nothing."""

from __future__ import annotations

import pytest
from failed_orders import enter_retest, failed_sample_order
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_editors import saved_spot_check

from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.rectification_dialog import RectificationDialog

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


def row(store: Store) -> tuple:
    return tuple(store.db.execute(
        "SELECT status, report_submitted_on, closed_on, revision FROM rectification").fetchone())


def dialog_for(qtbot, store, paths, settings, rect_id: int) -> RectificationDialog:  # noqa: ANN001
    dialog = RectificationDialog(store, paths, rect_id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_report_and_await_ask_first(qtbot, store, paths, settings, answers) -> None:  # noqa: ANN001
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-11-20",
                               rule_set="aqsiq133", sample=bundle.samples[0], notice_no=NOTICE)
    dialog = dialog_for(qtbot, store, paths, settings, rect.id)
    before = row(store)
    dialog.report_date.setDate(QDate(2026, 11, 21))
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert len(answers["asked"]) == 1
    assert "2026-11-21" in answers["asked"][0] and NOTICE in answers["asked"][0]
    assert "不能撤回" in answers["asked"][0] and "日期也不能再更正" in answers["asked"][0]
    assert row(store) == before and dialog.report_button.isEnabled()  # Cancel: nothing recorded

    qtbot.mouseClick(dialog.await_button, Qt.MouseButton.LeftButton)
    assert NOTICE in answers["asked"][1] and "不能撤回" in answers["asked"][1]
    assert "不能再申请延期" in answers["asked"][1]  # AQSIQ 133: its one extension would be lost
    assert row(store) == before and dialog.extension_box.isEnabled()

    answers["answer"][0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert row(store)[:2] == ("report_submitted", "2026-11-21")
    qtbot.mouseClick(dialog.await_button, Qt.MouseButton.LeftButton)
    assert row(store)[0] == "awaiting_recheck" and len(answers["asked"]) == 4


def test_withdraw_asks_first(qtbot, store, paths, settings, answers) -> None:  # noqa: ANN001
    rect = failed_sample_order(store)
    enter_retest(store, rect)
    dialog = dialog_for(qtbot, store, paths, settings, rect.id)
    before = row(store)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert len(answers["asked"]) == 1 and "撤销" in answers["asked"][0]
    assert "2026-09-10" in answers["asked"][0] and "不能撤回" in answers["asked"][0]
    assert row(store) == before and dialog.withdraw_button.isEnabled()

    answers["answer"][0] = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert row(store)[0] == "closed" and row(store)[2]
