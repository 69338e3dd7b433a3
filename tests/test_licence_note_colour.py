"""The enterprise file's licence tab: a renewal note that does not block is shown in the warning
colours the forms use for notes, never in the red of an error that refuses the save, even when
another licence on the same tab has such an error."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.forms import ERROR_COLOUR, WARNING_BACKGROUND, WARNING_TEXT


def test_renewal_note_beside_a_check_digit_error_keeps_the_warning_colours(
        qtbot: QtBot, chinese: None, store: Store, paths, settings) -> None:  # noqa: ANN001
    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentIndex(1)  # the licence tab
    soon = (date.today() + timedelta(days=45)).isoformat()  # SC renewal due: a note
    for number, expires in (("SC12345678901234", ""), ("SC11442128100017", soon)):  # check digit
        editor._add_licence_row()
        row = editor.licence_table.rowCount() - 1
        editor.licence_table.item(row, 3).setText(expires)
        editor.licence_table.item(row, 0).setText(number)
    error, note = editor.licence_message, editor.licence_note
    assert error.isVisible() and note.isVisible()
    assert "校验位" in error.text() and soon not in error.text()
    assert soon in note.text() and "校验位" not in note.text()
    assert ERROR_COLOUR in error.styleSheet()
    assert ERROR_COLOUR not in note.styleSheet()
    assert WARNING_TEXT in note.styleSheet() and WARNING_BACKGROUND in note.styleSheet()
    # what the user sees: the note's text is drawn in the warning colour, not in red
    palette = note.palette().color(note.foregroundRole())
    assert palette == QColor(WARNING_TEXT)
    assert editor.licence_table.item(0, 0).background().color() == QColor("#ffcdd2")
    assert editor.licence_table.item(1, 0).background().color() == QColor(WARNING_BACKGROUND)
