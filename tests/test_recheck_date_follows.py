"""Correcting the date of the re-check that closed an order moves the order's 完成 date with it
(review r2, A4): the visit said 2026-05-10 while the order kept closed_on = the day first saved,
and nothing could correct it. A date before the order (or its report) is refused, saying why."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_editors import open_visit, saved_spot_check, tick

from qcdesk.models.amendments import amend_visit
from qcdesk.models.inspections import load_visit
from qcdesk.models.persistence import update_record
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store

TODAY = date.today().isoformat()


@pytest.fixture(autouse=True)
def yes(monkeypatch: pytest.MonkeyPatch, chinese) -> None:  # noqa: ANN001
    """The save that closes the order asks first (recheck_confirm): answered Yes."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)


def dates(store: Store) -> tuple[str, str]:
    visit = store.db.execute("SELECT visit_date FROM visit WHERE kind = 'recheck'").fetchone()[0]
    return visit, store.db.execute("SELECT closed_on FROM rectification").fetchone()[0]


def closed_today(qtbot, store, paths, settings):  # noqa: ANN001, ANN201 - the editor, saved
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    editor = open_visit(qtbot, store, paths, settings, recheck_of=rect.id)
    tick(editor, "王磊", "李娜")
    editor.outcome_combo.setCurrentIndex(editor.outcome_combo.findData(True))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert dates(store) == (TODAY, TODAY)
    return editor


def test_corrected_recheck_date_moves_closed_on(qtbot, store, paths, settings) -> None:  # noqa: ANN001
    editor = closed_today(qtbot, store, paths, settings)
    editor.date_edit.setDate(QDate(2026, 5, 10))  # the day the re-check was really made
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.status_note.text() == "已保存。"
    assert dates(store) == ("2026-05-10", "2026-05-10")


def test_a_date_before_the_order_is_refused_saying_why(qtbot, store, paths, settings) -> None:  # noqa: ANN001
    editor = closed_today(qtbot, store, paths, settings)
    editor.date_edit.setDate(QDate(2026, 3, 1))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    message = editor.errors.message("visit_date")
    assert "不能改为 2026-03-01" in message and "早于整改下达日期 2026-03-05" in message
    assert dates(store) == (TODAY, TODAY)  # neither changed


def test_an_amended_date_of_a_sent_recheck_moves_closed_on(qtbot, store, paths, settings) -> None:  # noqa: ANN001
    closed_today(qtbot, store, paths, settings)
    visit_id = store.db.execute("SELECT id FROM visit WHERE kind = 'recheck'").fetchone()[0]
    bundle = load_visit(store, visit_id)
    bundle.visit.locked_package = "pkg-2026-12"
    update_record(store, bundle.visit)
    amend_visit(store, visit_id, {"visit_date": "2026-05-10"}, "复查日期录错")
    assert dates(store) == ("2026-05-10", "2026-05-10")
