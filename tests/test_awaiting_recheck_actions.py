"""An order at 待复查 offers what comes next, recording the re-check (新建复查…), not taking the
report again: 已提交整改报告 was enabled (and the button Enter pressed) on such an order, and
pressing it put the order back to 已提交整改报告 with today's date over the report date already
recorded. The core refuses that step too, so nothing else can take it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_ui_editors import saved_spot_check

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification
from qcdesk.models.rectifications import await_recheck, order_rectification, submit_report
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.rectification_dialog import RectificationDialog

pytestmark = pytest.mark.usefixtures("chinese", "chinese_core_no_boxes")


def awaiting(store: Store) -> Rectification:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    rect = submit_report(store, rect, "2026-04-20", today=date(2026, 4, 21))
    return await_recheck(store, rect)


def row(store: Store) -> tuple:
    return tuple(store.db.execute(
        "SELECT status, report_submitted_on, revision FROM rectification").fetchone())


def test_the_dialog_offers_the_recheck_not_the_report_again(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    rect = awaiting(store)
    before = row(store)
    assert before[:2] == ("awaiting_recheck", "2026-04-20")
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.status_label.text().startswith("待复查")
    assert not dialog.report_button.isEnabled() and not dialog.report_date.isEnabled()
    assert not dialog.await_button.isEnabled() and not dialog.escalate_button.isEnabled()
    assert dialog.new_recheck_button.isEnabled()  # 新建复查…: record the re-check
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # 已提交整改报告(&S)
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    QTest.qWait(200)
    assert row(store) == before


@pytest.mark.parametrize("status", ["open", "report_submitted"])
def test_the_report_is_still_taken_before_the_recheck_is_awaited(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: QSettings, status: str) -> None:
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    if status == "report_submitted":
        rect = submit_report(store, rect, "2026-04-20", today=date(2026, 4, 21))
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.report_button.isEnabled() == (status == "open")
    assert dialog.await_button.isEnabled()


def test_the_core_refuses_the_report_on_an_order_awaiting_its_recheck(store: Store) -> None:
    rect = awaiting(store)
    before = row(store)
    with pytest.raises(ValidationFailed) as refused:
        submit_report(store, rect, "2026-04-25", today=date(2026, 4, 26))
    assert "这项整改目前为“待复查”，不能登记整改报告" in str(refused.value)
    assert row(store) == before
    assert fetch_record(store, Rectification, rect.id).report_submitted_on == "2026-04-20"
