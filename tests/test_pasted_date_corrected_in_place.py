"""A pasted entry that is no date can be corrected in place: Backspace takes off the words around
the date, and digits can be typed into it.

Before (E6's read-through of bf11f33): the date field's validator took a keystroke only when the
whole text afterwards held nothing but date characters. A date copied with its weekday from a
message or a document (2026年11月3日星期二, 2026-11-03（周二）) stood in the field after the
paste, as it should, but every Backspace and every digit typed into it was refused: the clerk
who went back to take off 星期二 saw nothing happen and had to select everything and type the
date again. Now only what a keystroke puts in is judged: a letter typed is still refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from spot_check_editor import open_editor, paste_over

from qcdesk.models.inspections import VisitBundle, load_visit
from qcdesk.models.store import Store

pytestmark = pytest.mark.usefixtures("no_modal_waits")  # a modal window fails the test, never hangs it


@pytest.mark.parametrize("pasted", ["2026年11月3日星期二", "2026-11-03（周二）"])
def test_backspace_takes_the_weekday_off_a_pasted_date_and_it_saves(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle, pasted: str) -> None:  # noqa: ANN001
    editor = open_editor(qtbot, store, paths, settings, visit.visit.id)
    field = editor.date_edit
    paste_over(qtbot, field, pasted)
    assert field.text() == pasted  # it stands, to be judged when the field is left
    date_part = pasted[:pasted.index("日") + 1] if "日" in pasted else pasted[:10]
    field.end(False)
    for _ in range(len(pasted) - len(date_part)):
        qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == date_part and field.value() == "2026-11-03"
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.notice()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert load_visit(store, visit.visit.id).visit.visit_date == "2026-11-03"


def test_backspace_and_digits_correct_a_pasted_entry_and_a_letter_is_still_refused(
        qtbot: QtBot, store: Store, paths, settings, visit: VisitBundle) -> None:  # noqa: ANN001
    field = open_editor(qtbot, store, paths, settings, visit.visit.id).date_edit
    paste_over(qtbot, field, "周二2026-11-0")
    assert field.text() == "周二2026-11-0"
    field.setCursorPosition(1)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # 周 off, the rest still no date
    assert field.text() == "二2026-11-0"
    field.end(False)
    qtbot.keyClick(field, Qt.Key.Key_X)  # a letter typed: refused as before
    assert field.text() == "二2026-11-0"
    qtbot.keyClick(field, Qt.Key.Key_3)  # a digit typed into it: taken
    assert field.text() == "二2026-11-03"
    field.setCursorPosition(1)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "2026-11-03" and field.value() == "2026-11-03"
