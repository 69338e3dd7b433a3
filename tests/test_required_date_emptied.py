"""An emptied required date is an unfinished entry: no save or order action acts on the old date.

A clerk who emptied the visit date (or an order's date) and pressed Ctrl+S or 保存 without
leaving the field had the OLD date saved silently, believing the new one would be typed later or
that the form would say so. Now the save is refused at the field: the field stays empty with the
cursor in it, the message says the date is required and what to do, nothing is saved. Leaving the
field first still puts the old date back with a note; the save is then refused as for any entry
that was no date (tests/test_required_date_refused.py)."""

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

REQUIRED_ZH = "此日期为必填项，不能留空，因此未保存。"

pytestmark = pytest.mark.usefixtures("no_modal_waits")  # a modal window fails the test, never hangs it


def empty(qtbot: QtBot, field: OptionalDateEdit) -> None:
    """Select the whole date and press Backspace, as a clerk about to type another one."""
    field.setFocus()
    QApplication.processEvents()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == ""


def refused_empty_at(field: OptionalDateEdit, words: str) -> None:
    """Field empty, cursor in it, the message at the field saying the date is required."""
    assert field.text() == ""
    assert QApplication.focusWidget() is field
    message = field.notice()
    assert words in message and "2026-10-15" in message, message
    shown = [label.text() for label in field.parentWidget().findChildren(QLabel) if label.isVisible()]
    note = field.note()
    assert message in shown or (note is not None and note.isVisible() and note.text() == message)


@pytest.mark.parametrize("how", ["ctrl_s", "button", "tab_then_ctrl_s"])
def test_emptied_visit_date_is_refused_at_the_field(
        qtbot: QtBot, chinese: None, store: Store, paths, settings, visit: VisitBundle,  # noqa: ANN001
        how: str) -> None:
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    editor.summary_edit.setPlainText("成品仓库抽样（更正）")
    field = editor.date_edit
    empty(qtbot, field)
    if how == "tab_then_ctrl_s":  # leaving the field puts the old date back and says why
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert field.text() == "2026-03-02"
        assert field.notice().startswith("此日期为必填项，不能留空，此处仍为 2026-03-02。"), field.notice()
    if how == "button":
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    stored = load_visit(store, visit.visit.id).visit
    assert (stored.visit_date, stored.summary) == ("2026-03-02", visit.visit.summary)
    assert editor.isVisible() and editor.is_dirty()
    refused_empty_at(field, REQUIRED_ZH)
    qtbot.keyClicks(field, "2026-03-05")  # the date typed in: it saves
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    stored = load_visit(store, visit.visit.id).visit
    assert (stored.visit_date, stored.summary) == ("2026-03-05", "成品仓库抽样（更正）")
    assert not field.notice()


def test_emptied_order_date_orders_nothing(qtbot: QtBot, store: Store, visit: VisitBundle) -> None:
    dialog = OrderRectificationDialog(store, visit.visit, sample=visit.samples[0], lang="zh")
    qtbot.addWidget(dialog)
    dialog.show()
    kept = dialog.ordered_edit.value()
    empty(qtbot, dialog.ordered_edit)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert store.db.execute("SELECT count(*) FROM rectification").fetchone()[0] == 0
    assert dialog.isVisible() and dialog.created is None
    refused_empty_at(dialog.ordered_edit, "This date is required and is empty, so nothing was saved.")
    qtbot.keyClicks(dialog.ordered_edit, kept)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT ordered_on FROM rectification").fetchall() == [(kept,)]


@pytest.mark.parametrize("field_name", ["report_date", "extend_to_edit", "requested_edit"])
def test_emptied_action_date_records_nothing(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle, field_name: str) -> None:  # noqa: ANN001
    ordered = date.today() - timedelta(days=10)
    rect = order_rectification(store, visit=visit.visit, requirement="整改", ordered_on=ordered.isoformat(),
                               rule_set="aqsiq133", sample=visit.samples[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.report_date.setValue(ordered.isoformat())
    dialog.requested_edit.setValue(ordered.isoformat())
    dialog.reason_edit.setText("设备检修")
    before = tuple(store.db.execute("SELECT * FROM rectification").fetchone())
    field = getattr(dialog, field_name)
    empty(qtbot, field)
    button = dialog.report_button if field_name == "report_date" else dialog.extend_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert tuple(store.db.execute("SELECT * FROM rectification").fetchone()) == before
    refused_empty_at(field, "This date is required and is empty, so nothing was saved.")
