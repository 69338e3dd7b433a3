"""The order dialog's red note on an order whose sample passed its 复检 points to the withdrawal
in the same dialog (撤销（复检合格）), not to "your bureau's procedure", which sent the clerk
looking elsewhere for a way to close the order; once withdrawn, the note is gone."""

from __future__ import annotations

import pytest
from failed_orders import enter_retest, failed_sample_order
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Rectification
from qcdesk.models.store import Store


@pytest.fixture
def passed_order(store: Store) -> Rectification:
    rect = failed_sample_order(store)
    enter_retest(store, rect)  # passed on 2026-10-08
    return fetch_record(store, Rectification, rect.id)


def _dialog(qtbot: QtBot, store: Store, paths, settings, rect: Rectification):  # noqa: ANN001, ANN202
    from qcdesk.ui.rectification_dialog import RectificationDialog

    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_note_points_to_the_withdraw_button(qtbot: QtBot, chinese: None, store: Store,
                                                paths, settings,  # noqa: ANN001
                                                passed_order: Rectification) -> None:
    dialog = _dialog(qtbot, store, paths, settings, passed_order)
    note = dialog.retest_note.text()
    assert dialog.retest_note.isVisible()
    assert note == ("复检合格（2026-10-08）：原检验结论不再成立，本整改通知已失去依据。"
                    "请点下方“撤销（复检合格）”撤销本整改通知，无需复查。")
    assert dialog.withdraw_button.text() == "撤销（复检合格）(&W)" and dialog.withdraw_button.isEnabled()
    assert "程序" not in note

    asked: list[str] = []
    with pytest.MonkeyPatch.context() as patch:  # the withdrawal asks first (order_step_confirm): Yes
        patch.setattr(QMessageBox, "question",
                      lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
        dialog.withdraw_button.click()  # the button the note names
    assert len(asked) == 1 and "不能撤回" in asked[0]
    assert fetch_record(store, Rectification, passed_order.id).status == "closed"
    assert not dialog.retest_note.isVisible()  # withdrawn: nothing left to do


def test_the_note_in_english_names_the_button_as_it_reads(qtbot: QtBot, store: Store,
                                                          paths, settings,  # noqa: ANN001
                                                          passed_order: Rectification) -> None:
    dialog = _dialog(qtbot, store, paths, settings, passed_order)
    note = dialog.retest_note.text()
    assert dialog.retest_note.isVisible()
    assert "“Withdraw (re-test passed)” below" in note and "&" not in note
    assert "procedure" not in note
