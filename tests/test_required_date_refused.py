"""The required dates (the visit date, an order's date, the dates of an order's actions) are
corrected in place like the optional ones, and never act on the old date while the entry is
unfinished.

They were QDateEdits: a year half typed over (select 2026, type 202, then 保存 or Tab) went back
silently to the old date and the save stored the old date, while the clerk believed it corrected.
Now the entry stays, the message is at the field, nothing is saved or ordered; a whole date saves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from spot_check_editor import open_editor

from qcdesk.models.inspections import VisitBundle, load_visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.ui.date_field import OptionalDateEdit
from qcdesk.ui.order_dialog import OrderRectificationDialog
from qcdesk.ui.rectification_dialog import RectificationDialog

NOT_SAVED = "is not a whole date, so nothing was saved"
pytestmark = pytest.mark.usefixtures("no_modal_waits")  # a modal window fails the test, never hangs it


def overtype_year(qtbot: QtBot, field: OptionalDateEdit) -> str:
    """Select the year and type 202 over it, as a clerk correcting 2026 to 2025 half way."""
    assert isinstance(field, OptionalDateEdit)
    field.setFocus()
    QApplication.processEvents()
    field.setSelection(0, 4)
    qtbot.keyClicks(field, "202")
    assert field.text().startswith("202-")
    return field.text()


def refused_at(field: OptionalDateEdit, typed: str) -> None:
    """The typed text back in the field with the cursor, the message at the field saying what to do."""
    assert field.text() == typed
    assert QApplication.focusWidget() is field
    message = field.notice()
    assert NOT_SAVED in message and typed in message and "2026-10-15" in message
    shown = [label.text() for label in field.parentWidget().findChildren(QLabel) if label.isVisible()]
    note = field.note()
    assert message in shown or (note is not None and note.isVisible() and note.text() == message)


@pytest.mark.parametrize("then_tab", [False, True])
def test_visit_date_year_overtyped_is_refused_at_the_field(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle, then_tab: bool) -> None:  # noqa: ANN001
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    editor.summary_edit.setPlainText("成品仓库抽样（更正）")
    field = editor.date_edit
    typed = overtype_year(qtbot, field)
    if then_tab:  # left the field first: the entry goes back to the old date, told, and held
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert field.text() == "2026-03-02" and field.notice()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    stored = load_visit(store, visit.visit.id).visit
    assert stored.visit_date == "2026-03-02" and stored.summary == visit.visit.summary
    assert editor.isVisible() and editor.is_dirty()
    refused_at(field, typed)


def test_a_whole_visit_date_typed_over_saves(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle) -> None:  # noqa: ANN001
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    field = editor.date_edit
    overtype_year(qtbot, field)
    qtbot.keyClicks(field, "5")
    assert field.text() == "2025-03-02"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert load_visit(store, visit.visit.id).visit.visit_date == "2025-03-02"
    assert not field.notice()


def test_order_date_year_overtyped_orders_nothing(
        qtbot: QtBot, store: Store, visit: VisitBundle) -> None:
    dialog = OrderRectificationDialog(store, visit.visit, sample=visit.samples[0], lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ordered_edit.setDate(dialog.ordered_edit.date().addDays(-3))
    kept = dialog.ordered_edit.value()
    typed = overtype_year(qtbot, dialog.ordered_edit)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert store.db.execute("SELECT count(*) FROM rectification").fetchone()[0] == 0
    assert dialog.isVisible() and dialog.created is None
    refused_at(dialog.ordered_edit, typed)
    dialog.ordered_edit.selectAll()
    qtbot.keyClicks(dialog.ordered_edit, kept)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT ordered_on FROM rectification").fetchall() == [(kept,)]


def test_report_date_year_overtyped_records_no_report(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle) -> None:  # noqa: ANN001
    ordered = date.today() - timedelta(days=10)
    rect = order_rectification(store, visit=visit.visit, requirement="整改", ordered_on=ordered.isoformat(),
                               rule_set="samr18", sample=visit.samples[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.report_date.setValue(ordered.isoformat())
    typed = overtype_year(qtbot, dialog.report_date)
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    row = store.db.execute("SELECT status, report_submitted_on FROM rectification").fetchone()
    assert tuple(row) == ("open", None)
    refused_at(dialog.report_date, typed)


def test_the_refusal_is_in_chinese_in_the_chinese_ui(
        qtbot: QtBot, chinese: None, store: Store, paths, settings, visit: VisitBundle) -> None:  # noqa: ANN001
    """The required field says what the optional one says (its words are the optional field's)."""
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    field = editor.date_edit
    overtype_year(qtbot, field)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert field.notice().startswith("“202-03-02”不是完整的日期，因此未保存。")
    assert load_visit(store, visit.visit.id).visit.visit_date == "2026-03-02"
